import { builder } from '../../builder.js';
import './catalog.types.js';

builder.queryFields((t) => ({
  cities: t.prismaConnection({
    type: 'City',
    cursor: 'id',
    description: 'Cities where masters work, in catalogue order. Public, partner keys included.',
    skipTypeScopes: true,
    defaultSize: 50,
    maxSize: 200,
    resolve: (query, _root, _args, context) =>
      context.prisma.city.findMany({
        ...query,
        where: { isActive: true },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      }),
  }),
  services: t.prismaConnection({
    type: 'Service',
    cursor: 'id',
    description: 'The service catalogue, optionally one category, in catalogue order. Public, partner keys included.',
    skipTypeScopes: true,
    defaultSize: 50,
    maxSize: 200,
    args: {
      category: t.arg.string({ required: false }),
    },
    resolve: (query, _root, args, context) =>
      context.prisma.service.findMany({
        ...query,
        where: { isActive: true, ...(args.category ? { category: args.category } : {}) },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      }),
  }),
}));

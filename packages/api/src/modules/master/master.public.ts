import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import '../catalog/catalog.types.js';
import './master.types.js';
import { AddressVisibilityEnum } from './master.inputs.js';
import { publicMasterWhere } from './master.visibility.js';

/**
 * A master as clients see them. Only public masters load as this type, through `master(id)`
 * and through `node(id)` alike; its id is the one `MasterProfile.id` shows the master.
 */
export const MasterRef = builder.prismaNode('Master', {
  description: 'A master as clients see them.',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id) => ({ id, ...publicMasterWhere }),
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    about: t.exposeString('about', { nullable: true }),
    city: t.relation('city', { nullable: true }),
    address: t.string({
      nullable: true,
      description: 'The full address when the master shows it before booking; otherwise null, and `area` says where.',
      select: { address: true, addressVisibility: true },
      resolve: (master) => (master.addressVisibility === 'FULL' ? master.address : null),
    }),
    area: t.string({
      nullable: true,
      description: 'The area or metro station, when the master shows only that before booking.',
      select: { area: true, addressVisibility: true },
      resolve: (master) => (master.addressVisibility === 'AREA' ? master.area : null),
    }),
    addressVisibility: t.expose('addressVisibility', {
      type: AddressVisibilityEnum,
      description: 'FULL: the address is on the page. AREA: only `area`; the full address comes with the booking.',
    }),
    timeZone: t.string({
      description: "IANA time zone; the master's schedule and local times are in it.",
      resolve: (master) => {
        if (!master.timeZone) throw new Error(`Public master ${master.id} has no time zone.`);
        return master.timeZone;
      },
    }),
    services: t.relation('services', {
      description: 'Services offered now, with their price and duration.',
      query: { where: { isActive: true, archivedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.queryField('master', (t) =>
  t.prismaField({
    type: MasterRef,
    nullable: true,
    description: "A master's public profile. Public. Null for a master clients may not see: a draft, a deactivated or an archived one.",
    args: { id: t.arg.id() },
    validate: z.object({ id: globalIdOf('Master') }),
    resolve: (query, _root, args, context) => context.prisma.master.findFirst({ ...query, where: { id: args.id, ...publicMasterWhere } }),
  }),
);

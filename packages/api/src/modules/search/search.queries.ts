import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { apiError, ErrorCode } from '../../errors.js';
import type { Master, MasterService, Service } from '../../generated/prisma/client.js';
import { globalIdOf } from '../../global-id.js';
import { localDateSchema } from '../../validation.js';
import { recordInterestOfTelegramUser } from '../analytics/interest.service.js';
import { AvailableSlotRef } from '../booking/booking.types.js';
import type { AvailableSlot } from '../booking/slots.service.js';
import { ServiceRef } from '../catalog/catalog.types.js';
import { MoneyRef } from '../catalog/money.types.js';
import { MasterRef } from '../master/master.public.js';
import { MasterServiceRef } from '../master/master.types.js';
import { type MasterSearchCursor, mastersPerService, searchMasters } from './search.service.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 50;

export const SearchMastersFilter = builder.inputType('SearchMastersFilter', {
  description: 'What a client looks for: a catalogue service in a city, optionally by text and a day with free time.',
  fields: (t) => ({
    cityId: t.id({ description: 'A `City` id.' }),
    serviceId: t.id({ description: 'A catalogue `Service` id.' }),
    text: t.string({
      required: false,
      description:
        "Part of the master's name, description, address (as their page shows it) or of their services' names and descriptions, in any case.",
    }),
    date: t.string({
      required: false,
      description:
        "YYYY-MM-DD: only masters with a free start for the service on this date, in each master's own time zone. " +
        "`nextFreeSlot` is then that day's first free start.",
    }),
  }),
});

const searchMastersArgs = z.object({
  filter: z.object({
    cityId: globalIdOf('City'),
    serviceId: globalIdOf('Service'),
    text: z
      .string()
      .trim()
      .max(100, 'At most 100 characters.')
      .nullish()
      .transform((text) => text || undefined),
    date: localDateSchema.nullish().transform((date) => date ?? undefined),
  }),
  first: z.number().int().min(1).max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE}.`).nullish(),
  after: z.string().nullish(),
});

interface SearchEdge {
  cursor: string;
  node: Master;
  offers: MasterService[];
  nextFreeSlot: AvailableSlot | null;
}

/** Edge fields see the edge objects the resolver made; Pothos types them as the plain {cursor, node}. */
const searchEdge = (edge: unknown) => edge as SearchEdge;

/** Cursors are opaque to clients: the name and id of the last master of a page. */
function encodeCursor(cursor: MasterSearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.displayName, cursor.id])).toString('base64url');
}

function decodeCursor(cursor: string): MasterSearchCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const [displayName, id] = value as [string, string];
      if (/^[0-9a-f-]{36}$/i.test(id)) return { displayName, id };
    }
  } catch {
    // reported below like any other cursor that is not ours
  }
  throw apiError(ErrorCode.BAD_USER_INPUT, 'Not a cursor of this search.', { field: 'after' });
}

/** Forward pages only (`first`, `after`): a search is read from the top. */
const MasterSearchConnection = builder.connectionObject(
  { type: MasterRef, name: 'QuerySearchMastersConnection' },
  {
    name: 'QuerySearchMastersConnectionEdge',
    fields: (edge) => ({
      offers: edge.field({
        type: [MasterServiceRef],
        description:
          "The master's services under the searched catalogue service, in their order: names, prices, durations, and " +
          'the ids `availableSlots` takes.',
        resolve: (parent) => searchEdge(parent).offers,
      }),
      priceFrom: edge.field({
        type: MoneyRef,
        description: 'The lowest price among `offers`.',
        resolve: (parent) => {
          const cheapest = searchEdge(parent).offers.reduce((low, offer) => (offer.priceMinor < low.priceMinor ? offer : low));
          return { amountMinor: cheapest.priceMinor, currency: cheapest.currency };
        },
      }),
      nextFreeSlot: edge.field({
        type: AvailableSlotRef,
        nullable: true,
        description: "The first free start of any of `offers`; null when there is none within the master's booking horizon.",
        resolve: (parent) => searchEdge(parent).nextFreeSlot,
      }),
    }),
  },
);

builder.queryField('searchMasters', (t) =>
  t.field({
    type: MasterSearchConnection,
    description:
      'Masters in a city who offer a catalogue service, ordered by name. Public. Only masters clients may see: never ' +
      'drafts, deactivated or archived masters. Each comes with their offer of the service and the next free start. ' +
      'For a client (after `upsertClient`), the search also records their interest in the service in that city.',
    args: {
      filter: t.arg({ type: SearchMastersFilter }),
      first: t.arg.int({ required: false, description: `Page size, ${DEFAULT_PAGE_SIZE} unless given, at most ${MAX_PAGE_SIZE}.` }),
      after: t.arg.string({ required: false, description: "The previous page's `pageInfo.endCursor`." }),
    },
    validate: searchMastersArgs,
    resolve: async (_root, args, context, info) => {
      const { filter } = args;
      const after = args.after ? decodeCursor(args.after) : undefined;
      const now = new Date();
      const { viewer } = context;
      const [page] = await Promise.all([
        searchMasters(
          context.prisma,
          { cityId: filter.cityId, serviceId: filter.serviceId, text: filter.text ?? undefined, date: filter.date ?? undefined },
          { first: args.first ?? DEFAULT_PAGE_SIZE, after },
          now,
          {
            master: queryFromInfo({ context, info, typeName: 'Master', path: ['edges', 'node'] }),
            offer: queryFromInfo({ context, info, typeName: 'MasterService', path: ['edges', 'offers'] }),
          },
        ),
        viewer.kind === 'telegram'
          ? recordInterestOfTelegramUser(context.prisma, {
              telegramId: viewer.telegramId,
              serviceId: filter.serviceId,
              cityId: filter.cityId,
              now,
            })
          : undefined,
      ]);
      const edges: SearchEdge[] = page.hits.map((hit) => ({
        cursor: encodeCursor(hit.cursor),
        node: hit.master,
        offers: hit.offers,
        nextFreeSlot: hit.nextFreeSlot,
      }));
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);

interface ServiceInCity {
  service: Service;
  mastersCount: number;
}

const ServiceInCityRef = builder.objectRef<ServiceInCity>('ServiceInCity').implement({
  description: 'A catalogue service that masters of a city offer, and how many of them.',
  fields: (t) => ({
    service: t.field({ type: ServiceRef, resolve: (entry) => entry.service }),
    mastersCount: t.exposeInt('mastersCount', { description: 'Masters clients may book there who offer it.' }),
  }),
});

builder.queryField('servicesInCity', (t) =>
  t.field({
    type: [ServiceInCityRef],
    description:
      'The catalogue services that masters clients may book offer in a city, in catalogue order, each with the number ' +
      'of such masters: what a search there can find. Public.',
    args: { cityId: t.arg.id({ description: 'A `City` id.' }) },
    validate: z.object({ cityId: globalIdOf('City') }),
    resolve: async (_root, args, context) => {
      const counts = await mastersPerService(context.prisma, args.cityId);
      const services = await context.prisma.service.findMany({
        where: { id: { in: [...counts.keys()] }, isActive: true },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      });
      return services.map((service) => ({ service, mastersCount: counts.get(service.id) ?? 0 }));
    },
  }),
);

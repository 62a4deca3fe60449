import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import type { SegmentFilter } from '../analytics/segments.service.js';
import { SegmentFilterInput, SegmentMemberRef, SegmentSizeRef } from './partner.types.js';
import { pullSegment, pullSegmentSize, type SegmentPageResult } from './segment-pull.service.js';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

const segmentFilter = z.object({
  serviceId: globalIdOf('Service'),
  cityId: globalIdOf('City'),
  kind: z.enum(['BOOKED', 'INTERESTED', 'ANY']),
  activeSince: z.date().nullish(),
  minBookings: z.number().int().min(1).max(10_000).nullish(),
});

/** The filter as validation left it (ids decoded to database ids). */
function filterOf(
  input: Omit<SegmentFilter, 'activeSince' | 'minBookings'> & { activeSince?: Date | null; minBookings?: number | null },
): SegmentFilter {
  return {
    serviceId: input.serviceId,
    cityId: input.cityId,
    kind: input.kind,
    activeSince: input.activeSince ?? undefined,
    minBookings: input.minBookings ?? undefined,
  };
}

const SegmentConnection = builder.connectionObject(
  {
    type: SegmentMemberRef,
    name: 'SegmentConnection',
    fields: (t) => ({
      withheld: t.boolean({
        description: 'The segment is smaller than the minimum cohort size: no members are given out.',
        resolve: (connection) => (connection as unknown as SegmentPageResult).withheld,
      }),
    }),
  },
  { name: 'SegmentEdge' },
);

builder.queryFields((t) => ({
  segment: t.withAuth({ partner: true }).field({
    type: SegmentConnection,
    description:
      'Partners only (`Authorization: Bearer <key>`). Clients of a catalogue service in a city, most recent first, under ' +
      'ids stable for your account. Contact data only for clients who consented to share it. Segments below the ' +
      'minimum cohort size are withheld. A service or city the key was not granted: FORBIDDEN. Every pull is audited.',
    skipTypeScopes: true,
    args: {
      filter: t.arg({ type: SegmentFilterInput }),
      first: t.arg.int({ required: false, description: `Page size, ${DEFAULT_PAGE_SIZE} unless given, at most ${MAX_PAGE_SIZE}.` }),
      after: t.arg.string({ required: false, description: "The previous page's `pageInfo.endCursor`." }),
    },
    validate: z.object({
      filter: segmentFilter,
      first: z.number().int().min(1).max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE}.`).nullish(),
      after: z.string().max(500).nullish(),
    }),
    resolve: async (_root, args, context) => {
      const result = await pullSegment(context.prisma, context.viewer, context.segmentPolicy, filterOf(args.filter), {
        first: args.first ?? DEFAULT_PAGE_SIZE,
        after: args.after ?? undefined,
      });
      return {
        ...result,
        pageInfo: {
          hasNextPage: result.hasNextPage,
          hasPreviousPage: args.after != null,
          startCursor: result.edges[0]?.cursor ?? null,
          endCursor: result.edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),

  segmentSize: t.withAuth({ partner: true }).field({
    type: SegmentSizeRef,
    description: 'Partners only. How many clients `segment` holds for this filter; withheld below the minimum cohort size. Audited.',
    skipTypeScopes: true,
    args: { filter: t.arg({ type: SegmentFilterInput }) },
    validate: z.object({ filter: segmentFilter }),
    resolve: (_root, args, context) => pullSegmentSize(context.prisma, context.viewer, context.segmentPolicy, filterOf(args.filter)),
  }),
}));

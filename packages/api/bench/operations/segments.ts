import { encodeGlobalID } from '@pothos/plugin-relay';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { SegmentKind } from '../../src/modules/analytics/segments.service.js';
import { createPartnerKey } from '../../src/modules/partner/partner-keys.service.js';
import { type BenchContext, BenchError, type Operation, PLAIN_JSON, raw } from '../harness.js';

const PAGE = 100;

const SEGMENT = `
  query Segment($filter: SegmentFilter!, $first: Int) {
    segment(filter: $filter, first: $first) {
      withheld
      edges { node { id bookingsCount lastBookedAt firstSeenAt lastSeenAt contact { name phone preferredChannels } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface Member {
  bookingsCount: number;
  lastBookedAt: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);
const normalise = (members: Member[]) => members.map((m) => [m.bookingsCount, iso(m.lastBookedAt), iso(m.firstSeenAt), iso(m.lastSeenAt)]);

/**
 * A partner's segment page of 100 (what `npm run bench:segments` measured): through the API with
 * a key (its check and audit row included) and the same SQL (segmentPageSql) in the baseline.
 * Member ids are pseudonyms per partner, so results compare by counts and times, in order.
 */
export async function segmentOperations(context: BenchContext, prisma: PrismaClient): Promise<Operation[]> {
  const cities = (await context.db.query<{ id: string }>(`SELECT id FROM cities ORDER BY position`)).rows.map((row) => row.id);
  const services = (await context.db.query<{ id: string }>(`SELECT id FROM services ORDER BY position`)).rows.map((row) => row.id);
  const { key } = await createPartnerKey(prisma, {
    partnerName: `bench ${Date.now()}`,
    cityIds: cities,
    serviceIds: services,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const kinds: SegmentKind[] = ['BOOKED', 'INTERESTED', 'ANY'];
  return kinds.map((kind) => {
    const filter = (i: number) => ({ serviceId: services[(i * 7) % services.length]!, cityId: cities[(i * 3) % cities.length]!, kind });
    return {
      name: `segment.${kind}`,
      concurrencies: [1],
      same: true,
      async api(i) {
        const { serviceId, cityId } = filter(i);
        const response = await fetch(`${context.apiUrl}/graphql`, {
          method: 'POST',
          headers: { ...PLAIN_JSON, authorization: `Bearer ${key}` },
          body: JSON.stringify({
            query: SEGMENT,
            variables: {
              filter: { serviceId: encodeGlobalID('Service', serviceId), cityId: encodeGlobalID('City', cityId), kind },
              first: PAGE,
            },
          }),
        });
        const body = (await response.json()) as { data?: { segment: { edges: { node: Member }[] } }; errors?: unknown[] };
        if (!body.data) throw new BenchError(`API ${response.status}: ${JSON.stringify(body.errors)}`);
        return normalise(body.data.segment.edges.map((edge) => edge.node));
      },
      async raw(i) {
        const rows = await raw<
          { bookings_count: number; last_booked_at: string | null; first_seen_at: string | null; last_seen_at: string | null }[]
        >(context, '/segment', { ...filter(i), first: PAGE });
        return normalise(
          rows.map((row) => ({
            bookingsCount: row.bookings_count,
            lastBookedAt: row.last_booked_at,
            firstSeenAt: row.first_seen_at,
            lastSeenAt: row.last_seen_at,
          })),
        );
      },
    };
  });
}

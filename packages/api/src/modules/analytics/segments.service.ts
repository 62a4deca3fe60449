import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client.js';
import { ContactChannel } from '../../generated/prisma/enums.js';

/**
 * Segments: the clients of a catalogue service in a city, read from the aggregate tables
 * (client_service_stats, client_service_interest) through their (service, city, recency)
 * indexes. Erased clients are never members; contact data comes only with a consent to
 * share it with partners that is in force, decided in the query itself, so nothing
 * personal leaves the database without it.
 *
 * Kinds and their recency (the order, most recent first, then client id):
 * - BOOKED: clients with bookings of the service in the city that are not cancelled
 *   (a stats row exists only while bookings_count ≥ 1) — by last_booked_at.
 * - INTERESTED: clients who looked at the service there and have no such booking — by
 *   last_seen_at.
 * - ANY: both — by the later of last_booked_at and last_seen_at.
 * `activeSince` keeps members whose recency is at or after it; `minBookings` keeps
 * members with at least that many bookings (so it leaves only booked clients).
 */

export type SegmentKind = 'BOOKED' | 'INTERESTED' | 'ANY';

export interface SegmentFilter {
  /** Database ids. */
  serviceId: string;
  cityId: string;
  kind: SegmentKind;
  activeSince?: Date;
  minBookings?: number;
}

/** Where a page starts: after the member with this recency and client id. */
export interface SegmentPosition {
  recency: Date;
  clientId: string;
}

export interface SegmentContact {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  preferredChannels: ContactChannel[];
}

export interface SegmentMemberRow {
  clientId: string;
  bookingsCount: number;
  lastBookedAt: Date | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  recency: Date;
  /** Null without a consent in force. */
  contact: SegmentContact | null;
}

/** A row of `segmentPageSql`. */
export const memberColumns = z.object({
  client_id: z.string(),
  bookings_count: z.number().int(),
  last_booked_at: z.date().nullable(),
  first_seen_at: z.date().nullable(),
  last_seen_at: z.date().nullable(),
  recency: z.date(),
  consented: z.boolean(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  preferred_channels: z.array(z.enum(ContactChannel)).nullable(),
});

/** A member as the rest of the code sees it; the contact only with a consent in force. */
export function memberOf(row: z.infer<typeof memberColumns>): SegmentMemberRow {
  return {
    clientId: row.client_id,
    bookingsCount: row.bookings_count,
    lastBookedAt: row.last_booked_at,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    recency: row.recency,
    contact: row.consented
      ? {
          firstName: row.first_name,
          lastName: row.last_name,
          phone: row.phone,
          preferredChannels: row.preferred_channels ?? [],
        }
      : null,
  };
}

/**
 * The members as one row source: (client_id, bookings_count, last_booked_at,
 * first_seen_at, last_seen_at, recency) of non-erased clients matching the filter. BOOKED
 * and INTERESTED walk one index in recency order, so a page reads about a page of rows;
 * ANY joins both tables of the service and city.
 */
function membersSource(filter: SegmentFilter): Prisma.Sql {
  const { serviceId, cityId, activeSince, minBookings } = filter;
  // Conditions only when asked for, so that the plans stay index scans.
  const since = (column: Prisma.Sql) => (activeSince ? Prisma.sql`AND ${column} >= ${activeSince}::timestamptz` : Prisma.empty);
  const atLeast = (column: Prisma.Sql) => (minBookings ? Prisma.sql`AND ${column} >= ${minBookings}` : Prisma.empty);
  // Erased clients are few: an anti-join against them (a partial index) beats a look at every member.
  const notErased = Prisma.sql`NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = m.client_id AND c.erased_at IS NOT NULL)`;
  switch (filter.kind) {
    case 'BOOKED':
      return Prisma.sql`
        SELECT m.* FROM (
          SELECT s.client_id, s.bookings_count, s.last_booked_at, i.first_seen_at, i.last_seen_at,
                 s.last_booked_at AS recency
          FROM client_service_stats s
          LEFT JOIN client_service_interest i
            ON i.client_id = s.client_id AND i.service_id = s.service_id AND i.city_id = s.city_id
          WHERE s.service_id = ${serviceId}::uuid AND s.city_id = ${cityId}::uuid
            ${atLeast(Prisma.sql`s.bookings_count`)} ${since(Prisma.sql`s.last_booked_at`)}
        ) m WHERE ${notErased}`;
    case 'INTERESTED':
      // Interest without a booking has no bookings to count: a minimum leaves nobody.
      return Prisma.sql`
        SELECT m.* FROM (
          SELECT i.client_id, 0 AS bookings_count, NULL::timestamptz AS last_booked_at, i.first_seen_at,
                 i.last_seen_at, i.last_seen_at AS recency
          FROM client_service_interest i
          WHERE i.service_id = ${serviceId}::uuid AND i.city_id = ${cityId}::uuid
            ${minBookings ? Prisma.sql`AND false` : Prisma.empty} ${since(Prisma.sql`i.last_seen_at`)}
            AND NOT EXISTS (
              SELECT 1 FROM client_service_stats s
              WHERE s.client_id = i.client_id AND s.service_id = i.service_id AND s.city_id = i.city_id)
        ) m WHERE ${notErased}`;
    case 'ANY':
      return Prisma.sql`
        SELECT m.* FROM (
          SELECT COALESCE(s.client_id, i.client_id) AS client_id, COALESCE(s.bookings_count, 0) AS bookings_count,
                 s.last_booked_at, i.first_seen_at, i.last_seen_at,
                 GREATEST(s.last_booked_at, i.last_seen_at) AS recency
          FROM (SELECT * FROM client_service_stats WHERE service_id = ${serviceId}::uuid AND city_id = ${cityId}::uuid) s
          FULL JOIN (SELECT * FROM client_service_interest WHERE service_id = ${serviceId}::uuid AND city_id = ${cityId}::uuid) i
            ON i.client_id = s.client_id
        ) m
        WHERE ${notErased} ${atLeast(Prisma.sql`m.bookings_count`)} ${since(Prisma.sql`m.recency`)}`;
  }
}

/** The SQL of one page of members; exported so the benchmark runs exactly what the API runs. */
export function segmentPageSql(filter: SegmentFilter, take: number, after?: SegmentPosition): Prisma.Sql {
  const afterCondition = after
    ? Prisma.sql`WHERE m.recency < ${after.recency} OR (m.recency = ${after.recency} AND m.client_id > ${after.clientId}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT m.client_id, m.bookings_count, m.last_booked_at, m.first_seen_at, m.last_seen_at, m.recency,
           consent.granted IS NOT NULL AS consented,
           CASE WHEN consent.granted THEN c.first_name END AS first_name,
           CASE WHEN consent.granted THEN c.last_name END AS last_name,
           CASE WHEN consent.granted THEN c.phone END AS phone,
           CASE WHEN consent.granted THEN c.preferred_channels::text[] END AS preferred_channels
    FROM (
      SELECT m.* FROM (${membersSource(filter)}) m
      ${afterCondition}
      ORDER BY m.recency DESC, m.client_id
      LIMIT ${take}
    ) m
    JOIN clients c ON c.id = m.client_id
    LEFT JOIN LATERAL (
      SELECT true AS granted FROM client_consents cc
      WHERE cc.client_id = m.client_id AND cc.kind = 'SHARE_CONTACT_WITH_PARTNERS' AND cc.withdrawn_at IS NULL
      LIMIT 1
    ) consent ON true
    ORDER BY m.recency DESC, m.client_id`;
}

/** The SQL of the segment's size, counting at most `cap` members when given. */
export function segmentSizeSql(filter: SegmentFilter, cap?: number): Prisma.Sql {
  const limit = cap === undefined ? Prisma.empty : Prisma.sql`LIMIT ${cap}`;
  return Prisma.sql`SELECT count(*)::int AS size FROM (SELECT 1 FROM (${membersSource(filter)}) m ${limit}) counted`;
}

import { z } from 'zod';
import { apiError, ErrorCode, unauthenticated } from '../../errors.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import {
  memberColumns,
  memberOf,
  type SegmentContact,
  type SegmentFilter,
  segmentPageSql,
  segmentSizeSql,
} from '../analytics/segments.service.js';
import { forgetPartnerKey, KEY_REFUSED, keyInForceSql, type PartnerViewer } from './partner-keys.service.js';
import { decodeSegmentCursor, pseudonymousId, segmentCursorEncoder } from './pseudonym.js';

/** A member of a segment as a partner receives it. */
export interface SegmentMember {
  id: string;
  bookingsCount: number;
  lastBookedAt: Date | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  contact: SegmentContact | null;
}

export interface SegmentSize {
  size: number | null;
  withheld: boolean;
  minimumCohortSize: number;
}

/**
 * A partner's pulls: inside the key's scope, withheld below the minimum cohort size, and
 * each one audited (segment_pulls) with what it gave out. A pull is one statement that reads
 * and writes its audit row together: nothing is given out without its row, no row tells of a
 * pull that failed, and a pull costs one round trip to the database. The statement also checks
 * that the key is still in force (it is verified from memory, and may have been revoked since):
 * without it the statement writes and returns nothing, and the pull is refused as the key would be.
 */

export interface SegmentPolicy {
  /** Smaller segments are withheld: their size and members are not given out. */
  minimumCohortSize: number;
}

export interface SegmentPageResult {
  edges: { cursor: string; node: SegmentMember }[];
  hasNextPage: boolean;
  withheld: boolean;
}

/** FORBIDDEN, before anything is read, for a service or city the key was not granted. */
function checkScope(partner: PartnerViewer, filter: SegmentFilter) {
  const outside = [
    ...(partner.serviceIds.includes(filter.serviceId) ? [] : ['serviceId']),
    ...(partner.cityIds.includes(filter.cityId) ? [] : ['cityId']),
  ];
  if (outside.length > 0) {
    throw apiError(ErrorCode.FORBIDDEN, 'This key was not granted that service or city.', { outOfScope: outside });
  }
}

function checkFilter(filter: SegmentFilter) {
  if (filter.kind === 'INTERESTED' && (filter.minBookings ?? 0) > 0) {
    throw apiError(ErrorCode.BAD_USER_INPUT, 'Interested clients have no bookings: drop minBookings or ask for BOOKED.', {
      fields: [{ path: 'filter.minBookings', message: 'Not with kind INTERESTED.' }],
    });
  }
}

function auditedFilter(filter: SegmentFilter) {
  return {
    serviceId: filter.serviceId,
    cityId: filter.cityId,
    kind: filter.kind,
    activeSince: filter.activeSince?.toISOString() ?? null,
    minBookings: filter.minBookings ?? null,
  };
}

/** The audit row's first columns, in the order of `AUDIT_COLUMNS`. */
function auditValues(partner: PartnerViewer, operation: 'segment' | 'segmentSize', filter: object): Prisma.Sql {
  return Prisma.sql`${partner.partnerId}::uuid, ${partner.keyId}::uuid, ${partner.keyPrefix}, ${operation}, ${JSON.stringify(filter)}::jsonb`;
}

const AUDIT_COLUMNS = Prisma.raw(
  'segment_pulls (partner_id, key_id, key_prefix, operation, filter, members_count, contacts_count, withheld)',
);

const verdictRow = z.object({ withheld: z.boolean() });
const sizeRow = z.object({ size: z.number().int(), withheld: z.boolean() });

/** The answer when the pull's statement found the key no longer in force. */
function keyRefused(partner: PartnerViewer) {
  forgetPartnerKey(partner.keyPrefix);
  return unauthenticated(KEY_REFUSED);
}

export async function pullSegment(
  prisma: PrismaClient,
  partner: PartnerViewer,
  policy: SegmentPolicy,
  filter: SegmentFilter,
  page: { first: number; after?: string },
  now = new Date(),
): Promise<SegmentPageResult> {
  checkScope(partner, filter);
  checkFilter(filter);
  const after = page.after === undefined ? undefined : decodeSegmentCursor(partner.pseudonymKey, page.after);
  if (after === null) {
    throw apiError(ErrorCode.BAD_USER_INPUT, 'Not a cursor of this segment.', { fields: [{ path: 'after', message: 'Unknown cursor.' }] });
  }

  const { minimumCohortSize } = policy;
  // A first page tells the size itself unless it is both full and smaller than the minimum.
  const cohort =
    after || page.first + 1 < minimumCohortSize
      ? Prisma.sql`(SELECT size FROM (${segmentSizeSql(filter, minimumCohortSize)}) cohort)`
      : Prisma.sql`(SELECT count(*)::int FROM page)`;
  const audited = { ...auditedFilter(filter), first: page.first, after: page.after !== undefined };
  // The page (one row more, for hasNextPage), whether it is withheld, and its audit row; a
  // withheld page leaves the database as one row without a member.
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    WITH page AS (${segmentPageSql(filter, page.first + 1, after)}),
    shown AS (SELECT consented FROM page ORDER BY recency DESC, client_id LIMIT ${page.first}),
    verdict AS (SELECT ${cohort} < ${minimumCohortSize} AS withheld),
    audit AS (
      INSERT INTO ${AUDIT_COLUMNS}
      SELECT ${auditValues(partner, 'segment', audited)},
             CASE WHEN verdict.withheld THEN 0 ELSE counts.members END,
             CASE WHEN verdict.withheld THEN 0 ELSE counts.contacts END,
             verdict.withheld
      FROM verdict, (SELECT count(*)::int AS members, (count(*) FILTER (WHERE consented))::int AS contacts FROM shown) counts
      WHERE ${keyInForceSql(partner.keyId, now)}
      RETURNING withheld
    )
    SELECT audit.withheld, page.* FROM audit LEFT JOIN page ON NOT audit.withheld
    ORDER BY page.recency DESC, page.client_id`;
  if (rows.length === 0) throw keyRefused(partner);
  const { withheld } = verdictRow.parse(rows[0]);
  const members = z
    .array(memberColumns)
    .parse(rows.filter((row) => row.client_id !== null))
    .map(memberOf);
  const shown = members.slice(0, page.first);
  const encodeCursor = segmentCursorEncoder(partner.pseudonymKey);
  const edges = shown.map((row) => ({
    // Encrypting a cursor costs more than the rest of a member: only when asked for.
    get cursor() {
      return encodeCursor({ recency: row.recency, clientId: row.clientId });
    },
    node: {
      id: pseudonymousId(partner.pseudonymKey, row.clientId),
      bookingsCount: row.bookingsCount,
      lastBookedAt: row.lastBookedAt,
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
      contact: row.contact,
    },
  }));
  return { edges, hasNextPage: members.length > page.first, withheld };
}

export async function pullSegmentSize(
  prisma: PrismaClient,
  partner: PartnerViewer,
  policy: SegmentPolicy,
  filter: SegmentFilter,
  now = new Date(),
): Promise<SegmentSize> {
  checkScope(partner, filter);
  checkFilter(filter);
  const [row] = await prisma.$queryRaw<unknown[]>`
    WITH counted AS (${segmentSizeSql(filter)}),
    audit AS (
      INSERT INTO ${AUDIT_COLUMNS}
      SELECT ${auditValues(partner, 'segmentSize', auditedFilter(filter))}, 0, 0, counted.size < ${policy.minimumCohortSize}
      FROM counted
      WHERE ${keyInForceSql(partner.keyId, now)}
      RETURNING withheld
    )
    SELECT counted.size, audit.withheld FROM counted, audit`;
  if (row === undefined) throw keyRefused(partner);
  const { size, withheld } = sizeRow.parse(row);
  return { size: withheld ? null : size, withheld, minimumCohortSize: policy.minimumCohortSize };
}

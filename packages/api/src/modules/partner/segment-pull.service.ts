import { apiError, ErrorCode } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { type SegmentContact, type SegmentFilter, segmentPage, segmentSize } from '../analytics/segments.service.js';
import type { PartnerViewer } from './partner-keys.service.js';
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
 * each one audited (segment_pulls) with what it gave out.
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

export async function pullSegment(
  prisma: PrismaClient,
  partner: PartnerViewer,
  policy: SegmentPolicy,
  filter: SegmentFilter,
  page: { first: number; after?: string },
): Promise<SegmentPageResult> {
  checkScope(partner, filter);
  checkFilter(filter);
  const after = page.after === undefined ? undefined : decodeSegmentCursor(partner.pseudonymKey, page.after);
  if (after === null) {
    throw apiError(ErrorCode.BAD_USER_INPUT, 'Not a cursor of this segment.', { fields: [{ path: 'after', message: 'Unknown cursor.' }] });
  }

  const { minimumCohortSize } = policy;
  const [pageRows, cohort] = await Promise.all([
    segmentPage(prisma, filter, page.first + 1, after),
    // A first page tells the size itself unless it is both full and smaller than the minimum.
    after || page.first + 1 < minimumCohortSize ? segmentSize(prisma, filter, minimumCohortSize) : undefined,
  ]);
  const withheld = (cohort ?? pageRows.length) < minimumCohortSize;
  const rows = withheld ? [] : pageRows;
  const shown = rows.slice(0, page.first);
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
  await prisma.segmentPull.create({
    data: {
      partnerId: partner.partnerId,
      keyId: partner.keyId,
      keyPrefix: partner.keyPrefix,
      operation: 'segment',
      filter: { ...auditedFilter(filter), first: page.first, after: page.after !== undefined },
      membersCount: edges.length,
      contactsCount: edges.filter((edge) => edge.node.contact !== null).length,
      withheld,
    },
  });
  return { edges, hasNextPage: rows.length > page.first, withheld };
}

export async function pullSegmentSize(
  prisma: PrismaClient,
  partner: PartnerViewer,
  policy: SegmentPolicy,
  filter: SegmentFilter,
): Promise<SegmentSize> {
  checkScope(partner, filter);
  checkFilter(filter);
  const size = await segmentSize(prisma, filter);
  const withheld = size < policy.minimumCohortSize;
  await prisma.segmentPull.create({
    data: {
      partnerId: partner.partnerId,
      keyId: partner.keyId,
      keyPrefix: partner.keyPrefix,
      operation: 'segmentSize',
      filter: auditedFilter(filter),
      membersCount: 0,
      contactsCount: 0,
      withheld,
    },
  });
  return { size: withheld ? null : size, withheld, minimumCohortSize: policy.minimumCohortSize };
}

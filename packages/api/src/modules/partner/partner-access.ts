import type { Logger } from 'pino';
import { unauthenticated } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RateLimitStore } from '../../rate-limits.js';
import { authenticatePartnerKey, KEY_REFUSED, PartnerKeyError, type PartnerViewer } from './partner-keys.service.js';
import type { SegmentPolicy } from './segment-pull.service.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Whether an Authorization header presents a partner key (`Bearer <key>`). */
export function isPartnerAuthorization(authorization: string | null): authorization is string {
  return authorization !== null && BEARER.test(authorization.trim());
}

export interface PartnerAccess {
  /** The partner behind `Bearer <key>`: UNAUTHENTICATED for a key that is not in force, RATE_LIMITED over the limit. */
  authenticate(authorization: string): Promise<PartnerViewer>;
  policy: SegmentPolicy;
}

export interface PartnerAccessOptions {
  prisma: PrismaClient;
  log: Logger;
  /** Where the counters live: shared by every API instance on the database. */
  rateLimits: RateLimitStore;
  /** Requests one key may make a minute, all instances together. */
  requestsPerMinute: number;
  minimumCohortSize: number;
}

export function createPartnerAccess(options: PartnerAccessOptions): PartnerAccess {
  const limit = options.rateLimits.limit('partner-key', options.requestsPerMinute, 'Too many requests with this key; try again later.');
  return {
    policy: { minimumCohortSize: options.minimumCohortSize },
    async authenticate(authorization) {
      const key = BEARER.exec(authorization.trim())?.[1] ?? '';
      let partner: PartnerViewer;
      try {
        partner = await authenticatePartnerKey(options.prisma, key);
      } catch (error) {
        if (!(error instanceof PartnerKeyError)) throw error;
        options.log.info({ reason: error.reason, keyPrefix: key.slice(0, 12) }, 'partner key rejected');
        throw unauthenticated(KEY_REFUSED);
      }
      await limit.consume(partner.keyId);
      return partner;
    },
  };
}

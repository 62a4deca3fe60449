import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { apiError, ErrorCode, unauthenticated } from '../../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { authenticatePartnerKey, PartnerKeyError, type PartnerViewer } from './partner-keys.service.js';
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
  /** Requests one key may make a minute (in this API instance). */
  requestsPerMinute: number;
  minimumCohortSize: number;
}

export function createPartnerAccess(options: PartnerAccessOptions): PartnerAccess {
  const limiter = new RateLimiterMemory({ keyPrefix: 'partner-key', points: options.requestsPerMinute, duration: 60 });
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
        throw unauthenticated('Unknown, revoked or expired partner key.');
      }
      try {
        await limiter.consume(partner.keyId);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.ceil(rejection.msBeforeNext / 1000);
        throw apiError(ErrorCode.RATE_LIMITED, 'Too many requests with this key; try again later.', { retryAfterSeconds });
      }
      return partner;
    },
  };
}

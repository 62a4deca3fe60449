import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Env } from '../../env.js';
import { apiError, ErrorCode, rateLimited } from '../../errors.js';
import type { PhoneVerificationMethod, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { OtpDelivery } from '../../generated/prisma/enums.js';
import { retryingTransaction } from '../../transactions.js';
import { markStep } from '../master/onboarding-steps.js';
import type { OtpSender } from './otp-sender.js';

type Tx = Prisma.TransactionClient;

/**
 * The rules of phone verification codes. Limits are counted from `phone_verifications`
 * rows, never from process memory, so they hold across API instances.
 */
export const OTP_RULES = {
  codeLength: 6,
  ttlSeconds: 5 * 60,
  /** Guesses per code, the right one included; then the code is dead. */
  maxAttempts: 5,
  /** Between two codes for the same user and number. */
  resendCooldownSeconds: 60,
  /** Codes one Telegram user may request per hour, whatever the numbers. */
  codesPerUserPerHour: 5,
  /**
   * Codes one number may receive per hour, whoever asks. Above the per-user limit, so that
   * a single account cannot lock someone else's number out by spending its own allowance.
   */
  codesPerNumberPerHour: 10,
} as const;

const HOUR_MS = 60 * 60 * 1000;

/**
 * The HMAC key outside production when OTP_SECRET is unset. Fixed and public on purpose:
 * development codes are written to the log anyway, and a fixed key keeps codes valid across
 * the restarts of `npm run dev`. Production refuses to start without OTP_SECRET.
 */
export const DEVELOPMENT_OTP_SECRET = 'zapis-development-otp-secret-never-used-in-production';

export function resolveOtpSecret(env: Pick<Env, 'OTP_SECRET' | 'isProduction'>): string {
  if (env.OTP_SECRET) return env.OTP_SECRET;
  if (env.isProduction) throw new Error('Invalid configuration:\n  OTP_SECRET: required when NODE_ENV=production');
  return DEVELOPMENT_OTP_SECRET;
}

function generateCode(): string {
  return String(randomInt(0, 10 ** OTP_RULES.codeLength)).padStart(OTP_RULES.codeLength, '0');
}

interface CodeBinding {
  id: string;
  telegramId: bigint;
  phone: string;
}

/**
 * Only this HMAC is stored. Keyed by a server secret, because a million six-digit codes
 * are hashed in no time: without the key, whoever reads the table reads the codes. The
 * row id, user and number are part of the message, so a hash fits only its own row.
 */
function hashCode(secret: string, binding: CodeBinding, code: string): string {
  return createHmac('sha256', secret).update(`${binding.id}:${binding.telegramId}:${binding.phone}:${code}`).digest('hex');
}

function codeMatches(secret: string, verification: CodeBinding & { codeHash: string }, code: string): boolean {
  const expected = Buffer.from(verification.codeHash, 'hex');
  const actual = Buffer.from(hashCode(secret, verification, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export type RateLimitReason = 'RESEND_COOLDOWN' | 'USER_HOURLY_LIMIT' | 'NUMBER_HOURLY_LIMIT';

interface RecentRequests {
  /** This user's codes of the last hour, newest first. */
  byUser: { phone: string; createdAt: Date }[];
  /** This number's codes of the last hour (any user), newest first, as many as the limit needs. */
  byNumber: Date[];
}

/** The earliest moment a new code for `phone` may be requested, and the rule that sets it. */
function nextRequestAllowed(recent: RecentRequests, phone: string): { at: Date; reason: RateLimitReason } | null {
  const candidates: { at: Date; reason: RateLimitReason }[] = [];
  const lastForNumber = recent.byUser.find((request) => request.phone === phone);
  if (lastForNumber) {
    candidates.push({
      at: new Date(lastForNumber.createdAt.getTime() + OTP_RULES.resendCooldownSeconds * 1000),
      reason: 'RESEND_COOLDOWN',
    });
  }
  const userLimitHit = recent.byUser[OTP_RULES.codesPerUserPerHour - 1];
  if (userLimitHit) candidates.push({ at: new Date(userLimitHit.createdAt.getTime() + HOUR_MS), reason: 'USER_HOURLY_LIMIT' });
  const numberLimitHit = recent.byNumber[OTP_RULES.codesPerNumberPerHour - 1];
  if (numberLimitHit) candidates.push({ at: new Date(numberLimitHit.getTime() + HOUR_MS), reason: 'NUMBER_HOURLY_LIMIT' });
  return candidates.reduce<{ at: Date; reason: RateLimitReason } | null>(
    (latest, candidate) => (latest === null || candidate.at > latest.at ? candidate : latest),
    null,
  );
}

const rateLimitMessages: Record<RateLimitReason, string> = {
  RESEND_COOLDOWN: 'A code was just sent to this number. Wait before asking for another.',
  USER_HOURLY_LIMIT: 'Too many codes requested. Try again later.',
  NUMBER_HOURLY_LIMIT: 'Too many codes were sent to this number. Try again later.',
};

function codeRequestLimited(limit: { at: Date; reason: RateLimitReason }, now: Date) {
  return rateLimited(rateLimitMessages[limit.reason], Math.max(1, Math.ceil((limit.at.getTime() - now.getTime()) / 1000)), {
    reason: limit.reason,
    retryAt: limit.at.toISOString(),
  });
}

/**
 * Requests for the same user, and for the same number, take turns: two API instances
 * cannot both see "no recent code" and both send one. Always user first, then number,
 * so that two transactions never wait for each other in a circle.
 */
async function lockRequestsOf(tx: Tx, telegramId: bigint, phone: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`phone-otp:user:${telegramId}`}, 0))`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`phone-otp:number:${phone}`}, 0))`;
}

async function recentRequestsOf(tx: Tx, telegramId: bigint, phone: string, now: Date): Promise<RecentRequests> {
  const since = new Date(now.getTime() - HOUR_MS);
  const [byUser, byNumber] = await Promise.all([
    tx.phoneVerification.findMany({
      where: { telegramId, createdAt: { gt: since } },
      select: { phone: true, createdAt: true },
      orderBy: { createdAt: 'desc' },
    }),
    tx.phoneVerification.findMany({
      where: { phone, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: 'desc' },
      take: OTP_RULES.codesPerNumberPerHour,
    }),
  ]);
  return { byUser, byNumber: byNumber.map((row) => row.createdAt) };
}

export interface PhoneOtpRequest {
  /** E.164 */
  phone: string;
  expiresAt: Date;
  /** When the next code for this number may be asked for (cooldown and hourly limits). */
  resendAvailableAt: Date;
  delivery: OtpDelivery;
}

export interface RequestPhoneOtpInput {
  masterId: string;
  telegramId: bigint;
  /** E.164, already normalised. */
  phone: string;
  now: Date;
  secret: string;
}

/**
 * Sends a new code to `phone` for this user. The row is written before the code goes out,
 * so that a concurrent request sees it; if delivery fails the row is removed again —
 * nothing reached anyone, so nothing counts against the limits and the user may retry.
 */
export async function requestPhoneOtp(
  prisma: PrismaClient,
  sender: OtpSender,
  { masterId, telegramId, phone, now, secret }: RequestPhoneOtpInput,
): Promise<PhoneOtpRequest> {
  const id = randomUUID();
  const code = generateCode();
  const expiresAt = new Date(now.getTime() + OTP_RULES.ttlSeconds * 1000);

  const resendAvailableAt = await retryingTransaction(prisma, async (tx) => {
    await lockRequestsOf(tx, telegramId, phone);
    const recent = await recentRequestsOf(tx, telegramId, phone, now);
    const limit = nextRequestAllowed(recent, phone);
    if (limit && limit.at > now) throw codeRequestLimited(limit, now);

    await tx.phoneVerification.create({
      data: {
        id,
        telegramId,
        phone,
        codeHash: hashCode(secret, { id, telegramId, phone }, code),
        delivery: sender.delivery,
        expiresAt,
        createdAt: now,
      },
    });
    await tx.master.update({ where: { id: masterId }, data: { lastActivityAt: now } });
    const withThisOne = {
      byUser: [{ phone, createdAt: now }, ...recent.byUser],
      byNumber: [now, ...recent.byNumber],
    };
    return nextRequestAllowed(withThisOne, phone)!.at;
  });

  let deliveryRef: string | undefined;
  try {
    ({ deliveryRef } = await sender.send(phone, code, { ttlSeconds: OTP_RULES.ttlSeconds }));
  } catch (error) {
    await prisma.phoneVerification.deleteMany({ where: { id } });
    throw error;
  }
  if (deliveryRef) await prisma.phoneVerification.update({ where: { id }, data: { deliveryRef } });
  return { phone, expiresAt, resendAvailableAt, delivery: sender.delivery };
}

export type CodeRefusal = 'NO_CODE' | 'CODE_USED' | 'CODE_EXPIRED' | 'TOO_MANY_ATTEMPTS' | 'WRONG_CODE';

function codeRefused(reason: CodeRefusal, message: string, extensions: Record<string, unknown> = {}) {
  const code = reason === 'TOO_MANY_ATTEMPTS' ? ErrorCode.RATE_LIMITED : ErrorCode.BAD_USER_INPUT;
  return apiError(code, message, { reason, ...extensions, fields: [{ path: 'code', message }] });
}

/** Why a code that could not take another guess is refused. */
function unusable(verification: { verifiedAt: Date | null; attempts: number; expiresAt: Date }, now: Date) {
  if (verification.verifiedAt) return codeRefused('CODE_USED', 'This code has already been used. Request a new one.');
  if (verification.attempts >= OTP_RULES.maxAttempts) {
    return codeRefused('TOO_MANY_ATTEMPTS', 'Too many wrong codes. Request a new one.', { attemptsLeft: 0 });
  }
  if (verification.expiresAt <= now) return codeRefused('CODE_EXPIRED', 'The code has expired. Request a new one.');
  return codeRefused('CODE_USED', 'This code can no longer be used. Request a new one.');
}

export interface VerifyPhoneOtpInput {
  masterId: string;
  telegramId: bigint;
  /** E.164, already normalised. */
  phone: string;
  code: string;
  now: Date;
  secret: string;
}

/**
 * Checks a code against the latest one sent to this user for this number (a newer code
 * replaces older ones). Every guess, right or wrong, first takes one attempt in a single
 * conditional UPDATE, so concurrent guesses can never exceed the limit.
 */
export async function verifyPhoneOtp(
  prisma: PrismaClient,
  { masterId, telegramId, phone, code, now, secret }: VerifyPhoneOtpInput,
): Promise<void> {
  const latest = await prisma.phoneVerification.findFirst({
    where: { telegramId, phone },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  if (!latest) throw codeRefused('NO_CODE', 'No code was sent to this number. Request one first.');

  const [attempt] = await prisma.phoneVerification.updateManyAndReturn({
    where: { id: latest.id, verifiedAt: null, expiresAt: { gt: now }, attempts: { lt: OTP_RULES.maxAttempts } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
  if (!attempt) throw unusable(await prisma.phoneVerification.findUniqueOrThrow({ where: { id: latest.id } }), now);

  if (!codeMatches(secret, latest, code)) {
    const attemptsLeft = OTP_RULES.maxAttempts - attempt.attempts;
    throw codeRefused('WRONG_CODE', attemptsLeft > 0 ? 'Wrong code.' : 'Wrong code, and no attempts left. Request a new one.', {
      attemptsLeft,
    });
  }

  await retryingTransaction(prisma, async (tx) => {
    const used = await tx.phoneVerification.updateMany({ where: { id: latest.id, verifiedAt: null }, data: { verifiedAt: now } });
    if (used.count === 0) throw codeRefused('CODE_USED', 'This code has already been used. Request a new one.');
    await markPhoneVerified(tx, { masterId, phone, method: 'OTP', now });
  });
}

/**
 * The master's phone is verified: the number, when and how, the PHONE onboarding step,
 * and activity. Shared by the code and the Telegram contact paths.
 */
export async function markPhoneVerified(
  tx: Tx,
  { masterId, phone, method, now }: { masterId: string; phone: string; method: PhoneVerificationMethod; now: Date },
) {
  await tx.master.update({
    where: { id: masterId },
    data: { phone, phoneVerifiedAt: now, phoneVerificationMethod: method, lastActivityAt: now },
  });
  await markStep(tx, masterId, 'PHONE', true);
}

import { randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, TEST_OTP_SECRET, telegramUser, testPrisma } from '../../../test/app.js';
import { createMaster, rowsOfTelegramUser } from '../../../test/factories.js';
import { loadEnv } from '../../env.js';
import { type OtpSender, TelegramGatewayOtpSender } from './otp-sender.js';
import { DEVELOPMENT_OTP_SECRET, OTP_RULES, requestPhoneOtp, resolveOtpSecret, verifyPhoneOtp } from './phone.service.js';

const prisma = testPrisma();

/** Stands in for the delivery service and remembers what it was asked to send. */
class RecordingSender implements OtpSender {
  readonly delivery = 'DEVELOPMENT_LOG' as const;
  readonly sent: { phone: string; code: string; ttlSeconds: number }[] = [];

  async send(phone: string, code: string, { ttlSeconds }: { ttlSeconds: number }) {
    this.sent.push({ phone, code, ttlSeconds });
    return {};
  }

  lastCodeFor(phone: string): string {
    const sent = this.sent.filter((message) => message.phone === phone).at(-1);
    if (!sent) throw new Error('no code was sent to this number');
    return sent.code;
  }
}

const sender = new RecordingSender();
const app = createTestApp({ otpSender: sender });

/** A Russian mobile number no other test uses. */
const uniquePhone = () => `+7916${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
/** +79161234567 → 8 (916) 123-45-67, the way people write it in Russia. */
const localNotation = (phone: string) => `8 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`;
const anotherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function draftMaster() {
  const { master, user } = await createMaster({ status: 'DRAFT' });
  return { masterId: master.id, telegramId: master.telegramId, user };
}
type Draft = Awaited<ReturnType<typeof draftMaster>>;

/** Far from today, so that the draft clean-up tests (dated 2001) never see these masters as stale. */
const T = new Date('2035-03-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);

const request = (master: Draft, phone: string, now: Date, otpSender: OtpSender = sender) =>
  requestPhoneOtp(prisma, otpSender, { masterId: master.masterId, telegramId: master.telegramId, phone, now, secret: TEST_OTP_SECRET });
const verify = (master: Draft, phone: string, code: string, now: Date) =>
  verifyPhoneOtp(prisma, { masterId: master.masterId, telegramId: master.telegramId, phone, code, now, secret: TEST_OTP_SECRET });

/** The GraphQL error a refused call threw. */
function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as GraphQLError,
  );
}

const verificationsOf = (telegramId: bigint) => prisma.phoneVerification.findMany({ where: { telegramId }, orderBy: { createdAt: 'asc' } });

const phoneStateOf = (masterId: string) =>
  prisma.master.findUniqueOrThrow({
    where: { id: masterId },
    select: { phone: true, phoneVerifiedAt: true, phoneVerificationMethod: true, onboardingSteps: { select: { step: true } } },
  });

const REQUEST = /* GraphQL */ `
  mutation RequestPhoneOtp($input: RequestPhoneOtpInput!) {
    requestPhoneOtp(input: $input) {
      phone
      expiresAt
      resendAvailableAt
      delivery
    }
  }
`;
const VERIFY = /* GraphQL */ `
  mutation VerifyPhoneOtp($input: VerifyPhoneOtpInput!) {
    verifyPhoneOtp(input: $input) {
      phone
      phoneVerified
      phoneVerificationMethod
      onboarding {
        missingSteps
      }
    }
  }
`;

describe('requestPhoneOtp and verifyPhoneOtp through the API', () => {
  it('sends a code to the normalised number and verifies it: phone, method, PHONE step, the code used', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    const before = Date.now();

    const requested = await graphql(app, REQUEST, { as: master.user, variables: { input: { phone: localNotation(phone) } } });

    expect(requested.errors).toBeUndefined();
    const otp = requested.data?.requestPhoneOtp as { phone: string; expiresAt: string; resendAvailableAt: string; delivery: string };
    expect(otp.phone).toBe(phone);
    expect(otp.delivery).toBe('DEVELOPMENT_LOG');
    expect(Date.parse(otp.expiresAt) - before).toBeGreaterThanOrEqual(5 * 60 * 1000);
    expect(Date.parse(otp.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    expect(Date.parse(otp.resendAvailableAt) - Date.parse(otp.expiresAt)).toBe(-4 * 60 * 1000);
    const code = sender.lastCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(sender.sent.at(-1)).toEqual({ phone, code, ttlSeconds: 300 });

    const verified = await graphql(app, VERIFY, { as: master.user, variables: { input: { phone: localNotation(phone), code } } });

    expect(verified.errors).toBeUndefined();
    expect(verified.data?.verifyPhoneOtp).toMatchObject({ phone, phoneVerified: true, phoneVerificationMethod: 'OTP' });
    expect((verified.data!.verifyPhoneOtp as { onboarding: { missingSteps: string[] } }).onboarding.missingSteps).not.toContain('PHONE');
    const state = await phoneStateOf(master.masterId);
    expect(state).toMatchObject({ phone, phoneVerificationMethod: 'OTP' });
    expect(state.phoneVerifiedAt).not.toBeNull();
    expect(state.onboardingSteps).toEqual([{ step: 'PHONE' }]);
    const [row, ...others] = await verificationsOf(master.telegramId);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ phone, attempts: 1, delivery: 'DEVELOPMENT_LOG' });
    expect(row!.verifiedAt).not.toBeNull();
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.codeHash).not.toContain(code);
  });

  it('answers a wrong code with the attempts left; after five wrong guesses even the right code is refused', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    await graphql(app, REQUEST, { as: master.user, variables: { input: { phone } } });
    const code = sender.lastCodeFor(phone);

    const left: unknown[] = [];
    for (let guess = 0; guess < 5; guess += 1) {
      const wrong = await graphql(app, VERIFY, { as: master.user, variables: { input: { phone, code: anotherCode(code) } } });
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_CODE' });
      left.push(wrong.errors?.[0]?.extensions?.attemptsLeft);
    }
    const right = await graphql(app, VERIFY, { as: master.user, variables: { input: { phone, code } } });

    expect(left).toEqual([4, 3, 2, 1, 0]);
    expect(right.status).toBe(429);
    expect(right.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_ATTEMPTS', attemptsLeft: 0 });
    expect((await phoneStateOf(master.masterId)).phoneVerifiedAt).toBeNull();
    const [row] = await verificationsOf(master.telegramId);
    expect(row).toMatchObject({ attempts: 5, verifiedAt: null });
  });

  it('refuses a second code within 60 s with RATE_LIMITED and retryAfterSeconds', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    await graphql(app, REQUEST, { as: master.user, variables: { input: { phone } } });

    const again = await graphql(app, REQUEST, { as: master.user, variables: { input: { phone } } });

    expect(again.status).toBe(429);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'RESEND_COOLDOWN' });
    const retryAfter = again.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await verificationsOf(master.telegramId)).toHaveLength(1);
  });

  it('answers 403 MASTER_NOT_REGISTERED to a user without a master profile, sending and writing nothing', async () => {
    const user = telegramUser();
    const phone = uniquePhone();

    const requested = await graphql(app, REQUEST, { as: user, variables: { input: { phone } } });
    const verified = await graphql(app, VERIFY, { as: user, variables: { input: { phone, code: '123456' } } });

    for (const response of [requested, verified]) {
      expect(response.status).toBe(403);
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('MASTER_NOT_REGISTERED');
    }
    expect(await prisma.phoneVerification.count({ where: { telegramId: BigInt(user.id) } })).toBe(0);
    expect(await prisma.phoneVerification.count({ where: { phone } })).toBe(0);
    expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
    expect(sender.sent.some((message) => message.phone === phone)).toBe(false);
  });

  it('needs a Telegram identity', async () => {
    const response = await graphql(app, REQUEST, { variables: { input: { phone: uniquePhone() } } });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('validates the number and the code shape before anything is sent', async () => {
    const master = await draftMaster();

    const badPhone = await graphql(app, REQUEST, { as: master.user, variables: { input: { phone: '12345' } } });
    const badCode = await graphql(app, VERIFY, { as: master.user, variables: { input: { phone: uniquePhone(), code: '12a456' } } });

    expect(badPhone.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.phone', message: 'Not a valid phone number.' }],
    });
    expect(badCode.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.code', message: 'Enter the 6-digit code.' }],
    });
    expect(await verificationsOf(master.telegramId)).toHaveLength(0);
  });
});

describe('code lifetime, attempts and limits (service, with a given clock)', () => {
  it('expires a code after 5 minutes, without spending an attempt; a fresh code works until its last second', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    await request(master, phone, at(0));
    const first = sender.lastCodeFor(phone);

    const expired = await refusal(verify(master, phone, first, at(5 * 60)));

    expect(expired.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CODE_EXPIRED' });
    expect(expired.message).toMatch(/expired/);
    expect((await verificationsOf(master.telegramId))[0]?.attempts).toBe(0);

    await request(master, phone, at(5 * 60));
    await verify(master, phone, sender.lastCodeFor(phone), at(5 * 60 + 5 * 60 - 1));
    expect((await phoneStateOf(master.masterId)).phoneVerifiedAt).toEqual(at(10 * 60 - 1));
  });

  it('allows a new code for the same number only 60 s after the last one; other numbers meanwhile', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    const first = await request(master, phone, at(0));
    expect(first.resendAvailableAt).toEqual(at(60));

    const early = await refusal(request(master, phone, at(30)));
    const almost = await refusal(request(master, phone, at(59.5)));
    const otherNumber = await request(master, uniquePhone(), at(30));
    const onTime = await request(master, phone, at(60));

    expect(early.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'RESEND_COOLDOWN', retryAfterSeconds: 30 });
    expect(almost.extensions?.retryAfterSeconds).toBe(1);
    expect(otherNumber.phone).not.toBe(phone);
    expect(onTime.expiresAt).toEqual(at(60 + 5 * 60));
    expect(await verificationsOf(master.telegramId)).toHaveLength(3);
  });

  it(`limits a user to ${OTP_RULES.codesPerUserPerHour} codes an hour, whatever the numbers`, async () => {
    const master = await draftMaster();
    const requests = [];
    for (let index = 0; index < OTP_RULES.codesPerUserPerHour; index += 1) {
      requests.push(await request(master, uniquePhone(), at(index)));
    }
    expect(requests.at(-1)!.resendAvailableAt).toEqual(at(60 * 60));

    const sixth = await refusal(request(master, uniquePhone(), at(10)));
    const anHourLater = await request(master, uniquePhone(), at(60 * 60));

    expect(sixth.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'USER_HOURLY_LIMIT', retryAfterSeconds: 3590 });
    expect(anHourLater.expiresAt).toEqual(at(60 * 60 + 5 * 60));
    expect(await verificationsOf(master.telegramId)).toHaveLength(OTP_RULES.codesPerUserPerHour + 1);
  });

  it(`limits a number to ${OTP_RULES.codesPerNumberPerHour} codes an hour, whoever asks`, async () => {
    const [first, second, third] = [await draftMaster(), await draftMaster(), await draftMaster()];
    const phone = uniquePhone();
    let elapsed = 0;
    for (const master of [first, second]) {
      for (let index = 0; index < OTP_RULES.codesPerNumberPerHour / 2; index += 1) {
        await request(master, phone, at(elapsed));
        elapsed += 60;
      }
    }

    const refused = await refusal(request(third, phone, at(elapsed)));
    const otherNumber = await request(third, uniquePhone(), at(elapsed));
    const anHourLater = await request(third, phone, at(60 * 60));

    expect(refused.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'NUMBER_HOURLY_LIMIT',
      retryAfterSeconds: 60 * 60 - elapsed,
    });
    expect(otherNumber.delivery).toBe('DEVELOPMENT_LOG');
    expect(anHourLater.phone).toBe(phone);
    expect(await prisma.phoneVerification.count({ where: { telegramId: third.telegramId } })).toBe(2);
  });

  it('verifies only the number the code was sent to, for the user it was sent to', async () => {
    const [owner, stranger, bystander] = [await draftMaster(), await draftMaster(), await draftMaster()];
    const phone = uniquePhone();
    const otherPhone = uniquePhone();
    await request(owner, phone, at(0));
    const ownersCode = sender.lastCodeFor(phone);
    await request(owner, otherPhone, at(1));
    await request(stranger, phone, at(2));

    const strangerWithOwnersCode = await refusal(verify(stranger, phone, ownersCode, at(10)));
    const bystanderWithOwnersCode = await refusal(verify(bystander, phone, ownersCode, at(10)));
    const ownersCodeForOtherNumber = await refusal(verify(owner, otherPhone, ownersCode, at(10)));
    const ownersCodeForUnrequestedNumber = await refusal(verify(owner, uniquePhone(), ownersCode, at(10)));

    expect(strangerWithOwnersCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_CODE', attemptsLeft: 4 });
    expect(bystanderWithOwnersCode.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_CODE' });
    expect(ownersCodeForOtherNumber.extensions).toMatchObject({ reason: 'WRONG_CODE' });
    expect(ownersCodeForUnrequestedNumber.extensions).toMatchObject({ reason: 'NO_CODE' });
    for (const master of [owner, stranger, bystander]) {
      expect((await phoneStateOf(master.masterId)).phoneVerifiedAt).toBeNull();
    }

    await verify(owner, phone, ownersCode, at(20));
    expect(await phoneStateOf(owner.masterId)).toMatchObject({ phone, phoneVerificationMethod: 'OTP' });
    expect((await phoneStateOf(stranger.masterId)).phoneVerifiedAt).toBeNull();
  });

  it('accepts only the latest code for a number, and each code once', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    await request(master, phone, at(0));
    const older = sender.lastCodeFor(phone);
    await request(master, phone, at(60));
    const latest = sender.lastCodeFor(phone);

    if (older !== latest) {
      expect((await refusal(verify(master, phone, older, at(70)))).extensions).toMatchObject({ reason: 'WRONG_CODE' });
    }
    await verify(master, phone, latest, at(80));
    const again = await refusal(verify(master, phone, latest, at(90)));

    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CODE_USED' });
  });

  it('counts concurrent guesses exactly: never more than 5 for one code', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();
    await request(master, phone, at(0));
    const wrong = anotherCode(sender.lastCodeFor(phone));

    const outcomes = await Promise.all(Array.from({ length: 8 }, () => refusal(verify(master, phone, wrong, at(5)))));
    const reasons = outcomes.map((error) => error.extensions?.reason).sort();

    expect(reasons).toEqual([...Array(3).fill('TOO_MANY_ATTEMPTS'), ...Array(5).fill('WRONG_CODE')]);
    expect(
      outcomes
        .map((error) => error.extensions?.attemptsLeft)
        .filter((left) => left !== 0)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect((await verificationsOf(master.telegramId))[0]?.attempts).toBe(5);
    const right = await refusal(verify(master, phone, sender.lastCodeFor(phone), at(6)));
    expect(right.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_ATTEMPTS' });
  });

  it('sends one code when the same request arrives several times at once', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();

    const outcomes = await Promise.allSettled([
      request(master, phone, at(0)),
      request(master, phone, at(0)),
      request(master, phone, at(0)),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.map((outcome) => (outcome.reason as GraphQLError).extensions?.reason)).toEqual(['RESEND_COOLDOWN', 'RESEND_COOLDOWN']);
    expect(await verificationsOf(master.telegramId)).toHaveLength(1);
    expect(sender.sent.filter((message) => message.phone === phone)).toHaveLength(1);
  });
});

describe('through Telegram Gateway', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  async function gateway(answer: unknown) {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TelegramGatewayOtpSender({ token: 'gateway-token', baseUrl: `http://127.0.0.1:${port}/`, log: pino({ level: 'silent' }) });
  }

  it("records the delivery and the Gateway's request id", async () => {
    const master = await draftMaster();
    const phone = uniquePhone();

    const result = await request(master, phone, at(0), await gateway({ ok: true, result: { request_id: 'tgr_42', phone_number: phone } }));

    expect(result.delivery).toBe('TELEGRAM_GATEWAY');
    expect(await verificationsOf(master.telegramId)).toMatchObject([{ phone, delivery: 'TELEGRAM_GATEWAY', deliveryRef: 'tgr_42' }]);
  });

  it('keeps no row when delivery fails, so the user may try again at once', async () => {
    const master = await draftMaster();
    const phone = uniquePhone();

    await expect(request(master, phone, at(0), await gateway({ ok: false, error: 'PHONE_NUMBER_INVALID' }))).rejects.toMatchObject({
      name: 'OtpDeliveryError',
      reason: 'rejected',
    });
    expect(await verificationsOf(master.telegramId)).toHaveLength(0);
    await request(master, phone, at(1));
    expect(await verificationsOf(master.telegramId)).toHaveLength(1);
  });
});

describe('OTP secret', () => {
  it('is required in production and has a fixed development value elsewhere', () => {
    const production = { NODE_ENV: 'production', TELEGRAM_BOT_TOKEN: '123456789:TEST-token-for-zapis-tests_0123456789' };
    expect(() => resolveOtpSecret(loadEnv(production))).toThrow(/OTP_SECRET: required when NODE_ENV=production/);
    const secret = 'a'.repeat(64);
    expect(resolveOtpSecret(loadEnv({ ...production, OTP_SECRET: secret }))).toBe(secret);
    expect(resolveOtpSecret(loadEnv({ NODE_ENV: 'development' }))).toBe(DEVELOPMENT_OTP_SECRET);
    expect(() => loadEnv({ OTP_SECRET: 'short' })).toThrow(/OTP_SECRET/);
  });
});

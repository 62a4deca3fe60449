import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { graphql, initDataFor, TEST_BOT_TOKEN, TEST_OTP_SECRET, telegramUser, testPrisma, testRateLimits } from '../../../test/app.js';
import { request } from '../../../test/http.js';
import { createPrismaClient, type PrismaClient } from '../../db.js';
import { loadEnv } from '../../env.js';
import { createLogger, logDestination } from '../../logger.js';
import { createApp } from '../../yoga.js';
import { DevelopmentOtpSender } from '../phone/otp-sender.js';

/** A logger at `debug` whose JSON lines are kept. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('debug', destination), lines };
}

const NAME = 'Евлампия';
const SURNAME = 'Трофимова';
const PHONE_DIGITS = '9127654321';

function expectNoPersonalData(lines: string[]) {
  const text = lines.join('\n');
  for (const personal of [NAME, SURNAME, PHONE_DIGITS, '912 765', '765-43-21']) expect(text).not.toContain(personal);
}

describe('logs', () => {
  it('censor personal fields and Telegram user and contact shapes in logged objects', () => {
    const { log, lines } = capturedLogger();

    log.info(
      { phone: `+7${PHONE_DIGITS}`, clientName: NAME, user: { id: 1, first_name: NAME, last_name: SURNAME, username: 'evl' } },
      'object',
    );
    log.info({ update: { message: { contact: { phone_number: `7${PHONE_DIGITS}`, first_name: NAME, user_id: 1 } } } }, 'nested');
    log.info({ ctx: { from: { first_name: NAME } } }, 'from');

    expect(lines).toHaveLength(3);
    expectNoPersonalData(lines);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      phone: '[redacted]',
      clientName: '[redacted]',
      user: { id: 1, first_name: '[redacted]' },
    });
  });

  it('scrub phone numbers and personal values that error messages quote', () => {
    const { log, lines } = capturedLogger();
    const prismaLike = new Error(
      `Invalid \`prisma.booking.create()\` invocation:\n  data: { clientName: "${NAME} ${SURNAME}", clientPhone: "+7${PHONE_DIGITS}", comment: 'у ${NAME}' }`,
    );
    const driverLike = Object.assign(new Error('duplicate key value violates unique constraint'), {
      detail: `Key (phone)=(+7 ${PHONE_DIGITS.slice(0, 3)} ${PHONE_DIGITS.slice(3, 6)}-${PHONE_DIGITS.slice(6, 8)}-${PHONE_DIGITS.slice(8)}) already exists.`,
    });

    log.error({ err: prismaLike }, 'unexpected error');
    log.error({ err: driverLike }, 'unexpected error');
    log.error(prismaLike.message);

    expect(lines).toHaveLength(3);
    expectNoPersonalData(lines);
    const first = JSON.parse(lines[0]!) as { err: { message: string; stack: string } };
    expect(first.err.message).toContain('clientName: "[redacted]"');
    expect(first.err.message).toContain('clientPhone: "[redacted]"');
    expect((JSON.parse(lines[1]!) as { err: { detail: string } }).err.detail).toBe('Key (phone)=([phone]) already exists.');
    expect(first.err.stack).toContain('Invalid `prisma.booking.create()` invocation');
  });

  it('hold no personal data through real requests at debug level', async () => {
    const { log, lines } = capturedLogger();
    const app = appLoggingTo(log);
    const user = telegramUser({ first_name: NAME, last_name: SURNAME, username: 'evlampia_t' });

    await graphql(app, 'mutation { upsertClient { id } }', { as: user });
    await graphql(app, 'mutation S($input: SaveOnboardingStepInput!) { saveOnboardingStep(input: $input) { status } }', {
      as: user,
      variables: { input: { phone: { phone: `+7${PHONE_DIGITS}` } } },
    });
    const otp = await graphql(app, 'mutation R($input: RequestPhoneOtpInput!) { requestPhoneOtp(input: $input) { phone } }', {
      as: user,
      variables: { input: { phone: `8 ${PHONE_DIGITS}` } },
    });
    await graphql(app, '{ me { firstName } }', {
      authorization: `tma ${initDataFor(user, {}, '987654321:ANOTHER-bots-token_0123456789abcdef')}`,
    });
    await request(app, '/debug/webapp-event', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ stage: 'auth_failed', initData: initDataFor(user, {}, '987654321:ANOTHER-bots-token_0123456789abcdef') }),
    });

    expect(otp.errors).toBeUndefined();
    expect(lines.some((line) => line.includes('development OTP'))).toBe(true);
    expect(lines.filter((line) => line.includes('init data rejected'))).toHaveLength(2);
    expectNoPersonalData(lines);
    expect(lines.join('\n')).not.toContain('evlampia_t');
  });

  it('log an unexpected error with the request id', async () => {
    const { log, lines } = capturedLogger();
    const deadPrisma = createPrismaClient('postgresql://postgres@127.0.0.1:1/none', 1);
    try {
      const response = await request(appLoggingTo(log, deadPrisma), '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'logged-request-0001' },
        body: JSON.stringify({ query: '{ cities(first: 1) { pageInfo { hasNextPage } } }' }),
      });
      expect(response.text).toContain('Unexpected error.');
    } finally {
      await deadPrisma.$disconnect();
    }

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((entry) => entry.msg === 'unexpected error')).toMatchObject({
      level: 50,
      requestId: 'logged-request-0001',
      err: { type: expect.any(String) },
    });
  });
});

function appLoggingTo(log: Logger, prisma: PrismaClient = testPrisma()) {
  return createApp({
    env: loadEnv({ NODE_ENV: 'test', TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN }),
    prisma,
    log,
    bot: { botToken: TEST_BOT_TOKEN },
    otpSender: new DevelopmentOtpSender(log),
    otpSecret: TEST_OTP_SECRET,
    rateLimits: testRateLimits(),
  });
}

describe('the log format', () => {
  /** A stream that says whether it is a terminal, keeping what is written to it. */
  function terminal(isTTY: boolean) {
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString('utf8'));
        done();
      },
    });
    return { stream: Object.assign(stream, { isTTY }) as unknown as NodeJS.WriteStream, written };
  }

  it('is readable lines for a person at a terminal, still without personal data', () => {
    const { stream, written } = terminal(true);
    const log = createLogger('info', logDestination('auto', stream));

    log.info({ phone: `+7${PHONE_DIGITS}`, queue: 'booking-notifications' }, 'notification worker started');

    const text = written.join('');
    expect(text).toMatch(/INFO.*notification worker started/);
    expect(text).toContain('booking-notifications');
    expect(text).not.toMatch(/^\{/);
    expectNoPersonalData(written);
  });

  it('is JSON lines anywhere else, and whatever LOG_FORMAT says', () => {
    expect(logDestination('auto', terminal(false).stream)).toBeUndefined();
    expect(logDestination('json', terminal(true).stream)).toBeUndefined();
    const { stream, written } = terminal(false);
    createLogger('info', logDestination('pretty', stream)).info('forced');
    expect(written.join('')).toMatch(/INFO.*forced/);
  });
});

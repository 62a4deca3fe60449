import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, initDataFor, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { request } from '../../../test/http.js';
import { metricValue } from '../../../test/metrics.js';
import { WEBAPP_STAGES } from './webapp-events.service.js';

const app = createTestApp({ env: { WEBAPP_EVENTS_PER_MINUTE: '1000' } });
const prisma = testPrisma();

/** A version string no other test uses: rows written by one test are found by it. */
const marker = () => `t-${randomUUID().slice(0, 8)}`;
const rowsWith = (appVersion: string) => prisma.webAppEvent.findMany({ where: { appVersion }, orderBy: { id: 'asc' } });

interface ErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

function postEvent(target: TestApp, body: unknown, headers: Record<string, string> = {}, from?: string) {
  return request(
    target,
    '/debug/webapp-event',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    from,
  );
}

/** An address no other test in the file sends from: the limits are counted per address, in the database. */
const freshAddress = () => `192.0.2.${Math.floor(Math.random() * 254) + 1}-${marker()}`;

const codeOf = (text: string) => (JSON.parse(text) as ErrorBody).errors[0]?.extensions.code;

const LOG = /* GraphQL */ `
  mutation Log($input: LogWebAppEventInput!) {
    logWebAppEvent(input: $input) { stage platform appVersion path occurredAt identified }
  }
`;

describe('POST /debug/webapp-event', () => {
  it('stores every stage with platform, version, path, details and server time, and counts it by stage', async () => {
    const version = marker();
    const before = await Promise.all(WEBAPP_STAGES.map((stage) => metricValue(app, 'zapis_webapp_events_total', { stage })));
    const startedAt = Date.now();

    for (const stage of WEBAPP_STAGES) {
      const response = await postEvent(app, {
        stage,
        platform: 'ios',
        appVersion: version,
        path: '/master/register/phone',
        details: { step: 'PHONE', ms: 12 },
      });
      expect(response.status).toBe(202);
      expect(JSON.parse(response.text)).toEqual({ accepted: true, identified: false });
    }

    const rows = await rowsWith(version);
    expect(rows.map((row) => row.stage)).toEqual(WEBAPP_STAGES.map((stage) => stage.toUpperCase()));
    for (const row of rows) {
      expect(row).toMatchObject({ platform: 'ios', path: '/master/register/phone', details: { step: 'PHONE', ms: 12 }, telegramId: null });
      expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(row.occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const after = await Promise.all(WEBAPP_STAGES.map((stage) => metricValue(app, 'zapis_webapp_events_total', { stage })));
    expect(after.map((value, index) => value - before[index]!)).toEqual(WEBAPP_STAGES.map(() => 1));
  });

  it('accepts what navigator.sendBeacon sends: a text/plain string with the init data as a field, and attaches that user', async () => {
    const user = telegramUser();
    const version = marker();

    const response = await postEvent(app, JSON.stringify({ stage: 'app_opened', appVersion: version, initData: initDataFor(user) }), {
      'content-type': 'text/plain;charset=UTF-8',
    });

    expect(response.status).toBe(202);
    expect(JSON.parse(response.text)).toEqual({ accepted: true, identified: true });
    expect((await rowsWith(version)).map((row) => row.telegramId)).toEqual([BigInt(user.id)]);
  });

  it('attaches the user of verified init data in Authorization: tma …', async () => {
    const user = telegramUser();
    const version = marker();

    const response = await postEvent(app, { stage: 'auth_ok', appVersion: version }, { authorization: `tma ${initDataFor(user)}` });

    expect(response.status).toBe(202);
    expect((await rowsWith(version)).map((row) => [row.stage, row.telegramId])).toEqual([['AUTH_OK', BigInt(user.id)]]);
  });

  it('stores events whose init data does not verify without any user, never with the claimed one', async () => {
    const user = telegramUser();
    const version = marker();
    const forged = initDataFor(user, {}, '987654321:ANOTHER-bots-token_0123456789abcdef');
    const expired = initDataFor(user, { authDate: new Date(Date.now() - 3 * 24 * 3600_000) });

    const responses = [
      await postEvent(app, { stage: 'auth_failed', appVersion: version }, { authorization: `tma ${forged}` }),
      await postEvent(app, { stage: 'auth_failed', appVersion: version, initData: expired }),
      await postEvent(app, { stage: 'auth_failed', appVersion: version, initData: 'user=%7B%22id%22%3A1%7D&hash=00' }),
    ];

    for (const response of responses) {
      expect(response.status).toBe(202);
      expect(JSON.parse(response.text)).toEqual({ accepted: true, identified: false });
    }
    expect((await rowsWith(version)).map((row) => row.telegramId)).toEqual([null, null, null]);
  });

  it('refuses an unknown stage with 400 BAD_USER_INPUT and writes nothing', async () => {
    const version = marker();
    const before = await metricValue(app, 'zapis_webapp_events_total');

    for (const stage of ['payment_done', 'APP_OPENED', '', null]) {
      const response = await postEvent(app, { stage, appVersion: version });
      expect(response.status).toBe(400);
      expect(codeOf(response.text)).toBe('BAD_USER_INPUT');
    }
    const missing = await postEvent(app, { appVersion: version });
    expect(missing.status).toBe(400);

    expect(await rowsWith(version)).toEqual([]);
    expect(await metricValue(app, 'zapis_webapp_events_total')).toBe(before);
  });

  it('refuses malformed bodies with 400 BAD_USER_INPUT and writes nothing', async () => {
    const version = marker();
    const valid = JSON.stringify({ stage: 'app_opened', appVersion: version });
    const bodies = [valid.slice(0, -1), `[${valid}]`, '"app_opened"', '', 'stage=app_opened'];

    for (const body of bodies) {
      const response = await postEvent(app, body);
      expect(response.status).toBe(400);
      expect(codeOf(response.text)).toBe('BAD_USER_INPUT');
    }
    const badFields = [
      { stage: 'app_opened', appVersion: version, platform: 'i o s' },
      { stage: 'app_opened', appVersion: version, path: 'https://evil.example/x?phone=1' },
      { stage: 'app_opened', appVersion: version, details: ['not', 'an', 'object'] },
      { stage: 'app_opened', appVersion: version, details: { nested: { deep: true } } },
    ];
    for (const body of badFields) {
      const response = await postEvent(app, body);
      expect(response.status).toBe(400);
      expect(codeOf(response.text)).toBe('BAD_USER_INPUT');
    }
    expect(await rowsWith(version)).toEqual([]);
  });

  it('refuses other content types with 415 and other methods with 405, writing nothing', async () => {
    const version = marker();

    const form = await postEvent(app, JSON.stringify({ stage: 'app_opened', appVersion: version }), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    const get = await request(app, '/debug/webapp-event');

    expect(form.status).toBe(415);
    expect(codeOf(form.text)).toBe('BAD_USER_INPUT');
    expect(get.status).toBe(405);
    expect(await rowsWith(version)).toEqual([]);
  });

  it('refuses a body over 4 KiB with 413 and writes nothing, even without a Content-Length', async () => {
    const version = marker();
    const oversized = JSON.stringify({
      stage: 'app_opened',
      appVersion: version,
      details: { padding: 'x'.repeat(200) },
      extra: 'y'.repeat(4096),
    });

    const declared = await postEvent(app, oversized);
    const streamed = await app.fetch('http://zapis.test/debug/webapp-event', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([oversized]).stream(),
      duplex: 'half',
    } as RequestInit);

    expect(declared.status).toBe(413);
    expect(codeOf(declared.text)).toBe('BAD_USER_INPUT');
    expect(streamed.status).toBe(413);
    expect(await rowsWith(version)).toEqual([]);
  });

  it('refuses personal data in details and blanks phone-like numbers in their strings', async () => {
    const version = marker();

    for (const details of [{ phone: '1' }, { clientName: 'Анна' }, { first_name: 'Анна' }, { initData: 'x' }]) {
      const response = await postEvent(app, { stage: 'client_error', appVersion: version, details });
      expect(response.status).toBe(400);
    }
    expect(await rowsWith(version)).toEqual([]);

    const accepted = await postEvent(app, {
      stage: 'client_error',
      appVersion: version,
      details: { message: 'Bad number +7 912 345-67-89 given', code: 'X' },
    });
    expect(accepted.status).toBe(202);
    expect((await rowsWith(version)).map((row) => row.details)).toEqual([{ message: 'Bad number [number] given', code: 'X' }]);
  });

  it('limits events per address: 429 RATE_LIMITED with Retry-After, nothing written past the limit', async () => {
    const limited = createTestApp({ env: { WEBAPP_EVENTS_PER_MINUTE: '3' } });
    const version = marker();
    const address = freshAddress();

    const statuses: number[] = [];
    for (let index = 0; index < 3; index++) {
      statuses.push((await postEvent(limited, { stage: 'app_opened', appVersion: version }, {}, address)).status);
    }
    const refused = await postEvent(limited, { stage: 'app_opened', appVersion: version }, {}, address);
    // Without TRUST_PROXY a forged X-Forwarded-For does not buy a new budget.
    const spoofed = await postEvent(limited, { stage: 'app_opened', appVersion: version }, { 'x-forwarded-for': '203.0.113.9' }, address);

    expect(statuses).toEqual([202, 202, 202]);
    expect(refused.status).toBe(429);
    expect(codeOf(refused.text)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(spoofed.status).toBe(429);
    expect(await rowsWith(version)).toHaveLength(3);
  });

  it('counts each address apart behind a trusted proxy (the last X-Forwarded-For entry)', async () => {
    const proxied = createTestApp({ env: { WEBAPP_EVENTS_PER_MINUTE: '1', TRUST_PROXY: 'true' } });
    const version = marker();
    const [first, second] = [freshAddress(), freshAddress()];
    const from = (address: string) =>
      postEvent(proxied, { stage: 'search', appVersion: version }, { 'x-forwarded-for': `10.0.0.1, ${address}` });

    expect((await from(first)).status).toBe(202);
    expect((await from(first)).status).toBe(429);
    expect((await from(second)).status).toBe(202);
    expect(await rowsWith(version)).toHaveLength(2);
  });

  it('shows in the funnel of the day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const key = 'operator-key-for-tests-0123456789';
    const operatorApp = createTestApp({ env: { ADMIN_API_KEY: key, WEBAPP_EVENTS_PER_MINUTE: '1000' } });
    const FUNNEL = `{ funnel(from: "${today}", to: "${today}") { stageTotals { stage count } } }`;
    const totals = async () => {
      const response = await graphql<{ funnel: { stageTotals: { stage: string; count: number }[] } }>(operatorApp, FUNNEL, {
        headers: { 'x-admin-key': key },
      });
      return Object.fromEntries(response.data!.funnel.stageTotals.map((total) => [total.stage, total.count]));
    };
    const before = await totals();

    await postEvent(operatorApp, { stage: 'slot_viewed' });
    await postEvent(operatorApp, { stage: 'slot_viewed' });
    await postEvent(operatorApp, { stage: 'booking_failed' });
    await postEvent(operatorApp, { stage: 'nonsense' });

    const after = await totals();
    expect(after.slot_viewed! - before.slot_viewed!).toBe(2);
    expect(after.booking_failed! - before.booking_failed!).toBe(1);
    expect(after.app_opened).toBe(before.app_opened);
  });
});

describe('logWebAppEvent', () => {
  it('stores the event with the verified user and counts it', async () => {
    const user = telegramUser();
    const version = marker();
    const before = await metricValue(app, 'zapis_webapp_events_total', { stage: 'onboarding_step_saved' });

    const response = await graphql<{ logWebAppEvent: Record<string, unknown> }>(app, LOG, {
      as: user,
      variables: {
        input: {
          stage: 'onboarding_step_saved',
          platform: 'android',
          appVersion: version,
          path: '/master/register/slots',
          details: { step: 'SLOTS' },
        },
      },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.logWebAppEvent).toMatchObject({
      stage: 'onboarding_step_saved',
      platform: 'android',
      appVersion: version,
      identified: true,
    });
    expect(await rowsWith(version)).toMatchObject([
      {
        stage: 'ONBOARDING_STEP_SAVED',
        telegramId: BigInt(user.id),
        platform: 'android',
        path: '/master/register/slots',
        details: { step: 'SLOTS' },
      },
    ]);
    expect(await metricValue(app, 'zapis_webapp_events_total', { stage: 'onboarding_step_saved' })).toBe(before + 1);
  });

  it('is open to anonymous callers, storing no user', async () => {
    const version = marker();

    const response = await graphql<{ logWebAppEvent: { identified: boolean } }>(app, LOG, {
      variables: { input: { stage: 'app_opened', appVersion: version } },
    });

    expect(response.data?.logWebAppEvent.identified).toBe(false);
    expect((await rowsWith(version)).map((row) => row.telegramId)).toEqual([null]);
  });

  it('refuses an unknown stage or personal details with BAD_USER_INPUT and writes nothing', async () => {
    const version = marker();

    const unknown = await graphql(app, LOG, { variables: { input: { stage: 'paid', appVersion: version } } });
    const personal = await graphql(app, LOG, {
      variables: { input: { stage: 'client_error', appVersion: version, details: { phone: '+79123456789' } } },
    });
    const large = await graphql(app, LOG, {
      variables: {
        input: {
          stage: 'client_error',
          appVersion: version,
          details: Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`k${index}`, 'x'.repeat(190)])),
        },
      },
    });

    for (const response of [unknown, personal, large]) {
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await rowsWith(version)).toEqual([]);
  });

  it('shares the per-address limit with the REST route', async () => {
    const limited = createTestApp({ env: { WEBAPP_EVENTS_PER_MINUTE: '2' } });
    const version = marker();
    const address = freshAddress();

    await postEvent(limited, { stage: 'app_opened', appVersion: version }, {}, address);
    const second = await graphql(limited, LOG, { variables: { input: { stage: 'auth_ok', appVersion: version } }, from: address });
    const third = await graphql(limited, LOG, { variables: { input: { stage: 'auth_ok', appVersion: version } }, from: address });

    expect(second.errors).toBeUndefined();
    expect(third.status).toBe(429);
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await rowsWith(version)).map((row) => row.stage)).toEqual(['APP_OPENED', 'AUTH_OK']);
  });
});

import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import {
  createCity,
  createMaster,
  createMasterService,
  createSchedule,
  createService,
  createSlotSettings,
} from '../../../test/factories.js';
import { request } from '../../../test/http.js';
import { metricValue, sampleValue, scrapeMetrics } from '../../../test/metrics.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { addDays, localDateOf, zonedToUtc } from '../../time/zoned-time.js';
import { countNotificationSend } from './metrics.js';

const app = createTestApp();
const prisma = testPrisma();

const ZONE = 'Europe/Moscow';
const inTwoDays = addDays(localDateOf(new Date(), ZONE), 2);
const at = (hour: number) => zonedToUtc(inTwoDays, hour * 60, ZONE);

/** Runs `action` and returns how much each metric sample moved meanwhile. */
async function deltas<T extends Record<string, [string, Record<string, string>?]>>(samples: T, action: () => Promise<unknown>) {
  const read = async () => {
    const text = await scrapeMetrics(app);
    return Object.fromEntries(Object.entries(samples).map(([key, [name, labels]]) => [key, sampleValue(text, name, labels)]));
  };
  const before = await read();
  await action();
  const after = await read();
  return Object.fromEntries(Object.keys(samples).map((key) => [key, after[key]! - before[key]!])) as Record<keyof T, number>;
}

const SAVE = 'mutation Save($input: SaveOnboardingStepInput!) { saveOnboardingStep(input: $input) { status } }';
const ACTIVATE = 'mutation { activateMaster { status isActive } }';
const UPSERT = 'mutation { upsertClient { id } }';
const CREATE = 'mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { id } }';
const CREATE_MANUAL = 'mutation Create($input: CreateManualBookingInput!) { createManualBooking(input: $input) { id } }';
const CANCEL = 'mutation Cancel($input: CancelBookingInput!) { cancelBooking(input: $input) { id status } }';

const REGISTRATION = {
  started: ['zapis_master_registrations_started_total'],
  completed: ['zapis_master_registrations_completed_total'],
  activations: ['zapis_master_activations_total'],
} satisfies Record<string, [string]>;

const BOOKINGS = {
  createdByClient: ['zapis_bookings_created_total', { source: 'client' }],
  createdByMaster: ['zapis_bookings_created_total', { source: 'master' }],
  cancelledByClient: ['zapis_bookings_cancelled_total', { source: 'client' }],
  cancelledByMaster: ['zapis_bookings_cancelled_total', { source: 'master' }],
} satisfies Record<string, [string, Record<string, string>]>;

const save = (user: TelegramInitUser, input: Record<string, unknown>) => graphql(app, SAVE, { as: user, variables: { input } });

/** A master working 09:00–18:00 every day in Moscow with one hourly service. */
async function bookableMaster() {
  const { master, user } = await createMaster();
  await prisma.master.update({ where: { id: master.id }, data: { timeZone: ZONE } });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1080 })),
  );
  await createSlotSettings(master.id);
  const offer = await createMasterService(master.id, { durationMinutes: 60 });
  return { masterUser: user, masterServiceId: encodeGlobalID('MasterService', offer.id) };
}

function clientBooking(masterServiceId: string, startsAt: Date, idempotencyKey = randomUUID()) {
  return {
    masterServiceId,
    startsAt: startsAt.toISOString(),
    clientName: 'Анна Смирнова',
    clientPhone: '+79123456789',
    preferredChannels: ['TELEGRAM'],
    idempotencyKey,
  };
}

describe('GET /metrics', () => {
  it('serves Prometheus text with every application metric and GraphQL operation metrics', async () => {
    await graphql(app, 'query CitiesForMetrics { cities(first: 1) { pageInfo { hasNextPage } } }');
    const erroredBefore = await metricValue(app, 'graphql_envelop_error_result');
    await graphql(app, '{ masterProfile { status } }');

    const response = await request(app, '/metrics');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'zapis_master_registrations_started_total',
      'zapis_master_registrations_completed_total',
      'zapis_master_activations_total',
      'zapis_bookings_created_total',
      'zapis_bookings_cancelled_total',
      'zapis_client_upserts_total',
      'zapis_webapp_events_total',
      'zapis_notification_sends_total',
    ]) {
      expect(response.text).toContain(`# TYPE ${name} counter`);
    }
    expect(
      sampleValue(response.text, 'graphql_envelop_request_duration_count', { operationName: 'CitiesForMetrics' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(response.text, 'graphql_envelop_error_result')).toBeGreaterThan(erroredBefore);
    expect(response.text).not.toContain('zapis.test/graphql');
  });

  it('is closed in production unless the operator key comes in X-Admin-Key', async () => {
    const key = 'operator-key-for-tests-0123456789';
    const production = createTestApp({ env: { NODE_ENV: 'production', ADMIN_API_KEY: key } });
    const closed = createTestApp({ env: { METRICS_PUBLIC: 'false', ADMIN_API_KEY: key } });

    for (const target of [production, closed]) {
      const anonymous = await request(target, '/metrics');
      const wrong = await request(target, '/metrics', { headers: { 'x-admin-key': `${key}x` } });
      const operator = await request(target, '/metrics', { headers: { 'x-admin-key': key } });
      expect(anonymous.status).toBe(401);
      expect(anonymous.text).toBe('');
      expect(wrong.status).toBe(401);
      expect(operator.status).toBe(200);
      expect(operator.text).toContain('zapis_bookings_created_total');
    }
  });

  it('counts notification sends by kind and outcome through the shared module', async () => {
    const moved = await deltas(
      {
        sent: ['zapis_notification_sends_total', { kind: 'reminder_24h', outcome: 'sent' }],
        failed: ['zapis_notification_sends_total', { kind: 'reminder_24h', outcome: 'failed' }],
      },
      async () => {
        countNotificationSend('reminder_24h', 'sent');
        countNotificationSend('reminder_24h', 'sent');
        countNotificationSend('reminder_24h', 'failed');
      },
    );
    expect(moved).toEqual({ sent: 2, failed: 1 });
  });
});

describe('master registration metrics', () => {
  it('count a registration as started on the first save that creates the draft, and only then', async () => {
    const user = telegramUser();
    const slots = { stepMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 };

    const refused = await deltas(REGISTRATION, async () => {
      const response = await save(user, { slots: { ...slots, stepMinutes: 7 } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
    expect(await prisma.master.count({ where: { telegramId: BigInt(user.id) } })).toBe(0);
    const first = await deltas(REGISTRATION, () => save(user, { slots }));
    const second = await deltas(REGISTRATION, () => save(user, { slots }));

    expect(refused).toEqual({ started: 0, completed: 0, activations: 0 });
    expect(first).toEqual({ started: 1, completed: 0, activations: 0 });
    expect(second).toEqual({ started: 0, completed: 0, activations: 0 });
  });

  it('count completion and activation once, on the first successful activateMaster', async () => {
    const user = telegramUser();
    const city = await createCity();
    const service = await createService();
    await save(user, { location: { cityId: encodeGlobalID('City', city.id), address: 'ул. Ленина, 1' } });
    await save(user, { schedule: { days: [{ weekday: 1, intervals: [{ start: '10:00', end: '18:00' }] }] } });
    await save(user, { slots: { stepMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, horizonDays: 30 } });
    await save(user, {
      services: { services: [{ serviceId: encodeGlobalID('Service', service.id), priceMinor: 100000, durationMinutes: 60 }] },
    });
    await save(user, { profile: { displayName: 'Мастер Тест', about: 'Описание для клиентов, не короче двадцати знаков.' } });

    const incomplete = await deltas(REGISTRATION, () => graphql(app, ACTIVATE, { as: user }));
    const master = await prisma.master.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } });
    await prisma.master.update({
      where: { id: master.id },
      data: { phone: '+79120000000', phoneVerifiedAt: new Date(), phoneVerificationMethod: 'OTP' },
    });
    await prisma.masterOnboardingStep.create({ data: { masterId: master.id, step: 'PHONE' } });
    const activated = await deltas(REGISTRATION, async () => {
      const response = await graphql(app, ACTIVATE, { as: user });
      expect(response.data?.activateMaster).toEqual({ status: 'ACTIVE', isActive: true });
    });
    const again = await deltas(REGISTRATION, () => graphql(app, ACTIVATE, { as: user }));

    expect(incomplete).toEqual({ started: 0, completed: 0, activations: 0 });
    expect(activated).toEqual({ started: 0, completed: 1, activations: 1 });
    expect(again).toEqual({ started: 0, completed: 0, activations: 0 });
  });
});

describe('booking metrics', () => {
  it('count a client booking as created by the client, once even when retried', async () => {
    const { masterServiceId } = await bookableMaster();
    const client = telegramUser();
    const input = clientBooking(masterServiceId, at(10));

    const created = await deltas(BOOKINGS, async () => {
      expect((await graphql(app, CREATE, { as: client, variables: { input } })).errors).toBeUndefined();
    });
    const retried = await deltas(BOOKINGS, () => graphql(app, CREATE, { as: client, variables: { input } }));
    const taken = await deltas(BOOKINGS, async () => {
      const response = await graphql(app, CREATE, { as: telegramUser(), variables: { input: clientBooking(masterServiceId, at(10)) } });
      expect(response.errors?.[0]?.extensions?.code).toBe('SLOT_UNAVAILABLE');
    });

    expect(created).toEqual({ createdByClient: 1, createdByMaster: 0, cancelledByClient: 0, cancelledByMaster: 0 });
    expect(retried).toEqual({ createdByClient: 0, createdByMaster: 0, cancelledByClient: 0, cancelledByMaster: 0 });
    expect(taken).toEqual({ createdByClient: 0, createdByMaster: 0, cancelledByClient: 0, cancelledByMaster: 0 });
  });

  it('count a manual booking as created by the master, and cancellations by who cancelled, once', async () => {
    const { masterUser, masterServiceId } = await bookableMaster();
    const client = telegramUser();

    let manualId = '';
    const manual = await deltas(BOOKINGS, async () => {
      const response = await graphql<{ createManualBooking: { id: string } }>(app, CREATE_MANUAL, {
        as: masterUser,
        variables: { input: { masterServiceId, startsAt: at(12).toISOString(), clientName: 'Ольга' } },
      });
      manualId = response.data!.createManualBooking.id;
    });
    const clientBooked = await graphql<{ createBooking: { id: string } }>(app, CREATE, {
      as: client,
      variables: { input: clientBooking(masterServiceId, at(14)) },
    });
    const clientBookingId = clientBooked.data!.createBooking.id;

    const byMaster = await deltas(BOOKINGS, () => graphql(app, CANCEL, { as: masterUser, variables: { input: { bookingId: manualId } } }));
    const byClient = await deltas(BOOKINGS, async () => {
      const response = await graphql(app, CANCEL, { as: client, variables: { input: { bookingId: clientBookingId } } });
      expect(response.data?.cancelBooking).toMatchObject({ status: 'CANCELLED' });
    });
    const repeated = await deltas(BOOKINGS, () =>
      graphql(app, CANCEL, { as: client, variables: { input: { bookingId: clientBookingId } } }),
    );

    expect(manual).toEqual({ createdByClient: 0, createdByMaster: 1, cancelledByClient: 0, cancelledByMaster: 0 });
    expect(byMaster).toEqual({ createdByClient: 0, createdByMaster: 0, cancelledByClient: 0, cancelledByMaster: 1 });
    expect(byClient).toEqual({ createdByClient: 0, createdByMaster: 0, cancelledByClient: 1, cancelledByMaster: 0 });
    expect(repeated).toEqual({ createdByClient: 0, createdByMaster: 0, cancelledByClient: 0, cancelledByMaster: 0 });
  });

  it('carry no personal data in any label', async () => {
    const { masterServiceId } = await bookableMaster();
    const client = telegramUser({ first_name: 'Зинаида', last_name: 'Кукушкина', username: 'zina_k' });
    await graphql(app, UPSERT, { as: client });
    await graphql(app, CREATE, {
      as: client,
      variables: { input: { ...clientBooking(masterServiceId, at(16)), clientName: 'Зинаида', clientPhone: '+79997776655' } },
    });

    const text = await scrapeMetrics(app);

    for (const personal of ['Зинаида', 'Кукушкина', 'zina_k', '79997776655', String(client.id)]) expect(text).not.toContain(personal);
  });
});

describe('client upsert metrics', () => {
  it('count the first upsert as created and later ones as refreshed', async () => {
    const user = telegramUser();
    const samples = {
      created: ['zapis_client_upserts_total', { result: 'created' }],
      refreshed: ['zapis_client_upserts_total', { result: 'refreshed' }],
    } satisfies Record<string, [string, Record<string, string>]>;

    const first = await deltas(samples, () => graphql(app, UPSERT, { as: user }));
    const second = await deltas(samples, () => graphql(app, UPSERT, { as: user }));

    expect(first).toEqual({ created: 1, refreshed: 0 });
    expect(second).toEqual({ created: 0, refreshed: 1 });
  });
});

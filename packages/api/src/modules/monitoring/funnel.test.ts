import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { createBooking, createMaster } from '../../../test/factories.js';
import type { OnboardingStep, WebAppStage } from '../../generated/prisma/enums.js';
import { addDays } from '../../time/zoned-time.js';

const KEY = 'operator-key-for-tests-0123456789';
const app = createTestApp({ env: { ADMIN_API_KEY: KEY } });
const prisma = testPrisma();
const asOperator = { 'x-admin-key': KEY };

const FUNNEL = /* GraphQL */ `
  query Funnel($from: String!, $to: String!) {
    funnel(from: $from, to: $to) {
      from to
      days {
        date stages { stage count } registrationsStarted onboardingsFinished registrationsCompleted clientBookings masterBookings partnerPulls
      }
      stageTotals { stage count }
    }
  }
`;

interface FunnelDay {
  date: string;
  stages: { stage: string; count: number }[];
  registrationsStarted: number;
  onboardingsFinished: number;
  registrationsCompleted: number;
  clientBookings: number;
  masterBookings: number;
  partnerPulls: number;
}
type FunnelResponse = GraphQLResponse<{
  funnel: { from: string; to: string; days: FunnelDay[]; stageTotals: { stage: string; count: number }[] };
}>;

const funnel = (
  from: string,
  to: string,
  headers: Record<string, string> = asOperator,
  as = undefined as ReturnType<typeof telegramUser> | undefined,
) => graphql(app, FUNNEL, { variables: { from, to }, headers, as }) as Promise<FunnelResponse>;

/** Three days in a distant year of their own: nothing else in the test database happens then. */
function isolatedDays() {
  const first = `${randomInt(2200, 9000)}-0${randomInt(1, 10)}-1${randomInt(0, 6)}`;
  return [first, addDays(first, 1), addDays(first, 2)] as const;
}

const utc = (date: string, time: string) => new Date(`${date}T${time}Z`);

async function events(stage: WebAppStage, occurredAt: Date, count: number) {
  await prisma.webAppEvent.createMany({ data: Array.from({ length: count }, () => ({ stage, occurredAt })) });
}

async function masterRegistered(createdAt: Date, completedAt: Date | null) {
  const { master } = await createMaster({ status: completedAt ? 'ACTIVE' : 'DRAFT' });
  await prisma.master.update({ where: { id: master.id }, data: { createdAt, profileCompletedAt: completedAt } });
  return master;
}

const ALL_STEPS: OnboardingStep[] = ['PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'];

/** A draft master with `steps` saved at the given times (the last one finishes the onboarding when all are there). */
async function stepsSaved(steps: OnboardingStep[], completedAt: (index: number) => Date) {
  const { master } = await createMaster({ status: 'DRAFT' });
  await prisma.masterOnboardingStep.createMany({
    data: steps.map((step, index) => ({ masterId: master.id, step, completedAt: completedAt(index) })),
  });
}

async function partnerPulled(pulledAt: Date[]) {
  const partner = await prisma.partner.create({ data: { name: `Partner ${randomUUID()}`, pseudonymKey: randomBytes(32) } });
  const key = await prisma.partnerApiKey.create({
    data: {
      partnerId: partner.id,
      prefix: `zp_${randomUUID().slice(0, 8)}`,
      keyHash: randomBytes(32),
      cityIds: [randomUUID()],
      serviceIds: [randomUUID()],
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await prisma.segmentPull.createMany({
    data: pulledAt.map((at, index) => ({
      partnerId: partner.id,
      keyId: key.id,
      keyPrefix: key.prefix,
      operation: index % 2 ? 'segmentSize' : 'segment',
      filter: {},
      membersCount: 10,
      contactsCount: 0,
      withheld: index === 0,
      pulledAt: at,
    })),
  });
}

async function bookingMade(masterId: string, source: 'CLIENT' | 'MASTER', createdAt: Date) {
  const booking = await createBooking({ masterId, source, startsAt: new Date(createdAt.getTime() + randomInt(1, 1_000_000) * 3_600_000) });
  await prisma.booking.update({ where: { id: booking.id }, data: { createdAt } });
}

describe('funnel', () => {
  it('counts stages, registrations and bookings per UTC day, exactly what happened in the range', async () => {
    const [day1, day2, day3] = isolatedDays();
    const before = addDays(day1, -1);
    const after = addDays(day3, 1);
    await events('APP_OPENED', utc(day1, '00:00:00.000'), 5);
    await events('AUTH_OK', utc(day1, '23:59:59.999'), 4);
    await events('ONBOARDING_STEP_SAVED', utc(day1, '12:00:00'), 3);
    await events('APP_OPENED', utc(day3, '08:00:00'), 2);
    await events('BOOKING_CREATED', utc(day3, '09:00:00'), 1);
    // Just outside the range on both sides.
    await events('APP_OPENED', utc(before, '23:59:59.999'), 7);
    await events('APP_OPENED', utc(after, '00:00:00'), 7);
    const master = await masterRegistered(utc(day1, '10:00:00'), utc(day3, '10:00:00'));
    await masterRegistered(utc(day1, '11:00:00'), null);
    await masterRegistered(utc(before, '11:00:00'), utc(day1, '11:00:00'));
    await bookingMade(master.id, 'CLIENT', utc(day2, '10:00:00'));
    await bookingMade(master.id, 'CLIENT', utc(day2, '11:00:00'));
    await bookingMade(master.id, 'MASTER', utc(day2, '12:00:00'));
    await bookingMade(master.id, 'MASTER', utc(after, '12:00:00'));
    // Finished on day 2 (the last step that day); five of six steps only; finished the day before.
    await stepsSaved(ALL_STEPS, (index) => (index < 5 ? utc(day1, '09:00:00') : utc(day2, '23:59:59.999')));
    await stepsSaved(ALL_STEPS.slice(0, 5), () => utc(day2, '09:00:00'));
    await stepsSaved(ALL_STEPS, () => utc(before, '09:00:00'));
    await partnerPulled([utc(day1, '00:00:00'), utc(day3, '10:00:00'), utc(day3, '11:00:00'), utc(after, '00:00:00')]);

    const response = await funnel(day1, day3);

    expect(response.errors).toBeUndefined();
    const result = response.data!.funnel;
    expect(result).toMatchObject({ from: day1, to: day3 });
    const stageCounts = (day: FunnelDay) =>
      Object.fromEntries(day.stages.filter((stage) => stage.count > 0).map((stage) => [stage.stage, stage.count]));
    expect(result.days.map((day) => day.date)).toEqual([day1, day2, day3]);
    expect(result.days.map(stageCounts)).toEqual([
      { app_opened: 5, auth_ok: 4, onboarding_step_saved: 3 },
      {},
      { app_opened: 2, booking_created: 1 },
    ]);
    expect(result.days[0]!.stages.map((stage) => stage.stage)).toEqual([
      'app_opened',
      'auth_ok',
      'auth_failed',
      'onboarding_step_saved',
      'master_activated',
      'search',
      'slot_viewed',
      'booking_created',
      'booking_failed',
      'client_error',
    ]);
    expect(
      result.days.map((day) => [
        day.registrationsStarted,
        day.onboardingsFinished,
        day.registrationsCompleted,
        day.clientBookings,
        day.masterBookings,
        day.partnerPulls,
      ]),
    ).toEqual([
      [2, 0, 1, 0, 0, 1],
      [0, 1, 0, 2, 1, 0],
      [0, 0, 1, 0, 0, 2],
    ]);
    expect(Object.fromEntries(result.stageTotals.filter((total) => total.count > 0).map((total) => [total.stage, total.count]))).toEqual({
      app_opened: 7,
      auth_ok: 4,
      onboarding_step_saved: 3,
      booking_created: 1,
    });
  });

  it('answers a single day', async () => {
    const [day] = isolatedDays();
    await events('SEARCH', utc(day, '15:00:00'), 2);

    const response = await funnel(day, day);

    expect(response.data?.funnel.days).toHaveLength(1);
    expect(response.data?.funnel.stageTotals.find((total) => total.stage === 'search')?.count).toBe(2);
  });

  it('refuses callers without the operator key, and a wrong key, before reading anything', async () => {
    const [day] = isolatedDays();
    const user = telegramUser();

    const anonymous = await funnel(day, day, {});
    const miniAppUser = await funnel(day, day, {}, user);
    const wrongKey = await funnel(day, day, { 'x-admin-key': `${KEY}-wrong` });
    const wrongKeyWithUser = await funnel(day, day, { 'x-admin-key': 'short' }, user);
    const bearer = await funnel(day, day, { authorization: `Bearer ${KEY}` });
    const noKeyConfigured = (await graphql(createTestApp(), FUNNEL, {
      variables: { from: day, to: day },
      headers: asOperator,
    })) as FunnelResponse;

    expect([anonymous.status, anonymous.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([miniAppUser.status, miniAppUser.errors?.[0]?.extensions?.code]).toEqual([403, 'FORBIDDEN']);
    expect([wrongKey.status, wrongKey.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([wrongKeyWithUser.status, wrongKeyWithUser.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([bearer.status, bearer.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([noKeyConfigured.status, noKeyConfigured.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    for (const response of [anonymous, miniAppUser, wrongKey, wrongKeyWithUser, bearer, noKeyConfigured]) {
      expect(response.data ?? null).toBeNull();
      expect(JSON.stringify(response.errors)).not.toContain(KEY);
    }
  });

  it('refuses dates that are not YYYY-MM-DD, a reversed range and more than 92 days with BAD_USER_INPUT', async () => {
    for (const [from, to] of [
      ['2030-02-30', '2030-03-01'],
      ['30.01.2030', '2030-03-01'],
      ['2030-03-02', '2030-03-01'],
      ['2030-01-01', '2030-04-03'],
    ] as const) {
      const response = await funnel(from, to);
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await funnel('2030-01-01', '2030-04-02')).data?.funnel.days).toHaveLength(92);
  });
});

import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { createCity, createMaster, createService, rowsOfTelegramUser } from '../../../test/factories.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';

const app = createTestApp();

const PROFILE_FIELDS = /* GraphQL */ `
  id
  status
  isActive
  profileCompletedAt
  displayName
  phone
  phoneVerified
  city { id name }
  address
  timeZone
  lastActivityAt
  onboarding { nextStep missingSteps isComplete steps { step complete } }
  schedule { weekday intervals { start end } }
  slotSettings { stepMinutes bufferMinutes minNoticeMinutes horizonDays cancellationCutoffMinutes }
  services { id isActive price { amountMinor currency } durationMinutes service { id } }
`;

const SAVE = `mutation Save($input: SaveOnboardingStepInput!) { saveOnboardingStep(input: $input) { ${PROFILE_FIELDS} } }`;
const ACTIVATE = `mutation { activateMaster { ${PROFILE_FIELDS} } }`;
const PROFILE = `{ masterProfile { ${PROFILE_FIELDS} } }`;
const SETTINGS = `mutation Settings($input: UpdateMasterSettingsInput!) { updateMasterSettings(input: $input) { ${PROFILE_FIELDS} } }`;

type Profile = {
  status: string;
  isActive: boolean;
  profileCompletedAt: string | null;
  phone: string | null;
  phoneVerified: boolean;
  timeZone: string | null;
  lastActivityAt: string;
  onboarding: { nextStep: string | null; missingSteps: string[]; isComplete: boolean };
  schedule: { weekday: number; intervals: { start: string; end: string }[] }[];
  slotSettings: Record<string, number> | null;
  services: {
    id: string;
    isActive: boolean;
    price: { amountMinor: number; currency: string };
    durationMinutes: number;
    service: { id: string };
  }[];
};

async function save(user: TelegramInitUser, input: Record<string, unknown>) {
  const response = await graphql<{ saveOnboardingStep: Profile }>(app, SAVE, { as: user, variables: { input } });
  return { ...response, profile: response.data?.saveOnboardingStep };
}

function expectBadInput(response: { errors?: { extensions?: Record<string, unknown> }[] }, path: RegExp) {
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const fields = (response.errors?.[0]?.extensions?.fields ?? []) as { path: string; message: string }[];
  expect(fields.map((field) => field.path).join(' ')).toMatch(path);
  for (const field of fields) expect(field.message.length).toBeGreaterThan(0);
}

const masterRow = (user: TelegramInitUser) =>
  testPrisma().master.findUnique({
    where: { telegramId: BigInt(user.id) },
    include: { scheduleIntervals: true, slotSettings: true, services: true, onboardingSteps: true },
  });

const weekdays = {
  days: [
    {
      weekday: 1,
      intervals: [
        { start: '10:00', end: '14:00' },
        { start: '15:00', end: '19:00' },
      ],
    },
    { weekday: 6, intervals: [{ start: '11:00', end: '24:00' }] },
  ],
};
const slots = { stepMinutes: 30, bufferMinutes: 10, minNoticeMinutes: 120, horizonDays: 30 };
const profile = { displayName: 'Анна — маникюр', about: 'Аппаратный маникюр и покрытие, стерильные инструменты.' };

/** A user who saved every step; the phone is verified directly, as OTP would. */
async function completeProfile(user: TelegramInitUser) {
  const city = await createCity({ timeZone: 'Asia/Yekaterinburg' });
  const service = await createService();
  await save(user, { phone: { phone: '8 912 345-67-89' } });
  await save(user, { location: { cityId: encodeGlobalID('City', city.id), address: 'ул. Ленина, 1' } });
  await save(user, { schedule: weekdays });
  await save(user, { slots });
  await save(user, {
    services: { services: [{ serviceId: encodeGlobalID('Service', service.id), priceMinor: 250000, durationMinutes: 90 }] },
  });
  await save(user, { profile });
  const master = (await masterRow(user))!;
  await testPrisma().master.update({ where: { id: master.id }, data: { phoneVerifiedAt: new Date(), phoneVerificationMethod: 'OTP' } });
  await testPrisma().masterOnboardingStep.create({ data: { masterId: master.id, step: 'PHONE' } });
  return { master, city, service };
}

describe('master-only operations without a master profile', () => {
  it.each([
    ['masterProfile', PROFILE, undefined],
    ['activateMaster', ACTIVATE, undefined],
    ['updateMasterSettings', SETTINGS, { input: { active: false } }],
  ])('%s answers 403 MASTER_NOT_REGISTERED and creates nothing', async (_name, query, variables) => {
    const user = telegramUser();
    const response = await graphql(app, query, { as: user, variables });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.extensions?.code).toBe('MASTER_NOT_REGISTERED');
    expect(response.data ?? null).toBeNull();
    expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
  });

  it('answers 401 to anonymous callers', async () => {
    const response = await graphql(app, PROFILE);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('treats an archived profile as no profile', async () => {
    const { user } = await createMaster({ status: 'ARCHIVED' });
    const response = await graphql(app, PROFILE, { as: user });
    expect(response.errors?.[0]?.extensions?.code).toBe('MASTER_NOT_REGISTERED');
  });
});

describe('saveOnboardingStep', () => {
  it('creates a draft on the first save and reports per-step completion', async () => {
    const user = telegramUser({ first_name: 'Ирина', last_name: 'Ким' });
    const { profile, errors } = await save(user, { phone: { phone: '8 (912) 345-67-89' } });
    expect(errors).toBeUndefined();
    expect(profile).toMatchObject({
      status: 'DRAFT',
      isActive: false,
      profileCompletedAt: null,
      phone: '+79123456789',
      phoneVerified: false,
      onboarding: { nextStep: 'PHONE', isComplete: false, missingSteps: ['PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'] },
    });
    const row = await masterRow(user);
    expect(row).toMatchObject({
      status: 'DRAFT',
      isActive: false,
      profileCompletedAt: null,
      phone: '+79123456789',
      displayName: 'Ирина Ким',
    });
    expect(await rowsOfTelegramUser(user.id)).toMatchObject({ users: 1, masters: 1, clients: 0 });
  });

  it('saves location with the city time zone, schedule, slots and services, each completing its step', async () => {
    const user = telegramUser();
    const city = await createCity({ timeZone: 'Asia/Vladivostok' });
    const [a, b] = [await createService(), await createService()];

    const location = await save(user, { location: { cityId: encodeGlobalID('City', city.id), address: '  Светланская, 5 ' } });
    expect(location.profile).toMatchObject({
      timeZone: 'Asia/Vladivostok',
      onboarding: { missingSteps: ['PHONE', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'] },
    });

    const schedule = await save(user, { schedule: weekdays });
    expect(schedule.profile?.schedule[0]).toEqual({
      weekday: 1,
      intervals: [
        { start: '10:00', end: '14:00' },
        { start: '15:00', end: '19:00' },
      ],
    });
    expect(schedule.profile?.schedule[5]).toEqual({ weekday: 6, intervals: [{ start: '11:00', end: '24:00' }] });
    expect(schedule.profile?.schedule[6]).toEqual({ weekday: 7, intervals: [] });

    const slotStep = await save(user, { slots: { ...slots, cancellationCutoffMinutes: 180 } });
    expect(slotStep.profile?.slotSettings).toEqual({ ...slots, cancellationCutoffMinutes: 180 });

    const services = await save(user, {
      services: {
        services: [
          { serviceId: encodeGlobalID('Service', a.id), priceMinor: 150000, durationMinutes: 60 },
          { serviceId: encodeGlobalID('Service', b.id), priceMinor: 90000, durationMinutes: 45 },
        ],
      },
    });
    expect(services.profile?.services).toHaveLength(2);
    expect(services.profile?.onboarding.missingSteps).toEqual(['PHONE', 'PROFILE']);

    const row = (await masterRow(user))!;
    expect(row).toMatchObject({ cityId: city.id, timeZone: 'Asia/Vladivostok', address: 'Светланская, 5' });
    expect(row.scheduleIntervals.map((i) => [i.weekday, i.startMinute, i.endMinute]).sort()).toEqual(
      [
        [1, 600, 840],
        [1, 900, 1140],
        [6, 660, 1440],
      ].sort(),
    );
    expect(row.slotSettings).toMatchObject({
      stepMinutes: 30,
      bufferMinutes: 10,
      minNoticeMinutes: 120,
      horizonDays: 30,
      cancellationCutoffMinutes: 180,
    });
    expect(row.onboardingSteps.map((s) => s.step).sort()).toEqual(['LOCATION', 'SCHEDULE', 'SERVICES', 'SLOTS']);
    expect(row.slotSettings).toMatchObject({ requireConfirmation: false, confirmationDeadlineMinutes: 180 });
  });

  it('refreshes last_activity_at on every save', async () => {
    const user = telegramUser();
    await save(user, { phone: { phone: '+7 912 000 00 01' } });
    const master = (await masterRow(user))!;
    const past = new Date('2020-01-01T00:00:00Z');
    await testPrisma().master.update({ where: { id: master.id }, data: { lastActivityAt: past } });
    await save(user, { slots });
    expect((await masterRow(user))!.lastActivityAt.getTime()).toBeGreaterThan(past.getTime());
  });

  it('keeps services left out of a later save, archived for the bookings that point at them', async () => {
    const user = telegramUser();
    const city = await createCity();
    await save(user, { location: { cityId: encodeGlobalID('City', city.id), address: 'ул. Мира, 1' } });
    const [a, b] = [await createService(), await createService()];
    const offer = (id: string) => ({ serviceId: encodeGlobalID('Service', id), priceMinor: 100000, durationMinutes: 60 });
    await save(user, { services: { services: [offer(a.id), offer(b.id)] } });
    const { profile } = await save(user, { services: { services: [offer(b.id)] } });
    expect(profile?.services.map((s) => s.service.id)).toEqual([encodeGlobalID('Service', b.id)]);
    const rows = (await masterRow(user))!.services;
    expect(rows.map((row) => [row.serviceId, row.isActive, row.archivedAt !== null]).sort()).toEqual(
      [
        [a.id, false, true],
        [b.id, true, false],
        [b.id, false, true],
      ].sort(),
    );
  });

  const someService = encodeGlobalID('Service', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f11');
  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['an impossible phone number', { phone: { phone: '12345' } }, /input\.phone\.phone/],
    ['an empty phone', { phone: { phone: '  ' } }, /input\.phone\.phone/],
    [
      'a city id of another type',
      { location: { cityId: encodeGlobalID('Service', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10'), address: 'ул. Мира, 1' } },
      /location\.cityId/,
    ],
    [
      'an unknown city',
      { location: { cityId: encodeGlobalID('City', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10'), address: 'ул. Мира, 1' } },
      /location\.cityId/,
    ],
    ['a garbage city id', { location: { cityId: 'not-an-id', address: 'ул. Мира, 1' } }, /^input\.location\.cityId$/],
    [
      'a too short address',
      { location: { cityId: encodeGlobalID('City', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10'), address: 'a' } },
      /^input\.location\.address$/,
    ],
    [
      'overlapping intervals',
      {
        schedule: {
          days: [
            {
              weekday: 2,
              intervals: [
                { start: '10:00', end: '14:00' },
                { start: '13:30', end: '18:00' },
              ],
            },
          ],
        },
      },
      /days\.0\.intervals\.1/,
    ],
    [
      'an interval ending before it starts',
      { schedule: { days: [{ weekday: 2, intervals: [{ start: '18:00', end: '10:00' }] }] } },
      /days\.0\.intervals\.0\.end/,
    ],
    [
      'a time outside the day',
      { schedule: { days: [{ weekday: 2, intervals: [{ start: '10:00', end: '24:30' }] }] } },
      /days\.0\.intervals\.0\.end/,
    ],
    [
      'a badly written time',
      { schedule: { days: [{ weekday: 2, intervals: [{ start: '9:00', end: '12:00' }] }] } },
      /days\.0\.intervals\.0\.start/,
    ],
    ['weekday 8', { schedule: { days: [{ weekday: 8, intervals: [{ start: '10:00', end: '12:00' }] }] } }, /days\.0\.weekday/],
    [
      'a weekday given twice',
      {
        schedule: {
          days: [
            { weekday: 3, intervals: [{ start: '10:00', end: '12:00' }] },
            { weekday: 3, intervals: [] },
          ],
        },
      },
      /days\.1\.weekday/,
    ],
    ['no working day at all', { schedule: { days: [{ weekday: 3, intervals: [] }] } }, /input\.schedule\.days/],
    ['a 25-minute slot step', { slots: { ...slots, stepMinutes: 25 } }, /slots\.stepMinutes/],
    ['a 45-minute slot step', { slots: { ...slots, stepMinutes: 45 } }, /slots\.stepMinutes/],
    ['a 150-minute slot step', { slots: { ...slots, stepMinutes: 150 } }, /slots\.stepMinutes/],
    ['a negative buffer', { slots: { ...slots, bufferMinutes: -5 } }, /slots\.bufferMinutes/],
    ['a zero-day horizon', { slots: { ...slots, horizonDays: 0 } }, /slots\.horizonDays/],
    ['no services', { services: { services: [] } }, /services\.services/],
    [
      'a 4-minute service',
      { services: { services: [{ serviceId: someService, priceMinor: 100, durationMinutes: 4 }] } },
      /^input\.services\.services\.0\.durationMinutes$/,
    ],
    [
      'a 481-minute service',
      { services: { services: [{ serviceId: someService, priceMinor: 100, durationMinutes: 481 }] } },
      /^input\.services\.services\.0\.durationMinutes$/,
    ],
    [
      'a negative price',
      { services: { services: [{ serviceId: someService, priceMinor: -1, durationMinutes: 60 }] } },
      /^input\.services\.services\.0\.priceMinor$/,
    ],
    [
      'two services of one kind without names of their own',
      {
        services: {
          services: [
            { serviceId: someService, priceMinor: 1, durationMinutes: 60 },
            { serviceId: someService, priceMinor: 1, durationMinutes: 60 },
          ],
        },
      },
      /^input\.services\.services\.1\.name$/,
    ],
    [
      'an unknown service',
      {
        services: {
          services: [{ serviceId: encodeGlobalID('Service', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10'), priceMinor: 1, durationMinutes: 60 }],
        },
      },
      /services\.0\.serviceId/,
    ],
  ];

  it.each(invalid)('refuses %s with BAD_USER_INPUT and saves nothing', async (_name, input, path) => {
    const user = telegramUser();
    const response = await save(user, input);
    expectBadInput(response, path);
    expect(response.data ?? null).toBeNull();
    expect(await rowsOfTelegramUser(user.id)).toEqual({ users: 0, masters: 0, clients: 0, events: 0 });
  });

  it('leaves an existing draft untouched when a later save is invalid', async () => {
    const user = telegramUser();
    await save(user, { schedule: weekdays });
    const before = await masterRow(user);
    const response = await save(user, { schedule: { days: [{ weekday: 1, intervals: [{ start: '10:00', end: '09:00' }] }] } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await masterRow(user);
    expect(after?.scheduleIntervals).toEqual(before?.scheduleIntervals);
    expect(after?.lastActivityAt).toEqual(before?.lastActivityAt);
  });

  it('accepts exactly one step per call', async () => {
    const user = telegramUser();
    const response = await save(user, { slots, phone: { phone: '+79120000000' } });
    expect(response.errors?.[0]?.message).toMatch(/exactly one key/i);
    expect(await rowsOfTelegramUser(user.id)).toMatchObject({ masters: 0 });
  });

  it('unverifies the phone when the number changes, and only then', async () => {
    const user = telegramUser();
    await completeProfile(user);
    const same = await save(user, { phone: { phone: '+7 912 345 67 89' } });
    expect(same.profile).toMatchObject({ phoneVerified: true, onboarding: { isComplete: true } });
    const changed = await save(user, { phone: { phone: '+7 912 000 11 22' } });
    expect(changed.profile).toMatchObject({ phone: '+79120001122', phoneVerified: false, onboarding: { nextStep: 'PHONE' } });
  });

  it('starts an archived profile over as a fresh draft', async () => {
    const { user, master } = await createMaster({ status: 'ARCHIVED' });
    await testPrisma().masterOnboardingStep.create({ data: { masterId: master.id, step: 'SLOTS' } });
    const { profile } = await save(user, { phone: { phone: '+79123334455' } });
    expect(profile).toMatchObject({
      status: 'DRAFT',
      isActive: false,
      onboarding: { missingSteps: ['PHONE', 'LOCATION', 'SCHEDULE', 'SLOTS', 'SERVICES', 'PROFILE'] },
    });
    expect((await masterRow(user))!.id).toBe(master.id);
  });
});

describe('activateMaster', () => {
  it('is refused, naming the missing steps, until every step is complete', async () => {
    const user = telegramUser();
    await save(user, { slots });
    const response = await graphql(app, ACTIVATE, { as: user });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      missingSteps: ['PHONE', 'LOCATION', 'SCHEDULE', 'SERVICES', 'PROFILE'],
    });
    expect(await masterRow(user)).toMatchObject({ status: 'DRAFT', isActive: false, profileCompletedAt: null });
  });

  it('is refused while the phone is saved but not verified', async () => {
    const user = telegramUser();
    await completeProfile(user);
    await save(user, { phone: { phone: '+79125550000' } });
    const response = await graphql(app, ACTIVATE, { as: user });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', missingSteps: ['PHONE'] });
  });

  it('publishes a complete profile, and is idempotent', async () => {
    const user = telegramUser();
    await completeProfile(user);
    const first = await graphql<{ activateMaster: Profile }>(app, ACTIVATE, { as: user });
    expect(first.errors).toBeUndefined();
    expect(first.data?.activateMaster).toMatchObject({ status: 'ACTIVE', isActive: true, onboarding: { isComplete: true } });
    const row = (await masterRow(user))!;
    expect(row).toMatchObject({ status: 'ACTIVE', isActive: true });
    expect(row.profileCompletedAt).toBeInstanceOf(Date);

    const second = await graphql<{ activateMaster: Profile }>(app, ACTIVATE, { as: user });
    expect(second.data?.activateMaster.profileCompletedAt).toBe(first.data?.activateMaster.profileCompletedAt);
    expect((await masterRow(user))!.profileCompletedAt).toEqual(row.profileCompletedAt);
  });
});

describe('updateMasterSettings', () => {
  async function activeMaster() {
    const user = telegramUser();
    await completeProfile(user);
    await graphql(app, ACTIVATE, { as: user });
    return user;
  }

  it('deactivates and reactivates the profile', async () => {
    const user = await activeMaster();
    const off = await graphql<{ updateMasterSettings: Profile }>(app, SETTINGS, { as: user, variables: { input: { active: false } } });
    expect(off.data?.updateMasterSettings).toMatchObject({ status: 'ACTIVE', isActive: false });
    expect((await masterRow(user))!).toMatchObject({ isActive: false, deactivatedAt: expect.any(Date) });

    const on = await graphql<{ updateMasterSettings: Profile }>(app, SETTINGS, { as: user, variables: { input: { active: true } } });
    expect(on.data?.updateMasterSettings).toMatchObject({ isActive: true });
    expect((await masterRow(user))!).toMatchObject({ isActive: true, deactivatedAt: null });
  });

  it('edits onboarding data with the same rules', async () => {
    const user = await activeMaster();
    const ok = await graphql<{ updateMasterSettings: Profile & { displayName: string } }>(app, SETTINGS, {
      as: user,
      variables: { input: { profile: { ...profile, displayName: 'Анна — ногти' }, slots: { ...slots, stepMinutes: 15 } } },
    });
    expect(ok.data?.updateMasterSettings).toMatchObject({ displayName: 'Анна — ногти', slotSettings: { stepMinutes: 15 } });

    const bad = await graphql(app, SETTINGS, {
      as: user,
      variables: { input: { profile: { ...profile, displayName: 'Новое имя' }, slots: { ...slots, stepMinutes: 7 } } },
    });
    expectBadInput(bad, /slots\.stepMinutes/);
    expect((await masterRow(user))!).toMatchObject({ displayName: 'Анна — ногти', slotSettings: { stepMinutes: 15 } });
  });

  it('requires confirmation with a deadline of 60 minutes to 22 hours, kept with the slot settings', async () => {
    const user = await activeMaster();
    const settings = (input: Record<string, unknown>) => graphql(app, SETTINGS, { as: user, variables: { input } });
    expect(await masterRow(user)).toMatchObject({ slotSettings: { requireConfirmation: false, confirmationDeadlineMinutes: 180 } });

    expect((await settings({ confirmation: { requireConfirmation: true, confirmationDeadlineMinutes: 240 } })).errors).toBeUndefined();
    expect(await masterRow(user)).toMatchObject({ slotSettings: { requireConfirmation: true, confirmationDeadlineMinutes: 240 } });
    for (const minutes of [59, 1321]) {
      expectBadInput(
        await settings({ confirmation: { requireConfirmation: false, confirmationDeadlineMinutes: minutes } }),
        /confirmation\.confirmationDeadlineMinutes/,
      );
    }
    // Switched off, the deadline stays for next time.
    expect((await settings({ confirmation: { requireConfirmation: false } })).errors).toBeUndefined();
    expect(await masterRow(user)).toMatchObject({ slotSettings: { requireConfirmation: false, confirmationDeadlineMinutes: 240 } });

    const draft = telegramUser();
    await save(draft, { phone: { phone: '+7 912 000 00 02' } });
    expectBadInput(
      await graphql(app, SETTINGS, { as: draft, variables: { input: { confirmation: { requireConfirmation: true } } } }),
      /confirmation/,
    );
  });

  it('refuses to show a draft to clients', async () => {
    const user = telegramUser();
    await save(user, { slots });
    const response = await graphql(app, SETTINGS, { as: user, variables: { input: { active: true } } });
    expectBadInput(response, /active/);
    expect((await masterRow(user))!).toMatchObject({ isActive: false, status: 'DRAFT' });
  });
});

describe('concurrency', () => {
  it.each([1, 2, 3, 4, 5])('simultaneous first saves of one user create exactly one draft (round %i)', async () => {
    const user = telegramUser();
    const results = await Promise.all([
      save(user, { slots }),
      save(user, { schedule: weekdays }),
      save(user, { phone: { phone: '+79121112233' } }),
      save(user, { slots: { ...slots, bufferMinutes: 0 } }),
    ]);
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(await rowsOfTelegramUser(user.id)).toMatchObject({ users: 1, masters: 1 });
  });
});

describe('the profile step', () => {
  it('saves the public name and description and completes the step; settings edit the same with the same rules', async () => {
    const user = telegramUser();
    const saved = await save(user, { profile: { ...profile, telegramContactAllowed: true } });
    expect(saved.profile?.onboarding.missingSteps).not.toContain('PROFILE');
    expect(await masterRow(user)).toMatchObject({ displayName: profile.displayName, about: profile.about, telegramContactAllowed: true });

    for (const [bad, path] of [
      [{ ...profile, displayName: 'А' }, /profile\.displayName/],
      [{ ...profile, about: 'Коротко' }, /profile\.about/],
      [{ ...profile, about: 'х'.repeat(501) }, /profile\.about/],
    ] as const) {
      expectBadInput(await save(user, { profile: bad }), path);
    }
    expect(await masterRow(user)).toMatchObject({ displayName: profile.displayName, about: profile.about });
  });
});

describe('the location step', () => {
  it('keeps the full address and shows clients only the area when the master asks', async () => {
    const user = telegramUser();
    const city = await createCity();
    const cityId = encodeGlobalID('City', city.id);
    await save(user, { location: { cityId, address: 'ул. Тверская, 12, кв. 4', addressVisibility: 'AREA', area: 'м. Пушкинская' } });
    expect(await masterRow(user)).toMatchObject({ address: 'ул. Тверская, 12, кв. 4', addressVisibility: 'AREA', area: 'м. Пушкинская' });

    expectBadInput(await save(user, { location: { cityId, address: 'ул. Тверская, 12', addressVisibility: 'AREA' } }), /location\.area/);
    expect(await masterRow(user)).toMatchObject({ address: 'ул. Тверская, 12, кв. 4', area: 'м. Пушкинская' });

    await save(user, { location: { cityId, address: 'ул. Тверская, 12' } });
    expect(await masterRow(user)).toMatchObject({ addressVisibility: 'FULL', area: null });
  });

  it("prices a master's services in their city's currency, also after a move to another country", async () => {
    const user = telegramUser();
    const moscow = await createCity({ currency: 'RUB' });
    const tbilisi = await createCity({ currency: 'GEL', countryCode: 'GE', timeZone: 'Asia/Tbilisi' });
    const service = await createService();
    await save(user, { location: { cityId: encodeGlobalID('City', moscow.id), address: 'ул. Мира, 1' } });
    const saved = await save(user, {
      services: { services: [{ serviceId: encodeGlobalID('Service', service.id), priceMinor: 250_000, durationMinutes: 60 }] },
    });
    expect(saved.profile?.services[0]?.price).toEqual({ amountMinor: 250_000, currency: 'RUB' });
    const moved = await save(user, { location: { cityId: encodeGlobalID('City', tbilisi.id), address: 'ул. Руставели, 5' } });
    expect(moved.profile?.services[0]?.price).toEqual({ amountMinor: 250_000, currency: 'GEL' });
    expect((await masterRow(user))!.services.map((row) => row.currency)).toEqual(['GEL']);
  });

  it('asks for the city before the services: their prices are in its currency', async () => {
    const user = telegramUser();
    const service = await createService();
    const response = await save(user, {
      services: { services: [{ serviceId: encodeGlobalID('Service', service.id), priceMinor: 1000, durationMinutes: 60 }] },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CITY_REQUIRED' });
    expect(await testPrisma().masterService.count({ where: { master: { telegramId: BigInt(user.id) } } })).toBe(0);
  });
});

describe("a master's own services", () => {
  const SERVICE_FIELDS = 'id name ownName description price { amountMinor currency } durationMinutes isActive service { id }';
  const CREATE = `mutation($input: CreateMasterServiceInput!) { createMasterService(input: $input) { ${SERVICE_FIELDS} } }`;
  const UPDATE = `mutation($input: UpdateMasterServiceInput!) { updateMasterService(input: $input) { ${SERVICE_FIELDS} } }`;
  const ARCHIVE = 'mutation($input: ArchiveMasterServiceInput!) { archiveMasterService(input: $input) }';
  type Offered = { id: string; name: string; ownName: string | null; isActive: boolean; price: { amountMinor: number; currency: string } };

  async function masterInCity(currency = 'KZT') {
    const user = telegramUser();
    const city = await createCity({ currency, countryCode: 'KZ', timeZone: 'Asia/Almaty' });
    await save(user, { location: { cityId: encodeGlobalID('City', city.id), address: 'пр. Абая, 10' } });
    return user;
  }
  const create = (user: TelegramInitUser, input: Record<string, unknown>) =>
    graphql<{ createMasterService: Offered }>(app, CREATE, { as: user, variables: { input } });

  it('offers several services under one catalogue service, each with its own name, in the city currency', async () => {
    const user = await masterInCity();
    const manicure = await createService();
    const serviceId = encodeGlobalID('Service', manicure.id);
    const plain = await create(user, { serviceId, name: 'Маникюр без покрытия', priceMinor: 800_000, durationMinutes: 60 });
    const coated = await create(user, {
      serviceId,
      name: 'Маникюр с покрытием',
      description: 'Гель-лак, любой цвет',
      priceMinor: 1_200_000,
      durationMinutes: 90,
    });
    expect(plain.errors).toBeUndefined();
    expect(coated.data?.createMasterService).toMatchObject({
      name: 'Маникюр с покрытием',
      ownName: 'Маникюр с покрытием',
      price: { amountMinor: 1_200_000, currency: 'KZT' },
    });

    const again = await create(user, { serviceId, name: 'маникюр С покрытием', priceMinor: 1, durationMinutes: 60 });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NAME_TAKEN' });
    const rows = await testPrisma().masterService.findMany({
      where: { master: { telegramId: BigInt(user.id) } },
      orderBy: { position: 'asc' },
    });
    expect(rows.map((row) => [row.name, row.priceMinor, row.currency, row.position])).toEqual([
      ['Маникюр без покрытия', 800_000, 'KZT', 0],
      ['Маникюр с покрытием', 1_200_000, 'KZT', 1],
    ]);
    expect((await masterRow(user))!.onboardingSteps.map((step) => step.step)).toContain('SERVICES');
  });

  it('edits, switches off and on, and archives a service, keeping what bookings point at', async () => {
    const user = await masterInCity();
    const service = await createService();
    const created = await create(user, { serviceId: encodeGlobalID('Service', service.id), priceMinor: 500_000, durationMinutes: 60 });
    const id = created.data!.createMasterService.id;

    const renamed = await graphql<{ updateMasterService: Offered }>(app, UPDATE, {
      as: user,
      variables: { input: { id, name: 'Классика', priceMinor: 550_000 } },
    });
    expect(renamed.data?.updateMasterService).toMatchObject({ name: 'Классика', price: { amountMinor: 550_000 } });
    const off = await graphql<{ updateMasterService: Offered }>(app, UPDATE, { as: user, variables: { input: { id, isActive: false } } });
    expect(off.data?.updateMasterService).toMatchObject({ isActive: false, name: 'Классика', price: { amountMinor: 550_000 } });
    // Nothing offered any more: the services step is not complete.
    expect((await masterRow(user))!.onboardingSteps.map((step) => step.step)).not.toContain('SERVICES');
    // Switched off, the service is still the master's to switch on again; clients no longer see it.
    const listed = (await graphql<{ masterProfile: Profile }>(app, PROFILE, { as: user })).data?.masterProfile.services;
    expect(listed).toMatchObject([{ id, isActive: false }]);
    await graphql(app, UPDATE, { as: user, variables: { input: { id, isActive: true } } });
    expect((await masterRow(user))!.onboardingSteps.map((step) => step.step)).toContain('SERVICES');

    const archived = await graphql<{ archiveMasterService: string }>(app, ARCHIVE, { as: user, variables: { input: { id } } });
    expect(archived.data?.archiveMasterService).toBe(id);
    const row = (await masterRow(user))!.services[0]!;
    expect(row).toMatchObject({ name: 'Классика', isActive: false, archivedAt: expect.any(Date) });
    const [profileAfter] = [(await graphql<{ masterProfile: Profile }>(app, PROFILE, { as: user })).data?.masterProfile];
    expect(profileAfter?.services).toEqual([]);
  });

  it("answers another master's service as one that does not exist, and bad input with BAD_USER_INPUT, changing nothing", async () => {
    const owner = await masterInCity();
    const service = await createService();
    const created = await create(owner, { serviceId: encodeGlobalID('Service', service.id), priceMinor: 500_000, durationMinutes: 60 });
    const id = created.data!.createMasterService.id;
    const stranger = await masterInCity();

    const update = await graphql(app, UPDATE, { as: stranger, variables: { input: { id, priceMinor: 1 } } });
    expect(update.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.id', message: 'No such service.' }],
    });
    const archive = await graphql(app, ARCHIVE, { as: stranger, variables: { input: { id } } });
    expect(archive.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.id', message: 'No such service.' }],
    });
    for (const input of [
      { serviceId: encodeGlobalID('Service', service.id), priceMinor: -1, durationMinutes: 60 },
      { serviceId: encodeGlobalID('Service', service.id), priceMinor: 100, durationMinutes: 500 },
      { serviceId: encodeGlobalID('Service', service.id), name: 'x'.repeat(81), priceMinor: 100, durationMinutes: 60 },
      { serviceId: encodeGlobalID('Service', '0b6c3f4e-8f1d-4a55-9a86-0d1a7c6f7f10'), priceMinor: 100, durationMinutes: 60 },
    ]) {
      const response = await create(owner, input);
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    const rows = await testPrisma().masterService.findMany({ where: { id: { in: [decodeId(id)] } } });
    expect(rows).toMatchObject([{ priceMinor: 500_000, archivedAt: null }]);
    expect(await testPrisma().masterService.count({ where: { master: { telegramId: BigInt(owner.id) } } })).toBe(1);
  });
});

const decodeId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

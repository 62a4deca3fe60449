import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { BookingSource, BookingStatus, ContactChannel, MasterStatus } from '../src/generated/prisma/enums.js';
import type { TelegramInitUser } from '../src/telegram/init-data.js';
import { localDateToDb } from '../src/time/zoned-time.js';
import { telegramUser, testPrisma } from './app.js';

const unique = () => randomUUID().slice(0, 8);

export async function createCity(
  overrides: {
    nameRu?: string;
    nameEn?: string;
    timeZone?: string;
    countryCode?: string;
    currency?: string;
    position?: number;
    isActive?: boolean;
  } = {},
) {
  const suffix = unique();
  return testPrisma().city.create({
    data: {
      slug: `city-${suffix}`,
      nameRu: overrides.nameRu ?? `Город ${suffix}`,
      nameEn: overrides.nameEn ?? `City ${suffix}`,
      countryCode: overrides.countryCode ?? 'RU',
      timeZone: overrides.timeZone ?? 'Europe/Moscow',
      currency: overrides.currency ?? 'RUB',
      position: overrides.position ?? 0,
      isActive: overrides.isActive ?? true,
    },
  });
}

export async function createService(overrides: { category?: string; position?: number; isActive?: boolean } = {}) {
  const suffix = unique();
  return testPrisma().service.create({
    data: {
      slug: `service-${suffix}`,
      category: overrides.category ?? `category-${suffix}`,
      nameRu: `Услуга ${suffix}`,
      nameEn: `Service ${suffix}`,
      defaultDurationMinutes: 60,
      position: overrides.position ?? 0,
      isActive: overrides.isActive ?? true,
    },
  });
}

/**
 * A master for `user` (a new Telegram user by default), active with a completed profile in a
 * new city unless told otherwise. `isActive: false` is an activated master who hid the profile.
 */
export async function createMaster(
  options: {
    user?: TelegramInitUser;
    status?: MasterStatus;
    isActive?: boolean;
    city?: { id: string; timeZone: string };
    displayName?: string;
    about?: string;
    address?: string;
    addressVisibility?: 'FULL' | 'AREA';
    area?: string;
    telegramContactAllowed?: boolean;
  } = {},
) {
  const user = options.user ?? telegramUser();
  const status = options.status ?? 'ACTIVE';
  const city = options.city ?? (await createCity());
  const now = new Date();
  const master = await testPrisma().master.create({
    data: {
      user: { create: { telegramId: BigInt(user.id), firstName: user.first_name, languageCode: user.language_code } },
      status,
      isActive: options.isActive ?? status === 'ACTIVE',
      profileCompletedAt: status === 'ACTIVE' ? now : null,
      displayName: options.displayName ?? `${user.first_name} (master)`,
      about: options.about,
      address: options.address,
      addressVisibility: options.addressVisibility,
      area: options.area,
      telegramContactAllowed: options.telegramContactAllowed,
      city: { connect: { id: city.id } },
      timeZone: city.timeZone,
    },
  });
  return { master, user, city };
}

/** A client profile for `user` (a new Telegram user by default), named as in Telegram. */
export async function createClient(options: { user?: TelegramInitUser; erased?: boolean; preferredChannels?: ContactChannel[] } = {}) {
  const user = options.user ?? telegramUser();
  const lastName = user.last_name ?? null;
  const client = await testPrisma().client.create({
    data: {
      user: {
        create: { telegramId: BigInt(user.id), firstName: user.first_name, lastName, languageCode: user.language_code },
      },
      firstName: options.erased ? null : user.first_name,
      lastName: options.erased ? null : lastName,
      preferredChannels: options.preferredChannels ?? [],
      erasedAt: options.erased ? new Date() : null,
    },
  });
  return { client, user };
}

/**
 * Rows anywhere that belong to this Telegram user, to prove a refused request wrote nothing.
 * Scoped to the user so that test files running at the same time do not disturb it.
 */
export async function rowsOfTelegramUser(telegramId: number | bigint) {
  const prisma = testPrisma();
  const id = BigInt(telegramId);
  const [users, masters, clients, events] = await Promise.all([
    prisma.telegramUser.count({ where: { telegramId: id } }),
    prisma.master.count({ where: { telegramId: id } }),
    prisma.client.count({ where: { telegramId: id } }),
    prisma.webAppEvent.count({ where: { telegramId: id } }),
  ]);
  return { users, masters, clients, events };
}

/**
 * A draft master part-way through onboarding, holding the personal data a draft can hold
 * (phone verified, address, about), last active at `lastActivityAt` (now by default).
 */
export async function createDraftMaster(options: { user?: TelegramInitUser; lastActivityAt?: Date } = {}) {
  const user = options.user ?? telegramUser();
  const city = await createCity();
  const master = await testPrisma().master.create({
    data: {
      user: { create: { telegramId: BigInt(user.id), firstName: user.first_name, languageCode: user.language_code } },
      status: 'DRAFT',
      isActive: false,
      displayName: `${user.first_name} Черновикова`,
      about: 'Маникюр на дому, звоните после 18:00',
      phone: `+7912${String(user.id % 10_000_000).padStart(7, '0')}`,
      phoneVerifiedAt: new Date(),
      phoneVerificationMethod: 'OTP',
      city: { connect: { id: city.id } },
      address: 'ул. Ленина, 1, кв. 2',
      timeZone: city.timeZone,
      lastActivityAt: options.lastActivityAt ?? new Date(),
      onboardingSteps: { create: [{ step: 'PHONE' }, { step: 'LOCATION' }] },
    },
  });
  return { master, user, city };
}

/** One of the master's offers: a catalogue service (a new one unless given) at this price and duration. */
export async function createMasterService(
  masterId: string,
  overrides: {
    serviceId?: string;
    name?: string;
    description?: string;
    priceMinor?: number;
    durationMinutes?: number;
    isActive?: boolean;
    position?: number;
  } = {},
) {
  const serviceId = overrides.serviceId ?? (await createService()).id;
  const master = await testPrisma().master.findUniqueOrThrow({ where: { id: masterId }, select: { city: { select: { currency: true } } } });
  return testPrisma().masterService.create({
    data: {
      masterId,
      serviceId,
      name: overrides.name,
      description: overrides.description,
      position: overrides.position,
      currency: master.city?.currency ?? 'RUB',
      priceMinor: overrides.priceMinor ?? 150_000,
      durationMinutes: overrides.durationMinutes ?? 60,
      isActive: overrides.isActive ?? true,
    },
  });
}

/** A booking of the master written straight to the database (a client's booking unless told otherwise). */
export async function createBooking(options: {
  masterId: string;
  startsAt: Date;
  minutes?: number;
  status?: BookingStatus;
  source?: BookingSource;
  clientName?: string;
  masterServiceId?: string;
}) {
  const minutes = options.minutes ?? 60;
  const cancelled = options.status === 'CANCELLED';
  return testPrisma().booking.create({
    data: {
      masterId: options.masterId,
      masterServiceId: options.masterServiceId ?? null,
      startsAt: options.startsAt,
      endsAt: new Date(options.startsAt.getTime() + minutes * 60_000),
      status: options.status ?? 'CONFIRMED',
      source: options.source ?? 'CLIENT',
      clientName: options.clientName ?? `Клиент ${unique()}`,
      clientPhone: '+79123456789',
      cancelledAt: cancelled ? new Date() : null,
      cancelledBy: cancelled ? 'CLIENT' : null,
    },
  });
}

/** A booking that a client made: linked to them, with the contact details they gave. */
export async function createClientBooking(options: {
  clientId: string;
  masterId: string;
  startsAt: Date;
  minutes?: number;
  status?: BookingStatus;
  serviceId?: string;
  masterServiceId?: string;
  clientName?: string;
  clientPhone?: string;
  comment?: string;
  cancellationReason?: string;
  cancelledAt?: Date;
  cancelledBy?: 'CLIENT' | 'MASTER' | 'SYSTEM';
}) {
  const minutes = options.minutes ?? 60;
  const cancelled = options.status === 'CANCELLED';
  return testPrisma().booking.create({
    data: {
      masterId: options.masterId,
      clientId: options.clientId,
      serviceId: options.serviceId ?? null,
      masterServiceId: options.masterServiceId ?? null,
      startsAt: options.startsAt,
      endsAt: new Date(options.startsAt.getTime() + minutes * 60_000),
      status: options.status ?? 'CONFIRMED',
      source: 'CLIENT',
      clientName: options.clientName ?? `Клиент ${unique()}`,
      clientPhone: options.clientPhone ?? '+79123456789',
      comment: options.comment ?? null,
      priceMinor: 150_000,
      currency: 'RUB',
      cancelledAt: cancelled ? (options.cancelledAt ?? new Date()) : null,
      cancelledBy: cancelled ? (options.cancelledBy ?? 'CLIENT') : null,
      cancellationReason: cancelled ? (options.cancellationReason ?? null) : null,
    },
  });
}

/** The master's weekly working intervals (minutes after local midnight, ISO weekdays). */
export async function createSchedule(masterId: string, intervals: { weekday: number; startMinute: number; endMinute: number }[]) {
  await testPrisma().scheduleInterval.createMany({ data: intervals.map((interval) => ({ masterId, ...interval })) });
}

/** The master's slot settings: hourly slots, no buffer, no notice, 30 days ahead unless told otherwise. */
export async function createSlotSettings(
  masterId: string,
  overrides: {
    stepMinutes?: number;
    bufferMinutes?: number;
    minNoticeMinutes?: number;
    horizonDays?: number;
    cancellationCutoffMinutes?: number;
    requireConfirmation?: boolean;
    confirmationDeadlineMinutes?: number;
  } = {},
) {
  return testPrisma().slotSettings.create({
    data: { masterId, stepMinutes: 60, bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 30, ...overrides },
  });
}

/** A whole local day off (`YYYY-MM-DD`). */
export async function createDayOff(masterId: string, date: string) {
  return testPrisma().dayOff.create({ data: { masterId, date: localDateToDb(date) } });
}

export async function createTimeBlock(options: { masterId: string; startsAt: Date; minutes: number }) {
  return testPrisma().timeBlock.create({
    data: {
      masterId: options.masterId,
      startsAt: options.startsAt,
      endsAt: new Date(options.startsAt.getTime() + options.minutes * 60_000),
    },
  });
}

/**
 * A photo row of the master written straight to the database, with keys of files that are not
 * stored (a portfolio photo last in order unless told otherwise); uploads go through the API.
 */
export async function createPhoto(
  masterId: string,
  overrides: { kind?: 'AVATAR' | 'PORTFOLIO'; position?: number; caption?: string; masterServiceId?: string } = {},
) {
  const kind = overrides.kind ?? 'PORTFOLIO';
  const key = () => `${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}.webp`;
  const last = await testPrisma().masterPhoto.aggregate({ where: { masterId, kind: 'PORTFOLIO' }, _max: { position: true } });
  return testPrisma().masterPhoto.create({
    data: {
      masterId,
      kind,
      avatarOfId: kind === 'AVATAR' ? masterId : null,
      caption: overrides.caption,
      masterServiceId: overrides.masterServiceId,
      position: overrides.position ?? (kind === 'PORTFOLIO' ? (last._max.position ?? -1) + 1 : 0),
      width: 1600,
      height: 1200,
      thumbKey: key(),
      displayKey: key(),
    },
  });
}

/**
 * An active master working round the clock, hourly, with one 60-minute service, in a city of
 * `timeZone`: a calendar where any whole hour is bookable, for the job and notification tests.
 */
export async function createRoundTheClockMaster(
  options: { timeZone?: string; user?: TelegramInitUser; address?: string; requireConfirmation?: boolean; horizonDays?: number } = {},
) {
  const city = await createCity({ timeZone: options.timeZone ?? 'Europe/Moscow' });
  const { master, user } = await createMaster({ city, user: options.user, displayName: 'Мария', address: options.address });
  await createSchedule(
    master.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })),
  );
  await createSlotSettings(master.id, {
    horizonDays: options.horizonDays ?? 30,
    requireConfirmation: options.requireConfirmation ?? false,
    confirmationDeadlineMinutes: 180,
  });
  const offer = await createMasterService(master.id, { durationMinutes: 60 });
  const service = await testPrisma().service.findUniqueOrThrow({ where: { id: offer.serviceId } });
  return {
    master,
    masterUser: user,
    offer,
    service,
    masterServiceId: encodeGlobalID('MasterService', offer.id),
    timeZone: city.timeZone,
  };
}

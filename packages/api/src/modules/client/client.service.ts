import { z } from 'zod';
import type { TelegramViewer } from '../../context.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import { type ConsentKind, type ContactChannel, Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { retryingTransaction } from '../../transactions.js';
import { recordInterest } from '../analytics/interest.service.js';
import { countClientUpsert } from '../monitoring/metrics.js';

type Tx = Prisma.TransactionClient;

/** What the master sees instead of the name on the bookings of a client who erased their data. */
export const ERASED_CLIENT_NAME = 'Erased client';

/** Channels that reach the client through their phone number. */
const PHONE_CHANNELS: readonly ContactChannel[] = ['PHONE', 'WHATSAPP', 'SMS'];

function telegramProfile(viewer: TelegramViewer) {
  const { user } = viewer;
  return {
    firstName: user.first_name,
    lastName: user.last_name ?? null,
    username: user.username ?? null,
    languageCode: user.language_code ?? null,
  };
}

/** The stored client (not erased) has a name of their own: it differs from the Telegram name stored before. */
const OWN_NAME = Prisma.sql`(c.erased_at IS NULL AND c.first_name IS NOT NULL AND (
  c.first_name IS DISTINCT FROM (SELECT first_name FROM previous_user) OR c.last_name IS DISTINCT FROM (SELECT last_name FROM previous_user)))`;

/**
 * Creates or refreshes the caller's client profile from verified init data; returns its id.
 *
 * - Both rows are written with INSERT … ON CONFLICT, in one statement, so simultaneous calls
 *   for one user leave one row of each.
 * - Username, language and last_seen_at always follow Telegram. The name follows Telegram
 *   until the client sets one of their own (it then differs from the Telegram name stored
 *   before this call); phone and preferred channels are only ever the client's.
 * - A client who erased their data and opens the app again is a client again, with only
 *   this minimum: nothing erased comes back.
 * - Counted in `zapis_client_upserts_total` as created (no profile, or an erased one) or refreshed.
 */
export async function upsertClient(prisma: PrismaClient | Tx, viewer: TelegramViewer, now = new Date()): Promise<string> {
  const { telegramId } = viewer;
  const { firstName, lastName, username, languageCode } = telegramProfile(viewer);
  const isPremium = viewer.user.is_premium ?? false;
  // One statement: the sibling CTEs read the rows as they were before it (the stored Telegram
  // name that tells a name of the client's own) while it writes both.
  const rows = await prisma.$queryRaw`
    WITH previous_user AS (
      SELECT first_name, last_name FROM telegram_users WHERE telegram_id = ${telegramId}
    ), previous_client AS (
      SELECT erased_at FROM clients WHERE telegram_id = ${telegramId}
    ), saved_user AS (
      INSERT INTO telegram_users (telegram_id, first_name, last_name, username, language_code, is_premium, created_at, updated_at)
      VALUES (${telegramId}, ${firstName}, ${lastName}, ${username}, ${languageCode}, ${isPremium}, ${now}, ${now})
      ON CONFLICT (telegram_id) DO UPDATE
      SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, username = EXCLUDED.username,
          language_code = EXCLUDED.language_code, is_premium = EXCLUDED.is_premium, updated_at = EXCLUDED.updated_at
      RETURNING telegram_id
    )
    INSERT INTO clients AS c (telegram_id, first_name, last_name, username, language_code, last_seen_at, created_at, updated_at)
    SELECT telegram_id, ${firstName}, ${lastName}, ${username}, ${languageCode}, ${now}, ${now}, ${now} FROM saved_user
    ON CONFLICT (telegram_id) DO UPDATE
    SET username = EXCLUDED.username, language_code = EXCLUDED.language_code, last_seen_at = EXCLUDED.last_seen_at,
        erased_at = NULL, updated_at = EXCLUDED.updated_at,
        first_name = CASE WHEN ${OWN_NAME} THEN c.first_name ELSE EXCLUDED.first_name END,
        last_name = CASE WHEN ${OWN_NAME} THEN c.last_name ELSE EXCLUDED.last_name END
    RETURNING c.id::text AS id, NOT EXISTS (SELECT 1 FROM previous_client WHERE erased_at IS NULL) AS created`;
  const client = z.array(z.object({ id: z.string(), created: z.boolean() })).parse(rows)[0]!;
  countClientUpsert(client.created ? 'created' : 'refreshed');
  return client.id;
}

export interface ContactsUpdate {
  firstName?: string | null;
  /** E.164; null removes it. */
  phone?: string | null;
  preferredChannels?: ContactChannel[] | null;
}

/** Edits the client's own contact details. Bookings keep the details they were made with. */
export async function updateClientContacts(prisma: PrismaClient, clientId: string, input: ContactsUpdate) {
  await retryingTransaction(prisma, async (tx) => {
    const current = await tx.client.findUniqueOrThrow({
      where: { id: clientId },
      select: { phone: true, preferredChannels: true },
    });
    const phone = input.phone === undefined ? current.phone : input.phone;
    const channels = input.preferredChannels ?? current.preferredChannels;
    const needsPhone = channels.find((channel) => PHONE_CHANNELS.includes(channel));
    if (needsPhone && !phone) {
      throw badInput(
        input.preferredChannels ? 'preferredChannels' : 'phone',
        `${needsPhone} needs a phone number: give one, or choose other channels.`,
      );
    }
    await tx.client.update({
      where: { id: clientId },
      data: {
        ...(input.firstName ? { firstName: input.firstName } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.preferredChannels ? { preferredChannels: input.preferredChannels } : {}),
      },
    });
  });
}

export interface PreferencesUpdate {
  notifications?: Partial<Record<'bookingUpdates' | 'reminders' | 'waitlistOffers' | 'reviewRequests', boolean | null>> | null;
  /** Undefined: unchanged; null: Telegram's language again. */
  language?: 'RU' | 'EN' | null;
}

/** The client's choices of bot messages and language; what is left out stays. */
export async function updateClientPreferences(prisma: PrismaClient, clientId: string, input: PreferencesUpdate) {
  const choice = (value: boolean | null | undefined) => value ?? undefined;
  const notifications = input.notifications ?? {};
  await prisma.client.update({
    where: { id: clientId },
    data: {
      notifyBookingUpdates: choice(notifications.bookingUpdates),
      notifyReminders: choice(notifications.reminders),
      notifyWaitlistOffers: choice(notifications.waitlistOffers),
      notifyReviewRequests: choice(notifications.reviewRequests),
      ...(input.language !== undefined ? { languageOverride: input.language?.toLowerCase() ?? null } : {}),
    },
    select: { id: true },
  });
}

/**
 * Holds the client's row until the transaction ends: one client's bookings and consents change
 * one transaction at a time. FOR NO KEY UPDATE, which foreign-key checks (KEY SHARE) of rows
 * pointing at the client do not wait for. Refuses a client erased or gone meanwhile (an
 * erasure that committed while this request was on its way).
 */
export async function lockClient(tx: Tx, clientId: string): Promise<void> {
  const rows = z
    .array(z.object({ erased_at: z.date().nullable() }))
    .parse(await tx.$queryRaw`SELECT erased_at FROM clients WHERE id = ${clientId}::uuid FOR NO KEY UPDATE`);
  if (!rows[0] || rows[0].erased_at) throw erasedMeanwhile();
}

/** The client's data was erased since the request began (or the client is gone): FORBIDDEN. */
export const erasedMeanwhile = () => apiError(ErrorCode.FORBIDDEN, 'Your client data was erased meanwhile: open the client app again.');

/**
 * Records consent to a version of the text. The same version already in force changes
 * nothing; a new version replaces the one in force, which stays in the history as withdrawn.
 */
export async function grantConsent(
  prisma: PrismaClient | Tx,
  clientId: string,
  consent: { kind: ConsentKind; textVersion: string },
  now = new Date(),
) {
  const write = async (tx: Tx) => {
    await lockClient(tx, clientId);
    const inForce = await tx.clientConsent.findMany({
      where: { clientId, kind: consent.kind, withdrawnAt: null },
      select: { id: true, textVersion: true },
    });
    if (inForce.some((row) => row.textVersion === consent.textVersion)) return;
    await tx.clientConsent.updateMany({ where: { clientId, kind: consent.kind, withdrawnAt: null }, data: { withdrawnAt: now } });
    await tx.clientConsent.create({ data: { clientId, kind: consent.kind, textVersion: consent.textVersion, grantedAt: now } });
  };
  // Inside a caller's transaction (a booking that carries consent) or in one of its own.
  if ('$transaction' in prisma) await retryingTransaction(prisma, write);
  else await write(prisma);
}

/** Withdraws the consent in force; its row stays, with the time of withdrawal. Idempotent. */
export async function withdrawConsent(prisma: PrismaClient, clientId: string, kind: ConsentKind, now = new Date()) {
  await prisma.clientConsent.updateMany({ where: { clientId, kind, withdrawnAt: null }, data: { withdrawnAt: now } });
}

/**
 * The first step of erasing a client's data (`eraseClientData`, privacy module): the client
 * row is locked for the whole erasure (FOR UPDATE: its id changes at the end) and loses name,
 * username, language, phone and preferred channels. Returns the client's id, or, when there is
 * no client or it is erased already (a simultaneous erasure got there first), null and when.
 */
export async function eraseClientProfile(
  tx: Tx,
  telegramId: bigint,
  now: Date,
): Promise<{ clientId: string } | { clientId: null; erasedAt: Date | null }> {
  const [client] = z
    .array(z.object({ id: z.string(), erased_at: z.date().nullable() }))
    .parse(await tx.$queryRaw`SELECT id, erased_at FROM clients WHERE telegram_id = ${telegramId} FOR UPDATE`);
  if (!client) return { clientId: null, erasedAt: null };
  if (client.erased_at) return { clientId: null, erasedAt: client.erased_at };
  await tx.client.update({
    where: { id: client.id },
    data: {
      erasedAt: now,
      firstName: null,
      lastName: null,
      username: null,
      languageCode: null,
      phone: null,
      preferredChannels: [],
      languageOverride: null,
      notifyBookingUpdates: true,
      notifyReminders: true,
      notifyWaitlistOffers: true,
      notifyReviewRequests: true,
    },
  });
  return { clientId: client.id };
}

/**
 * Consents of a client who erased their data: the ones in force are withdrawn, and all are
 * detached from the client (`former_client_id` keeps the old id, as the audit event does), so
 * that a client who comes back sees none of them. Returns how many were withdrawn now.
 */
export async function detachConsents(tx: Tx, clientId: string, now: Date): Promise<number> {
  const withdrawn = await tx.clientConsent.updateMany({ where: { clientId, withdrawnAt: null }, data: { withdrawnAt: now } });
  await tx.clientConsent.updateMany({ where: { clientId }, data: { clientId: null, formerClientId: clientId } });
  return withdrawn.count;
}

/**
 * The last step of an erasure: the client row gets a new id, so that nothing keyed by the old
 * one (a partner's pseudonymous id is derived from it) ever points at the person again; and,
 * unless they are also a master, their Telegram name and username go too.
 */
export async function forgetClientIdentity(tx: Tx, clientId: string, telegramId: bigint): Promise<void> {
  await tx.$executeRaw`UPDATE clients SET id = gen_random_uuid() WHERE id = ${clientId}::uuid`;
  const isMaster = (await tx.master.count({ where: { telegramId } })) > 0;
  if (!isMaster) {
    await tx.telegramUser.update({
      where: { telegramId },
      data: { firstName: '', lastName: null, username: null, languageCode: null, isPremium: false },
    });
  }
}

export interface InterestInput {
  serviceId: string;
  masterId?: string | null;
  cityId?: string | null;
}

/**
 * The city of a sighting: the master's (an active, published master who offers the
 * service now) or the one searched in (an active catalogue city). Refuses what a client
 * could not have seen.
 */
async function cityOfSighting(prisma: PrismaClient | Tx, input: InterestInput): Promise<string> {
  const service = await prisma.service.findFirst({ where: { id: input.serviceId, isActive: true }, select: { id: true } });
  if (!service) throw badInput('serviceId', 'No such service in the catalogue.');
  if (input.masterId) {
    const master = await prisma.master.findFirst({
      where: {
        id: input.masterId,
        status: 'ACTIVE',
        isActive: true,
        profileCompletedAt: { not: null },
        services: { some: { serviceId: input.serviceId, isActive: true } },
      },
      select: { cityId: true },
    });
    if (!master?.cityId) throw badInput('masterId', 'No such master offering this service.');
    return master.cityId;
  }
  const city = input.cityId ? await prisma.city.findFirst({ where: { id: input.cityId, isActive: true }, select: { id: true } }) : null;
  if (!city) throw badInput('cityId', 'No such city in the catalogue.');
  return city.id;
}

/**
 * The `recordInterest` mutation: an identified user who has no client profile yet (or an
 * erased one) gets the minimum one first, exactly as `upsertClient` makes it.
 */
export async function recordViewerInterest(
  prisma: PrismaClient,
  viewer: TelegramViewer,
  input: InterestInput,
  now = new Date(),
): Promise<{ clientId: string; serviceId: string; cityId: string }> {
  const cityId = await cityOfSighting(prisma, input);
  return retryingTransaction(prisma, async (tx) => {
    const clientId = await upsertClient(tx, viewer, now);
    await recordInterest(tx, { clientId, serviceId: input.serviceId, cityId, now });
    return { clientId, serviceId: input.serviceId, cityId };
  });
}

import type { TelegramViewer } from '../../context.js';
import { apiError, ErrorCode } from '../../errors.js';
import type { ConsentKind, ContactChannel, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { recordInterest } from '../analytics/interest.service.js';
import { countClientUpsert } from '../monitoring/metrics.js';

type Tx = Prisma.TransactionClient;

/** What the master sees instead of the name on the bookings of a client who erased their data. */
export const ERASED_CLIENT_NAME = 'Erased client';

export const CLIENT_DATA_ERASED_ACTION = 'client.data_erased';

/** Channels that reach the client through their phone number. */
const PHONE_CHANNELS: readonly ContactChannel[] = ['PHONE', 'WHATSAPP', 'SMS'];

function badInput(path: string, message: string) {
  return apiError(ErrorCode.BAD_USER_INPUT, message, { fields: [{ path, message }] });
}

function telegramProfile(viewer: TelegramViewer) {
  const { user } = viewer;
  return {
    firstName: user.first_name,
    lastName: user.last_name ?? null,
    username: user.username ?? null,
    languageCode: user.language_code ?? null,
  };
}

/**
 * Creates or refreshes the caller's client profile from verified init data; returns its id.
 *
 * - Both rows are written with INSERT … ON CONFLICT (Prisma's native upsert: one unique
 *   field, no nested writes), so simultaneous calls for one user leave one row of each.
 * - Username, language and last_seen_at always follow Telegram. The name follows Telegram
 *   until the client sets one of their own (it then differs from the Telegram name stored
 *   before this call); phone and preferred channels are only ever the client's.
 * - A client who erased their data and opens the app again is a client again, with only
 *   this minimum: nothing erased comes back.
 * - Counted in `zapis_client_upserts_total` as created (no profile, or an erased one) or refreshed.
 */
export async function upsertClient(prisma: PrismaClient | Tx, viewer: TelegramViewer, now = new Date()): Promise<string> {
  const { telegramId } = viewer;
  const profile = telegramProfile(viewer);
  const [previousUser, previousClient] = await Promise.all([
    prisma.telegramUser.findUnique({ where: { telegramId }, select: { firstName: true, lastName: true } }),
    prisma.client.findUnique({ where: { telegramId }, select: { firstName: true, lastName: true, erasedAt: true } }),
  ]);
  const ownName =
    previousClient !== null &&
    previousClient.erasedAt === null &&
    previousClient.firstName !== null &&
    (previousClient.firstName !== previousUser?.firstName || previousClient.lastName !== previousUser?.lastName);

  const userData = { ...profile, isPremium: viewer.user.is_premium ?? false };
  await prisma.telegramUser.upsert({ where: { telegramId }, create: { telegramId, ...userData }, update: userData });

  const refreshed = {
    username: profile.username,
    languageCode: profile.languageCode,
    lastSeenAt: now,
    erasedAt: null,
    ...(ownName ? {} : { firstName: profile.firstName, lastName: profile.lastName }),
  };
  const client = await prisma.client.upsert({
    where: { telegramId },
    create: { telegramId, ...profile, lastSeenAt: now },
    update: refreshed,
    select: { id: true },
  });
  countClientUpsert(previousClient === null || previousClient.erasedAt !== null ? 'created' : 'refreshed');
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
  await prisma.$transaction(async (tx) => {
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

/** Holds the client's row until the transaction ends, so that one client's consents change one at a time. */
async function lockClient(tx: Tx, clientId: string) {
  await tx.$queryRaw`SELECT id FROM clients WHERE id = ${clientId}::uuid FOR UPDATE`;
}

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
  if ('$transaction' in prisma) await prisma.$transaction(write);
  else await write(prisma);
}

/** Withdraws the consent in force; its row stays, with the time of withdrawal. Idempotent. */
export async function withdrawConsent(prisma: PrismaClient, clientId: string, kind: ConsentKind, now = new Date()) {
  await prisma.clientConsent.updateMany({ where: { clientId, kind, withdrawnAt: null }, data: { withdrawnAt: now } });
}

/**
 * Erases the caller's personal data as a client: name, username, language, phone and
 * preferred channels on the client row; name, phone, comment and their own cancellation
 * reason on their bookings (the name replaced by ERASED_CLIENT_NAME); their interest rows;
 * and, when they are not also a master, their Telegram name and username. Consents are
 * withdrawn (the rows stay as the record of what was agreed to).
 *
 * Nothing from before may follow the person afterwards: their bookings are detached from
 * them (client_id NULL — the master keeps time, service, price and status, anonymously),
 * so their client_service_stats rows go (the counters stay exact: they count the bookings
 * of a client), and the client row gets a new id, so a partner's pseudonymous id for them
 * (derived from it) never points at them again, even when they come back.
 *
 * One audit event, without personal data, under the old id. Returns when the data was
 * erased, null when there was no client profile. Idempotent: a second call changes nothing
 * and audits nothing.
 */
export async function eraseClientData(prisma: PrismaClient, telegramId: bigint, now = new Date()): Promise<Date | null> {
  return prisma.$transaction(async (tx) => {
    const client = await tx.client.findUnique({ where: { telegramId }, select: { id: true, erasedAt: true } });
    if (!client) return null;
    // The update takes the row lock: of two simultaneous erasures only one finds it not erased.
    const { count } = await tx.client.updateMany({
      where: { id: client.id, erasedAt: null },
      data: {
        erasedAt: now,
        firstName: null,
        lastName: null,
        username: null,
        languageCode: null,
        phone: null,
        preferredChannels: [],
      },
    });
    if (count === 0) {
      // Erased meanwhile by a simultaneous call, which also gave the row its new id.
      return (await tx.client.findUniqueOrThrow({ where: { telegramId }, select: { erasedAt: true } })).erasedAt;
    }
    await tx.booking.updateMany({
      where: { clientId: client.id, cancelledBy: 'CLIENT', cancellationReason: { not: null } },
      data: { cancellationReason: null },
    });
    const bookings = await tx.booking.updateMany({
      where: { clientId: client.id },
      data: { clientId: null, clientName: ERASED_CLIENT_NAME, clientPhone: null, comment: null },
    });
    const stats = await tx.clientServiceStats.deleteMany({ where: { clientId: client.id } });
    const consents = await tx.clientConsent.updateMany({
      where: { clientId: client.id, withdrawnAt: null },
      data: { withdrawnAt: now },
    });
    const interests = await tx.clientServiceInterest.deleteMany({ where: { clientId: client.id } });
    // Consents follow the row to its new id (ON UPDATE CASCADE).
    await tx.$executeRaw`UPDATE clients SET id = gen_random_uuid() WHERE id = ${client.id}::uuid`;
    const isMaster = (await tx.master.count({ where: { telegramId } })) > 0;
    if (!isMaster) {
      await tx.telegramUser.update({
        where: { telegramId },
        data: { firstName: '', lastName: null, username: null, languageCode: null, isPremium: false },
      });
    }
    await tx.auditEvent.create({
      data: {
        action: CLIENT_DATA_ERASED_ACTION,
        actor: `client:${client.id}`,
        subjectType: 'client',
        subjectId: client.id,
        details: {
          bookings: bookings.count,
          statsDeleted: stats.count,
          consentsWithdrawn: consents.count,
          interestsDeleted: interests.count,
        },
      },
    });
    return now;
  });
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
  return prisma.$transaction(async (tx) => {
    const clientId = await upsertClient(tx, viewer, now);
    await recordInterest(tx, { clientId, serviceId: input.serviceId, cityId, now });
    return { clientId, serviceId: input.serviceId, cityId };
  });
}

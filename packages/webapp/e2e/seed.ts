// Data the browser tests create through the API (and, where the API has no way, the database):
// masters registered step by step, photos uploaded as the mini-app sends them, visits that happened.
import type pg from 'pg';
import type { TelegramUser } from './browser.js';
import { developmentOtp, graphqlAs, type RunningServer, signedAs } from './server.js';

export interface SeededMaster {
  /** The global id of the public master page. */
  id: string;
  /** The master's services, in their order: global ids and names. */
  offers: { id: string; name: string }[];
  /** The id of the first of them. */
  offerId: string;
  user: TelegramUser;
}

/** What a draft holds before its profile step: phone, place, services and booking rules. */
export interface DraftSetup {
  user: TelegramUser;
  phone: string;
  city: string;
  address: string;
  /** Only this area before booking; the full address otherwise. */
  area?: string;
  services: { slug: string; name?: string; description?: string; priceMinor: number; durationMinutes: number }[];
  slots: { stepMinutes: number; bufferMinutes: number; minNoticeMinutes: number; horizonDays: number; cancellationCutoffMinutes: number };
}

export interface MasterSetup extends DraftSetup {
  displayName: string;
  about: string;
  telegramContactAllowed?: boolean;
}

type Edges = { edges: { node: { id: string; slug: string } }[] };

/** The ids of the catalogue's cities and services, by slug. */
async function catalogue(server: RunningServer, user: TelegramUser) {
  const found = await graphqlAs<{ cities: Edges; services: Edges }>(
    server,
    user,
    '{ cities(first: 50) { edges { node { id slug } } } services(first: 50) { edges { node { id slug } } } }',
  );
  const idOf = (list: Edges, slug: string) => list.edges.find((edge) => edge.node.slug === slug)!.node.id;
  return { cityId: (slug: string) => idOf(found.cities, slug), serviceId: (slug: string) => idOf(found.services, slug) };
}

/** Tbilisi and manicure: what most searches here ask for. */
export async function catalogueIds(server: RunningServer, user: TelegramUser) {
  const ids = await catalogue(server, user);
  return { cityId: ids.cityId('tbilisi'), serviceId: ids.serviceId('manicure') };
}

/** Saves one step of the wizard as `user`. */
function saveStep(server: RunningServer, user: TelegramUser, input: Record<string, unknown>) {
  return graphqlAs(server, user, 'mutation Save($input: SaveOnboardingStepInput!) { saveOnboardingStep(input: $input) { id } }', { input });
}

/** A draft registered through the API up to its profile step, working 09–21 every day. */
export async function seedDraft(server: RunningServer, setup: DraftSetup): Promise<void> {
  const as = <Data>(query: string, variables?: Record<string, unknown>) => graphqlAs<Data>(server, setup.user, query, variables);
  const ids = await catalogue(server, setup.user);
  const save = (input: Record<string, unknown>) => saveStep(server, setup.user, input);

  await save({ phone: { phone: setup.phone } });
  await as('mutation Otp($input: RequestPhoneOtpInput!) { requestPhoneOtp(input: $input) { phone } }', { input: { phone: setup.phone } });
  const code = await developmentOtp(server, setup.phone.slice(-2));
  await as('mutation Verify($input: VerifyPhoneOtpInput!) { verifyPhoneOtp(input: $input) { id } }', {
    input: { phone: setup.phone, code },
  });
  await save({
    location: {
      cityId: ids.cityId(setup.city),
      address: setup.address,
      ...(setup.area ? { addressVisibility: 'AREA', area: setup.area } : {}),
    },
  });
  await save({ schedule: { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, intervals: [{ start: '09:00', end: '21:00' }] })) } });
  await save({ slots: setup.slots });
  await save({
    services: { services: setup.services.map(({ slug, ...service }) => ({ ...service, serviceId: ids.serviceId(slug) })) },
  });
}

/** A master registered and published through the API, working 09–21 every day. */
export async function seedMaster(server: RunningServer, setup: MasterSetup): Promise<SeededMaster> {
  const as = <Data>(query: string, variables?: Record<string, unknown>) => graphqlAs<Data>(server, setup.user, query, variables);
  await seedDraft(server, setup);
  await saveStep(server, setup.user, {
    profile: { displayName: setup.displayName, about: setup.about, telegramContactAllowed: setup.telegramContactAllowed ?? false },
  });
  await as('mutation { activateMaster { id } }');
  const { masterProfile } = await as<{ masterProfile: { id: string; services: { id: string; name: string }[] } }>(
    '{ masterProfile { id services { id name } } }',
  );
  return { id: masterProfile.id, offers: masterProfile.services, offerId: masterProfile.services[0]!.id, user: setup.user };
}

/** The database id in a global id ("MasterService:<uuid>", base64). */
export const databaseId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];

/** Uploads a photo as `user` the way the mini-app does: a GraphQL multipart request. Returns the photo's global id. */
export async function uploadPhotoAs(
  server: RunningServer,
  user: TelegramUser,
  image: Uint8Array<ArrayBuffer>,
  input: { kind: 'AVATAR' | 'PORTFOLIO'; caption?: string; masterServiceId?: string },
): Promise<string> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: 'mutation Upload($input: UploadMasterPhotoInput!) { uploadMasterPhoto(input: $input) { id } }',
      variables: { input: { ...input, file: null } },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.append('0', new Blob([image], { type: 'image/png' }), 'photo.png');
  const response = await fetch(`${server.origin}/graphql`, { method: 'POST', headers: signedAs(user), body: form });
  const body = (await response.json()) as { data?: { uploadMasterPhoto: { id: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`Upload refused: ${JSON.stringify(body.errors)}`);
  return body.data.uploadMasterPhoto.id;
}

/** A client's booking of a master's service at `startsAt`, through the API. Returns its global id. */
export async function bookAs(server: RunningServer, client: TelegramUser, masterServiceId: string, startsAt: Date): Promise<string> {
  await graphqlAs(server, client, 'mutation { upsertClient { id } }');
  const { createBooking } = await graphqlAs<{ createBooking: { id: string } }>(
    server,
    client,
    'mutation Book($input: CreateBookingInput!) { createBooking(input: $input) { id } }',
    {
      input: {
        masterServiceId,
        startsAt: startsAt.toISOString(),
        clientName: client.first_name,
        clientPhone: '+7 912 345-00-00',
        preferredChannels: ['TELEGRAM'],
        idempotencyKey: `${client.id}-${startsAt.getTime()}`,
      },
    },
  );
  return createBooking.id;
}

/**
 * Moves a booking into the past, `hoursAgo` before now, as if its time had come and gone: the API
 * books only times ahead, and a visit can be marked completed (and reviewed) only once it has started.
 */
export async function moveIntoPast(db: pg.Client, bookingId: string, hoursAgo: number): Promise<void> {
  const updated = await db.query(
    `UPDATE bookings SET starts_at = now() - make_interval(hours => $2), ends_at = now() - make_interval(hours => $2) + (ends_at - starts_at)
      WHERE id = $1`,
    [databaseId(bookingId), hoursAgo],
  );
  if (updated.rowCount !== 1) throw new Error(`No booking ${bookingId} to move`);
}

/** The master marks a visit that has started as completed, through the API. */
export async function markCompleted(server: RunningServer, master: TelegramUser, bookingId: string): Promise<void> {
  await graphqlAs(server, master, 'mutation Outcome($input: SetBookingOutcomeInput!) { setBookingOutcome(input: $input) { id } }', {
    input: { bookingId, outcome: 'COMPLETED' },
  });
}

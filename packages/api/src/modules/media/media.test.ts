import { createHash, randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { PrismaPg } from '@prisma/adapter-pg';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createTestApp, graphql, type TestApp, telegramUser, testPrisma } from '../../../test/app.js';
import { testDatabaseUrl } from '../../../test/database.js';
import { createDraftMaster, createMaster, createMasterService, createPhoto } from '../../../test/factories.js';
import { request } from '../../../test/http.js';
import { phonePhotoWithGps, pngBomb, uniqueImage, webpChunks } from '../../../test/images.js';
import { graphqlUpload, type UploadPart } from '../../../test/multipart.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { archiveStaleDrafts } from '../../jobs/archive-stale-drafts.js';
import { createLogger } from '../../logger.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { DISPLAY_EDGE, THUMB_EDGE } from './image-pipeline.js';
import type { MediaStorage } from './media-storage.js';
import { deletePhoto, uploadPhoto } from './photo.service.js';
import { PostgresMediaStorage } from './postgres-storage.js';

const prisma = testPrisma();
const app = createTestApp();
const MIB = 1024 * 1024;

interface PhotoResult {
  id: string;
  url: string;
  thumb: string;
  width: number;
  height: number;
  caption: string | null;
  service: { id: string } | null;
}

const PHOTO_FIELDS = 'id url thumb: url(size: THUMB) width height caption service { id }';
const UPLOAD = `mutation Upload($input: UploadMasterPhotoInput!) { uploadMasterPhoto(input: $input) { ${PHOTO_FIELDS} } }`;
const UPDATE = `mutation Update($input: UpdateMasterPhotoInput!) { updateMasterPhoto(input: $input) { ${PHOTO_FIELDS} } }`;
const REORDER = `mutation Reorder($input: ReorderMasterPhotosInput!) {
  reorderMasterPhotos(input: $input) { photos { edges { node { id } } } }
}`;
const DELETE = 'mutation Delete($input: DeleteMasterPhotoInput!) { deleteMasterPhoto(input: $input) }';
const PROFILE = `query { masterProfile { avatar { ${PHOTO_FIELDS} } photos { edges { node { ${PHOTO_FIELDS} } } } } }`;

interface ProfileResult {
  masterProfile: { avatar: PhotoResult | null; photos: { edges: { node: PhotoResult }[] } };
}

function upload(
  as: TelegramInitUser,
  bytes: Uint8Array,
  input: Record<string, unknown> = { kind: 'PORTFOLIO' },
  options: { part?: Partial<UploadPart>; streamed?: boolean; testApp?: TestApp } = {},
) {
  return graphqlUpload<{ uploadMasterPhoto: PhotoResult }>(options.testApp ?? app, UPLOAD, {
    as,
    variables: { input: { ...input, file: null } },
    files: { 'input.file': { bytes, ...options.part } },
    streamed: options.streamed,
  });
}

async function uploaded(as: TelegramInitUser, bytes: Uint8Array, input: Record<string, unknown> = { kind: 'PORTFOLIO' }) {
  const response = await upload(as, bytes, input);
  expect(response.errors).toBeUndefined();
  return response.data!.uploadMasterPhoto;
}

const keyOf = (url: string) => url.replace(/^\/media\//, '');
const idOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

async function profile(as: TelegramInitUser) {
  const response = await graphql<ProfileResult>(app, PROFILE, { as });
  expect(response.errors).toBeUndefined();
  return response.data!.masterProfile;
}

/** What a refused upload must not have changed: the master's photos and every stored file. */
async function stored(masterId: string) {
  const [photos, files] = await Promise.all([prisma.masterPhoto.count({ where: { masterId } }), prisma.storedFile.count()]);
  return { photos, files };
}

async function fileExists(key: string) {
  return (await prisma.storedFile.count({ where: { key } })) === 1;
}

describe('uploadMasterPhoto', () => {
  it('re-encodes an upload as WebP in two sizes under content-addressed keys, served from /media', async () => {
    const { master, user } = await createDraftMaster();
    const photo = await uploaded(user, await uniqueImage('png', 2400, 1800, { plain: true }), { kind: 'PORTFOLIO', caption: '  Френч  ' });

    expect(photo).toMatchObject({ width: DISPLAY_EDGE, height: 1200, caption: 'Френч', service: null });
    expect(photo.url).toMatch(/^\/media\/[0-9a-f]{64}\.webp$/);
    expect(photo.thumb).toMatch(/^\/media\/[0-9a-f]{64}\.webp$/);
    expect(photo.thumb).not.toBe(photo.url);
    const row = await prisma.masterPhoto.findFirstOrThrow({ where: { masterId: master.id } });
    expect(row).toMatchObject({ kind: 'PORTFOLIO', position: 0, displayKey: keyOf(photo.url), thumbKey: keyOf(photo.thumb) });

    const display = await app.fetch(`http://zapis.test${photo.url}`);
    const bytes = Buffer.from(await display.arrayBuffer());
    expect(display.status).toBe(200);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: DISPLAY_EDGE, height: 1200 });
    const thumb = Buffer.from(await (await app.fetch(`http://zapis.test${photo.thumb}`)).arrayBuffer());
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: THUMB_EDGE, height: 360 });
    // The key is the SHA-256 of the bytes served.
    expect(keyOf(photo.url)).toBe(`${createHash('sha256').update(bytes).digest('hex')}.webp`);
    // Uploading is activity: it keeps a draft from the clean-up.
    const after = await prisma.master.findUniqueOrThrow({ where: { id: master.id } });
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(master.lastActivityAt.getTime());
  });

  it('keeps no EXIF or GPS of a phone photo, and turns it as its EXIF orientation says', async () => {
    const { user } = await createDraftMaster();
    const original = await phonePhotoWithGps();
    const exif = (await sharp(original).metadata()).exif!;
    // The upload does carry them: the camera's make and a GPS IFD (tag 0x8825).
    expect(exif.includes('ZapisPhone')).toBe(true);
    expect(exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const photo = await uploaded(user, original);
    // 1200 × 800 pixels with orientation 6 stand upright as 800 × 1200.
    expect(photo).toMatchObject({ width: 800, height: 1200 });
    for (const key of [keyOf(photo.url), keyOf(photo.thumb)]) {
      const file = await prisma.storedFile.findUniqueOrThrow({ where: { key } });
      const bytes = Buffer.from(file.bytes);
      // Only image data: no EXIF, XMP or ICC chunk in the WebP container.
      expect(webpChunks(bytes).every((chunk) => ['VP8 ', 'VP8L', 'VP8X', 'ALPH'].includes(chunk))).toBe(true);
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(bytes.includes('ZapisPhone')).toBe(false);
      expect(bytes.includes('Exif')).toBe(false);
    }
  });

  it('refuses what is not an image it takes with BAD_USER_INPUT and a reason, storing nothing', async () => {
    const { master, user } = await createDraftMaster();
    const image = await uniqueImage('jpeg', 400, 300);
    const cases: { name: string; bytes: Uint8Array; part?: Partial<UploadPart>; reason: string }[] = [
      { name: 'a text file renamed .jpg', bytes: Buffer.from('Not a photo, just text.\n'.repeat(50)), reason: 'NOT_AN_IMAGE' },
      {
        name: 'a 50 000 × 50 000 PNG (a decompression bomb)',
        bytes: pngBomb(),
        part: { filename: 'bomb.png', type: 'image/png' },
        reason: 'TOO_MANY_PIXELS',
      },
      { name: 'a truncated JPEG', bytes: image.subarray(0, Math.floor(image.length / 2)), reason: 'CORRUPT_IMAGE' },
      {
        name: 'an SVG',
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100"/></svg>'),
        part: { filename: 'photo.svg', type: 'image/svg+xml' },
        reason: 'UNSUPPORTED_FORMAT',
      },
    ];
    const before = await stored(master.id);
    for (const { name, bytes, part, reason } of cases) {
      const response = await upload(user, bytes, { kind: 'PORTFOLIO' }, { part });
      expect(response.errors?.[0]?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(response.data?.uploadMasterPhoto ?? null, name).toBeNull();
      expect(await stored(master.id), name).toEqual(before);
    }
  });

  it('refuses a 30 MB file before reading it, and without a Content-Length as soon as it passes the limit', async () => {
    const { master, user } = await createDraftMaster();
    const before = await stored(master.id);
    const huge = Buffer.alloc(30 * MIB, 7);

    const declared = await upload(user, huge);
    expect(declared.status).toBe(413);
    expect(declared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' });

    const streamed = await upload(user, huge, { kind: 'PORTFOLIO' }, { streamed: true });
    expect(streamed.status).toBe(413);
    expect(streamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' });

    // A smaller limit applies to files that would pass the default one.
    const strict = createTestApp({ env: { MEDIA_MAX_UPLOAD_MB: '0.5' } });
    const overHalf = await upload(user, Buffer.alloc(600 * 1024, 1), { kind: 'PORTFOLIO' }, { testApp: strict, streamed: true });
    expect(overHalf.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE' });
    expect(await stored(master.id)).toEqual(before);
  });

  it('takes 12 portfolio photos; the 13th is refused and nothing of it is stored', async () => {
    const { master, user } = await createDraftMaster();
    for (let n = 0; n < 11; n++) await createPhoto(master.id);
    await uploaded(user, await uniqueImage());
    const before = await stored(master.id);
    expect(before.photos).toBe(12);

    const response = await upload(user, await uniqueImage());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PORTFOLIO_FULL' });
    expect(await stored(master.id)).toEqual(before);
    // The avatar is not part of the portfolio.
    await uploaded(user, await uniqueImage(), { kind: 'AVATAR' });
  });

  it('lets exactly one of simultaneous uploads take the last place, and keeps no file of the others', async () => {
    const { master } = await createDraftMaster();
    for (let n = 0; n < 11; n++) await createPhoto(master.id);
    const files = await prisma.storedFile.count();
    // Every upload writes its files, then waits for the others: all of them reach the master's row together.
    const racers = 3;
    let arrived = 0;
    let allArrived: () => void = () => {};
    const together = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    const base = new PostgresMediaStorage(prisma);
    const racing: MediaStorage = {
      put: async (tx, written) => {
        await base.put(tx, written);
        if (++arrived === racers) allArrived();
        await together;
      },
      remove: (tx, keys) => base.remove(tx, keys),
      get: (key) => base.get(key),
    };
    const images = await Promise.all(Array.from({ length: racers }, () => uniqueImage()));
    const results = await Promise.allSettled(
      images.map((bytes) =>
        uploadPhoto(prisma, { storage: racing, log: createLogger('silent') }, master.id, {
          bytes,
          kind: 'PORTFOLIO',
          caption: null,
          masterServiceId: null,
        }),
      ),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((settled) => settled.status === 'rejected')) {
      expect(result.reason).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'PORTFOLIO_FULL' } });
    }
    expect(await prisma.masterPhoto.count({ where: { masterId: master.id } })).toBe(12);
    expect(await prisma.storedFile.count()).toBe(files + 2);
  });

  it('replaces the avatar: one avatar, and the old one’s files go', async () => {
    const { master, user } = await createMaster();
    const first = await uploaded(user, await uniqueImage(), { kind: 'AVATAR' });
    const second = await uploaded(user, await uniqueImage(), { kind: 'AVATAR' });

    const avatars = await prisma.masterPhoto.findMany({ where: { masterId: master.id, kind: 'AVATAR' } });
    expect(avatars.map((row) => encodeGlobalID('Photo', row.id))).toEqual([second.id]);
    expect(await fileExists(keyOf(first.url))).toBe(false);
    expect(await fileExists(keyOf(first.thumb))).toBe(false);
    expect(await fileExists(keyOf(second.url))).toBe(true);
    expect((await request(app, first.url)).status).toBe(404);
    expect((await profile(user)).avatar?.id).toBe(second.id);

    const publicPage = await graphql<{ master: { avatar: { id: string } | null } }>(
      app,
      'query($id: ID!) { master(id: $id) { avatar { id } } }',
      {
        variables: { id: encodeGlobalID('Master', master.id) },
      },
    );
    expect(publicPage.data?.master?.avatar?.id).toBe(second.id);
  });

  it('links the photo to one of the master’s own services only', async () => {
    const { master, user } = await createDraftMaster();
    const own = await createMasterService(master.id);
    const other = await createMaster();
    const foreign = await createMasterService(other.master.id);

    const linked = await uploaded(user, await uniqueImage(), {
      kind: 'PORTFOLIO',
      masterServiceId: encodeGlobalID('MasterService', own.id),
    });
    expect(linked.service?.id).toBe(encodeGlobalID('MasterService', own.id));

    const before = await stored(master.id);
    const refused = await upload(user, await uniqueImage(), {
      kind: 'PORTFOLIO',
      masterServiceId: encodeGlobalID('MasterService', foreign.id),
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'masterServiceId', message: 'No such service.' }],
    });
    expect(await stored(master.id)).toEqual(before);
  });

  it('needs a master: a user without a master profile gets MASTER_NOT_REGISTERED, a caller without identity 401', async () => {
    const stranger = telegramUser();
    const files = await prisma.storedFile.count();
    const refused = await upload(stranger, await uniqueImage());
    expect(refused.errors?.[0]?.extensions?.code).toBe('MASTER_NOT_REGISTERED');
    const anonymous = await graphqlUpload(app, UPLOAD, {
      variables: { input: { kind: 'PORTFOLIO', file: null } },
      files: { 'input.file': { bytes: await uniqueImage() } },
    });
    expect(anonymous.status).toBe(401);
    expect(await prisma.storedFile.count()).toBe(files);
    expect(await prisma.masterPhoto.count({ where: { master: { telegramId: BigInt(stranger.id) } } })).toBe(0);
  });
});

describe('updateMasterPhoto, reorderMasterPhotos, deleteMasterPhoto', () => {
  it('changes the caption and the service; what is left out stays, null removes', async () => {
    const { master, user } = await createDraftMaster();
    const service = await createMasterService(master.id);
    const serviceId = encodeGlobalID('MasterService', service.id);
    const photo = await uploaded(user, await uniqueImage());

    const both = await graphql<{ updateMasterPhoto: PhotoResult }>(app, UPDATE, {
      as: user,
      variables: { input: { photoId: photo.id, caption: 'Маникюр', masterServiceId: serviceId } },
    });
    expect(both.data?.updateMasterPhoto).toMatchObject({ caption: 'Маникюр', service: { id: serviceId } });
    const captionOnly = await graphql<{ updateMasterPhoto: PhotoResult }>(app, UPDATE, {
      as: user,
      variables: { input: { photoId: photo.id, caption: null } },
    });
    expect(captionOnly.data?.updateMasterPhoto).toMatchObject({ caption: null, service: { id: serviceId } });

    // A service switched off is not shown; the link stays for when it is back.
    await prisma.masterService.update({ where: { id: service.id }, data: { isActive: false } });
    expect((await profile(user)).photos.edges[0]?.node.service).toBeNull();
    expect((await prisma.masterPhoto.findUniqueOrThrow({ where: { id: idOf(photo.id) } })).masterServiceId).toBe(service.id);
  });

  it('answers another master’s photo as one that does not exist and changes nothing', async () => {
    const owner = await createDraftMaster();
    const photo = await uploaded(owner.user, await uniqueImage(), { kind: 'PORTFOLIO', caption: 'моё' });
    const intruder = await createDraftMaster();

    const update = await graphql(app, UPDATE, { as: intruder.user, variables: { input: { photoId: photo.id, caption: 'чужое' } } });
    expect(update.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'photoId', message: 'No such photo.' }],
    });
    const remove = await graphql(app, DELETE, { as: intruder.user, variables: { input: { photoId: photo.id } } });
    expect(remove.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'photoId', message: 'No such photo.' }],
    });
    const missing = await graphql(app, DELETE, {
      as: intruder.user,
      variables: { input: { photoId: encodeGlobalID('Photo', randomUUID()) } },
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    expect(await prisma.masterPhoto.findUniqueOrThrow({ where: { id: idOf(photo.id) } })).toMatchObject({
      caption: 'моё',
      masterId: owner.master.id,
    });
    expect(await fileExists(keyOf(photo.url))).toBe(true);
  });

  it('reorders the portfolio, and refuses a list that is not exactly the portfolio without changing anything', async () => {
    const { master, user } = await createDraftMaster();
    const [a, b, c] = [
      await uploaded(user, await uniqueImage()),
      await uploaded(user, await uniqueImage()),
      await uploaded(user, await uniqueImage()),
    ];
    expect((await profile(user)).photos.edges.map((edge) => edge.node.id)).toEqual([a!.id, b!.id, c!.id]);

    const reordered = await graphql<{ reorderMasterPhotos: ProfileResult['masterProfile'] }>(app, REORDER, {
      as: user,
      variables: { input: { photoIds: [c!.id, a!.id, b!.id] } },
    });
    expect(reordered.errors).toBeUndefined();
    expect(reordered.data?.reorderMasterPhotos.photos.edges.map((edge) => edge.node.id)).toEqual([c!.id, a!.id, b!.id]);

    const foreign = await createPhoto((await createMaster()).master.id);
    const avatar = await uploaded(user, await uniqueImage(), { kind: 'AVATAR' });
    const positions = () =>
      prisma.masterPhoto.findMany({ where: { masterId: master.id }, orderBy: { id: 'asc' }, select: { id: true, position: true } });
    const before = await positions();
    for (const photoIds of [
      [a!.id, b!.id],
      [a!.id, b!.id, c!.id, c!.id],
      [b!.id, a!.id, c!.id, encodeGlobalID('Photo', foreign.id)],
      [b!.id, a!.id, c!.id, avatar.id],
      [],
    ]) {
      const response = await graphql(app, REORDER, { as: user, variables: { input: { photoIds } } });
      expect(response.errors?.[0]?.extensions, JSON.stringify(photoIds)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'NOT_THE_PORTFOLIO',
      });
      expect(await positions()).toEqual(before);
    }
  });

  it('deletes a photo, and its files once no photo uses them (identical uploads share files)', async () => {
    const { master, user } = await createDraftMaster();
    const image = await uniqueImage();
    const first = await uploaded(user, image);
    const twin = await uploaded(user, image);
    expect(twin.url).toBe(first.url);
    expect(await prisma.storedFile.count({ where: { key: { in: [keyOf(first.url), keyOf(first.thumb)] } } })).toBe(2);

    const once = await graphql<{ deleteMasterPhoto: string }>(app, DELETE, { as: user, variables: { input: { photoId: first.id } } });
    expect(once.data?.deleteMasterPhoto).toBe(first.id);
    expect(await fileExists(keyOf(first.url))).toBe(true);
    expect((await request(app, twin.url)).status).toBe(200);

    await graphql(app, DELETE, { as: user, variables: { input: { photoId: twin.id } } });
    expect(await prisma.masterPhoto.count({ where: { masterId: master.id } })).toBe(0);
    expect(await fileExists(keyOf(first.url))).toBe(false);
    expect(await fileExists(keyOf(first.thumb))).toBe(false);
    expect((await request(app, first.url)).status).toBe(404);
  });
  it('never removes a file that an upload of the same image is starting to use', async () => {
    const { master, user } = await createDraftMaster();
    const image = await uniqueImage();
    const photo = await uploaded(user, image);
    const base = new PostgresMediaStorage(prisma);
    const log = createLogger('silent');
    const waitingForFileLocks = async () => {
      const [row] = z
        .array(z.object({ waiting: z.number() }))
        .parse(await prisma.$queryRaw`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      return row?.waiting ?? 0;
    };
    // While the deletion's clean-up removes the now unused files, the same image is uploaded again.
    let again: Promise<string> | undefined;
    let settled = false;
    const removing: MediaStorage = {
      put: (tx, files) => base.put(tx, files),
      get: (key) => base.get(key),
      remove: async (tx, keys) => {
        again ??= uploadPhoto(prisma, { storage: base, log }, master.id, {
          bytes: image,
          kind: 'PORTFOLIO',
          caption: null,
          masterServiceId: null,
        });
        void again.finally(() => {
          settled = true;
        });
        // The upload waits for the keys the clean-up holds (were it not to wait, it would be done).
        await vi.waitFor(async () => expect(settled || (await waitingForFileLocks()) > 0).toBe(true), { timeout: 10_000, interval: 10 });
        await base.remove(tx, keys);
      },
    };

    await deletePhoto(prisma, { storage: removing, log }, master.id, idOf(photo.id));
    const id = await again!;
    const row = await prisma.masterPhoto.findUniqueOrThrow({ where: { id } });
    expect(row.displayKey).toBe(keyOf(photo.url));
    expect(await fileExists(row.displayKey)).toBe(true);
    expect(await fileExists(row.thumbKey)).toBe(true);
    expect((await request(app, photo.url)).status).toBe(200);
  });
});

describe('the draft clean-up', () => {
  it('takes an archived draft’s photos and their files, but not a file another master’s photo uses', async () => {
    const draft = await createDraftMaster();
    const image = await uniqueImage();
    const avatar = await uploaded(draft.user, await uniqueImage(), { kind: 'AVATAR' });
    const portfolio = await uploaded(draft.user, image);
    const other = await createMaster();
    const shared = await uploaded(other.user, image);
    await prisma.master.update({ where: { id: draft.master.id }, data: { lastActivityAt: new Date(Date.now() - 40 * 86_400_000) } });

    const report = await archiveStaleDrafts(prisma, {
      olderThanDays: 30,
      photoFiles: { storage: new PostgresMediaStorage(prisma), log: createLogger('silent') },
    });
    expect(report.drafts.map((archived) => archived.id)).toContain(draft.master.id);

    expect(await prisma.masterPhoto.count({ where: { masterId: draft.master.id } })).toBe(0);
    expect(await fileExists(keyOf(avatar.url))).toBe(false);
    expect(await fileExists(keyOf(avatar.thumb))).toBe(false);
    expect((await request(app, avatar.url)).status).toBe(404);
    expect(shared.url).toBe(portfolio.url);
    expect(await fileExists(keyOf(shared.url))).toBe(true);
    expect((await request(app, shared.url)).status).toBe(200);
  });
});

describe('GET /media/<key>', () => {
  it('serves a photo’s image for good: immutable caching, ETag, WebP, nosniff; 304 when unchanged', async () => {
    const { user } = await createDraftMaster();
    const photo = await uploaded(user, await uniqueImage());
    const response = await app.fetch(`http://zapis.test${photo.url}`);
    const hash = keyOf(photo.url).replace('.webp', '');
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"${hash}"`,
      'content-type': 'image/webp',
      'x-content-type-options': 'nosniff',
    });
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(body.length));

    const again = await request(app, photo.url, { headers: { 'if-none-match': `"${hash}"` } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const head = await request(app, photo.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect((await request(app, photo.url, { method: 'POST' })).status).toBe(405);
  });

  it('answers 404 for a key no photo uses, one never stored, and a malformed one', async () => {
    const { master } = await createDraftMaster();
    const unused = await createPhoto(master.id);
    await prisma.masterPhoto.delete({ where: { id: unused.id } });
    for (const path of [
      `/media/${unused.displayKey}`,
      `/media/${'0'.repeat(64)}.webp`,
      `/media/x/${unused.displayKey}`,
      '/media/ABC.webp',
      '/media/',
    ]) {
      const response = await request(app, path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('photos on the master', () => {
  it('shows the portfolio in order and the avatar on the public page and the profile, with a fixed number of queries', async () => {
    const { master, user } = await createMaster();
    const service = await createMasterService(master.id);
    const counted = new PrismaClient({
      adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 2 }),
      log: [{ emit: 'event', level: 'query' }],
    });
    let statements = 0;
    counted.$on('query', () => {
      statements++;
    });
    const countedApp = createTestApp({ prisma: counted });
    const PUBLIC = `query($id: ID!) { master(id: $id) { avatar { url } photos(first: 12) { edges { node { url thumb: url(size: THUMB) caption service { id price { amountMinor } service { id } } } } } } }`;
    const statementsFor = async () => {
      statements = 0;
      const response = await graphql<{ master: { photos: { edges: unknown[] } } }>(countedApp, PUBLIC, {
        variables: { id: encodeGlobalID('Master', master.id) },
      });
      expect(response.errors).toBeUndefined();
      return { statements, photos: response.data!.master.photos.edges.length };
    };
    try {
      await createPhoto(master.id, { kind: 'AVATAR' });
      await createPhoto(master.id, { masterServiceId: service.id });
      const one = await statementsFor();
      for (let n = 0; n < 11; n++) await createPhoto(master.id, { masterServiceId: service.id, caption: `№${n}` });
      const twelve = await statementsFor();
      expect([one.photos, twelve.photos]).toEqual([1, 12]);
      expect(twelve.statements).toBe(one.statements);
    } finally {
      await counted.$disconnect();
    }

    const own = await profile(user);
    const rows = await prisma.masterPhoto.findMany({ where: { masterId: master.id, kind: 'PORTFOLIO' }, orderBy: { position: 'asc' } });
    expect(own.photos.edges.map((edge) => edge.node.id)).toEqual(rows.map((row) => encodeGlobalID('Photo', row.id)));
    expect(own.avatar).not.toBeNull();
  });
});

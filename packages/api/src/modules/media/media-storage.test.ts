import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, graphql, type TestApp, testPrisma } from '../../../test/app.js';
import { createDraftMaster } from '../../../test/factories.js';
import { request } from '../../../test/http.js';
import { uniqueImage } from '../../../test/images.js';
import { graphqlUpload } from '../../../test/multipart.js';
import { startLocalS3 } from '../../../test/s3.js';
import { loadEnv } from '../../env.js';
import { createLogger } from '../../logger.js';
import { createMediaStorage } from './create-media-storage.js';
import { processImage } from './image-pipeline.js';
import type { MediaFile, MediaStorage } from './media-storage.js';
import { uploadPhoto } from './photo.service.js';
import { PostgresMediaStorage } from './postgres-storage.js';
import { S3MediaStorage } from './s3-storage.js';

const prisma = testPrisma();
const log = createLogger('silent');

const UPLOAD = 'mutation($input: UploadMasterPhotoInput!) { uploadMasterPhoto(input: $input) { id url thumb: url(size: THUMB) } }';
const DELETE = 'mutation($input: DeleteMasterPhotoInput!) { deleteMasterPhoto(input: $input) }';

interface Backend {
  name: string;
  open(): Promise<{ storage: MediaStorage; close(): Promise<void> }>;
}

/** The same suite runs against each storage: the default in PostgreSQL, and S3 (a local S3-compatible server). */
const backends: Backend[] = [
  { name: 'PostgreSQL', open: async () => ({ storage: new PostgresMediaStorage(prisma), close: async () => {} }) },
  {
    name: 'S3',
    open: async () => {
      const s3 = await startLocalS3();
      return { storage: S3MediaStorage.fromSettings(s3.settings), close: s3.close };
    },
  },
];

const fileOf = (bytes: number[]): MediaFile => ({
  key: `${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}.webp`,
  contentType: 'image/webp',
  bytes: new Uint8Array(bytes),
});

describe.each(backends)('$name media storage', ({ open }) => {
  let storage: MediaStorage;
  let close: () => Promise<void>;
  let app: TestApp;
  beforeAll(async () => {
    ({ storage, close } = await open());
    app = createTestApp({ mediaStorage: storage });
  });
  afterAll(() => close());

  it('stores, returns and removes files by key; storing a key again changes nothing', async () => {
    const file = fileOf([1, 2, 3, 4]);
    const other = fileOf([5, 6]);
    await prisma.$transaction((tx) => storage.put(tx, [file, other]));
    await prisma.$transaction((tx) => storage.put(tx, [file]));
    expect(await storage.get(file.key)).toEqual(file);
    expect(await storage.get(fileOf([]).key)).toBeNull();

    await prisma.$transaction((tx) => storage.remove(tx, [file.key, fileOf([]).key]));
    expect(await storage.get(file.key)).toBeNull();
    expect(await storage.get(other.key)).toEqual(other);
  });

  it('keeps an upload, serves it, and removes its files when the last photo using them is deleted', async () => {
    const { user } = await createDraftMaster();
    const image = await uniqueImage();
    const upload = () =>
      graphqlUpload<{ uploadMasterPhoto: { id: string; url: string; thumb: string } }>(app, UPLOAD, {
        as: user,
        variables: { input: { kind: 'PORTFOLIO', file: null } },
        files: { 'input.file': { bytes: image } },
      });
    const first = (await upload()).data!.uploadMasterPhoto;
    const twin = (await upload()).data!.uploadMasterPhoto;
    const keys = [first.url, first.thumb].map((url) => url.replace('/media/', ''));
    expect(twin.url).toBe(first.url);
    for (const key of keys) expect(await storage.get(key)).not.toBeNull();
    const served = await app.fetch(`http://zapis.test${first.url}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from((await storage.get(keys[0]!))!.bytes))).toBe(true);

    await graphql(app, DELETE, { as: user, variables: { input: { photoId: first.id } } });
    for (const key of keys) expect(await storage.get(key)).not.toBeNull();
    await graphql(app, DELETE, { as: user, variables: { input: { photoId: twin.id } } });
    for (const key of keys) expect(await storage.get(key)).toBeNull();
    expect((await request(app, first.url)).status).toBe(404);
  });

  it('keeps nothing of an upload refused after its files were written (the master was archived meanwhile)', async () => {
    const { master } = await createDraftMaster();
    const bytes = await uniqueImage();
    const { display, thumb } = await processImage(bytes);
    // Archives the master while the upload writes its files, before it holds the master's row.
    const archiving: MediaStorage = {
      put: async (tx, files) => {
        await storage.put(tx, files);
        await prisma.master.update({ where: { id: master.id }, data: { status: 'ARCHIVED', archivedAt: new Date() } });
      },
      remove: (tx, keys) => storage.remove(tx, keys),
      get: (key) => storage.get(key),
    };

    await expect(
      uploadPhoto(prisma, { storage: archiving, log }, master.id, { bytes, kind: 'PORTFOLIO', caption: null, masterServiceId: null }),
    ).rejects.toMatchObject({ extensions: { code: 'MASTER_NOT_REGISTERED' } });
    expect(await storage.get(display.key)).toBeNull();
    expect(await storage.get(thumb.key)).toBeNull();
    expect(await prisma.masterPhoto.count({ where: { masterId: master.id } })).toBe(0);
  });

  it('serves only files a photo uses, whatever the storage holds', async () => {
    const file = fileOf([1]);
    await prisma.$transaction((tx) => storage.put(tx, [file]));
    expect((await request(app, `/media/${file.key}`)).status).toBe(404);
    const master = (await createDraftMaster()).master;
    const photo = await prisma.masterPhoto.create({
      data: { masterId: master.id, kind: 'PORTFOLIO', width: 1, height: 1, thumbKey: file.key, displayKey: file.key },
    });
    const served = await request(app, `/media/${file.key}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    await prisma.masterPhoto.delete({ where: { id: photo.id } });
    expect((await request(app, `/media/${file.key}`)).status).toBe(404);
  });
});

describe('media storage configuration', () => {
  it('keeps files in PostgreSQL by default', () => {
    const env = loadEnv({ NODE_ENV: 'test' });
    expect(env.MEDIA_STORAGE).toBe('postgres');
    expect(env.mediaMaxUploadBytes).toBe(15 * 1024 * 1024);
    expect(createMediaStorage(env, prisma)).toBeInstanceOf(PostgresMediaStorage);
  });

  it('refuses to start with S3 selected and its settings missing', () => {
    expect(() => loadEnv({ MEDIA_STORAGE: 's3' })).toThrow(
      /S3_BUCKET: required when MEDIA_STORAGE=s3\n {2}S3_REGION: .*\n {2}S3_ACCESS_KEY_ID: .*\n {2}S3_SECRET_ACCESS_KEY: required/,
    );
    expect(() => loadEnv({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'ru-central1', S3_ACCESS_KEY_ID: 'id' })).toThrow(
      /^Invalid configuration:\n {2}S3_SECRET_ACCESS_KEY: required when MEDIA_STORAGE=s3$/,
    );
    expect(() => loadEnv({ MEDIA_STORAGE: 'disk' })).toThrow(/MEDIA_STORAGE/);
  });

  it('uses the bucket the S3 settings name', () => {
    const env = loadEnv({
      MEDIA_STORAGE: 's3',
      S3_BUCKET: 'zapis-media',
      S3_REGION: 'ru-central1',
      S3_ENDPOINT: 'https://storage.yandexcloud.net',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(env.s3).toEqual({
      bucket: 'zapis-media',
      region: 'ru-central1',
      endpoint: 'https://storage.yandexcloud.net',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    expect(createMediaStorage(env, prisma)).toBeInstanceOf(S3MediaStorage);
  });
});

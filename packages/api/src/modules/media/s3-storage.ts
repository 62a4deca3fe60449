import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../env.js';
import type { MediaFile, MediaStorage } from './media-storage.js';

/**
 * Files in an S3-compatible bucket (Amazon S3, Yandex Object Storage, Selectel, MinIO…). The bucket
 * stays private: the API serves the files itself (`GET /media/<key>`), only while a photo uses them.
 */
type Sdk = typeof import('@aws-sdk/client-s3');

/** The AWS SDK (~20 MB of memory once loaded) loads with the first file an S3 storage reads or writes, and only where one is configured. */
let loadingSdk: Promise<Sdk> | undefined;
const loadSdk = (): Promise<Sdk> => (loadingSdk ??= import('@aws-sdk/client-s3'));

export class S3MediaStorage implements MediaStorage {
  private connecting: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(private readonly settings: S3Settings) {}

  static fromSettings(settings: S3Settings): S3MediaStorage {
    return new S3MediaStorage(settings);
  }

  /** The SDK and one client for the storage's life. */
  private connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.connecting ??= loadSdk().then((sdk) => ({ sdk, client: this.newClient(sdk) }));
    return this.connecting;
  }

  private newClient(sdk: Sdk): S3Client {
    const settings = this.settings;
    return new sdk.S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible services reject the SDK's
      // default trailing checksums (aws-chunked uploads).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(_tx: unknown, files: MediaFile[]): Promise<void> {
    const { sdk, client } = await this.connect();
    await Promise.all(
      files.map((file) =>
        client.send(
          new sdk.PutObjectCommand({
            Bucket: this.settings.bucket,
            Key: file.key,
            Body: file.bytes,
            ContentType: file.contentType,
            CacheControl: 'public, max-age=31536000, immutable',
          }),
        ),
      ),
    );
  }

  async remove(_tx: unknown, keys: string[]): Promise<void> {
    const { sdk, client } = await this.connect();
    // One request per key: DeleteObjects needs a checksum that S3-compatible services disagree on.
    await Promise.all(keys.map((key) => client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }))));
  }

  async get(key: string): Promise<MediaFile | null> {
    const { sdk, client } = await this.connect();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      if (!object.Body) return null;
      return {
        key,
        contentType: object.ContentType ?? 'application/octet-stream',
        bytes: new Uint8Array(await object.Body.transformToByteArray()),
      };
    } catch (error) {
      if (error instanceof sdk.NoSuchKey) return null;
      throw error;
    }
  }
}

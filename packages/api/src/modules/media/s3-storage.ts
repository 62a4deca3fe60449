import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../env.js';
import type { MediaFile, MediaStorage } from './media-storage.js';

/**
 * Files in an S3-compatible bucket (Amazon S3, Yandex Object Storage, Selectel, MinIO…). The bucket
 * stays private: the API serves the files itself (`GET /media/<key>`), only while a photo uses them.
 */
export class S3MediaStorage implements MediaStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromSettings(settings: S3Settings): S3MediaStorage {
    const client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Checksums only where S3 requires them: many S3-compatible services reject the SDK's
      // default trailing checksums (aws-chunked uploads).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return new S3MediaStorage(client, settings.bucket);
  }

  async put(_tx: unknown, files: MediaFile[]): Promise<void> {
    await Promise.all(
      files.map((file) =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
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
    // One request per key: DeleteObjects needs a checksum that S3-compatible services disagree on.
    await Promise.all(keys.map((key) => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))));
  }

  async get(key: string): Promise<MediaFile | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!object.Body) return null;
      return {
        key,
        contentType: object.ContentType ?? 'application/octet-stream',
        bytes: new Uint8Array(await object.Body.transformToByteArray()),
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }
}

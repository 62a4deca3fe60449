import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../transactions.js';
import type { MediaFile, MediaStorage } from './media-storage.js';

/** Files in the stored_files table: the default, so that the API needs nothing but PostgreSQL. */
export class PostgresMediaStorage implements MediaStorage {
  constructor(private readonly prisma: PrismaClient) {}

  async put(tx: Tx, files: MediaFile[]): Promise<void> {
    await tx.storedFile.createMany({
      data: files.map((file) => ({ key: file.key, contentType: file.contentType, bytes: file.bytes, size: file.bytes.byteLength })),
      skipDuplicates: true,
    });
  }

  async remove(tx: Tx, keys: string[]): Promise<void> {
    await tx.storedFile.deleteMany({ where: { key: { in: keys } } });
  }

  async get(key: string): Promise<MediaFile | null> {
    return this.prisma.storedFile.findUnique({ where: { key }, select: { key: true, contentType: true, bytes: true } });
  }
}

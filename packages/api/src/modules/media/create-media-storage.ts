import type { Env } from '../../env.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { MediaStorage } from './media-storage.js';
import { PostgresMediaStorage } from './postgres-storage.js';
import { S3MediaStorage } from './s3-storage.js';

/** The storage MEDIA_STORAGE selects: the database's stored_files table, or an S3-compatible bucket. */
export function createMediaStorage(env: Pick<Env, 's3'>, prisma: PrismaClient): MediaStorage {
  return env.s3 ? S3MediaStorage.fromSettings(env.s3) : new PostgresMediaStorage(prisma);
}

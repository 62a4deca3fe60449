import type { Tx } from '../../transactions.js';

/** A stored file: photos' images, under keys made of a hash of their bytes (`<sha256 hex>.webp`). */
export interface MediaFile {
  key: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Where photos' files live. Writes run inside a database transaction that holds the keys' locks
 * (photo.service.ts `lockFileKeys`), so that a file being stored for a new photo and the same file
 * being removed as unused never interleave: PostgreSQL writes in that transaction (a rollback
 * takes the write back), object storage writes at once.
 */
export interface MediaStorage {
  /** Stores the files; a key already stored is left as it is (the same key is the same bytes). */
  put(tx: Tx, files: MediaFile[]): Promise<void>;
  /** Removes the files; keys not stored are ignored. */
  remove(tx: Tx, keys: string[]): Promise<void>;
  /** The file, or null when nothing is stored under the key. */
  get(key: string): Promise<MediaFile | null>;
}

/** Where the API serves stored files (`GET /media/<key>`, media.route.ts). */
export const MEDIA_PATH_PREFIX = '/media/';

import type { Logger } from 'pino';
import { badInput } from '../../errors.js';
import type { PhotoKind, PrismaClient } from '../../generated/prisma/client.js';
import { retryingTransaction, type Tx } from '../../transactions.js';
import { lockMaster } from '../master/master-lock.js';
import { processImage } from './image-pipeline.js';
import type { MediaStorage } from './media-storage.js';

/**
 * A master's avatar and portfolio photos, and the files behind them.
 *
 * Files are shared: a key is the hash of the bytes, so the same image uploaded twice is stored
 * once, and a file is removed when the last photo using it goes. Both run under the keys' locks
 * (`lockFileKeys`), so that a photo that starts using a file and the removal of that file as
 * unused never interleave. Those locks are taken before the master's row, and never while it is
 * held, so the two kinds of lock cannot wait for each other in a circle.
 */

export const MAX_PORTFOLIO_PHOTOS = 12;
export const MAX_CAPTION_LENGTH = 300;

/** Where photos' files live, and the log told of a file that could not be removed. */
export interface PhotoFiles {
  storage: MediaStorage;
  log: Logger;
}

export interface UploadPhotoInput {
  bytes: Uint8Array;
  kind: PhotoKind;
  caption: string | null;
  /** Database id of one of the master's services. */
  masterServiceId: string | null;
}

export interface UpdatePhotoInput {
  photoId: string;
  /** Undefined: unchanged; null: removed. */
  caption?: string | null;
  masterServiceId?: string | null;
}

/** Advisory locks of their own kind (the two-key form), so that they never meet other advisory locks. */
const FILE_LOCK_SPACE = 0x6d656469;

/** Holds the files' keys until the transaction ends, in one order everywhere. */
async function lockFileKeys(tx: Tx, keys: string[]) {
  for (const key of [...new Set(keys)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FILE_LOCK_SPACE}::int, hashtext(${key}))`;
  }
}

/** One of the master's services that is not removed; another master's is not theirs to show. */
async function checkService(db: PrismaClient | Tx, masterId: string, masterServiceId: string) {
  const service = await db.masterService.findUnique({ where: { id: masterServiceId }, select: { masterId: true, archivedAt: true } });
  if (!service || service.archivedAt || service.masterId !== masterId) throw badInput('masterServiceId', 'No such service.');
}

/** What refuses an upload whatever the image: a full portfolio, a service that is not the master's. */
async function checkUpload(db: PrismaClient | Tx, masterId: string, input: UploadPhotoInput) {
  if (input.kind === 'PORTFOLIO') {
    const count = await db.masterPhoto.count({ where: { masterId, kind: 'PORTFOLIO' } });
    if (count >= MAX_PORTFOLIO_PHOTOS) {
      throw badInput('kind', `A portfolio holds at most ${MAX_PORTFOLIO_PHOTOS} photos: delete one first.`, { reason: 'PORTFOLIO_FULL' });
    }
  }
  if (input.masterServiceId) await checkService(db, masterId, input.masterServiceId);
}

/** A new portfolio photo goes last. */
async function nextPosition(tx: Tx, masterId: string): Promise<number> {
  const last = await tx.masterPhoto.aggregate({ where: { masterId, kind: 'PORTFOLIO' }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/**
 * Stores an uploaded image as the master's new portfolio photo (last in order) or avatar (which
 * replaces the one before). Returns the photo's id. A refused upload stores nothing.
 */
export async function uploadPhoto(prisma: PrismaClient, files: PhotoFiles, masterId: string, input: UploadPhotoInput): Promise<string> {
  // Refusals that need no decoding come before the work of decoding; they are checked again below.
  await checkUpload(prisma, masterId, input);
  const image = await processImage(input.bytes);
  const keys = [image.display.key, image.thumb.key];
  let replaced: string[] = [];
  let photoId: string;
  try {
    photoId = await retryingTransaction(
      prisma,
      async (tx) => {
        await lockFileKeys(tx, keys);
        await files.storage.put(tx, [image.display, image.thumb]);
        await lockMaster(tx, masterId, { activity: true });
        await checkUpload(tx, masterId, input);
        replaced = [];
        if (input.kind === 'AVATAR') {
          const previous = await tx.masterPhoto.findUnique({
            where: { avatarOfId: masterId },
            select: { id: true, thumbKey: true, displayKey: true },
          });
          if (previous) {
            await tx.masterPhoto.delete({ where: { id: previous.id } });
            replaced = [previous.thumbKey, previous.displayKey];
          }
        }
        const photo = await tx.masterPhoto.create({
          data: {
            masterId,
            kind: input.kind,
            avatarOfId: input.kind === 'AVATAR' ? masterId : null,
            caption: input.caption,
            masterServiceId: input.masterServiceId,
            position: input.kind === 'PORTFOLIO' ? await nextPosition(tx, masterId) : 0,
            width: image.width,
            height: image.height,
            thumbKey: image.thumb.key,
            displayKey: image.display.key,
          },
          select: { id: true },
        });
        return photo.id;
      },
      // Object storage is written while the transaction waits.
      { maxWait: 10_000, timeout: 60_000 },
    );
  } catch (error) {
    // Object storage keeps what it was given whatever the transaction did: take it back if unused.
    await releaseFiles(prisma, files, keys);
    throw error;
  }
  await releaseFiles(prisma, files, replaced);
  return photoId;
}

/** A photo of this master: another master's answers as one that does not exist. */
async function ownPhoto(db: PrismaClient | Tx, masterId: string, photoId: string) {
  const photo = await db.masterPhoto.findUnique({ where: { id: photoId }, select: { masterId: true, thumbKey: true, displayKey: true } });
  if (!photo || photo.masterId !== masterId) throw badInput('photoId', 'No such photo.');
  return photo;
}

/** Changes a photo's caption and the service it shows; what the input leaves out stays. */
export async function updatePhoto(prisma: PrismaClient, masterId: string, input: UpdatePhotoInput): Promise<void> {
  await ownPhoto(prisma, masterId, input.photoId);
  if (input.masterServiceId) await checkService(prisma, masterId, input.masterServiceId);
  await prisma.masterPhoto.update({
    where: { id: input.photoId },
    data: { caption: input.caption, masterServiceId: input.masterServiceId },
    select: { id: true },
  });
}

/** Puts the portfolio in the given order: each of the master's portfolio photos exactly once. */
export async function reorderPhotos(prisma: PrismaClient, masterId: string, photoIds: string[]): Promise<void> {
  await retryingTransaction(prisma, async (tx) => {
    await lockMaster(tx, masterId, { activity: true });
    const portfolio = await tx.masterPhoto.findMany({ where: { masterId, kind: 'PORTFOLIO' }, select: { id: true } });
    const given = new Set(photoIds);
    if (given.size !== photoIds.length || given.size !== portfolio.length || portfolio.some((photo) => !given.has(photo.id))) {
      throw badInput('photoIds', 'List each of your portfolio photos exactly once, in the new order.', { reason: 'NOT_THE_PORTFOLIO' });
    }
    for (const [position, id] of photoIds.entries()) {
      await tx.masterPhoto.update({ where: { id }, data: { position }, select: { id: true } });
    }
  });
}

/** Deletes a photo (the avatar too), and its files when no other photo uses them. */
export async function deletePhoto(prisma: PrismaClient, files: PhotoFiles, masterId: string, photoId: string): Promise<void> {
  const photo = await retryingTransaction(prisma, async (tx) => {
    await lockMaster(tx, masterId, { activity: true });
    const own = await ownPhoto(tx, masterId, photoId);
    await tx.masterPhoto.delete({ where: { id: photoId }, select: { id: true } });
    return own;
  });
  await releaseFiles(prisma, files, [photo.thumbKey, photo.displayKey]);
}

/** Deletes these masters' photos in `tx`; their files' keys, for `releaseFiles` once it has committed. */
export async function deletePhotosOf(tx: Tx, masterIds: string[]): Promise<string[]> {
  const photos = await tx.masterPhoto.findMany({ where: { masterId: { in: masterIds } }, select: { thumbKey: true, displayKey: true } });
  await tx.masterPhoto.deleteMany({ where: { masterId: { in: masterIds } } });
  return [...new Set(photos.flatMap((photo) => [photo.thumbKey, photo.displayKey]))];
}

/**
 * Removes the files among `keys` that no photo uses any more; returns their keys. Called after
 * the change that stopped using them has committed. A failure is logged rather than thrown: that
 * change stands, and a file no photo uses is never served (`GET /media/<key>`).
 */
export async function releaseFiles(prisma: PrismaClient, files: PhotoFiles, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  try {
    return await retryingTransaction(prisma, async (tx) => {
      await lockFileKeys(tx, keys);
      const used = await tx.masterPhoto.findMany({
        where: { OR: [{ thumbKey: { in: keys } }, { displayKey: { in: keys } }] },
        select: { thumbKey: true, displayKey: true },
      });
      const inUse = new Set(used.flatMap((photo) => [photo.thumbKey, photo.displayKey]));
      const unused = [...new Set(keys)].filter((key) => !inUse.has(key));
      if (unused.length > 0) await files.storage.remove(tx, unused);
      return unused;
    });
  } catch (error) {
    files.log.error({ err: error, keys }, 'unused media files not removed');
    return [];
  }
}

/** Whether a photo uses the file: only those are served. */
export async function isFileInUse(prisma: PrismaClient, key: string): Promise<boolean> {
  const photo = await prisma.masterPhoto.findFirst({ where: { OR: [{ thumbKey: key }, { displayKey: key }] }, select: { id: true } });
  return photo !== null;
}

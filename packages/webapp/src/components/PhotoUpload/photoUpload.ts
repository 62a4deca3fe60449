import type { Client, CombinedError } from '@urql/core';
import { type Photo, UploadMasterPhotoMutation } from '@zapis/schema';
import { tm } from '../../i18n/master.ts';
import { saveErrorMessage } from '../ErrorState/errorMessage.ts';
import { errorExtension } from '../ErrorState/fieldProblems.ts';
import { missingDataError } from '../Form/useFormSubmit.ts';

/**
 * What the file input takes: photos every phone can hand over. With these types iOS converts its
 * HEIC photos to JPEG, which the API decodes (HEIC it does not).
 */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp';

export type UploadResult = { ok: true; photo: Photo } | { ok: false; message: string };

/** Sends one photo (a multipart request: urql puts a File variable beside the operation). */
export async function uploadPhoto(client: Client, file: File, kind: 'AVATAR' | 'PORTFOLIO'): Promise<UploadResult> {
  const result = await client.mutation(UploadMasterPhotoMutation, { input: { file, kind } }).toPromise();
  const photo = result.data?.uploadMasterPhoto;
  if (photo) return { ok: true, photo };
  return { ok: false, message: photoProblem(result.error ?? missingDataError()) };
}

/** Why a photo was refused, as a plain sentence: the API's `reason`, or what the error code says. */
export function photoProblem(error: CombinedError): string {
  const reason = errorExtension(error, 'reason');
  const known = typeof reason === 'string' ? tm().photos.refusals[reason] : undefined;
  if (known) return known;
  // A proxy in front of the API may refuse a large body itself, without the API's JSON answer.
  if (error.response?.status === 413) return tm().photos.refusals.FILE_TOO_LARGE!;
  return saveErrorMessage(error);
}

import { z } from 'zod';
import { builder, type UploadedFile } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { optionalText } from '../../validation.js';
import { PhotoKindEnum } from './media.types.js';
import { MAX_CAPTION_LENGTH, MAX_PORTFOLIO_PHOTOS } from './photo.service.js';

/** Omitted: unchanged; null or blank: removed. */
const changedText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value === undefined ? undefined : value || null));

export const UploadMasterPhotoInput = builder
  .inputType('UploadMasterPhotoInput', {
    fields: (t) => ({
      file: t.field({
        type: 'File',
        description:
          'JPEG, PNG, WebP, AVIF, GIF (its first frame) or TIFF; at most 15 MiB (the server may set another limit) and 60 megapixels.',
      }),
      kind: t.field({ type: PhotoKindEnum }),
      caption: t.string({ required: false, description: `Up to ${MAX_CAPTION_LENGTH} characters.` }),
      masterServiceId: t.id({ required: false, description: 'One of your services (`MasterService.id`) the photo shows.' }),
    }),
  })
  .validate(
    z.object({
      // The File scalar has checked it.
      file: z.custom<UploadedFile>(),
      kind: z.enum(['AVATAR', 'PORTFOLIO']),
      caption: optionalText(MAX_CAPTION_LENGTH),
      masterServiceId: globalIdOf('MasterService').nullish(),
    }),
  );

export const UpdateMasterPhotoInput = builder
  .inputType('UpdateMasterPhotoInput', {
    description: 'What is left out stays as it is; null removes it.',
    fields: (t) => ({
      photoId: t.id(),
      caption: t.string({ required: false, description: `Up to ${MAX_CAPTION_LENGTH} characters.` }),
      masterServiceId: t.id({ required: false, description: 'One of your services (`MasterService.id`) the photo shows.' }),
    }),
  })
  .validate(
    z.object({
      photoId: globalIdOf('Photo'),
      caption: changedText(MAX_CAPTION_LENGTH),
      masterServiceId: globalIdOf('MasterService').nullish(),
    }),
  );

export const ReorderMasterPhotosInput = builder
  .inputType('ReorderMasterPhotosInput', {
    fields: (t) => ({
      photoIds: t.idList({ description: 'Every photo of your portfolio, once each, in the new order.' }),
    }),
  })
  .validate(z.object({ photoIds: z.array(globalIdOf('Photo')).max(MAX_PORTFOLIO_PHOTOS) }));

export const DeleteMasterPhotoInput = builder
  .inputType('DeleteMasterPhotoInput', {
    fields: (t) => ({ photoId: t.id() }),
  })
  .validate(z.object({ photoId: globalIdOf('Photo') }));

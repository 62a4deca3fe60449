import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import { MasterProfileRef } from '../master/master.types.js';
import { imageRejected } from './image-pipeline.js';
import { DeleteMasterPhotoInput, ReorderMasterPhotosInput, UpdateMasterPhotoInput, UploadMasterPhotoInput } from './media.inputs.js';
import { PhotoRef } from './media.types.js';
import { deletePhoto, reorderPhotos, updatePhoto, uploadPhoto } from './photo.service.js';

const MIB = 1024 * 1024;

builder.mutationFields((t) => ({
  uploadMasterPhoto: t.withAuth({ master: true }).prismaField({
    type: PhotoRef,
    description:
      'Adds a photo (a multipart request): a portfolio photo, last in order, or the avatar, which replaces the one before. ' +
      'Drafts may upload. BAD_USER_INPUT with `reason` when nothing was stored: FILE_TOO_LARGE, NOT_AN_IMAGE, ' +
      'UNSUPPORTED_FORMAT, TOO_MANY_PIXELS, CORRUPT_IMAGE, PORTFOLIO_FULL.',
    args: { input: t.arg({ type: UploadMasterPhotoInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { file } = input;
      // The request parser stops reading past the limit already; this holds whatever parsed the request.
      if (file.size > context.maxUploadBytes) {
        throw imageRejected('FILE_TOO_LARGE', `A photo is at most ${Math.floor(context.maxUploadBytes / MIB)} MiB.`);
      }
      const id = await uploadPhoto(context.prisma, { storage: context.mediaStorage, log: context.log }, context.master.id, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        kind: input.kind,
        caption: input.caption,
        masterServiceId: input.masterServiceId ?? null,
      });
      return context.prisma.masterPhoto.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateMasterPhoto: t.withAuth({ master: true }).prismaField({
    type: PhotoRef,
    description: "Changes one of your photos' caption and the service it shows.",
    args: { input: t.arg({ type: UpdateMasterPhotoInput }) },
    resolve: async (query, _root, { input }, context) => {
      await updatePhoto(context.prisma, context.master.id, input);
      return context.prisma.masterPhoto.findUniqueOrThrow({ ...query, where: { id: input.photoId } });
    },
  }),

  reorderMasterPhotos: t.withAuth({ master: true }).prismaField({
    type: MasterProfileRef,
    description: 'Puts your portfolio in a new order (BAD_USER_INPUT, reason NOT_THE_PORTFOLIO, unless it lists each photo once).',
    args: { input: t.arg({ type: ReorderMasterPhotosInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = context.master;
      await reorderPhotos(context.prisma, id, input.photoIds);
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  deleteMasterPhoto: t.withAuth({ master: true }).id({
    description: 'Deletes one of your photos (the avatar too); returns its id.',
    args: { input: t.arg({ type: DeleteMasterPhotoInput }) },
    resolve: async (_root, { input }, context) => {
      await deletePhoto(context.prisma, { storage: context.mediaStorage, log: context.log }, context.master.id, input.photoId);
      return encodeGlobalID('Photo', input.photoId);
    },
  }),
}));

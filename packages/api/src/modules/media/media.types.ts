import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { PhotoKind } from '../../generated/prisma/client.js';
import { MasterRef } from '../master/master.public.js';
import { MasterProfileRef, MasterServiceRef } from '../master/master.types.js';
import { MEDIA_PATH_PREFIX } from './media-storage.js';
import { MAX_PORTFOLIO_PHOTOS } from './photo.service.js';

export const PhotoKindEnum = builder.enumType('PhotoKind', {
  values: ['AVATAR', 'PORTFOLIO'] as const satisfies readonly PhotoKind[],
  description: 'The avatar (one; a new one replaces it) or a portfolio photo.',
});

export const PhotoSizeEnum = builder.enumType('PhotoSize', {
  values: {
    THUMB: { description: 'Fits in 480 × 480 pixels: lists and grids.' },
    DISPLAY: { description: 'Fits in 1600 × 1600 pixels: a photo on its own.' },
  } as const,
});

export const PhotoRef = builder.prismaObject('MasterPhoto', {
  name: 'Photo',
  description:
    "A master's photo, re-encoded on the server as WebP (no metadata of the upload survives) in two sizes. " +
    'Its URLs never change and may be cached for good.',
  fields: (t) => ({
    id: t.id({ resolve: (photo) => encodeGlobalID('Photo', photo.id) }),
    url: t.string({
      description: 'The image in this size: a path on the API (`/media/<key>`), for the mini-app to use as it is.',
      args: { size: t.arg({ type: PhotoSizeEnum, defaultValue: 'DISPLAY' }) },
      select: { thumbKey: true, displayKey: true },
      resolve: (photo, { size }) => `${MEDIA_PATH_PREFIX}${size === 'THUMB' ? photo.thumbKey : photo.displayKey}`,
    }),
    width: t.exposeInt('width', { description: 'Of the DISPLAY size, in pixels; THUMB has the same proportions.' }),
    height: t.exposeInt('height', { description: 'Of the DISPLAY size, in pixels.' }),
    caption: t.exposeString('caption', { nullable: true }),
    service: t.field({
      type: MasterServiceRef,
      nullable: true,
      description: "The master's service the photo shows, while it is offered (switched on and not removed).",
      // The whole row (MasterService has no selection of its own): its state, and what is asked of it.
      select: (_args, _context, nestedSelection) => ({ masterService: nestedSelection(true) }),
      resolve: ({ masterService }) => (masterService?.isActive && !masterService.archivedAt ? masterService : null),
    }),
  }),
});

const PhotoConnection = builder.connectionObject({ type: PhotoRef, name: 'PhotoConnection' }, { name: 'PhotoEdge' });

/** The same photo fields on the public master and on the master's own profile. */
for (const ref of [MasterRef, MasterProfileRef]) {
  builder.prismaObjectFields(ref, (t) => ({
    avatar: t.relation('avatar', { nullable: true, description: 'Null until one is uploaded.' }),
    photos: t.relatedConnection(
      'photos',
      {
        description: `The portfolio (up to ${MAX_PORTFOLIO_PHOTOS} photos), in the master's order.`,
        cursor: 'id',
        maxSize: MAX_PORTFOLIO_PHOTOS,
        query: { where: { kind: 'PORTFOLIO' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      },
      PhotoConnection,
    ),
  }));
}

import { graphql, type ResultOf } from './graphql.ts';

/** A photo in both sizes: the thumbnail for lists and grids, the display size for a photo on its own. */
export const PhotoFragment = graphql(`
  fragment PhotoFields on Photo @_unmask {
    id
    caption
    width
    height
    thumbUrl: url(size: THUMB)
    displayUrl: url(size: DISPLAY)
    service {
      id
      name
    }
  }
`);

export type Photo = ResultOf<typeof PhotoFragment>;

/** Adds the avatar (replacing the one before) or a portfolio photo: a multipart request, the file beside the operation. */
export const UploadMasterPhotoMutation = graphql(
  `
    mutation UploadMasterPhoto($input: UploadMasterPhotoInput!) {
      uploadMasterPhoto(input: $input) {
        ...PhotoFields
      }
    }
  `,
  [PhotoFragment],
);

export const UpdateMasterPhotoMutation = graphql(
  `
    mutation UpdateMasterPhoto($input: UpdateMasterPhotoInput!) {
      updateMasterPhoto(input: $input) {
        ...PhotoFields
      }
    }
  `,
  [PhotoFragment],
);

export const DeleteMasterPhotoMutation = graphql(`
  mutation DeleteMasterPhoto($input: DeleteMasterPhotoInput!) {
    deleteMasterPhoto(input: $input)
  }
`);

import { createHash } from 'node:crypto';
import type { Metadata, OutputInfo } from 'sharp';
import { apiError, ErrorCode } from '../../errors.js';
import type { MediaFile } from './media-storage.js';

/**
 * Every uploaded image is decoded and encoded anew: nothing of the file as sent survives, neither
 * its metadata (EXIF, GPS, XMP, ICC, comments) nor anything hidden after the image data. The EXIF
 * orientation is applied first, so that phone photos stand the right way up without it.
 */

/** The display size fits in this square, the thumbnail in the smaller one; smaller images are not enlarged. */
export const DISPLAY_EDGE = 1600;
export const THUMB_EDGE = 480;

/**
 * More pixels than this are refused from the header alone, before anything is decoded: a small
 * file can declare a huge image (a decompression bomb). 60 MP holds phones' full-resolution
 * photos (48–50 MP).
 */
export const MAX_INPUT_PIXELS = 60_000_000;

/** What the bundled libvips decodes and we accept: photos and common web images. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif']);

export const CONTENT_TYPE = 'image/webp';

/** Why an upload is not an image we take: `extensions.reason` of its BAD_USER_INPUT. */
export type ImageRejection = 'NOT_AN_IMAGE' | 'UNSUPPORTED_FORMAT' | 'TOO_MANY_PIXELS' | 'CORRUPT_IMAGE';

export function imageRejected(reason: ImageRejection | 'FILE_TOO_LARGE', message: string) {
  return apiError(ErrorCode.BAD_USER_INPUT, message, { reason, fields: [{ path: 'file', message }] });
}

export interface ProcessedImage {
  /** Of the display size. */
  width: number;
  height: number;
  display: MediaFile;
  thumb: MediaFile;
}

/** HEIF is a container: the bundled libvips decodes AV1 in it (AVIF), not HEVC (iPhones' HEIC). */
function formatOf(metadata: Metadata): string {
  return metadata.format === 'heif'
    ? metadata.compression === 'av1'
      ? 'avif'
      : `heif/${metadata.compression ?? 'unknown'}`
    : metadata.format;
}

function mediaFile(bytes: Buffer): MediaFile {
  return { key: `${createHash('sha256').update(bytes).digest('hex')}.webp`, contentType: CONTENT_TYPE, bytes: new Uint8Array(bytes) };
}

let loadingSharp: Promise<typeof import('sharp')['default']> | undefined;

/**
 * sharp, loaded with the first image rather than with the server: libvips takes ~30 MB of memory
 * once loaded, and most of an instance's requests never carry a photo.
 */
export function loadSharp(): Promise<typeof import('sharp')['default']> {
  loadingSharp ??= import('sharp').then((module) => module.default);
  return loadingSharp;
}

/** The upload as the two WebP images we keep, or BAD_USER_INPUT with a reason. */
export async function processImage(input: Uint8Array): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    // The header only; the pixel limit is checked below, to say why.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw imageRejected('NOT_AN_IMAGE', 'This file is not an image.');
  }
  const format = formatOf(metadata);
  if (!ACCEPTED_FORMATS.has(format)) {
    throw imageRejected('UNSUPPORTED_FORMAT', `Images in ${format.toUpperCase()} are not accepted: send a JPEG, PNG or WebP.`);
  }
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw imageRejected('TOO_MANY_PIXELS', `An image may have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`);
  }

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(DISPLAY_EDGE, DISPLAY_EDGE, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    // A truncated or damaged file ('error': libvips' errors, truncation included; mere warnings pass).
    throw imageRejected('CORRUPT_IMAGE', 'This image is damaged or incomplete.');
  }
  const { width, height, channels } = decoded.info;
  const pixels = () => sharp(decoded.data, { raw: { width, height, channels } });
  const [display, thumb] = await Promise.all([
    pixels().webp({ quality: 82 }).toBuffer(),
    pixels().resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 78 }).toBuffer(),
  ]);
  return { width, height, display: mediaFile(display), thumb: mediaFile(thumb) };
}

import { randomInt } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Images for upload tests, made on the spot. */

/**
 * A photo-like image (noise on a random colour), different every call, so that no two tests share
 * its files. Noise makes large images slow to encode (AVIF, GIF): `plain` leaves it out.
 */
export async function uniqueImage(
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff' = 'jpeg',
  width = 96,
  height = 64,
  { plain = false }: { plain?: boolean } = {},
) {
  const image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: randomInt(256), g: randomInt(256), b: randomInt(256) },
      ...(plain ? {} : { noise: { type: 'gaussian', mean: 128, sigma: 40 } }),
    },
  });
  // The slowest encoder at its fastest: these images test decoding, not AVIF.
  return image.toFormat(format, format === 'avif' ? { effort: 0 } : {}).toBuffer();
}

/**
 * A phone photo as phones write them: landscape pixels (1200 × 800) with EXIF orientation 6 (turn
 * 90° clockwise to view), the camera's make and the GPS position where it was taken.
 */
export async function phonePhotoWithGps() {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 180, g: 120, b: 90 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'ZapisPhone', Model: 'Test 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 2100/100', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 1100/100' },
    })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a valid PNG of 50 000 × 50 000 grey pixels (2.5 gigapixels) in a few
 * kilobytes, its first rows of data given. Decoding it would take gigabytes of memory.
 */
export function pngBomb(width = 50_000, height = 50_000) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const firstRows = deflateSync(Buffer.alloc((width + 1) * 16));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', firstRows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The four-character chunk types of a WebP (RIFF) file, in order. */
export function webpChunks(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  if (buffer.toString('latin1', 0, 4) !== 'RIFF' || buffer.toString('latin1', 8, 12) !== 'WEBP') throw new Error('Not a WebP file.');
  const chunks: string[] = [];
  for (let offset = 12; offset + 8 <= buffer.length; ) {
    const size = buffer.readUInt32LE(offset + 4);
    chunks.push(buffer.toString('latin1', offset, offset + 4));
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

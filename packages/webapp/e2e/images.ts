// Real images for upload tests, drawn here: a PNG is a few chunks around zlib-compressed rows of pixels.
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A `width` × `height` PNG: a diagonal gradient from `from` to `to` with a light disc in the
 * middle, so that a photo, its thumbnail and the viewer can be told apart in screenshots.
 */
export function drawPng(width: number, height: number, from: Rgb, to: Rgb): Uint8Array<ArrayBuffer> {
  const stride = width * 3 + 1;
  const pixels = Buffer.alloc(stride * height);
  const radius = Math.min(width, height) / 4;
  for (let y = 0; y < height; y++) {
    pixels[y * stride] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height);
      const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < radius ** 2;
      for (let channel = 0; channel < 3; channel++) {
        const shade = from[channel]! + (to[channel]! - from[channel]!) * t;
        pixels[y * stride + 1 + x * 3 + channel] = Math.round(inDisc ? 255 - (255 - shade) * 0.25 : shade);
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter, no interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', new Uint8Array()),
  ]);
  return new Uint8Array(png);
}

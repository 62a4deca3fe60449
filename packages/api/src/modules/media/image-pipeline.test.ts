import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngBomb, uniqueImage, webpChunks } from '../../../test/images.js';
import { DISPLAY_EDGE, MAX_INPUT_PIXELS, processImage, THUMB_EDGE } from './image-pipeline.js';

describe('processImage', () => {
  it.each(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const)('takes %s and keeps it as WebP in two sizes', async (format) => {
    const image = await processImage(await uniqueImage(format, 2000, 1000, { plain: true }));
    expect([image.width, image.height]).toEqual([DISPLAY_EDGE, 800]);
    for (const [file, width, height] of [
      [image.display, DISPLAY_EDGE, 800],
      [image.thumb, THUMB_EDGE, 240],
    ] as const) {
      expect(await sharp(file.bytes).metadata()).toMatchObject({ format: 'webp', width, height });
      expect(file.contentType).toBe('image/webp');
      expect(file.key).toBe(`${createHash('sha256').update(file.bytes).digest('hex')}.webp`);
      expect(webpChunks(file.bytes).filter((chunk) => !['VP8 ', 'VP8L', 'VP8X', 'ALPH'].includes(chunk))).toEqual([]);
    }
  });

  it('does not enlarge a small image; the same upload gives the same keys', async () => {
    const bytes = await uniqueImage('png', 300, 200);
    const first = await processImage(bytes);
    const second = await processImage(bytes);
    expect([first.width, first.height]).toEqual([300, 200]);
    expect(await sharp(first.thumb.bytes).metadata()).toMatchObject({ width: 300, height: 200 });
    expect([second.display.key, second.thumb.key]).toEqual([first.display.key, first.thumb.key]);
  });

  it('keeps transparency', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    expect(await sharp((await processImage(png)).display.bytes).metadata()).toMatchObject({ hasAlpha: true });
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const started = performance.now();
    await expect(processImage(pngBomb())).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_PIXELS' } });
    // Just over the limit is refused too; decoding 2.5 gigapixels would take seconds and gigabytes.
    const side = Math.ceil(Math.sqrt(MAX_INPUT_PIXELS)) + 1;
    await expect(processImage(pngBomb(side, side))).rejects.toMatchObject({ extensions: { reason: 'TOO_MANY_PIXELS' } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses what it does not decode, what it does not take, and damaged images', async () => {
    const jpeg = await uniqueImage('jpeg', 400, 300);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    for (const [bytes, reason] of [
      [Buffer.from('GIF89a, but not really'), 'NOT_AN_IMAGE'],
      [Buffer.alloc(0), 'NOT_AN_IMAGE'],
      [svg, 'UNSUPPORTED_FORMAT'],
      [jpeg.subarray(0, jpeg.length - 200), 'CORRUPT_IMAGE'],
    ] as const) {
      await expect(processImage(bytes), reason).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason } });
    }
  });
});

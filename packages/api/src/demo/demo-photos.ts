import type { PrismaClient } from '../generated/prisma/client.js';
import { loadSharp } from '../modules/media/image-pipeline.js';
import { type PhotoFiles, uploadPhoto } from '../modules/media/photo.service.js';

/**
 * Generated pictures for the demo storefronts: an avatar for most masters and a few portfolio
 * shots, abstract shapes in each specialty's colours (no text, so no fonts are needed), put
 * through the same upload path as a master's own photos. Deterministic by the master's serial.
 */

const palettes: Record<string, [string, string, string][]> = {
  nails: [
    ['#f8c8dc', '#e05780', '#fff0f5'],
    ['#ffd6a5', '#c9184a', '#fff7ed'],
  ],
  hair: [
    ['#d4a373', '#6f4518', '#fefae0'],
    ['#caf0f8', '#0077b6', '#f1faee'],
  ],
  brows: [
    ['#e9d8a6', '#7f5539', '#fdf6ec'],
    ['#cdb4db', '#5a189a', '#f8f0fc'],
  ],
  massage: [
    ['#b7e4c7', '#2d6a4f', '#f1f8f3'],
    ['#a8dadc', '#1d3557', '#f1faee'],
  ],
  tattoo: [['#adb5bd', '#212529', '#f8f9fa']],
  tutoring: [
    ['#bde0fe', '#1d4e89', '#f0f7ff'],
    ['#ffe5b4', '#e76f51', '#fffaf0'],
  ],
};

/** A square SVG: a soft gradient with a few circles and a rounded shape, varied by `seed`. */
function picture([light, dark, paper]: [string, string, string], seed: number, size = 360): string {
  const r = (n: number) => ((seed * 9301 + n * 49297) % 233280) / 233280;
  const circles = [0, 1, 2]
    .map((n) => {
      const cx = Math.round(size * (0.2 + 0.6 * r(n)));
      const cy = Math.round(size * (0.2 + 0.6 * r(n + 3)));
      const radius = Math.round(size * (0.08 + 0.12 * r(n + 6)));
      return `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="${n % 2 ? dark : paper}" fill-opacity="${0.35 + 0.4 * r(n + 9)}"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${circles}
    <rect x="${size * 0.3}" y="${size * 0.62}" width="${size * 0.4}" height="${size * 0.16}" rx="${size * 0.08}" fill="${paper}" fill-opacity="0.55"/>
  </svg>`;
}

async function png(svg: string): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

export interface PhotographedMaster {
  id: string;
  serial: number;
  category: string;
  services: { id: string }[];
}

/** An avatar for two masters in three, and two or three portfolio shots for every other one. */
export async function seedDemoPhotos(prisma: PrismaClient, files: PhotoFiles, master: PhotographedMaster): Promise<void> {
  const schemes = palettes[master.category] ?? palettes.nails!;
  if (master.serial % 3 !== 2) {
    const bytes = await png(picture(schemes[master.serial % schemes.length]!, master.serial, 200));
    await uploadPhoto(prisma, files, master.id, { bytes, kind: 'AVATAR', caption: null, masterServiceId: null });
  }
  if (master.serial % 2 === 0) {
    const shots = 2 + (master.serial % 2 === 0 && master.serial % 4 === 0 ? 1 : 0);
    for (let n = 0; n < shots; n += 1) {
      const bytes = await png(picture(schemes[(master.serial + n) % schemes.length]!, master.serial * 7 + n));
      const service = master.services[n % master.services.length];
      await uploadPhoto(prisma, files, master.id, { bytes, kind: 'PORTFOLIO', caption: null, masterServiceId: service?.id ?? null });
    }
  }
}

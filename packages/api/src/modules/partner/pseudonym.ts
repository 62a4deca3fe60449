import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SegmentPosition } from '../analytics/segments.service.js';

/**
 * What a partner sees instead of our client ids. A member id is an HMAC of the client id
 * under the partner's own secret: stable for that partner, unrelated between partners, so
 * two partners cannot join their lists, and irreversible. Cursors carry a position (a
 * recency and a client id) and are encrypted and authenticated under a key derived from
 * the same secret, so they reveal no client id and cannot be forged or moved between
 * partners.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function pseudonymousId(partnerKey: Uint8Array, clientId: string): string {
  return createHmac('sha256', partnerKey).update(`member:${clientId}`).digest('base64url').slice(0, 26);
}

function cursorKey(partnerKey: Uint8Array): Buffer {
  return createHmac('sha256', partnerKey).update('segment-cursor').digest();
}

/** Encodes cursors of one partner; the key is derived once, for a whole page. */
export function segmentCursorEncoder(partnerKey: Uint8Array): (position: SegmentPosition) => string {
  const key = cursorKey(partnerKey);
  return (position) => encryptPosition(key, position);
}

function encryptPosition(key: Buffer, position: SegmentPosition): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = JSON.stringify([position.recency.getTime(), position.clientId]);
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, encrypted, cipher.getAuthTag()]).toString('base64url');
}

/** The position a cursor of this partner holds; null for anything else. */
export function decodeSegmentCursor(partnerKey: Uint8Array, cursor: string): SegmentPosition | null {
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(partnerKey), bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    const value: unknown = JSON.parse(plain.toString('utf8'));
    if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'string' || !UUID.test(value[1])) {
      return null;
    }
    return { recency: new Date(value[0]), clientId: value[1] };
  } catch {
    return null;
  }
}

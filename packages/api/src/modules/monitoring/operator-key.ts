import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The header operators send their key in (`ADMIN_API_KEY`). Not `Authorization`: that header
 * carries the mini-app's `tma …` init data, and partners' `Bearer` keys.
 */
export const OPERATOR_KEY_HEADER = 'x-admin-key';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `given` is the configured operator key. Both sides are hashed first, so the
 * comparison takes the same time whatever the lengths; no key configured admits nobody.
 */
export function isOperatorKey(given: string, configured: string | undefined): boolean {
  if (!configured) return false;
  return timingSafeEqual(digest(given), digest(configured));
}

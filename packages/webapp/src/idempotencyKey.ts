/**
 * A key for one attempt to book or move: retrying it (a lost answer, a second tap) can never book or move twice.
 * `crypto.randomUUID` needs a secure context, which a development server on a LAN address is not.
 */
export function newIdempotencyKey(source: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  return Array.from(source.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

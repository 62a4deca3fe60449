import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from './idempotencyKey.ts';

describe('newIdempotencyKey', () => {
  it('is new for every attempt and fits the API (8–64 letters, digits, "-")', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[\w-]{8,64}$/);
  });

  it('works without randomUUID, outside a secure context', () => {
    const key = newIdempotencyKey({ getRandomValues: (array) => crypto.getRandomValues(array) });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});

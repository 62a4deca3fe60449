import { describe, expect, it } from 'vitest';
import { loadSearchChoice, saveSearchChoice, telegramUserIdOf } from './searchChoice.ts';

/** A Storage kept in memory, as localStorage behaves. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
  };
}

const initData = (user: unknown) => new URLSearchParams({ auth_date: '1700000000', user: JSON.stringify(user), hash: 'ab' }).toString();

describe('the remembered search choice', () => {
  it('reads the Telegram user id from init data', () => {
    expect(telegramUserIdOf(initData({ id: 424242, first_name: 'Alice' }))).toBe('424242');
    expect(telegramUserIdOf('auth_date=1&hash=ab')).toBeUndefined();
    expect(telegramUserIdOf('user=%7Bnot-json')).toBeUndefined();
    expect(telegramUserIdOf(undefined)).toBeUndefined();
  });

  it('keeps each user their own choice', () => {
    const storage = memoryStorage();
    saveSearchChoice(storage, '1', { cityId: 'city-1', serviceId: 'service-1' });
    saveSearchChoice(storage, '2', { cityId: 'city-2' });
    expect(loadSearchChoice(storage, '1')).toEqual({ cityId: 'city-1', serviceId: 'service-1' });
    expect(loadSearchChoice(storage, '2')).toEqual({ cityId: 'city-2' });
    expect(loadSearchChoice(storage, '3')).toEqual({});
  });

  it('replaces the previous choice', () => {
    const storage = memoryStorage();
    saveSearchChoice(storage, '1', { cityId: 'city-1', serviceId: 'service-1' });
    saveSearchChoice(storage, '1', { cityId: 'city-2' });
    expect(loadSearchChoice(storage, '1')).toEqual({ cityId: 'city-2' });
  });

  it('ignores what it cannot read, and survives a storage that refuses', () => {
    const storage = memoryStorage();
    storage.items.set('zapis/client-search/1', '{broken');
    storage.items.set('zapis/client-search/2', JSON.stringify({ cityId: 42, serviceId: '' }));
    expect(loadSearchChoice(storage, '1')).toEqual({});
    expect(loadSearchChoice(storage, '2')).toEqual({});
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveSearchChoice(refusing, '1', { cityId: 'city-1' })).not.toThrow();
  });
});

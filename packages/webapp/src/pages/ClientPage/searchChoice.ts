/** The city and catalogue service a client last searched for. */
export interface SearchChoice {
  cityId?: string;
  serviceId?: string;
}

type ReadableStorage = Pick<Storage, 'getItem'>;
type WritableStorage = Pick<Storage, 'setItem'>;

const KEY_PREFIX = 'zapis/client-search/';

/**
 * The Telegram user id in init data, to keep each user's choice apart on a shared device. Only a
 * storage key: the API never trusts it.
 */
export function telegramUserIdOf(initDataRaw: string | undefined): string | undefined {
  if (!initDataRaw) return undefined;
  try {
    const user = JSON.parse(new URLSearchParams(initDataRaw).get('user') ?? 'null') as { id?: unknown } | null;
    return typeof user?.id === 'number' || typeof user?.id === 'string' ? String(user.id) : undefined;
  } catch {
    return undefined;
  }
}

const keyOf = (userId: string | undefined) => `${KEY_PREFIX}${userId ?? 'anonymous'}`;

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);

/** The choice remembered for this user; nothing when none was kept or it cannot be read. */
export function loadSearchChoice(storage: ReadableStorage, userId: string | undefined): SearchChoice {
  try {
    const stored = JSON.parse(storage.getItem(keyOf(userId)) ?? 'null') as Record<string, unknown> | null;
    if (!stored || typeof stored !== 'object') return {};
    const choice: SearchChoice = {};
    const cityId = text(stored.cityId);
    const serviceId = text(stored.serviceId);
    if (cityId) choice.cityId = cityId;
    if (serviceId) choice.serviceId = serviceId;
    return choice;
  } catch {
    return {};
  }
}

/** Keeps the choice for this user; a storage that refuses (private mode, full) only loses the memory. */
export function saveSearchChoice(storage: WritableStorage, userId: string | undefined, choice: SearchChoice): void {
  try {
    storage.setItem(keyOf(userId), JSON.stringify({ cityId: choice.cityId, serviceId: choice.serviceId }));
  } catch {
    // Nothing to tell the user: the next visit only starts without the choice.
  }
}

/** The browser's localStorage, or nothing where it may not be used (some embedded browsers refuse it). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

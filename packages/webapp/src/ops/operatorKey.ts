/**
 * The operator key (ADMIN_API_KEY) is typed once and kept in this tab's sessionStorage: it goes
 * with every request in `X-Admin-Key`, survives a reload, and is gone when the tab closes. Never in
 * the URL (the form does not submit) nor in localStorage.
 */
const STORAGE_KEY = 'zapis.ops.adminKey';

export function storedOperatorKey(): string | undefined {
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

export function keepOperatorKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetOperatorKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

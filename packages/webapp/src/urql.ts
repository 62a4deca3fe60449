import { Client, cacheExchange, fetchExchange } from '@urql/core';
import type { Locale } from './i18n/index.ts';

/**
 * The API client. Requests carry the Telegram init data that identifies the user, and the app's
 * language so that catalogue names come back in it even for anonymous reads.
 */
export function createApiClient(initDataRaw: string | undefined, locale: Locale): Client {
  const headers: Record<string, string> = { 'Accept-Language': locale };
  if (initDataRaw) headers.Authorization = `tma ${initDataRaw}`;
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: { headers },
  });
}

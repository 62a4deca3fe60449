import { Client, cacheExchange, type Exchange, fetchExchange, makeOperation, mapExchange, type Operation } from '@urql/core';
import { createEffect, on } from 'solid-js';
import { chosenLocale, type Locale, locale } from './i18n/index.ts';

/** Asks the API for the language the client chose in the app; without it the API follows Telegram's. */
const LANGUAGE_HEADER = 'X-Zapis-Language';

/**
 * The API client, for as long as the calling component lives. Requests carry the Telegram init data
 * that identifies the user, and the app's language, so that catalogue names come back in it: as
 * `Accept-Language` (anonymous reads), and as `X-Zapis-Language` while the client has chosen one.
 */
export function createApiClient(initDataRaw: string | undefined): Client {
  return new Client({
    url: '/graphql',
    exchanges: [languageExchange(initDataRaw), cacheExchange, fetchExchange],
    preferGetMethod: false,
  });
}

function requestHeaders(initDataRaw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': locale() };
  const chosen = chosenLocale();
  if (chosen) headers[LANGUAGE_HEADER] = chosen;
  if (initDataRaw) headers.Authorization = `tma ${initDataRaw}`;
  return headers;
}

/**
 * Signs every request and asks for the app's language at the time it is sent. The document cache
 * keys answers by query and variables alone, so this remembers which language each answer came in:
 * a cached answer in another language is fetched again, and so are the queries on screen as soon as
 * the language changes.
 */
function languageExchange(initDataRaw: string | undefined): Exchange {
  return (input) => {
    const answeredIn = new Map<number, Locale>();
    /** Every query asked; the client asks again only those still on screen. */
    const queries = new Map<number, Operation>();
    const networkOnly = (operation: Operation) =>
      makeOperation(operation.kind, operation, { ...operation.context, requestPolicy: 'network-only' });

    createEffect(
      on(
        locale,
        (current) => {
          for (const query of queries.values()) {
            if (answeredIn.get(query.key) !== current) input.client.reexecuteOperation(networkOnly(query));
          }
        },
        { defer: true },
      ),
    );

    return mapExchange({
      onOperation(operation) {
        const current = locale();
        const stale = operation.kind === 'query' && answeredIn.has(operation.key) && answeredIn.get(operation.key) !== current;
        const signed = makeOperation(operation.kind, operation, {
          ...operation.context,
          ...(stale ? { requestPolicy: 'network-only' } : {}),
          fetchOptions: { headers: requestHeaders(initDataRaw) },
          locale: current,
        });
        if (signed.kind === 'query') queries.set(signed.key, signed);
        return signed;
      },
      onResult(result) {
        const { operation } = result;
        if (operation.kind !== 'query' || !result.data || operation.context.meta?.cacheOutcome === 'hit') return;
        answeredIn.set(operation.key, operation.context.locale);
        // The language changed while the answer was on its way (urql sends a query once at a time,
        // so asking again then did nothing): ask now, and say that the answer is being replaced.
        if (operation.context.locale === locale()) return;
        input.client.reexecuteOperation(networkOnly(operation));
        return { ...result, stale: true };
      },
    })(input);
  };
}

import { Client, fetchExchange } from '@urql/core';
import { FunnelQuery, type ResultOf } from '@zapis/schema';

export type Funnel = ResultOf<typeof FunnelQuery>['funnel'];

export type FunnelAnswer =
  | { kind: 'funnel'; funnel: Funnel }
  /** The key is wrong, or the server has none configured. */
  | { kind: 'refused' }
  | { kind: 'failed'; message: string };

/** One funnel request with the operator key; the page asks rarely, so nothing is cached. */
export async function fetchFunnel(key: string, from: string, to: string): Promise<FunnelAnswer> {
  const client = new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: { headers: { 'X-Admin-Key': key } },
  });
  const result = await client.query(FunnelQuery, { from, to }).toPromise();
  const code = result.error?.graphQLErrors[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return { kind: 'refused' };
  if (result.data) return { kind: 'funnel', funnel: result.data.funnel };
  return { kind: 'failed', message: result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? 'No answer.' };
}

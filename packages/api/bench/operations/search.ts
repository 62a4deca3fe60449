import { encodeGlobalID } from '@pothos/plugin-relay';
import { type BenchContext, clientInitData, databaseId, graphql, type Operation, raw } from '../harness.js';

const PAGE = 20;

/** The mini-app's search card (packages/schema SearchMastersQuery). */
export const SEARCH = `
  query SearchMasters($filter: SearchMastersFilter!, $first: Int) {
    searchMasters(filter: $filter, first: $first) {
      edges {
        cursor
        node { id displayName address area timeZone avatar { id thumbUrl: url(size: THUMB) } rating { average count } }
        offers { id name price { amountMinor currency } durationMinutes }
        priceFrom { amountMinor currency }
        nextFreeSlot { startsAt localStart }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

interface SearchData {
  searchMasters: {
    edges: { node: { id: string; rating: { count: number } }; offers: { id: string }[]; nextFreeSlot: { startsAt: string } | null }[];
    pageInfo: { hasNextPage: boolean };
  };
}

interface RawPage {
  hasNextPage: boolean;
  masters: { masterId: string; offerIds: string[]; ratingCount: number; nextFreeSlot: string | null }[];
}

/** (city, service) pairs with more than a page of masters: every request reads a full first page. */
export async function fullPages(context: Pick<BenchContext, 'db'>): Promise<{ cityId: string; serviceId: string }[]> {
  const { rows } = await context.db.query<{ city_id: string; service_id: string }>(
    `SELECT m.city_id, o.service_id FROM masters m JOIN master_services o ON o.master_id = m.id AND o.is_active
     WHERE m.status = 'ACTIVE' AND m.is_active GROUP BY 1, 2 HAVING count(DISTINCT m.id) > $1 ORDER BY md5(m.city_id::text || o.service_id)`,
    [PAGE],
  );
  return rows.map((row) => ({ cityId: row.city_id, serviceId: row.service_id }));
}

/** searchMasters, first page of 20, anonymous or as a signed-in client (which also records interest). */
export async function searchOperation(context: BenchContext, signedIn: boolean): Promise<Operation> {
  const pairs = await fullPages(context);
  const initData = Array.from({ length: 256 }, (_, n) => clientInitData(context, 1 + ((n * 7919) % context.clients)));
  const pair = (i: number) => pairs[i % pairs.length]!;
  const auth = (i: number) => (signedIn ? initData[i % initData.length] : undefined);
  return {
    name: signedIn ? 'searchMasters.signedIn' : 'searchMasters.anonymous',
    concurrencies: [1, 16],
    same: true,
    async api(i) {
      const { cityId, serviceId } = pair(i);
      const data = await graphql<SearchData>(
        context,
        SEARCH,
        { filter: { cityId: encodeGlobalID('City', cityId), serviceId: encodeGlobalID('Service', serviceId) }, first: PAGE },
        auth(i),
      );
      return {
        hasNextPage: data.searchMasters.pageInfo.hasNextPage,
        masters: data.searchMasters.edges.map((edge) => ({
          masterId: databaseId(edge.node.id),
          offerIds: edge.offers.map((offer) => databaseId(offer.id)),
          ratingCount: edge.node.rating.count,
          nextFreeSlot: edge.nextFreeSlot ? new Date(edge.nextFreeSlot.startsAt).toISOString() : null,
        })),
      };
    },
    raw: (i) => raw<RawPage>(context, '/search', { ...pair(i), first: PAGE, initData: auth(i) }),
  };
}

import type { GraphiQLOptions } from 'graphql-yoga';
import type { DevIdentity } from './telegram/dev-identity.js';

const exampleOperations = /* GraphQL */ `# Zapis API
#
# Public queries (catalogues, search) need no identity.
# Everything personal needs the mini-app identity: the Telegram init data, sent as
#   Authorization: tma <initDataRaw>
# Put it in the Headers tab below, e.g. {"Authorization": "tma query_id=…&user=…&auth_date=…&hash=…"}.
# In development the Headers tab comes filled with init data signed for the demo master;
# POST /dev/init-data {"key": "client" | "master" | "new"} signs it for another test user.

query Cities {
  cities(first: 20) {
    edges {
      node {
        id
        name
        timeZone
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}

query Services($category: String) {
  services(first: 50, category: $category) {
    edges {
      node {
        id
        name
        category
        defaultDurationMinutes
      }
    }
  }
}

# Clients: masters of a city offering a catalogue service, each with the next free time.
# Variables: {"filter": {"cityId": "<City id>", "serviceId": "<Service id>"}}
query SearchMasters($filter: SearchMastersFilter!, $after: String) {
  searchMasters(filter: $filter, first: 10, after: $after) {
    edges {
      node {
        id
        displayName
        address
      }
      offers {
        id
        name
        price {
          amountMinor
          currency
        }
        durationMinutes
      }
      priceFrom {
        amountMinor
        currency
      }
      nextFreeSlot {
        startsAt
        localStart
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}

# Variables: {"masterId": "<Master id>", "masterServiceId": "<offer id>", "from": "2026-12-01T00:00:00Z", "to": "2026-12-08T00:00:00Z"}
query AvailableSlots($masterId: ID!, $masterServiceId: ID!, $from: DateTime!, $to: DateTime!) {
  availableSlots(masterId: $masterId, masterServiceId: $masterServiceId, from: $from, to: $to) {
    startsAt
    localStart
  }
}

query Me {
  me {
    telegramId
    firstName
    locale
    isMaster
    masterStatus
    isClient
  }
}

# Operators only: put the operator key in the Headers tab as {"X-Admin-Key": "<ADMIN_API_KEY>"}.
# Counts per UTC day: WebApp stages, master registrations started/completed, bookings by source.
query Funnel {
  funnel(from: "2026-11-01", to: "2026-11-30") {
    stageTotals {
      stage
      count
    }
    days {
      date
      registrationsStarted
      registrationsCompleted
      clientBookings
      masterBookings
      stages {
        stage
        count
      }
    }
  }
}

# Partners only: put your key in the Headers tab as {"Authorization": "Bearer zpk_…"}
# (operators create keys with \`npm run partner:create\`). Ids come from Cities and Services above,
# and must be ones the key was granted. Contact data only for clients who consented.
query SegmentSize($filter: SegmentFilter!) {
  segmentSize(filter: $filter) {
    size
    withheld
    minimumCohortSize
  }
}

query Segment($filter: SegmentFilter!, $after: String) {
  segment(filter: $filter, first: 100, after: $after) {
    withheld
    edges {
      node {
        id
        bookingsCount
        lastBookedAt
        firstSeenAt
        lastSeenAt
        contact {
          name
          phone
          preferredChannels
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
# Variables: {"filter": {"serviceId": "<Service id>", "cityId": "<City id>", "kind": "BOOKED", "activeSince": "2026-01-01T00:00:00Z"}}
`;

/** GraphiQL with example operations; in development it is signed in as the demo master. */
export function graphiqlOptions(devIdentity: DevIdentity | undefined): GraphiQLOptions {
  const headers = devIdentity
    ? JSON.stringify({ Authorization: `tma ${devIdentity.signFor('master').initDataRaw}` }, null, 2)
    : JSON.stringify({ Authorization: 'tma <initDataRaw from Telegram.WebApp.initData>' }, null, 2);
  return {
    title: 'Zapis API',
    defaultQuery: exampleOperations,
    headers,
    shouldPersistHeaders: false,
  };
}

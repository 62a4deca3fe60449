import { ClientProfileFragment } from './client.ts';
import { graphql, type ResultOf } from './graphql.ts';

// What only the client's profile screen sends: a module of its own, so that the app's first client
// screen does not carry these documents.

/** Every consent the client gave, withdrawn ones included, latest first. */
export const ConsentHistoryQuery = graphql(`
  query ConsentHistory {
    clientProfile {
      id
      consentHistory {
        kind
        textVersion
        grantedAt
        withdrawnAt
      }
    }
  }
`);

export type ConsentRecord = ResultOf<typeof ConsentHistoryQuery>['clientProfile']['consentHistory'][number];

/** The client's own name, phone and preferred channels (PHONE, WHATSAPP and SMS need a phone). */
export const UpdateClientContactsMutation = graphql(
  `
    mutation UpdateClientContacts($input: UpdateClientContactsInput!) {
      updateClientContacts(input: $input) {
        ...ClientProfileFields
      }
    }
  `,
  [ClientProfileFragment],
);

/** Which bot messages the client gets, and the language of the app and the bot (null: Telegram's); what is left out stays. */
export const UpdateClientPreferencesMutation = graphql(
  `
    mutation UpdateClientPreferences($input: UpdateClientPreferencesInput!) {
      updateClientPreferences(input: $input) {
        ...ClientProfileFields
      }
    }
  `,
  [ClientProfileFragment],
);

export const GrantConsentMutation = graphql(
  `
    mutation GrantConsent($input: GrantConsentInput!) {
      grantConsent(input: $input) {
        ...ClientProfileFields
      }
    }
  `,
  [ClientProfileFragment],
);

export const WithdrawConsentMutation = graphql(
  `
    mutation WithdrawConsent($input: WithdrawConsentInput!) {
      withdrawConsent(input: $input) {
        ...ClientProfileFields
      }
    }
  `,
  [ClientProfileFragment],
);

/** Erases the client's personal data (README, "Clients' data"); answers when, or null without a client profile. */
export const EraseMyDataMutation = graphql(`
  mutation EraseMyData {
    eraseMyData
  }
`);

import { graphql } from './graphql.ts';

export const MeQuery = graphql(`
  query Me {
    me {
      telegramId
      firstName
      lastName
      username
      languageCode
      locale
      isMaster
      isClient
      masterStatus
      startParam
    }
  }
`);

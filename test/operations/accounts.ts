/** Accounts, as the e2e tests drive them: one definition of each operation. */
import { graphql } from '../gql';

/** Creates or updates accounts by externalId and rescores them; the counts of each outcome. */
export const upsertAccounts = graphql(`
  mutation UpsertAccounts($accounts: [AccountInput!]!) {
    upsertAccounts(accounts: $accounts) { created updated unchanged rescored }
  }
`);

/** The ids of the first ten accounts with their externalIds, for tests that address accounts by id. */
export const accountIds = graphql(`
  query AccountIds { accounts(first: 10) { edges { node { id externalId } } } }
`);

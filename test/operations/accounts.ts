/** Accounts, as the e2e tests drive them: one definition of each operation. */
import { graphql } from '../gql';

/** Creates or updates accounts by externalId and rescores them; the counts of each outcome. */
export const upsertAccounts = graphql(`
  mutation UpsertAccounts($accounts: [AccountInput!]!) {
    upsertAccounts(accounts: $accounts) { created updated unchanged rescored }
  }
`);

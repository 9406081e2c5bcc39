/** Leads and opportunities, as the e2e tests record them: one definition of each operation. */
import { graphql } from '../gql';

/** Creates or updates opportunities by externalId; the counts of each. */
export const recordOpportunities = graphql(`
  mutation RecordOpportunities($o: [OpportunityInput!]!) { recordOpportunities(opportunities: $o) { created updated } }
`);

/** Creates or updates leads by externalId; the counts of each. */
export const recordLeads = graphql(`
  mutation RecordLeads($l: [LeadInput!]!) { recordLeads(leads: $l) { created updated } }
`);

/** Webhooks, as the e2e tests drive them: one definition of each operation. */
import { graphql } from '../gql';

/** Registers a receiver; its signing secret is shown only here. */
export const createWebhook = graphql(`
  mutation CreateWebhook($input: WebhookInput!) { createWebhook(input: $input) { secret webhook { id url events segmentKeys active createdBy } } }
`);

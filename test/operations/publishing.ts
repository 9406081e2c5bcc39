/** Publishing as a job, as the e2e tests drive it: one definition of each operation. */
import { graphql } from '../gql';

/** Everything a publish job shows, for tests that follow one from queued to done. */
export const publishJobFields = graphql(`
  fragment PublishJobFields on PublishJob {
    id state notes effectiveAt requestedBy requestedAt finishedAt accountsTotal accountsScored error version { number status }
    result { accountsScored overridesFlagged superseded { number } tierChanges { from to accounts } }
  }
`);

/** Queues the publish of a draft; workers prepare it in batches and flip it live. */
export const startPublish = graphql(`
  mutation StartPublish($id: ID!, $notes: String, $effectiveAt: DateTime) { startPublish(id: $id, notes: $notes, effectiveAt: $effectiveAt) { ...PublishJobFields } }
`);

export const publishJob = graphql(`
  query PublishJob($id: ID!) { publishJob(id: $id) { ...PublishJobFields } }
`);

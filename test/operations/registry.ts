/** Segments and ICP versions, as the e2e tests drive them: one definition of each operation. */
import { graphql } from '../gql';

/** Everything a version shows, for tests that compare versions field by field. */
export const versionFields = graphql(`
  fragment VersionFields on IcpVersion {
    id number status revision contentHash notes createdBy createdAt publishedBy publishedAt effectiveAt supersededAt
    segment { key } basedOn { id number }
    definition {
      dimensions { dimension weight criteria { attribute operator value values min max points label } }
      disqualifiers { attribute operator value values min max reason }
      thresholds { perfect strong moderate }
      actions { tier action }
    }
  }
`);

export const createSegment = graphql(`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) { id key name membership { attribute operator value } }
  }
`);

export const createDraft = graphql(`
  mutation CreateDraft($segmentKey: String!, $definition: IcpDefinitionInput, $basedOnVersionId: ID, $notes: String) {
    createDraft(segmentKey: $segmentKey, definition: $definition, basedOnVersionId: $basedOnVersionId, notes: $notes) { ...VersionFields }
  }
`);

export const updateDraft = graphql(`
  mutation UpdateDraft($id: ID!, $definition: IcpDefinitionInput!, $expectedRevision: Int!, $notes: String) {
    updateDraft(id: $id, definition: $definition, expectedRevision: $expectedRevision, notes: $notes) { ...VersionFields }
  }
`);

export const publishVersion = graphql(`
  mutation PublishVersion($id: ID!, $notes: String, $effectiveAt: DateTime) {
    publishVersion(id: $id, notes: $notes, effectiveAt: $effectiveAt) {
      version { id number status effectiveAt publishedAt notes }
      superseded { id number status supersededAt }
      accountsScored
      tierChanges { from to accounts }
    }
  }
`);

export const discardDraft = graphql(`
  mutation DiscardDraft($id: ID!) { discardDraft(id: $id) }
`);

/** The keys of every segment: the lightest query that reads a table. */
export const segmentKeys = graphql(`
  query SegmentKeys { segments { key } }
`);

/** Fits and overrides, as the e2e tests drive them: one definition of each operation. */
import { graphql } from '../gql';

/** What a version would score for these attributes, without storing anything. */
export const previewScoreAndTier = graphql(`
  query PreviewScoreAndTier($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) { score tier } }
`);

/** Overrides a fit's tier or score; the override with the verdict it replaced. */
export const overrideFit = graphql(`
  mutation OverrideFit($input: OverrideFitInput!) {
    overrideFit(input: $input) {
      id tier score computedScore computedTier justification category createdBy status needsReview expiresAt
      account { externalId } segment { key } version { number }
    }
  }
`);

export const revokeOverride = graphql(`
  mutation RevokeOverride($id: ID!, $reason: String!) {
    revokeOverride(id: $id, reason: $reason) { id status revokedBy revokedAt revokeReason }
  }
`);

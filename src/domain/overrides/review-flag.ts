import type { FitTier } from '../../model/icp-definition';

/** An override a rescoring flagged for review: its computed tier then, and the one it was made against. */
export interface FlaggedOverride {
  id: string;
  computedTier: FitTier;
  newTier: FitTier;
}

/** The audit event of a flag (a publish's or time's), written once for every path that flags. */
export function overrideFlaggedAudit(f: FlaggedOverride, versionId: string) {
  return {
    action: 'override.flagged',
    entityType: 'Override',
    entityId: f.id,
    before: { needsReview: false, computedTier: f.computedTier },
    after: { needsReview: true, newComputedTier: f.newTier, versionId },
  };
}

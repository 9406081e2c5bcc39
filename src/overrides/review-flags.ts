import { auditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { inForceAt } from './override-rows';

/**
 * Runs in the publish transaction, after rescoring: an active override whose account the new
 * version puts in another tier than the `computedTier` it was made against now needs review.
 */
export async function flagOverridesForReview(tx: AppContext, segmentId: string, versionId: string): Promise<number> {
  const now = tx.clock.now();
  const [flagged] = await tx.em.query(
    `UPDATE fit_override o SET needs_review = true, review_version_id = $2, flagged_at = $3
     FROM account_score s
     WHERE o.segment_id = $1 AND ${inForceAt('o', '$3')} AND NOT o.needs_review
       AND s.version_id = $2 AND s.account_id = o.account_id AND s.valid_to IS NULL AND s.tier <> o.computed_tier
     RETURNING o.id, o.computed_tier, s.tier AS new_tier`,
    [segmentId, versionId, now]);
  for (const f of flagged as Array<{ id: string; computed_tier: string; new_tier: string }>) {
    await auditService.record(tx, {
      action: 'override.flagged', entityType: 'Override', entityId: f.id,
      before: { needsReview: false, computedTier: f.computed_tier }, after: { needsReview: true, newComputedTier: f.new_tier, versionId },
    });
  }
  return flagged.length;
}

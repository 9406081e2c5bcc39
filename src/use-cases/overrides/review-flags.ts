import { auditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { inForceAt } from '../../stores/override-rows';

/**
 * Runs in a rescoring's transaction, after the new scores are written (a publish, or time
 * changing scores): an active override whose account is now in another computed tier than the
 * `computedTier` it was made against needs review. `accountIds` limits it to the accounts rescored.
 */
export async function flagOverridesForReview(
  tx: AppContext,
  segmentId: string,
  versionId: string,
  accountIds?: readonly string[],
): Promise<number> {
  const now = tx.clock.now();
  if (accountIds && accountIds.length === 0) return 0;
  const [flagged] = await tx.em.query(
    `UPDATE fit_override o SET needs_review = true, review_version_id = $2, flagged_at = $3
     FROM account_score s
     WHERE o.segment_id = $1 AND ${inForceAt('o', '$3')} AND NOT o.needs_review
       AND s.version_id = $2 AND s.account_id = o.account_id AND s.valid_to IS NULL AND s.tier <> o.computed_tier
       ${accountIds ? 'AND o.account_id = ANY($4::uuid[])' : ''}
     RETURNING o.id, o.computed_tier, s.tier AS new_tier`,
    accountIds ? [segmentId, versionId, now, accountIds] : [segmentId, versionId, now],
  );
  for (const f of flagged as Array<{ id: string; computed_tier: string; new_tier: string }>) {
    await auditService.record(tx, {
      action: 'override.flagged',
      entityType: 'Override',
      entityId: f.id,
      before: { needsReview: false, computedTier: f.computed_tier },
      after: { needsReview: true, newComputedTier: f.new_tier, versionId },
    });
  }
  return flagged.length;
}

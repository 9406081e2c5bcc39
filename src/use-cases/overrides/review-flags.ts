import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { flagForReview } from '../../stores/override-store';

/**
 * Runs in a rescoring's transaction, after the new scores are written (a publish, or time
 * changing scores): an active override whose account is now in another computed tier than the
 * `computedTier` it was made against needs review. `accountIds` limits it to the accounts rescored.
 */
export async function flagOverridesForReview(
  services: { audit: AuditService },
  tx: AppContext,
  segmentId: string,
  versionId: string,
  accountIds?: readonly string[],
): Promise<number> {
  const now = tx.clock.now();
  if (accountIds && accountIds.length === 0) return 0;
  const flagged = await flagForReview(tx.em, { segmentId, versionId, now, accountIds });
  for (const f of flagged) {
    await services.audit.record(tx, {
      action: 'override.flagged',
      entityType: 'Override',
      entityId: f.id,
      before: { needsReview: false, computedTier: f.computedTier },
      after: { needsReview: true, newComputedTier: f.newTier, versionId },
    });
  }
  return flagged.length;
}

import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { overrideFlaggedAudit } from '../../domain/overrides/review-flag';
import { flagForReview } from '../../stores/override-store';

/**
 * Runs in a publish's transaction, after the new scores are written (time's changes flag theirs
 * with flagTimeChanges, accounts/score-timeline.ts): an active override whose account is now in another computed tier than the
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
  for (const f of flagged) await services.audit.record(tx, overrideFlaggedAudit(f, versionId));
  return flagged.length;
}

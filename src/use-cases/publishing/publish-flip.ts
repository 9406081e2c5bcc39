/**
 * The flip: the one short transaction that makes a prepared draft live. Under a SHARE lock on
 * account (upserts wait) and the segment's publish lock, it scores again the few prepared rows
 * that time changed since their batch, supersedes the live version and publishes the draft (its
 * prepared rows, already in account_score, are thereby the current ones: nothing is copied),
 * flags overrides for review, and writes the outbox and the audit event, all or nothing.
 */
import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { liftTimeouts } from '../../db/data-source';
import { planAsBulk } from '../../db/bulk-plan';
import { LockNamespace, tryTransactionLock } from '../../db/advisory-locks';
import { ConflictError, BadUserInputError } from '../../errors/domain-errors';
import { TierMigrationCounter } from '../../domain/scoring/tier-migration';
import type { FitTier } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import * as versionStore from '../../stores/version-store';
import type { StoredPublishResult } from '../../model/publish-job.types';
import { appendEvent } from '../../stores/outbox-store';
import { dueAccountIds, tierMigration, writeDraftScores } from '../../stores/score-store';
import { holdAccountWrites } from '../../stores/account-store';
import { finishPublishJob, markFlipped, markFlipping, membersByIds, pendingBatches, publishJobById } from '../../stores/publish-job-store';
import { flagOverridesForReview } from '../overrides/review-flags';
import { attributesRead } from '../../domain/scoring/scorer-cache';
import { versionView, type VersionService } from '../versions/version.service';
import { scoreMembers } from './member-scoring';

/** Checks a requested effectiveAt against now and the live version (backfills must not reach into the future or before it). */
export function checkEffectiveAt(effectiveAt: Date | null | undefined, now: Date, live: IcpVersion | null): void {
  if (!effectiveAt) return;
  if (effectiveAt.getTime() > now.getTime()) throw BadUserInputError.forField('effectiveAt', 'must not be in the future');
  if (live?.effectiveAt && effectiveAt.getTime() <= live.effectiveAt.getTime()) {
    throw BadUserInputError.forField(
      'effectiveAt',
      `must be later than the live version's effectiveAt (${live.effectiveAt.toISOString()})`,
    );
  }
}

/**
 * Makes the job's draft live in `tx` (the requester's context: the audit names who asked).
 * False, changing nothing, when the job is no longer preparing or batches remain (another run
 * flips it, or it was cancelled).
 */
export async function makeLive(
  services: { versions: VersionService; audit: AuditService },
  tx: AppContext,
  jobId: string,
): Promise<boolean> {
  await liftTimeouts(tx.em);
  const job = await publishJobById(tx.em, jobId, 'FOR UPDATE');
  if (job?.state !== 'PREPARING' || (await pendingBatches(tx.em, jobId)) > 0) return false;
  await markFlipping(tx.em, jobId);
  // Upserts wait for this short transaction (and then score under the new version).
  await holdAccountWrites(tx.em);
  if (!(await tryTransactionLock(tx.em, LockNamespace.PUBLISH, job.segmentId)))
    throw new ConflictError('another version of this segment is being published; try again once it is done');
  const draft = await versionStore.lockVersion(tx.em, job.versionId);
  if (!draft || draft.discardedAt || draft.status !== 'DRAFT')
    throw new ConflictError('the draft was discarded or published while its publish was prepared');
  const now = tx.clock.now();
  // How long each step took (ms), for the log: the flip is what upserts wait for.
  const steps: Record<string, number> = {};
  let mark = Date.now();
  const step = (name: string) => {
    steps[name] = Date.now() - mark;
    mark = Date.now();
  };
  // Accounts written since their batch were scored again by their upserts; what time alone changed
  // since (a window that ended during the preparation) is scored again now, under the lock.
  const due = await dueAccountIds(tx.em, draft.id, now);
  const late = scoreMembers(draft, now, due.length ? await membersByIds(tx.em, job.segmentId, attributesRead(draft), due) : []);
  await writeDraftScores(tx.em, { versionId: draft.id, segmentId: job.segmentId, validFrom: job.effectiveAt }, late);
  step('rescoreDue');

  const live = await services.versions.liveVersion(tx, job.segmentId);
  checkEffectiveAt(job.effectiveAt, now, live);
  const effectiveAt = job.effectiveAt ?? now;
  if (live) await versionStore.supersedeVersion(tx.em, live.id, now);
  await versionStore.publishDraft(tx.em, draft.id, {
    at: now,
    by: tx.principal.name,
    effectiveAt,
    notes: job.notesGiven ? job.notes : draft.notes,
  });
  step('publish');
  const overridesFlagged = await flagOverridesForReview({ audit: services.audit }, tx, job.segmentId, draft.id);
  step('flagOverrides');
  const version = await versionStore.existingVersion(tx.em, draft.id);
  const superseded = live ? await versionStore.existingVersion(tx.em, live.id) : null;
  // The outbox, in the flip's transaction: the version published, followed in the event stream by
  // the FIT_CHANGED event of every effective tier it changed, read from the rows this transaction
  // leaves for good (fitChangesOfPublish), not written one by one here.
  await appendEvent(tx.em, {
    type: 'VERSION_PUBLISHED',
    segmentId: job.segmentId,
    versionId: version.id,
    occurredAt: now,
    data: {
      versionId: version.id,
      segmentId: job.segmentId,
      number: version.number,
      effectiveAt: effectiveAt.toISOString(),
      supersededVersionId: live?.id ?? null,
      publishJobId: jobId,
    },
    fitChangesFollow: true,
  });
  step('outbox');
  await services.audit.record(tx, {
    action: 'version.published',
    entityType: 'IcpVersion',
    entityId: version.id,
    before: superseded ? { live: versionView(superseded) } : { live: null },
    after: {
      ...versionView(version),
      publishedAt: version.publishedAt,
      backfilled: job.effectiveAt != null,
      overridesFlagged,
      publishJobId: jobId,
    },
  });
  // DONE once the tier migration is counted, after this commits (summarizePublish).
  await markFlipped(tx.em, jobId, { supersededId: live?.id ?? null, overridesFlagged });
  step('audit');
  tx.log.info({ publishJobId: jobId, rescoredForTime: late.length, steps }, 'publish flipped');
  return true;
}

/**
 * After the flip has committed: counts the tier migration of the publish (every prepared row of
 * the new version against the superseded version's current row, both as the flip left them) and
 * marks the job DONE with its result. A whole-segment statement, kept out of the flip that
 * upserts wait for. Safe to run again (after a crash between the flip and this): a job no longer
 * FLIPPING is left alone.
 */
export async function summarizePublish(tx: AppContext, jobId: string): Promise<boolean> {
  await liftTimeouts(tx.em);
  const job = await publishJobById(tx.em, jobId, 'FOR UPDATE');
  if (job?.state !== 'FLIPPING' || !job.stored) return false;
  const moves = await planAsBulk(tx.em, () =>
    tierMigration(tx.em, { versionId: job.versionId, previousId: job.stored!.supersededId, jobId }),
  );
  const migration = new TierMigrationCounter();
  for (const m of moves) migration.add(m.from as FitTier | null, m.to as FitTier, m.accounts);
  const accountsScored = moves.reduce((sum, m) => sum + m.accounts, 0);
  const result: StoredPublishResult = { ...job.stored, accountsScored, tierChanges: migration.moves() };
  await finishPublishJob(tx.em, jobId, 'DONE', tx.clock.now(), { result });
  tx.log.info({ publishJobId: jobId, accountsScored }, 'publish summarized');
  return true;
}

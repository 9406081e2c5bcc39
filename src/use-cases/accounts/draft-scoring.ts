/**
 * Account writes while a publish prepares (upserts, and memberships that time changes): the
 * accounts they change are scored under the draft as well, in the writer's transaction, so that the prepared rows are current when the batches are
 * done and the flip has no account to score again. Ordering: the upsert reads the preparing jobs
 * after taking its lock on account (ROW EXCLUSIVE), and a job opens its batches (PREPARING) under
 * SHARE on account, so an upsert either sees the job preparing or committed before any batch
 * read; a batch share-locks its members, so an upsert of one of them waits for it and then
 * rewrites its row (or a batch reads what the upsert committed).
 */
import type { Sql } from '../../db/sql';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import { preparingJobs } from '../../stores/publish-job-store';
import { deleteDraftScores, writeDraftScores } from '../../stores/score-store';
import { versionsByIds } from '../../stores/version-store';
import type { AccountAttributes } from '../../model/icp-definition';

/** An account a write changed: its attributes and segments now, and its segments before. */
export interface WrittenAccount {
  id: string;
  attributes: AccountAttributes;
  segmentIds: readonly string[];
  previousSegmentIds: readonly string[];
}

/**
 * Scores the written accounts under the drafts being prepared, in the writer's transaction, which
 * must have written the accounts already (holding ROW EXCLUSIVE on account): members get their
 * prepared row (re)written, accounts that left the segment lose theirs.
 */
export async function scoreUnderPreparingDrafts(em: Sql, accounts: readonly WrittenAccount[], now: Date): Promise<void> {
  if (accounts.length === 0) return;
  const jobs = await preparingJobs(em);
  if (jobs.length === 0) return;
  const drafts = new Map(
    (
      await versionsByIds(
        em,
        jobs.map((j) => j.versionId),
      )
    ).map((v) => [v.id, v]),
  );
  for (const job of jobs) {
    const draft = drafts.get(job.versionId);
    if (!draft) continue;
    const scorer = scorerFor(draft);
    const members = accounts.filter((a) => a.segmentIds.includes(job.segmentId));
    await writeDraftScores(
      em,
      { versionId: draft.id, segmentId: job.segmentId, validFrom: job.effectiveAt },
      members.map((a) => {
        const { score, tier, outcomes, nextChangeAt } = scorer.evaluate(a.attributes, now);
        return { accountId: a.id, score, tier, outcomes, nextChangeAt, computedAt: now };
      }),
    );
    const left = accounts.filter((a) => !a.segmentIds.includes(job.segmentId) && a.previousSegmentIds.includes(job.segmentId));
    await deleteDraftScores(
      em,
      draft.id,
      left.map((a) => a.id),
    );
  }
}

/**
 * Time-driven rescoring: a score whose nextChangeAt has passed (a WITHIN_DAYS window or an age
 * band ended) is recomputed under the live version at exactly that instant, so score history,
 * fits and the reports see the result the account really had at every moment.
 */
import { SYSTEM_PRINCIPAL } from '../../model/role';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import { flagOverridesForReview } from '../overrides/review-flags';
import type { AuditService } from '../audit/audit.service';
import { appendFitChanges, withoutOverridden, type TierChange } from '../../stores/outbox-store';
import type { FitTier } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import { shareLiveVersionIdsSkippingLocked, versionsByIds } from '../../stores/version-store';
import { attributesRead, scorerFor } from '../../domain/scoring/scorer-cache';
import {
  closeScoresAt,
  insertScores,
  lockDueScores,
  rescheduleScores,
  soonestChange,
  type DueScore,
  type NewScore,
} from '../../stores/score-store';

export interface DueRescoring {
  /** Score rows whose nextChangeAt had passed and that this call handled. */
  due: number;
  /** New score rows written (one per change of result; several when a late run crosses several instants). */
  rowsWritten: number;
  overridesFlagged: number;
}

/** Changes of one account crossed in one run; more wait for the next run (each is a history row). */
const MAX_STEPS = 1000;

interface Plan {
  close: Array<{ tid: string; at: Date }>;
  /** Changes of tier, for the outbox (TIME_PASSED), at their own instants. */
  tierChanges: TierChange[];
  insert: NewScore[];
  reschedule: Array<{ versionId: string; accountId: string; nextChangeAt: Date | null }>;
}

/**
 * Walks one due row forward through every instant that has passed: each change of result
 * becomes a row valid from exactly that instant (the earlier ones already closed by the next);
 * an instant that changes nothing (the attributes changed meanwhile) only moves the schedule.
 */
function planRow(due: DueScore, version: IcpVersion, now: Date, plan: Plan): void {
  const scorer = scorerFor(version);
  const { row, attributes } = due;
  let previous: { score: number; tier: string; outcomes: string } = row;
  let written: NewScore | null = null;
  let at = row.nextChangeAt!;
  for (let step = 0; ; step++) {
    const result = scorer.evaluate(attributes, at);
    if (result.score !== previous.score || result.tier !== previous.tier || result.outcomes !== previous.outcomes) {
      if (written) written.validTo = at;
      else plan.close.push({ tid: due.tid, at });
      if (result.tier !== previous.tier) {
        plan.tierChanges.push({
          accountId: row.accountId,
          segmentId: row.segmentId,
          versionId: row.versionId,
          cause: 'TIME_PASSED',
          occurredAt: at,
          before: { score: previous.score, tier: previous.tier as FitTier, overridden: false },
          after: { score: result.score, tier: result.tier, overridden: false },
        });
      }
      written = { accountId: row.accountId, segmentId: row.segmentId, versionId: row.versionId, ...result, validFrom: at, computedAt: now };
      plan.insert.push(written);
      previous = result;
    } else if (written) {
      written.nextChangeAt = result.nextChangeAt;
    }
    const next = result.nextChangeAt;
    // Guards against an engine that would not move forward: a row must never be due for ever.
    const stuck = next !== null && next.getTime() <= at.getTime();
    if (next === null || next.getTime() > now.getTime() || stuck || step + 1 >= MAX_STEPS) {
      const nextChangeAt = stuck ? null : next;
      if (written) written.nextChangeAt = nextChangeAt;
      else plan.reschedule.push({ versionId: row.versionId, accountId: row.accountId, nextChangeAt });
      return;
    }
    at = next;
  }
}

/**
 * Rescores up to `limit` current scores of live versions whose nextChangeAt is at or before
 * `now`, in one transaction: each gets a history row valid from exactly its nextChangeAt (not
 * from when this runs), and overrides in force over an account whose computed tier moved are
 * flagged for review, as a publish does. Safe to run from several processes at once: due rows
 * and their accounts are taken with SKIP LOCKED, so each row is handled once, and an account an
 * upsert is changing (or a version a publish is replacing) is left for the next run. Running it
 * again with nothing due changes nothing.
 */
export async function rescoreDueAccounts(
  services: { audit: AuditService },
  ctx: AppContext,
  now: Date,
  limit = 1000,
): Promise<DueRescoring> {
  return runInTransaction({ ...ctx, principal: SYSTEM_PRINCIPAL }, async (tx) => {
    // A publish holds its live version's row until it commits; its segment waits for the next run.
    const liveIds = await shareLiveVersionIdsSkippingLocked(tx.em);
    const versions = liveIds.length ? await versionsByIds(tx.em, liveIds) : [];
    const outcome: DueRescoring = { due: 0, rowsWritten: 0, overridesFlagged: 0 };
    let remaining = limit;
    for (const version of versions) {
      if (remaining <= 0) break;
      const due = await lockDueScores(tx.em, version.id, now, remaining, attributesRead(version));
      if (due.length === 0) continue;
      remaining -= due.length;
      outcome.due += due.length;
      const plan: Plan = { close: [], tierChanges: [], insert: [], reschedule: [] };
      const rescored: string[] = [];
      for (const d of due) {
        if (!d.segmentIds.includes(version.segmentId)) {
          // No longer a member (its row is closed by the change that moved it): nothing to keep current.
          plan.reschedule.push({ versionId: d.row.versionId, accountId: d.row.accountId, nextChangeAt: null });
          continue;
        }
        const inserted = plan.insert.length;
        planRow(d, version, now, plan);
        if (plan.insert.length > inserted) rescored.push(d.row.accountId);
      }
      await closeScoresAt(tx.em, plan.close);
      await insertScores(tx.em, plan.insert);
      await rescheduleScores(tx.em, plan.reschedule);
      await appendFitChanges(tx.em, await withoutOverridden(tx.em, plan.tierChanges));
      outcome.rowsWritten += plan.insert.length;
      outcome.overridesFlagged += await flagOverridesForReview(services, tx, version.segmentId, version.id, rescored);
    }
    if (outcome.rowsWritten > 0) tx.log.info({ ...outcome }, 'time-driven rescoring');
    return outcome;
  });
}

/**
 * Runs rescoreDueAccounts in batches until nothing is due at `now` or `budgetMs` has passed
 * (the rest waits for the next run). Returns the totals.
 */
export async function rescoreAllDue(
  services: { audit: AuditService },
  ctx: AppContext,
  options: { batch?: number; budgetMs?: number } = {},
): Promise<DueRescoring> {
  const batch = options.batch ?? 1000;
  const deadline = Date.now() + (options.budgetMs ?? 20_000);
  const now = ctx.clock.now();
  const total: DueRescoring = { due: 0, rowsWritten: 0, overridesFlagged: 0 };
  for (;;) {
    const run = await rescoreDueAccounts(services, ctx, now, batch);
    total.due += run.due;
    total.rowsWritten += run.rowsWritten;
    total.overridesFlagged += run.overridesFlagged;
    if (run.due < batch || Date.now() >= deadline) return total;
  }
}

/** The soonest instant at which a current score changes by time alone, or null when none will. */
export function nextChangeAt(ctx: AppContext): Promise<Date | null> {
  return soonestChange(ctx.em);
}

/**
 * Time-driven rescoring: a score whose nextChangeAt has passed (a WITHIN_DAYS window or an age
 * band ended) is recomputed under the live version at exactly that instant, so score history,
 * fits and the reports see the result the account really had at every moment.
 */
import { SYSTEM_PRINCIPAL } from '../../model/role';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import type { AuditService } from '../audit/audit.service';
import { compileMembership } from '../../domain/accounts/membership';
import {
  lockMembershipsDue,
  lockMembershipsUnchecked,
  markMembershipsChecked,
  soonestMembershipChange,
  updateMemberships,
} from '../../stores/account-store';
import { listSegments } from '../../stores/segment-store';
import { shareLiveVersionIdsSkippingLocked, versionsByIds } from '../../stores/version-store';
import { attributesRead } from '../../domain/scoring/scorer-cache';
import { currentScores, lockDueScores, soonestChange } from '../../stores/score-store';
import {
  advanceMembership,
  advanceScores,
  applyPlan,
  currentOf,
  flagTimeChanges,
  liveVersionsOf,
  ScorePlan,
  type LiveVersions,
  type MemberTimeline,
} from '../accounts/score-timeline';
import { scoreUnderPreparingDrafts } from '../accounts/draft-scoring';

export interface DueRescoring {
  /** Score rows and memberships whose instant had passed, and accounts whose membership instant was unknown, that this call handled. */
  due: number;
  /** New score rows written (one per change of result; several when a late run crosses several instants). */
  rowsWritten: number;
  overridesFlagged: number;
}

const sameSegments = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Accounts written before membership_changes_at existed get it, once: the first instant after
 * their last write at which time changes their memberships (their segment_ids were computed at
 * that write), so the membership pass then moves them at exactly their instants, as for any
 * account, also those already past. When the rules at that write do not give the stored
 * memberships (a segment created or changed since), they are read as of `now`: the next change
 * from then, or `now` itself when time has already moved them (the instant is not known).
 * Returns how many were checked.
 */
async function checkUnknownMemberships(tx: AppContext, now: Date, limit: number): Promise<number> {
  const unchecked = await lockMembershipsUnchecked(tx.em, limit);
  if (unchecked.length === 0) return 0;
  const membership = compileMembership(await listSegments(tx.em));
  const checked = unchecked.map((a) => {
    const written = membership(a.attributes, a.explicit_segments, a.updated_at);
    if (sameSegments(written.segmentIds, a.segment_ids)) return { id: a.id, changesAt: written.nextChangeAt };
    const current = membership(a.attributes, a.explicit_segments, now);
    return { id: a.id, changesAt: sameSegments(current.segmentIds, a.segment_ids) ? current.nextChangeAt : now };
  });
  await markMembershipsChecked(tx.em, checked);
  return checked.length;
}

/**
 * Memberships whose instant has passed (a WITHIN_DAYS membership rule): each account joins or
 * leaves at exactly that instant (scored from it, or its row closed then), after its own time
 * steps before it; then its scores are brought up to `now`.
 */
async function rescoreDueMemberships(tx: AppContext, live: LiveVersions, now: Date, limit: number, plan: ScorePlan): Promise<number> {
  const due = await lockMembershipsDue(tx.em, now, limit);
  if (due.length === 0) return 0;
  const membership = compileMembership(await listSegments(tx.em));
  const timelines = new Map<string, MemberTimeline>(
    due.map((a) => [
      a.id,
      {
        accountId: a.id,
        attributes: a.attributes,
        current: new Map(),
        explicit: a.explicit_segments,
        segmentIds: a.segment_ids,
        membershipChangesAt: a.membership_changes_at,
      },
    ]),
  );
  const rows = await currentScores(tx.em, [...timelines.keys()], [...live.byId.keys()]);
  for (const row of rows) timelines.get(row.accountId)!.current.set(row.versionId, currentOf(row));
  const updates: Array<{ id: string; segmentIds: string[]; changesAt: Date | null }> = [];
  const previousSegmentIds = new Map(due.map((a) => [a.id, a.segment_ids]));
  for (const tl of timelines.values()) {
    advanceMembership(plan, tl, live, membership, now);
    advanceScores(plan, tl, live, now);
    updates.push({ id: tl.accountId, segmentIds: tl.segmentIds, changesAt: tl.membershipChangesAt });
  }
  await updateMemberships(tx.em, updates);
  // A publish preparing a segment these accounts joined or left keeps its draft's rows current.
  await scoreUnderPreparingDrafts(
    tx.em,
    [...timelines.values()].map((tl) => ({
      id: tl.accountId,
      attributes: tl.attributes,
      segmentIds: tl.segmentIds,
      previousSegmentIds: previousSegmentIds.get(tl.accountId)!,
    })),
    now,
  );
  return due.length;
}

/**
 * Rescores up to `limit` current scores of live versions whose nextChangeAt is at or before
 * `now` (and accounts whose membership time changes, first), in one transaction: each gets a
 * history row valid from exactly its instant (not from when this runs), and overrides in force
 * over an account whose computed tier moved are flagged for review, as a publish does. Safe to
 * run from several processes at once: due rows and their accounts are taken with SKIP LOCKED, so
 * each row is handled once, and an account an upsert is changing (or a version a publish is
 * replacing) is left for the next run. Running it again with nothing due changes nothing.
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
    const live = liveVersionsOf(liveIds.length ? await versionsByIds(tx.em, liveIds) : []);
    const outcome: DueRescoring = { due: 0, rowsWritten: 0, overridesFlagged: 0 };
    const write = async (plan: ScorePlan) => {
      await applyPlan(tx.em, plan);
      outcome.rowsWritten += plan.insert.length;
      outcome.overridesFlagged += await flagTimeChanges(services, tx, plan, live);
    };
    // Accounts whose membership instant is unknown first: one already past is then due below.
    outcome.due += await checkUnknownMemberships(tx, now, limit);
    // Memberships first, written before the score rows are taken: those accounts' rows are then current.
    const memberPlan = new ScorePlan(now);
    const members = await rescoreDueMemberships(tx, live, now, limit, memberPlan);
    await write(memberPlan);
    let remaining = limit - members;
    outcome.due += members;
    const plan = new ScorePlan(now);
    for (const version of live.byId.values()) {
      if (remaining <= 0) break;
      // Accounts whose membership change is due are left to the membership pass (next run).
      const due = await lockDueScores(tx.em, version, now, remaining, attributesRead(version));
      if (due.length === 0) continue;
      remaining -= due.length;
      outcome.due += due.length;
      for (const d of due) {
        if (!d.member) {
          // No longer a member (its row is closed by the change that moved it): nothing to keep current.
          plan.reschedule.push({ versionId: version.id, accountId: d.accountId, nextChangeAt: null });
          continue;
        }
        advanceScores(
          plan,
          { accountId: d.accountId, attributes: d.attributes, current: new Map([[version.id, currentOf(d, d.tid)]]) },
          live,
          now,
        );
      }
    }
    await write(plan);
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

/** The soonest instant at which a current score or a membership changes by time alone, or null when none will. */
export async function nextChangeAt(ctx: AppContext): Promise<Date | null> {
  const score = await soonestChange(ctx.em);
  const membership = await soonestMembershipChange(ctx.em);
  if (!score || !membership) return score ?? membership;
  return score < membership ? score : membership;
}

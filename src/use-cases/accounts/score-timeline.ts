/**
 * An account's scores and memberships moved forward through time, in memory, then written in
 * a few set-based statements: the one place that decides which score rows a change writes, for
 * the three things that change scores of existing accounts:
 * - time alone (a WITHIN_DAYS window or an age band ends): a row valid from exactly that instant,
 *   cause TIME_PASSED (the time-rescoring job);
 * - time changing a membership (a WITHIN_DAYS membership rule): the account joins (scored from
 *   that instant) or leaves (its row closed then) the segment, cause TIME_PASSED;
 * - an upsert at U: first every time step that came before U and was not written yet (the job
 *   had not run), each from its own instant, then the upsert's own row from U.
 * Outbox events and override review flags follow the rows (see applyPlan and flagTimeChanges).
 */
import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import type { Sql } from '../../db/sql';
import type { MembershipAt } from '../../domain/accounts/membership';
import { overrideFlaggedAudit } from '../../domain/overrides/review-flag';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import { flagForReviewAgainst, overridesInForce } from '../../stores/override-store';
import { effectiveScore } from '../../domain/overrides/effective-fit';
import { SYSTEM_PRINCIPAL } from '../../model/role';
import type { AccountAttributes, FitTier, TierThresholdsSpec } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import type { FitChangeCause } from '../../model/delivery';
import { appendFitChanges, appendFitRemovals, withoutOverridden, type FitRemoval, type TierChange } from '../../stores/outbox-store';
import { closeScores, closeScoresAt, insertScores, rescheduleScores, type NewScore, type ScoreRow } from '../../stores/score-store';

/** Changes of one account crossed in one walk; more wait for the next run (each is a history row). */
const MAX_STEPS = 1000;

/** A current score row of a live version: stored in the table, or planned (`row`, to insert). */
interface Current {
  score: number;
  tier: FitTier;
  outcomes: string;
  validFrom: Date;
  nextChangeAt: Date | null;
  /** Planned by this plan: closing or rescheduling edits it before it is inserted. */
  row: NewScore | null;
  /** Stored and locked by the caller: its physical address, the cheapest way to close it. */
  tid?: string;
}

/** One account as a plan moves it through time. */
export interface AccountTimeline {
  accountId: string;
  /** Known to an upsert: its outbox events carry it without reading `account` back. */
  externalId?: string;
  /** What the account's scores are computed from until a change at `at` replaces them. */
  attributes: AccountAttributes;
  /** Current rows by version id (live versions only). */
  current: Map<string, Current>;
}

/** An account whose membership time may change: what its rules read. */
export interface MemberTimeline extends AccountTimeline {
  explicit: readonly string[];
  segmentIds: string[];
  membershipChangesAt: Date | null;
}

/** The live versions of a change, by id and by segment id. */
export interface LiveVersions {
  byId: Map<string, IcpVersion>;
  bySegment: Map<string, IcpVersion>;
}

export function liveVersionsOf(versions: readonly IcpVersion[]): LiveVersions {
  return { byId: new Map(versions.map((v) => [v.id, v])), bySegment: new Map(versions.map((v) => [v.segmentId, v])) };
}

/** The rows, events and flags of one transaction's changes, written by applyPlan. */
export class ScorePlan {
  readonly close: Array<{ versionId: string; accountId: string; at: Date }> = [];
  readonly closeByTid: Array<{ tid: string; at: Date }> = [];
  readonly insert: NewScore[] = [];
  readonly reschedule: Array<{ versionId: string; accountId: string; nextChangeAt: Date | null }> = [];
  /** Changes of computed tier, in order (an account's earlier instants first). */
  readonly tierChanges: TierChange[] = [];
  /** Accounts that left a segment (their row closed), in order: FIT_REMOVED events (their computed fit before; see applyPlan). */
  readonly removals: Array<FitRemoval & { thresholds: TierThresholdsSpec }> = [];
  /** Where each removal goes among the tier changes (their count when it happened), so events keep the plan's order. */
  readonly removalAfter: number[] = [];
  /** Computed tiers that time gave (after its last step), by version then account: overrides over them are reviewed. */
  readonly timeTiers = new Map<string, Map<string, FitTier>>();
  /** Accounts that got a new row from a change of attributes or membership (not time alone). */
  readonly changed = new Set<string>();

  /** `now` is when the plan is computed (computedAt of its rows). */
  constructor(readonly now: Date) {}
}

/** A stored current row, as a plan starts from it (`tid` when the caller locked it by address). */
export function currentOf(row: Pick<ScoreRow, 'score' | 'tier' | 'outcomes' | 'validFrom' | 'nextChangeAt'>, tid?: string): Current {
  return {
    score: row.score,
    tier: row.tier,
    outcomes: row.outcomes,
    // A row a publish prepared holds from its version's effectiveAt: earlier than any instant a plan compares with.
    validFrom: row.validFrom ?? new Date(-8.64e15),
    nextChangeAt: row.nextChangeAt,
    row: null,
    ...(tid ? { tid } : {}),
  };
}

function closeAt(plan: ScorePlan, accountId: string, versionId: string, cur: Current, at: Date): void {
  if (cur.row) cur.row.validTo = at;
  else if (cur.tid) plan.closeByTid.push({ tid: cur.tid, at });
  else plan.close.push({ versionId, accountId, at });
}

function rescheduleTo(plan: ScorePlan, accountId: string, versionId: string, cur: Current, nextChangeAt: Date | null): void {
  if (cur.row) cur.row.nextChangeAt = nextChangeAt;
  else if (cur.nextChangeAt?.getTime() !== nextChangeAt?.getTime()) plan.reschedule.push({ versionId, accountId, nextChangeAt });
  cur.nextChangeAt = nextChangeAt;
}

/** Replaces `cur` (or nothing) by a new row valid from `validFrom`. */
function replace(
  plan: ScorePlan,
  tl: AccountTimeline,
  version: IcpVersion,
  cur: Current | undefined,
  result: { score: number; tier: FitTier; outcomes: string; nextChangeAt: Date | null },
  at: Date,
  validFrom: Date,
  cause: FitChangeCause,
): void {
  if (cur) closeAt(plan, tl.accountId, version.id, cur, at);
  const row: NewScore = {
    accountId: tl.accountId,
    segmentId: version.segmentId,
    versionId: version.id,
    score: result.score,
    tier: result.tier,
    outcomes: result.outcomes,
    nextChangeAt: result.nextChangeAt,
    validFrom,
    computedAt: plan.now,
  };
  plan.insert.push(row);
  tl.current.set(version.id, { ...result, validFrom, row });
  if (cur?.tier !== result.tier) {
    plan.tierChanges.push({
      accountId: tl.accountId,
      segmentId: version.segmentId,
      versionId: version.id,
      cause,
      occurredAt: at,
      before: cur ? { score: cur.score, tier: cur.tier, overridden: false } : null,
      after: { score: result.score, tier: result.tier, overridden: false },
      accountExternalId: tl.externalId,
    });
  }
}

/**
 * Walks one current row forward through every instant up to and including `until` at which time
 * alone changes its result: each change becomes a row valid from exactly that instant (the earlier
 * ones closed by the next); an instant that changes nothing only moves the schedule.
 */
function walk(plan: ScorePlan, tl: AccountTimeline, version: IcpVersion, until: Date): void {
  const scorer = scorerFor(version);
  let cur = tl.current.get(version.id)!;
  let at = cur.nextChangeAt!;
  let changed = false;
  for (let step = 0; ; step++) {
    const result = scorer.evaluate(tl.attributes, at);
    if (result.score !== cur.score || result.tier !== cur.tier || result.outcomes !== cur.outcomes) {
      replace(plan, tl, version, cur, result, at, at, 'TIME_PASSED');
      cur = tl.current.get(version.id)!;
      changed = true;
    }
    const next = result.nextChangeAt;
    // Guards against an engine that would not move forward: a row must never be due for ever.
    const stuck = next !== null && next.getTime() <= at.getTime();
    if (next === null || next.getTime() > until.getTime() || stuck || step + 1 >= MAX_STEPS) {
      rescheduleTo(plan, tl.accountId, version.id, cur, stuck ? null : next);
      break;
    }
    at = next;
  }
  if (changed) {
    let tiers = plan.timeTiers.get(version.id);
    if (!tiers) plan.timeTiers.set(version.id, (tiers = new Map()));
    tiers.set(tl.accountId, cur.tier);
  }
}

/** Every time step of the account's current rows up to and including `until`. */
export function advanceScores(plan: ScorePlan, tl: AccountTimeline, live: LiveVersions, until: Date): void {
  for (const [versionId, cur] of tl.current) {
    const version = live.byId.get(versionId);
    if (version && cur.nextChangeAt && cur.nextChangeAt.getTime() <= until.getTime()) walk(plan, tl, version, until);
  }
}

/**
 * The account's result in `version`'s segment from `at` on: scored under it as a member (a new
 * row only when the result differs; a new account's first row from the version's effectiveAt,
 * so the CRM's earlier leads count in it), or its current row closed when it is not a member.
 */
export function changeAt(
  plan: ScorePlan,
  tl: AccountTimeline,
  version: IcpVersion,
  member: boolean,
  at: Date,
  cause: FitChangeCause,
  created = false,
): void {
  const cur = tl.current.get(version.id);
  if (!member) {
    if (cur) {
      closeAt(plan, tl.accountId, version.id, cur, at);
      plan.removalAfter.push(plan.tierChanges.length);
      plan.removals.push({
        accountId: tl.accountId,
        segmentId: version.segmentId,
        versionId: version.id,
        before: { score: cur.score, tier: cur.tier, overridden: false },
        cause,
        occurredAt: at,
        thresholds: version.definition.thresholds,
        accountExternalId: tl.externalId,
      });
    }
    tl.current.delete(version.id);
    return;
  }
  const result = scorerFor(version).evaluate(tl.attributes, at);
  if (cur && cur.score === result.score && cur.tier === result.tier && cur.outcomes === result.outcomes) {
    // Same result, but new dates may move the instant at which time changes it (a newer engagement).
    rescheduleTo(plan, tl.accountId, version.id, cur, result.nextChangeAt);
    return;
  }
  // A row never starts before the one it follows (another process's clock may be ahead).
  const validFrom = created && version.effectiveAt ? version.effectiveAt : cur && cur.validFrom > at ? cur.validFrom : at;
  replace(plan, tl, version, cur, result, at, validFrom, cause);
  plan.changed.add(tl.accountId);
}

/**
 * Every membership change time brings up to and including `until`, each at its instant: the
 * account's time steps before it first, then the segments it joins (scored from then) and leaves
 * (row closed then). Returns whether the membership changed.
 */
export function advanceMembership(
  plan: ScorePlan,
  tl: MemberTimeline,
  live: LiveVersions,
  membership: (attributes: AccountAttributes, explicit: readonly string[], at: Date) => MembershipAt,
  until: Date,
): boolean {
  let changed = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const at = tl.membershipChangesAt;
    if (!at || at.getTime() > until.getTime()) break;
    advanceScores(plan, tl, live, new Date(at.getTime() - 1));
    const m = membership(tl.attributes, tl.explicit, at);
    for (const segmentId of new Set([...tl.segmentIds, ...m.segmentIds])) {
      const member = m.segmentIds.includes(segmentId);
      if (member === tl.segmentIds.includes(segmentId)) continue;
      changed = true;
      const version = live.bySegment.get(segmentId);
      if (version) changeAt(plan, tl, version, member, at, 'TIME_PASSED');
    }
    tl.segmentIds = m.segmentIds;
    tl.membershipChangesAt = m.nextChangeAt && m.nextChangeAt.getTime() > at.getTime() ? m.nextChangeAt : null;
  }
  return changed;
}

/**
 * A FIT_REMOVED event's `before` is the fit the account had there, effective as FIT_CHANGED's
 * are: an override in force at the instant it left shows the override's tier and score.
 */
async function showOverriddenRemovals(em: Sql, plan: ScorePlan): Promise<void> {
  const overrides = await overridesInForce(
    em,
    plan.removals.map((r) => ({ segmentId: r.segmentId, accountId: r.accountId, at: r.occurredAt })),
  );
  plan.removals.forEach((r, i) => {
    const o = overrides[i];
    if (o) r.before = { score: effectiveScore(o.tier, o.score, r.before.score, r.thresholds), tier: o.tier, overridden: true };
  });
}

/** Writes the plan in the caller's transaction: rows closed, then inserted, then rescheduled, then the outbox events. */
export async function applyPlan(em: Sql, plan: ScorePlan): Promise<void> {
  await closeScores(em, plan.close);
  await closeScoresAt(em, plan.closeByTid);
  await insertScores(em, plan.insert);
  await rescheduleScores(em, plan.reschedule);
  if (plan.removals.length > 0) await showOverriddenRemovals(em, plan);
  if (plan.removals.length === 0) {
    await appendFitChanges(em, await withoutOverridden(em, plan.tierChanges));
    return;
  }
  const shown = new Set(await withoutOverridden(em, plan.tierChanges));
  const rejoined = plan.removals.some((r, i) =>
    plan.tierChanges.slice(plan.removalAfter[i]).some((c) => c.accountId === r.accountId && c.segmentId === r.segmentId),
  );
  if (!rejoined) {
    // Each account's removal is its last event in the segment: changes first, then removals, two statements.
    await appendFitChanges(
      em,
      plan.tierChanges.filter((c) => shown.has(c)),
    );
    await appendFitRemovals(em, plan.removals);
    return;
  }
  // An account left and joined again at later instants: every event in the order it happened.
  let from = 0;
  for (let i = 0; i < plan.removals.length;) {
    const upTo = plan.removalAfter[i];
    let j = i;
    while (j < plan.removals.length && plan.removalAfter[j] === upTo) j++;
    await appendFitChanges(
      em,
      plan.tierChanges.slice(from, upTo).filter((c) => shown.has(c)),
    );
    await appendFitRemovals(em, plan.removals.slice(i, j));
    from = upTo;
    i = j;
  }
  await appendFitChanges(
    em,
    plan.tierChanges.slice(from).filter((c) => shown.has(c)),
  );
}

/**
 * Flags the overrides in force over accounts whose computed tier time moved (as of its last step)
 * away from the tier the override was made against, as a publish does. Time did it, so the audit
 * names the system as the actor, also in an upsert's transaction. Returns how many.
 */
export async function flagTimeChanges(
  services: { audit: AuditService },
  tx: AppContext,
  plan: ScorePlan,
  live: LiveVersions,
): Promise<number> {
  if (plan.timeTiers.size === 0) return 0;
  const system = { ...tx, principal: SYSTEM_PRINCIPAL };
  let flagged = 0;
  for (const [versionId, tiers] of plan.timeTiers) {
    const version = live.byId.get(versionId)!;
    const accounts = [...tiers].map(([accountId, tier]) => ({ accountId, tier }));
    const done = await flagForReviewAgainst(tx.em, { segmentId: version.segmentId, versionId, now: tx.clock.now(), tiers: accounts });
    for (const f of done) await services.audit.record(system, overrideFlaggedAudit(f, versionId));
    flagged += done.length;
  }
  return flagged;
}

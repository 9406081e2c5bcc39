/**
 * Keeps the scores of changed accounts current, inside the caller's transaction: for every
 * segment with a live version, members get a new row when their result changed, and
 * accounts that left a segment get their row closed. Unchanged results write nothing.
 * What time changed before the upsert and no job wrote yet (a window that ended, a membership
 * rule's window) is written first, at its own instants (see score-timeline.ts).
 */
import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import type { MembershipAt } from '../../domain/accounts/membership';
import { currentScores } from '../../stores/score-store';
import type { AccountAttributes } from '../../model/icp-definition';
import { liveVersions } from '../../stores/version-store';
import {
  advanceMembership,
  advanceScores,
  applyPlan,
  changeAt,
  currentOf,
  flagTimeChanges,
  liveVersionsOf,
  ScorePlan,
  type LiveVersions,
  type MemberTimeline,
} from './score-timeline';

export interface ChangedAccount {
  id: string;
  externalId: string;
  /** Created by this upsert: it has no score history yet. */
  created: boolean;
  attributes: AccountAttributes;
  /** Segments the account belongs to now. */
  segmentIds: string[];
  /** Before the change: its attributes, explicit segments, segments, and when time may change those segments. */
  previous: {
    attributes: AccountAttributes;
    explicit: readonly string[];
    segmentIds: string[];
    membershipChangesAt: Date | null;
  };
}

/** The live versions of every segment. */
export async function currentLiveVersions(ctx: Pick<AppContext, 'em'>): Promise<LiveVersions> {
  return liveVersionsOf(await liveVersions(ctx.em));
}

export interface ChangedAccountsRescored {
  /** Accounts that got a new score row from the change. */
  rescored: number;
  /** Overrides flagged because time had moved their account's computed tier before the change. */
  overridesFlagged: number;
}

/**
 * Rescores changed accounts at `now`. `membership` evaluates the segments' rules (to replay the
 * membership changes time brought before `now` with the previous attributes).
 */
export async function rescoreChangedAccounts(
  services: { audit: AuditService },
  tx: AppContext,
  accounts: ChangedAccount[],
  live: LiveVersions,
  membership: (attributes: AccountAttributes, explicit: readonly string[], at: Date) => MembershipAt,
  now: Date,
): Promise<ChangedAccountsRescored> {
  if (accounts.length === 0 || live.byId.size === 0) return { rescored: 0, overridesFlagged: 0 };
  const current = await currentScores(
    tx.em,
    accounts.filter((a) => !a.created).map((a) => a.id),
    [...live.byId.keys()],
  );
  const timelines = new Map<string, MemberTimeline>(
    accounts.map((a) => [
      a.id,
      {
        accountId: a.id,
        externalId: a.externalId,
        attributes: a.previous.attributes,
        current: new Map(),
        explicit: a.previous.explicit,
        segmentIds: a.previous.segmentIds,
        membershipChangesAt: a.previous.membershipChangesAt,
      },
    ]),
  );
  for (const row of current) timelines.get(row.accountId)!.current.set(row.versionId, currentOf(row));
  const plan = new ScorePlan(now);
  const justBefore = new Date(now.getTime() - 1);
  for (const account of accounts) {
    const tl = timelines.get(account.id)!;
    // What time changed before this upsert, under the previous attributes, at its own instants.
    advanceMembership(plan, tl, live, membership, justBefore);
    advanceScores(plan, tl, live, justBefore);
    tl.attributes = account.attributes;
    for (const segmentId of new Set([...account.segmentIds, ...tl.segmentIds])) {
      const version = live.bySegment.get(segmentId);
      if (version) changeAt(plan, tl, version, account.segmentIds.includes(segmentId), now, 'ACCOUNT_UPDATED', account.created);
    }
  }
  await applyPlan(tx.em, plan);
  const overridesFlagged = await flagTimeChanges(services, tx, plan, live);
  return { rescored: plan.changed.size, overridesFlagged };
}

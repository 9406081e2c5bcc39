/**
 * Keeps the scores of changed accounts current, inside the caller's transaction: for every
 * segment with a live version, members get a new row when their result changed, and
 * accounts that left a segment get their row closed. Unchanged results write nothing.
 */
import type { Sql } from '../../db/sql';
import { appendFitChanges, withoutOverridden, type TierChange } from '../../stores/outbox-store';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import { closeScores, currentScores, insertScores, rescheduleScores, type NewScore } from '../../stores/score-store';
import type { AccountAttributes } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import { liveVersions } from '../../stores/version-store';

export interface ChangedAccount {
  id: string;
  /** Created by this upsert: it has no score history yet. */
  created: boolean;
  attributes: AccountAttributes;
  /** Segments the account belongs to now, and belonged to before the change. */
  segmentIds: string[];
  previousSegmentIds: string[];
}

/** Live versions by segment id. */
export async function liveVersionsBySegment(em: Sql): Promise<Map<string, IcpVersion>> {
  const rows = await liveVersions(em);
  return new Map(rows.map((v) => [v.segmentId, v]));
}

/** Returns how many accounts got at least one new score row. */
export async function rescoreChangedAccounts(
  em: Sql,
  accounts: ChangedAccount[],
  live: Map<string, IcpVersion>,
  now: Date,
): Promise<number> {
  if (accounts.length === 0 || live.size === 0) return 0;
  const versionIds = [...live.values()].map((v) => v.id);
  const current = new Map(
    (
      await currentScores(
        em,
        accounts.map((a) => a.id),
        versionIds,
      )
    ).map((r) => [`${r.versionId}:${r.accountId}`, r]),
  );
  const toClose: Array<{ versionId: string; accountId: string }> = [];
  const toInsert: NewScore[] = [];
  const toReschedule: Array<{ versionId: string; accountId: string; nextChangeAt: Date | null }> = [];
  const rescored = new Set<string>();
  const tierChanges: TierChange[] = [];
  for (const account of accounts) {
    const segments = new Set([...account.segmentIds, ...account.previousSegmentIds]);
    for (const segmentId of segments) {
      const version = live.get(segmentId);
      if (!version) continue;
      const existing = current.get(`${version.id}:${account.id}`);
      if (!account.segmentIds.includes(segmentId)) {
        if (existing) toClose.push({ versionId: version.id, accountId: account.id });
        continue;
      }
      const result = scorerFor(version).evaluate(account.attributes, now);
      if (existing && existing.score === result.score && existing.tier === result.tier && existing.outcomes === result.outcomes) {
        // Same result, but new dates may move the instant at which time changes it (a newer engagement).
        if (existing.nextChangeAt?.getTime() !== result.nextChangeAt?.getTime()) {
          toReschedule.push({ versionId: version.id, accountId: account.id, nextChangeAt: result.nextChangeAt });
        }
        continue;
      }
      if (existing) toClose.push({ versionId: version.id, accountId: account.id });
      // A new account's first result holds from the version's effectiveAt: leads and opportunities
      // from the CRM may predate its import, and are attributed to this first known tier.
      // Otherwise a row never starts before the one it follows (another process's clock may be ahead).
      const validFrom =
        account.created && version.effectiveAt ? version.effectiveAt : existing && existing.validFrom > now ? existing.validFrom : now;
      toInsert.push({ accountId: account.id, segmentId, versionId: version.id, ...result, validFrom, computedAt: now });
      rescored.add(account.id);
      if (existing?.tier !== result.tier) {
        tierChanges.push({
          accountId: account.id,
          segmentId,
          versionId: version.id,
          cause: 'ACCOUNT_UPDATED',
          occurredAt: now,
          before: existing ? { score: existing.score, tier: existing.tier, overridden: false } : null,
          after: { score: result.score, tier: result.tier, overridden: false },
        });
      }
    }
  }
  await closeScores(em, toClose, now);
  await insertScores(em, toInsert);
  await rescheduleScores(em, toReschedule);
  await appendFitChanges(em, await withoutOverridden(em, tierChanges));
  return rescored.size;
}

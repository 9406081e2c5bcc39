import type { AppContext } from '../context';
import { refreshStaleStatistics } from '../../db/statistics';
import { BadUserInputError } from '../../errors/domain-errors';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import { TierMigrationCounter } from '../../domain/scoring/tier-migration';
import { FIT_TIERS } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import type { VersionService } from '../versions/version.service';
import { mannWhitneyU } from '../../domain/statistics/statistics';
import { closedOpportunitiesOfSegment, readOnlySnapshot } from '../../stores/report-queries';
import { scanMembers } from '../../stores/account-store';

const FETCH = 20_000;
const TIER_INDEX = new Map(FIT_TIERS.map((t, i) => [t, i]));

/** Area under the ROC curve of scores for won (positives) against lost: U / (won x lost). */
export function auc(won: number[], lost: number[]): number | null {
  return won.length && lost.length ? mannWhitneyU(lost, won) / (won.length * lost.length) : null;
}

function tierStats(tiers: Uint8Array, outcomes: Array<{ index: number; won: boolean }>) {
  const overall = outcomes.length ? outcomes.filter((o) => o.won).length / outcomes.length : null;
  return FIT_TIERS.map((tier, t) => {
    const mine = outcomes.filter((o) => tiers[o.index] === t);
    const won = mine.filter((o) => o.won).length;
    const winRate = mine.length ? won / mine.length : null;
    let accounts = 0;
    for (let i = 0; i < tiers.length; i++) if (tiers[i] === t) accounts++;
    return { tier, accounts, closedOpportunities: mine.length, won, winRate, lift: winRate !== null && overall ? winRate / overall : null };
  });
}

/**
 * Scores every account of the version's segment under the version and a baseline (default:
 * live) without writing anything (a read-only transaction), and compares how each ranks
 * the closed opportunities: tiers, win rate and lift per tier, AUC.
 */
export async function backtest(
  services: { versions: VersionService },
  ctx: AppContext,
  versionId: string,
  baselineVersionId?: string | null,
) {
  const version = await services.versions.getById(ctx, versionId, 'versionId');
  let baseline: IcpVersion | null = null;
  if (baselineVersionId) {
    baseline = await services.versions.getById(ctx, baselineVersionId, 'baselineVersionId');
    if (baseline.segmentId !== version.segmentId)
      throw BadUserInputError.forField('baselineVersionId', 'belongs to another segment than versionId');
  } else {
    baseline = await services.versions.liveVersion(ctx, version.segmentId);
  }
  const scorer = scorerFor(version);
  const baseScorer = baseline ? scorerFor(baseline) : null;
  const now = ctx.clock.now();
  await refreshStaleStatistics(ctx.em, ['account', 'opportunity'], ctx.log);
  return ctx.em.transaction(async (em) => {
    // One snapshot for the accounts and the opportunities, and no write is even possible.
    await readOnlySnapshot(em);
    const index = new Map<string, number>();
    const scores: number[] = [];
    const baseScores: number[] = [];
    const tiers: number[] = [];
    const baseTiers: number[] = [];
    await scanMembers(em, version.segmentId, FETCH, (batch) => {
      for (const a of batch) {
        index.set(a.id, scores.length);
        const r = scorer.quick(a.attributes, now);
        scores.push(r.score);
        tiers.push(TIER_INDEX.get(r.tier)!);
        if (baseScorer) {
          const b = baseScorer.quick(a.attributes, now);
          baseScores.push(b.score);
          baseTiers.push(TIER_INDEX.get(b.tier)!);
        }
      }
    });
    const closed = await closedOpportunitiesOfSegment(em, version.segmentId);
    const outcomes = closed.filter((c) => index.has(c.accountId)).map((c) => ({ index: index.get(c.accountId)!, won: c.won }));
    const split = (s: number[]) =>
      [outcomes.filter((o) => o.won).map((o) => s[o.index]), outcomes.filter((o) => !o.won).map((o) => s[o.index])] as const;

    const migration = new TierMigrationCounter();
    for (let i = 0; i < scores.length; i++) migration.add(baseScorer ? FIT_TIERS[baseTiers[i]] : null, FIT_TIERS[tiers[i]]);
    return {
      version,
      baseline,
      accountsScored: scores.length,
      migration: migration.moves(),
      tiers: tierStats(Uint8Array.from(tiers), outcomes),
      baselineTiers: baseScorer ? tierStats(Uint8Array.from(baseTiers), outcomes) : [],
      auc: auc(...split(scores)),
      baselineAuc: baseScorer ? auc(...split(baseScores)) : null,
    };
  });
}

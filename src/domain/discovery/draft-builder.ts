/**
 * A definition from findings, the way a scorecard is built from weights of evidence: each
 * significant favourable finding becomes a criterion worth its evidence, dimensions come from
 * the attribute catalogue and weigh their share of the evidence, strongly unfavourable
 * findings become disqualifier candidates, and thresholds split the scores into tiers of
 * useful sizes. Pure.
 */
import { compileScorer } from '../scoring/scoring-engine';
import type {
  AccountAttributes,
  CriterionSpec,
  Dimension,
  DimensionSpec,
  DisqualifierSpec,
  IcpDefinitionSpec,
  TierActionSpec,
  TierThresholdsSpec,
} from '../../model/icp-definition';
import { BUILT_IN_DIMENSIONS, DEFAULT_THRESHOLDS } from '../../model/icp-definition';
import { describeTest, type Finding } from './insight-analysis';

/** A finding marks negatives strongly enough to disqualify: odds a quarter or less, and almost no positives hold it. */
const DISQUALIFY_WOE = Math.log(1 / 4);
const DISQUALIFY_MAX_POSITIVE_SHARE = 0.02;
/** Dimension for attributes the catalogue files under no built-in one. */
const UNFILED: Dimension = 'BUSINESS_NEEDS';
/** Shares of the scored population at or above PERFECT, STRONG and MODERATE. */
const TIER_SHARES = [0.1, 0.3, 0.6] as const;

export interface DraftPlan {
  definition: IcpDefinitionSpec;
  criteria: Finding[];
  disqualifiers: Finding[];
}

/** Integer weights summing to 100 in proportion to `shares` (largest remainder). */
export function apportion(shares: number[]): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  const exact = shares.map((s) => (100 * s) / total);
  const out = exact.map((e) => Math.max(1, Math.floor(e)));
  let left = 100 - out.reduce((s, x) => s + x, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i]++;
  // A floor lifted to 1 may overshoot: take back from the largest.
  while (left < 0) {
    const i = out.indexOf(Math.max(...out));
    out[i]--;
    left++;
  }
  return out;
}

/** Criteria and disqualifiers from findings; thresholds are set later by {@link thresholdsFor}. */
export function planDraft(significant: Finding[], unfavourable: Finding[], actions: TierActionSpec[]): DraftPlan | null {
  const criteria = significant.filter((f) => f.significant && f.favourable);
  if (criteria.length === 0) return null;
  const byDimension = new Map<Dimension, Finding[]>();
  for (const f of criteria) {
    // A catalogue entry names a built-in dimension (a CUSTOM one would need a key the catalogue does not hold).
    const d = f.dimension && (BUILT_IN_DIMENSIONS as readonly Dimension[]).includes(f.dimension) ? f.dimension : UNFILED;
    byDimension.set(d, [...(byDimension.get(d) ?? []), f]);
  }
  const dims = BUILT_IN_DIMENSIONS.filter((d) => byDimension.has(d));
  const weights = apportion(dims.map((d) => byDimension.get(d)!.reduce((s, f) => s + f.informationValue, 0)));
  const dimensions: DimensionSpec[] = dims.map((d, i) => ({
    dimension: d,
    weight: weights[i],
    criteria: byDimension
      .get(d)!
      .map((f): CriterionSpec => ({ ...f.test, points: f.points, label: `Learned: ${describeTest(f.test)}`.slice(0, 200) })),
  }));
  const disqualifying = unfavourable.filter(
    (f) => f.significant && f.weightOfEvidence <= DISQUALIFY_WOE && f.positiveShare <= DISQUALIFY_MAX_POSITIVE_SHARE,
  );
  const disqualifiers: DisqualifierSpec[] = disqualifying.map((f) => ({
    ...f.test,
    reason: `Learned: ${describeTest(f.test)} holds for ${(100 * f.positiveShare).toFixed(1)} % of positives and ${(100 * f.negativeShare).toFixed(1)} % of negatives`,
  }));
  return {
    definition: { dimensions, disqualifiers, thresholds: { ...DEFAULT_THRESHOLDS }, actions },
    criteria,
    disqualifiers: disqualifying,
  };
}

/**
 * Thresholds at the scores that put about 10 %, 30 % and 60 % of the scored (not disqualified)
 * accounts at or above PERFECT, STRONG and MODERATE, so that every tier holds accounts; moved
 * apart where scores tie, and the defaults when the scores cannot be split.
 */
export function thresholdsFor(scores: number[]): TierThresholdsSpec {
  const s = Float64Array.from(scores).sort().reverse();
  if (s.length < 10) return { ...DEFAULT_THRESHOLDS };
  const at = TIER_SHARES.map((share) => s[Math.min(s.length - 1, Math.floor(share * s.length))]);
  let [perfect, strong, moderate] = at;
  // Scores tie on few distinct values: step down to the next distinct score so that tiers stay ordered.
  const below = (x: number) => s.find((v) => v < x);
  if (!(strong < perfect)) strong = below(perfect) ?? strong;
  if (!(moderate < strong)) moderate = below(strong) ?? moderate;
  if (!(perfect > strong && strong > moderate) || perfect <= 0) return { ...DEFAULT_THRESHOLDS };
  // A threshold of exactly 0 would put every account in MODERATE or above: keep WEAK meaningful.
  if (moderate <= 0) moderate = Math.min(strong / 2, 0.01);
  return { perfect, strong, moderate };
}

/** The draft's scores of accounts (disqualified ones excluded), to place the thresholds. */
export function scoresFor(definition: IcpDefinitionSpec, accounts: Iterable<AccountAttributes>, at: Date): number[] {
  const scorer = compileScorer(definition);
  const out: number[] = [];
  for (const a of accounts) {
    const r = scorer.quick(a, at);
    if (r.tier !== 'DISQUALIFIED') out.push(r.score);
  }
  return out;
}

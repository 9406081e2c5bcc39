/**
 * Pure scoring: an ICP definition and one account's attributes in, a 0-100 score, a tier and
 * the explanation out. No I/O and no clock: the caller passes `at`, so the same inputs always
 * give the same result.
 */
import {
  dimensionKey,
  isGraded,
  type AccountAttributes,
  type Dimension,
  type FitTier,
  type IcpDefinitionSpec,
  type TierThresholdsSpec,
} from '../../model/icp-definition';
import type { CriterionResult, DimensionScore } from '../../model/score.types';
import { type CompiledTest, compileTest, isMissing } from './attribute-test';

/** The full, explainable result of scoring one account under one definition. */
export interface ScoreResult {
  score: number;
  tier: FitTier;
  disqualifiedBy: string[];
  dimensions: DimensionScore[];
  missingAttributes: string[];
  completeness: number;
  action: string | null;
}

/** The cheap form used for bulk rescoring. */
export interface QuickScore {
  score: number;
  tier: FitTier;
}

/**
 * Score, tier and the outcome of every test, coded one character per test: the criteria of
 * each dimension in definition order, then the disqualifiers; `1` matched, `0` did not,
 * `-` the attribute was missing; for BANDS and AGE_BANDS `A`, `B`, `C`… name the band that
 * earned (the first, second, third…) and `0` says none held. Stored beside a score, it
 * rebuilds the full explanation exactly from the (immutable) version, without keeping the
 * attributes of that moment.
 */
export interface EvaluatedScore extends QuickScore {
  outcomes: string;
  /**
   * The next instant at which the passing of time alone changes this result (some test's
   * outcome, so the score, tier or explanation): a WITHIN_DAYS window ends or a date enters
   * it, an age band ends. null when no time-dependent test can change any more.
   */
  nextChangeAt: Date | null;
}

/** A definition prepared once for scoring many accounts. */
export interface CompiledScorer {
  explain(attributes: AccountAttributes, at: Date): ScoreResult;
  quick(attributes: AccountAttributes, at: Date): QuickScore;
  evaluate(attributes: AccountAttributes, at: Date): EvaluatedScore;
  /** The explanation behind an outcome code from `evaluate`; throws if the code does not fit the definition. */
  fromOutcomes(outcomes: string): ScoreResult;
}

const MATCHED = '1';
const NOT_MATCHED = '0';
const MISSING = '-';
/** Outcome codes of bands 0, 1, 2…: one character each, so a code stays one character per test. */
const BAND_CODES = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const MAX_BANDS = BAND_CODES.length;

interface CompiledCriterion {
  test: CompiledTest;
  points: number;
  /** Points of each band, for BANDS and AGE_BANDS; null for all-or-nothing criteria. */
  bandPoints: number[] | null;
  label: string | null;
  /** weight x points / dimension total: the criterion's share of the 100 points. */
  share: number;
}

interface CompiledDimension {
  dimension: Dimension;
  key: string;
  name: string | null;
  weight: number;
  total: number;
  criteria: CompiledCriterion[];
}

interface CompiledDisqualifier {
  test: CompiledTest;
  reason: string;
}

// A relative nudge of 1e-12 covers the few ulps a sum of products can lose, so a value meant
// to end in 5 (1.005, stored as 1.00499999...) still rounds up, while moving nothing that is
// genuinely below the half. Number.EPSILON alone is below one ulp for anything above 2.
const NUDGE = 1 + 1e-12;

/** Rounds half away from zero to `decimals` places, robust to binary representation error. */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(x) * f * NUDGE) / f;
  return x < 0 ? -r : r;
}

/**
 * The tier for a (non-disqualified) score; lower bounds are inclusive:
 * `>= perfect` PERFECT, `>= strong` STRONG, `>= moderate` MODERATE, else WEAK.
 */
export function tierFor(score: number, thresholds: TierThresholdsSpec): FitTier {
  if (score >= thresholds.perfect) return 'PERFECT';
  if (score >= thresholds.strong) return 'STRONG';
  if (score >= thresholds.moderate) return 'MODERATE';
  return 'WEAK';
}

/** The definition's action for `tier` (the first one listed if repeated), or null. */
export function actionFor(def: IcpDefinitionSpec, tier: FitTier): string | null {
  return def.actions.find((a) => a.tier === tier)?.action ?? null;
}

// Shared by quick and explain so that both compute the same float in the same order.
function contribution(d: CompiledDimension, earned: number): number {
  return d.total > 0 ? (d.weight * earned) / d.total : 0;
}

/**
 * Prepares `def` once (lower-cased sets, parsed dates, point totals) and returns
 * `explain` (the full result) and `quick` (score and tier only, for bulk rescoring).
 * Both give the same score and tier for the same input. The definition is copied:
 * later changes to `def` do not affect the scorer.
 */
export function compileScorer(def: IcpDefinitionSpec): CompiledScorer {
  const dims: CompiledDimension[] = def.dimensions.map((d) => {
    const total = d.criteria.reduce((sum, c) => sum + c.points, 0);
    return {
      dimension: d.dimension,
      key: dimensionKey(d),
      name: d.name ?? null,
      weight: d.weight,
      total,
      criteria: d.criteria.map((c) => ({
        test: compileTest(c),
        points: c.points,
        bandPoints: isGraded(c.operator) ? (c.bands ?? []).map((b) => b.points) : null,
        label: c.label ?? null,
        share: total > 0 ? (d.weight * c.points) / total : 0,
      })),
    };
  });
  const disqualifiers: CompiledDisqualifier[] = def.disqualifiers.map((q) => ({ test: compileTest(q), reason: q.reason }));
  const thresholds: TierThresholdsSpec = { ...def.thresholds };
  const actions = new Map<FitTier, string>();
  for (const a of def.actions) if (!actions.has(a.tier)) actions.set(a.tier, a.action);

  /** Points a present value earns: a band's points for graded criteria, all or nothing otherwise. */
  function earnedBy(c: CompiledCriterion, v: unknown, atMs: number): number {
    if (c.bandPoints) {
      const band = c.test.grade!(v, atMs);
      return band >= 0 ? c.bandPoints[band] : 0;
    }
    return c.test.matches(v, atMs) ? c.points : 0;
  }

  function quick(attributes: AccountAttributes, at: Date): QuickScore {
    const atMs = at.getTime();
    for (let i = 0; i < disqualifiers.length; i++) {
      const t = disqualifiers[i].test;
      const v = t.read(attributes);
      if (v !== undefined && v !== null && t.matches(v, atMs)) return { score: 0, tier: 'DISQUALIFIED' };
    }
    let sum = 0;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i];
      const criteria = d.criteria;
      let earned = 0;
      for (let j = 0; j < criteria.length; j++) {
        const c = criteria[j];
        const v = c.test.read(attributes);
        if (v !== undefined && v !== null) earned += earnedBy(c, v, atMs);
      }
      sum += contribution(d, earned);
    }
    const score = roundTo(sum, 2);
    return { score, tier: tierFor(score, thresholds) };
  }

  const testCount = dims.reduce((n, d) => n + d.criteria.length, 0) + disqualifiers.length;

  function evaluate(attributes: AccountAttributes, at: Date): EvaluatedScore {
    const atMs = at.getTime();
    let outcomes = '';
    let sum = 0;
    let next = Infinity;
    // Only time-dependent tests define nextChange; NaN (never) loses every comparison.
    const noteNext = (test: CompiledTest, v: unknown): void => {
      const n = test.nextChange!(v, atMs);
      if (n < next) next = n;
    };
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i];
      let earned = 0;
      for (let j = 0; j < d.criteria.length; j++) {
        const c = d.criteria[j];
        const v = c.test.read(attributes);
        if (isMissing(v)) {
          outcomes += MISSING;
          continue;
        }
        if (c.test.nextChange) noteNext(c.test, v);
        if (c.bandPoints) {
          const band = c.test.grade!(v, atMs);
          if (band >= 0) earned += c.bandPoints[band];
          outcomes += band >= 0 ? BAND_CODES[band] : NOT_MATCHED;
        } else if (c.test.matches(v, atMs)) {
          earned += c.points;
          outcomes += MATCHED;
        } else {
          outcomes += NOT_MATCHED;
        }
      }
      sum += contribution(d, earned);
    }
    let disqualified = false;
    for (let i = 0; i < disqualifiers.length; i++) {
      const t = disqualifiers[i].test;
      const v = t.read(attributes);
      if (isMissing(v)) {
        outcomes += MISSING;
        continue;
      }
      if (t.nextChange) noteNext(t, v);
      const matched = t.matches(v, atMs);
      if (matched) disqualified = true;
      outcomes += matched ? MATCHED : NOT_MATCHED;
    }
    const nextChangeAt = next === Infinity ? null : new Date(next);
    if (disqualified) return { score: 0, tier: 'DISQUALIFIED', outcomes, nextChangeAt };
    const score = roundTo(sum, 2);
    return { score, tier: tierFor(score, thresholds), outcomes, nextChangeAt };
  }

  const badCode = (outcomes: string): Error => new Error(`outcome code "${outcomes}" does not fit a definition of ${testCount} tests`);

  function fromOutcomes(outcomes: string): ScoreResult {
    if (outcomes.length !== testCount) throw badCode(outcomes);
    const missingAttributes: string[] = [];
    const noteMissing = (key: string): void => {
      if (!missingAttributes.includes(key)) missingAttributes.push(key);
    };
    let k = 0;
    let sum = 0;
    let present = 0;
    const dimensions = dims.map((d): DimensionScore => {
      let earned = 0;
      const criteria = d.criteria.map((c): CriterionResult => {
        const o = outcomes[k++];
        const missing = o === MISSING;
        let band: number | null = null;
        let points = 0;
        if (c.bandPoints) {
          if (o !== MISSING && o !== NOT_MATCHED) {
            band = BAND_CODES.indexOf(o);
            if (band < 0 || band >= c.bandPoints.length) throw badCode(outcomes);
            points = c.bandPoints[band];
          }
        } else if (o === MATCHED) {
          points = c.points;
        } else if (o !== MISSING && o !== NOT_MATCHED) {
          throw badCode(outcomes);
        }
        if (missing) noteMissing(c.test.attribute);
        else present += c.share;
        earned += points;
        return {
          attribute: c.test.attribute,
          operator: c.test.operator,
          label: c.label,
          matched: c.bandPoints ? band !== null : o === MATCHED,
          missing,
          points: c.points,
          earned: points,
          band,
        };
      });
      const part = contribution(d, earned);
      sum += part;
      return { dimension: d.dimension, key: d.key, name: d.name, weight: d.weight, score: roundTo(part, 2), criteria };
    });
    const disqualifiedBy: string[] = [];
    for (const q of disqualifiers) {
      const o = outcomes[k++];
      if (o === MISSING) noteMissing(q.test.attribute);
      else if (o === MATCHED) disqualifiedBy.push(q.reason);
      else if (o !== NOT_MATCHED) throw badCode(outcomes);
    }
    const disqualified = disqualifiedBy.length > 0;
    const score = disqualified ? 0 : roundTo(sum, 2);
    const tier: FitTier = disqualified ? 'DISQUALIFIED' : tierFor(score, thresholds);
    return {
      score,
      tier,
      disqualifiedBy,
      dimensions,
      missingAttributes,
      // Clamped because a definition whose weights exceed 100 must not report more than all data.
      completeness: Math.min(1, Math.max(0, roundTo(present / 100, 4))),
      action: actions.get(tier) ?? null,
    };
  }

  function explain(attributes: AccountAttributes, at: Date): ScoreResult {
    return fromOutcomes(evaluate(attributes, at).outcomes);
  }

  return { explain, quick, evaluate, fromOutcomes };
}

/**
 * Scores one account under `def` at instant `at` with the full explanation.
 * Same as `compileScorer(def).explain(attributes, at)`; compile once when scoring many.
 */
export function scoreAccount(def: IcpDefinitionSpec, attributes: AccountAttributes, at: Date): ScoreResult {
  return compileScorer(def).explain(attributes, at);
}

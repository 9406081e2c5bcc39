/**
 * The statistics of discovery: tests of independence on 2×2 tables, Benjamini-Hochberg,
 * weight of evidence and information value, and the AUC with DeLong's interval. Pure: numbers
 * in, numbers out. Distributions come from @stdlib; what is ours is each test's statistic.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import type { IndependenceMethod } from '../../model/discovery';

/**
 * A 2×2 table of accounts: positives and negatives for which a test holds, and for which it
 * does not (a missing value does not hold).
 */
export interface TwoByTwo {
  positivesHolding: number;
  positivesNot: number;
  negativesHolding: number;
  negativesNot: number;
}

export interface IndependenceTest {
  pValue: number;
  method: IndependenceMethod;
}

// R's fisher.test compares densities with this relative tolerance, so that tables whose
// probability equals the observed one up to rounding count as "as extreme".
const RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test, two-sided as in R's fisher.test: the probability, under the
 * hypergeometric law of the table with its margins fixed, of every table no more likely than
 * the one observed.
 */
export function fisherExact(t: TwoByTwo): number {
  const a = t.positivesHolding;
  const rowHolding = t.positivesHolding + t.negativesHolding;
  const positives = t.positivesHolding + t.positivesNot;
  const n = positives + t.negativesHolding + t.negativesNot;
  if (n === 0) return 1;
  // a ~ Hypergeometric(N = n, K = positives, draws = rowHolding)
  const low = Math.max(0, rowHolding - (n - positives));
  const high = Math.min(rowHolding, positives);
  const observed = hypergeometricPmf(a, n, positives, rowHolding) * RELATIVE_TOLERANCE;
  let p = 0;
  for (let x = low; x <= high; x++) {
    const d = hypergeometricPmf(x, n, positives, rowHolding);
    if (d <= observed) p += d;
  }
  return Math.min(1, p);
}

/**
 * Pearson's chi-square test of independence (1 degree of freedom, no continuity correction).
 * Its p-value is read as 2·Φ(−√χ²), which equals the chi-square(1) upper tail exactly and does
 * not underflow to 0 for large statistics the way 1 − CDF does (the BH ranking needs them).
 */
export function chiSquare(t: TwoByTwo): { statistic: number; pValue: number } {
  const { positivesHolding: a, positivesNot: b, negativesHolding: c, negativesNot: d } = t;
  const n = a + b + c + d;
  const rows = [a + b, c + d];
  const cols = [a + c, b + d];
  if (n === 0 || rows.includes(0) || cols.includes(0)) return { statistic: 0, pValue: 1 };
  const statistic = (n * (a * d - b * c) ** 2) / (rows[0] * rows[1] * cols[0] * cols[1]);
  return { statistic, pValue: Math.min(1, 2 * normalCdf(-Math.sqrt(statistic), 0, 1)) };
}

/** The smallest expected count of the table under independence. */
export function minExpected(t: TwoByTwo): number {
  const n = t.positivesHolding + t.positivesNot + t.negativesHolding + t.negativesNot;
  if (n === 0) return 0;
  const positives = t.positivesHolding + t.positivesNot;
  const holding = t.positivesHolding + t.negativesHolding;
  return (Math.min(positives, n - positives) * Math.min(holding, n - holding)) / n;
}

/** Below this many accounts the exact test is cheap enough to use always. */
const EXACT_UP_TO = 1000;

/**
 * Fisher's exact test for small counts (any expected count under 5, Cochran's rule, or fewer
 * than 1,000 accounts), Pearson's chi-square otherwise, where it is accurate and the exact
 * sum would cost a pass over thousands of tables.
 */
export function independenceTest(t: TwoByTwo): IndependenceTest {
  const n = t.positivesHolding + t.positivesNot + t.negativesHolding + t.negativesNot;
  if (n <= EXACT_UP_TO || minExpected(t) < 5) return { pValue: fisherExact(t), method: 'FISHER_EXACT' };
  return { pValue: chiSquare(t).pValue, method: 'CHI_SQUARE' };
}

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the order given: for the i-th smallest
 * of m p-values, min over j >= i of p(j)·m/j, capped at 1 (R's p.adjust(method = "BH")).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (order[k].p * m) / (k + 1));
    q[order[k].i] = running;
  }
  return q;
}

/**
 * Weight of evidence of a test holding, ln(share of positives holding / share of negatives
 * holding), and the information value of the split holds / does not hold, the scorecard
 * standard of a predictor's strength (below 0.02 useless, 0.1 medium, above 0.3 strong). Counts
 * get half an account each (the usual correction) so that an empty cell gives a finite value.
 */
export function weightOfEvidence(t: TwoByTwo): { woe: number; informationValue: number } {
  const positives = t.positivesHolding + t.positivesNot + 1;
  const negatives = t.negativesHolding + t.negativesNot + 1;
  const ph = (t.positivesHolding + 0.5) / positives;
  const nh = (t.negativesHolding + 0.5) / negatives;
  const pn = (t.positivesNot + 0.5) / positives;
  const nn = (t.negativesNot + 0.5) / negatives;
  const woe = Math.log(ph / nh);
  return { woe, informationValue: (ph - nh) * woe + (pn - nn) * Math.log(pn / nn) };
}

/** Midranks (1-based, ties averaged) of `xs`, in the order given. */
function midranks(xs: Float64Array): Float64Array {
  const order = Array.from(xs.keys()).sort((i, j) => xs[i] - xs[j]);
  const ranks = new Float64Array(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && xs[order[j]] === xs[order[i]]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

export interface AucInterval {
  auc: number;
  standardError: number;
  ciLow: number;
  ciHigh: number;
}

/**
 * AUC of scores of positives against negatives (ties count a half) with DeLong's standard error
 * (DeLong, DeLong & Clarke-Pearson 1988, by midranks as in Sun & Xu 2014) and a Wald interval
 * clipped to [0, 1]. DeLong rather than Hanley-McNeil: it makes no assumption on the score
 * distributions, and a points-based score has many ties, which Hanley-McNeil's exponential
 * model ignores. Null without positives or without negatives; the interval needs two of each.
 */
export function aucWithInterval(positives: ArrayLike<number>, negatives: ArrayLike<number>, confidence = 0.95): AucInterval | null {
  const m = positives.length;
  const n = negatives.length;
  if (m === 0 || n === 0) return null;
  const x = Float64Array.from(positives);
  const y = Float64Array.from(negatives);
  const z = new Float64Array(m + n);
  z.set(x);
  z.set(y, m);
  const [tx, ty, tz] = [midranks(x), midranks(y), midranks(z)];
  // Structural components: V10[i] = share of negatives below positive i; V01[j] = share of positives above negative j.
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) sum += v10[i] = (tz[i] - tx[i]) / n;
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j] - ty[j]) / m;
  const auc = sum / m;
  const variance = (v: Float64Array) => {
    if (v.length < 2) return Number.NaN;
    let s = 0;
    for (const e of v) s += (e - auc) ** 2;
    return s / (v.length - 1);
  };
  const se = Math.sqrt(variance(v10) / m + variance(v01) / n);
  const half = normalQuantile(1 - (1 - confidence) / 2, 0, 1) * se;
  return Number.isFinite(se)
    ? { auc, standardError: se, ciLow: Math.max(0, auc - half), ciHigh: Math.min(1, auc + half) }
    : { auc, standardError: Number.NaN, ciLow: Number.NaN, ciHigh: Number.NaN };
}

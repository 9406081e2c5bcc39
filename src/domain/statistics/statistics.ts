/**
 * The tests behind a before/after comparison. Distributions and multiplicity adjustments come
 * from @stdlib; what is ours is the statistic of each test.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import padjust from '@stdlib/stats-padjust';
import { createRng } from '../../common/random';

export interface Interval {
  ciLow: number;
  ciHigh: number;
  pValue: number;
}

const Z = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2, 0, 1);
// 2·Φ(−|z|) rather than 2·(1 − Φ(|z|)): the latter underflows to 0 far in the tail.
const twoSided = (z: number) => Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));

type Sample = ArrayLike<number>;

export function mean(xs: Sample): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
}

/** Median; sorts a typed-array copy numerically (native, no comparison callback). */
export function median(xs: Sample): number {
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Wilson's score interval of the proportion x / n (Wilson 1927): unlike the Wald interval it
 * stays inside [0, 1] and keeps its coverage for small counts and rates near 0 or 1.
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): { low: number; high: number } {
  const z = Z(confidence);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // Clamped: at x = 0 or x = n the bound is exactly 0 or 1, which rounding can miss by an ulp.
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Two-proportion comparison of p2 - p1 (x successes of n): the p-value from the z-test with the
 * pooled standard error (the null hypothesis p1 = p2); the confidence interval is Newcombe's
 * hybrid score interval (1998, method 10), built from each proportion's Wilson interval, which
 * behaves for small counts and rates near 0 or 1 where the Wald interval does not.
 * Null when a group is empty.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Interval | null {
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p2 - p1;
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const ciLow = diff - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2);
  const ciHigh = diff + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { ciLow, ciHigh, pValue: se0 === 0 ? 1 : twoSided(diff / se0) };
}

/** One cluster of binary trials: an account's closed opportunities and how many it won. */
export interface Cluster {
  trials: number;
  successes: number;
}

/**
 * Rao and Scott's (1992) design effect of a proportion estimated from clusters: the variance of
 * the ratio estimator across clusters over the binomial variance. Never below 1 (clustering must
 * not make a test bolder than independent trials would); with a single cluster its trials count
 * as one observation.
 */
export function designEffect(clusters: readonly Cluster[]): number {
  const n = clusters.reduce((s, c) => s + c.trials, 0);
  const x = clusters.reduce((s, c) => s + c.successes, 0);
  const m = clusters.length;
  if (n === 0) return 1;
  if (m === 1) return n;
  const p = x / n;
  if (p === 0 || p === 1) return 1;
  const spread = clusters.reduce((s, c) => s + (c.successes - p * c.trials) ** 2, 0);
  const variance = ((m / (m - 1)) * spread) / (n * n);
  return Math.max(1, variance / ((p * (1 - p)) / n));
}

/**
 * Two-proportion comparison of clustered trials (several opportunities per account): each
 * group's counts are divided by its design effect (Rao and Scott 1992), and the z-test and
 * interval are those of twoProportionTest on these effective counts.
 */
export function clusteredTwoProportionTest(
  group1: readonly Cluster[],
  group2: readonly Cluster[],
  confidence = 0.95,
): (Interval & { designEffects: [number, number] }) | null {
  const effective = (g: readonly Cluster[]) => {
    const d = designEffect(g);
    return { d, x: g.reduce((s, c) => s + c.successes, 0) / d, n: g.reduce((s, c) => s + c.trials, 0) / d };
  };
  const [e1, e2] = [effective(group1), effective(group2)];
  const test = twoProportionTest(e1.x, e1.n, e2.x, e2.n, confidence);
  return test && { ...test, designEffects: [e1.d, e2.d] };
}

/**
 * Holm's step-down adjustment (Holm 1979) of p-values tested together: controls the chance of
 * any false finding among them. Null entries (no test) stay null and do not count.
 */
export function holm(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const tested = pValues.flatMap((p, i) => (p === null ? [] : [i]));
  if (tested.length === 0) return pValues.map(() => null);
  const adjusted = padjust(
    tested.map((i) => pValues[i]!),
    'holm',
  );
  const out: Array<number | null> = pValues.map(() => null);
  tested.forEach((i, k) => {
    out[i] = adjusted[k];
  });
  return out;
}

/**
 * Both samples sorted, walked together by distinct value: the rank sum of `b` (ties at their
 * average rank) and the tie term sum(t³ − t). Native numeric sorts, no per-value objects.
 */
function rankTies(a: Sample, b: Sample): { rankSumB: number; ties: number } {
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let rankSumB = 0;
  let ties = 0;
  while (i < sa.length || j < sb.length) {
    const v = j >= sb.length || (i < sa.length && sa[i] < sb[j]) ? sa[i] : sb[j];
    const start = i + j;
    let inB = 0;
    while (i < sa.length && sa[i] === v) i++;
    while (j < sb.length && sb[j] === v) {
      j++;
      inB++;
    }
    const t = i + j - start;
    rankSumB += inB * (start + (t + 1) / 2); // average rank of the run start+1 … start+t
    ties += t ** 3 - t;
  }
  return { rankSumB, ties };
}

/** Mann-Whitney U of `b` against `a`: pairs where b wins, ties counting a half. */
export function mannWhitneyU(a: Sample, b: Sample): number {
  return rankTies(a, b).rankSumB - (b.length * (b.length + 1)) / 2;
}

/**
 * Two-sided Mann-Whitney (Wilcoxon rank-sum) test: normal approximation with tie correction
 * and continuity correction, as R's wilcox.test(exact = FALSE, correct = TRUE).
 */
export function mannWhitneyPValue(a: Sample, b: Sample): number | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const n = n1 + n2;
  const { rankSumB, ties } = rankTies(a, b);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1))));
  if (sigma === 0) return 1;
  const d = rankSumB - (n2 * (n2 + 1)) / 2 - (n1 * n2) / 2;
  return twoSided((d - Math.sign(d) * 0.5) / sigma);
}

/** The statistics a bootstrap interval is drawn for. */
export type BootstrapStatistic = 'median' | 'mean';

/**
 * The median of a resample given as counts over the sample's sorted values (`counts[k]` copies
 * of `sorted[k]`, `size` in all): a pass over half the counts instead of a sort.
 */
function medianOfCounts(sorted: Float64Array, counts: Uint32Array, size: number): number {
  // The values at 0-based positions m − 1 and m of the resample in order (m alone for an odd size).
  const m = size >> 1;
  let seen = 0;
  let k = 0;
  while (seen + counts[k] <= m - 1) seen += counts[k++];
  const low = sorted[k];
  if (size % 2 === 0 && seen + counts[k] > m) return low;
  while (seen + counts[k] <= m) seen += counts[k++];
  return size % 2 ? sorted[k] : (low + sorted[k]) / 2;
}

/**
 * Percentile bootstrap interval of statistic(b) - statistic(a), from a seeded generator so that
 * the same data always give the same interval.
 *
 * Resampling runs on the request's thread (once overall and once per tier), so a sample beyond
 * `maxSample` values is first thinned to a seeded subsample of that size, and its resamples'
 * deviations from the subsample's own statistic are scaled by sqrt(maxSample / size) around the
 * full sample's statistic (the m-out-of-n bootstrap): the interval then has the width of the
 * whole sample's, in bounded time. Below the cap this is the plain percentile interval.
 */
export function bootstrapDifference(
  a: readonly number[],
  b: readonly number[],
  statistic: BootstrapStatistic,
  options: { resamples?: number; seed?: number; confidence?: number; maxSample?: number } = {},
): { ciLow: number; ciHigh: number } | null {
  if (a.length === 0 || b.length === 0) return null;
  const rng = createRng(options.seed ?? 20261124);
  const resamples = options.resamples ?? 1000;
  const cap = options.maxSample ?? 500;
  // Draws index the sorted sample, so that the interval depends on the values and not on the
  // order in which the database returned them.
  const [sortedA, sortedB] = [Float64Array.from(a).sort(), Float64Array.from(b).sort()];
  const thin = (xs: Float64Array) => (xs.length <= cap ? xs : Float64Array.from({ length: cap }, () => xs[Math.floor(rng() * xs.length)]));
  const [thinA, thinB] = [thin(sortedA), thin(sortedB)];
  const prepare = (full: Float64Array, xs: Float64Array) => {
    const values = xs;
    const sorted = Float64Array.from(xs).sort();
    // For the median, each value's position in the sorted sample (equal values share the first
    // one): a draw increments a count, and the median is read from the counts in order.
    const position = new Uint32Array(statistic === 'median' ? xs.length : 0);
    for (let i = 0; i < position.length; i++) {
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < xs[i]) lo = mid + 1;
        else hi = mid;
      }
      position[i] = lo;
    }
    const of = (ys: ArrayLike<number>) => (statistic === 'median' ? median(ys) : mean(ys));
    const own = of(values);
    return {
      values,
      sorted,
      position,
      counts: new Uint32Array(position.length),
      own,
      observed: xs === full ? own : of(full),
      scale: Math.sqrt(xs.length / full.length),
    };
  };
  const [pa, pb] = [prepare(sortedA, thinA), prepare(sortedB, thinB)];
  const deviation = (p: ReturnType<typeof prepare>) => {
    const n = p.values.length;
    let value: number;
    if (statistic === 'mean') {
      const { values } = p;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)];
      value = sum / n;
    } else {
      const { counts, position } = p;
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[position[Math.floor(rng() * n)]]++;
      value = medianOfCounts(p.sorted, counts, n);
    }
    return (value - p.own) * p.scale;
  };
  const observed = pb.observed - pa.observed;
  const diffs = new Float64Array(resamples);
  // b's resample is drawn before a's, as the generator's stream has always been consumed.
  for (let r = 0; r < resamples; r++) {
    const db = deviation(pb);
    diffs[r] = observed + db - deviation(pa);
  }
  diffs.sort();
  const tail = (1 - (options.confidence ?? 0.95)) / 2;
  return { ciLow: diffs[Math.floor(tail * (resamples - 1))], ciHigh: diffs[Math.ceil((1 - tail) * (resamples - 1))] };
}

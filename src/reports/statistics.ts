/**
 * The tests behind a before/after comparison. Distributions come from @stdlib; what is ours is
 * the statistic of each test.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { createRng } from '../demo/account-generator';

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
 * Two-proportion z-test of p2 - p1 (x successes of n): the p-value from the pooled standard
 * error (the null hypothesis p1 = p2), the confidence interval from the unpooled one (Wald).
 * Null when a group is empty.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Interval | null {
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p2 - p1;
  const margin = Z(confidence) * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { ciLow: diff - margin, ciHigh: diff + margin, pValue: se0 === 0 ? 1 : twoSided(diff / se0) };
}

/** Mann-Whitney U of `b` against `a`: pairs where b wins, ties counting a half. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  let rankSumB = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const rank = (i + 1 + j) / 2; // average rank of a run of ties
    for (let k = i; k < j; k++) if (all[k].g === 1) rankSumB += rank;
    i = j;
  }
  return rankSumB - (b.length * (b.length + 1)) / 2;
}

/**
 * Two-sided Mann-Whitney (Wilcoxon rank-sum) test: normal approximation with tie correction
 * and continuity correction, as R's wilcox.test(exact = FALSE, correct = TRUE).
 */
export function mannWhitneyPValue(a: readonly number[], b: readonly number[]): number | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const n = n1 + n2;
  const counts = new Map<number, number>();
  for (const v of [...a, ...b]) counts.set(v, (counts.get(v) ?? 0) + 1);
  let ties = 0;
  for (const t of counts.values()) ties += t ** 3 - t;
  const sigma = Math.sqrt((n1 * n2 / 12) * (n + 1 - ties / (n * (n - 1))));
  if (sigma === 0) return 1;
  const d = mannWhitneyU(a, b) - (n1 * n2) / 2;
  return twoSided((d - Math.sign(d) * 0.5) / sigma);
}

/**
 * Percentile bootstrap interval of statistic(b) - statistic(a), from a seeded generator so that
 * the same data always give the same interval.
 */
export function bootstrapDifference(
  a: readonly number[], b: readonly number[], statistic: (xs: Sample) => number,
  options: { resamples?: number; seed?: number; confidence?: number; maxSample?: number } = {},
): { ciLow: number; ciHigh: number } | null {
  if (a.length === 0 || b.length === 0) return null;
  const rng = createRng(options.seed ?? 20261124);
  const resamples = options.resamples ?? 1000;
  // Resampling runs on the request's thread: beyond a few thousand points a seeded subsample
  // gives the same interval to the precision reported, in bounded time.
  const cap = options.maxSample ?? 2000;
  const thin = (xs: readonly number[]) => (xs.length <= cap ? xs : Array.from({ length: cap }, () => xs[Math.floor(rng() * xs.length)]));
  [a, b] = [thin(a), thin(b)];
  // Resamples are drawn into two buffers reused across iterations.
  const [bufA, bufB] = [new Float64Array(a.length), new Float64Array(b.length)];
  const draw = (xs: readonly number[], buf: Float64Array) => {
    for (let i = 0; i < buf.length; i++) buf[i] = xs[Math.floor(rng() * xs.length)];
    return buf;
  };
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) diffs[r] = statistic(draw(b, bufB)) - statistic(draw(a, bufA));
  diffs.sort();
  const tail = (1 - (options.confidence ?? 0.95)) / 2;
  return { ciLow: diffs[Math.floor(tail * (resamples - 1))], ciHigh: diffs[Math.ceil((1 - tail) * (resamples - 1))] };
}

import jStat from 'jstat';
import { auc } from '../../src/use-cases/reports/backtest.service';
import { createRng } from '../../src/common/random';
import {
  bootstrapDifference,
  clusteredTwoProportionTest,
  designEffect,
  holm,
  mannWhitneyPValue,
  mannWhitneyU,
  mean,
  median,
  twoProportionTest,
  wilsonInterval,
} from '../../src/domain/statistics/statistics';

// Reference values come from an independent implementation of the normal distribution (jStat)
// applied to the textbook formulas, and from direct pair counting.
const phi = (z: number) => jStat.normal.cdf(z, 0, 1);
const z975 = jStat.normal.inv(0.975, 0, 1);

describe('twoProportionTest', () => {
  it('gives the textbook z-test p-value: 8 % of 100 against 22 % of 100 (seed 004)', () => {
    // pooled p = 30/200 = 0.15; se0 = sqrt(0.15 x 0.85 x (1/100 + 1/100)) = 0.0504975; z = 0.14 / se0 = 2.772413
    const se0 = Math.sqrt(0.15 * 0.85 * 0.02);
    const z = 0.14 / se0;
    expect(z).toBeCloseTo(2.772413, 5);
    const r = twoProportionTest(8, 100, 22, 100)!;
    expect(r.pValue).toBeCloseTo(2 * (1 - phi(z)), 10);
    expect(r.pValue).toBeCloseTo(0.005565, 5); // R: prop.test(c(8, 22), c(100, 100), correct = FALSE)
  });

  it("gives Newcombe's hybrid score interval (1998, method 10): his Table II", () => {
    // Newcombe RG, Interval estimation for the difference between independent proportions,
    // Statistics in Medicine 17:873-890 (1998), Table II, method 10; our difference is after - before.
    const table: Array<[number, number, number, number, number, number]> = [
      [56, 70, 48, 80, 0.0524, 0.3339], // the worked example
      [9, 10, 3, 10, 0.1705, 0.809],
      [6, 7, 2, 7, 0.0582, 0.8062],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [0, 10, 0, 10, -0.2775, 0.2775],
      [10, 10, 0, 20, 0.6791, 1.0],
      [10, 10, 0, 10, 0.6075, 1.0],
    ];
    for (const [x1, n1, x2, n2, low, high] of table) {
      const r = twoProportionTest(x2, n2, x1, n1)!;
      expect([Number(r.ciLow.toFixed(4)), Number(r.ciHigh.toFixed(4))]).toEqual([low, high]);
    }
  });

  it('gives Wilson score intervals (Newcombe 1998, single proportions, method 3)', () => {
    for (const [x, n, low, high] of [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ]) {
      const w = wilsonInterval(x, n);
      expect([Number(w.low.toFixed(4)), Number(w.high.toFixed(4))]).toEqual([low, high]);
    }
  });

  it('is undefined for an empty group and p = 1 when nothing varies', () => {
    expect(twoProportionTest(0, 0, 1, 2)).toBeNull();
    expect(twoProportionTest(0, 10, 0, 10)!.pValue).toBe(1);
  });
});

describe('holm', () => {
  it('adjusts the textbook example: p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05 rejects H4 and H1 only', () => {
    // The worked example of the Holm-Bonferroni method (Holm 1979; as in Wikipedia's article and R's p.adjust).
    // Step down: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04 -> max so far 0.06.
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]) as number[];
    [0.03, 0.06, 0.06, 0.02].forEach((x, i) => expect(adjusted[i]).toBeCloseTo(x, 12));
    expect(adjusted.map((p) => p < 0.05)).toEqual([true, false, false, true]);
  });

  it('leaves untested entries null and out of the count, and caps at 1', () => {
    const adjusted = holm([0.02, null, 0.6, null]) as Array<number | null>;
    expect(adjusted[0]).toBeCloseTo(0.04, 12);
    expect(adjusted[1]).toBeNull();
    expect(adjusted[2]).toBeCloseTo(0.6, 12);
    expect(holm([null, null])).toEqual([null, null]);
    expect(holm([0.7, 0.8, 0.9])).toEqual([1, 1, 1]);
  });
});

describe('clustered two-proportion test (Rao and Scott 1992)', () => {
  it('divides each group by its design effect, worked out by hand', () => {
    // Group 1: accounts (won/closed) 3/4, 0/4, 1/2 -> p = 4/10; spread = (3 - 1.6)^2 + (0 - 1.6)^2 + (1 - 0.8)^2 = 4.56;
    // variance = 3/2 x 4.56 / 100 = 0.0684; binomial 0.4 x 0.6 / 10 = 0.024; deff = 2.85.
    const g1 = [
      { trials: 4, successes: 3 },
      { trials: 4, successes: 0 },
      { trials: 2, successes: 1 },
    ];
    expect(designEffect(g1)).toBeCloseTo(2.85, 12);
    // Group 2: 10 accounts of one opportunity, 8 won: deff = 10/9 (the ratio estimator's m/(m-1)).
    const g2 = [...Array(8).fill({ trials: 1, successes: 1 }), ...Array(2).fill({ trials: 1, successes: 0 })];
    expect(designEffect(g2)).toBeCloseTo(10 / 9, 12);
    const r = clusteredTwoProportionTest(g1, g2)!;
    expect(r.designEffects[0]).toBeCloseTo(2.85, 12);
    // Effective counts: 4/2.85 of 10/2.85, and 8 x 0.9 = 7.2 of 9; the plain z-test on them.
    const [x1, n1, x2, n2] = [4 / 2.85, 10 / 2.85, 7.2, 9];
    const pooled = (x1 + x2) / (n1 + n2);
    const z = (x2 / n2 - x1 / n1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    expect(r.pValue).toBeCloseTo(2 * (1 - phi(z)), 10);
    // Treating the 10 opportunities of group 1 as independent would claim more: a smaller p-value.
    expect(twoProportionTest(4, 10, 8, 10)!.pValue).toBeLessThan(r.pValue);
  });

  it('never lets clustering make a test bolder, and counts a lone account once', () => {
    expect(
      designEffect([
        { trials: 5, successes: 5 },
        { trials: 5, successes: 0 },
        { trials: 2, successes: 1 },
      ]),
    ).toBeGreaterThan(1);
    expect(
      designEffect([
        { trials: 2, successes: 1 },
        { trials: 2, successes: 1 },
      ]),
    ).toBe(1); // less spread than binomial: 1, not below
    expect(designEffect([{ trials: 6, successes: 2 }])).toBe(6);
    expect(
      designEffect([
        { trials: 3, successes: 3 },
        { trials: 2, successes: 2 },
      ]),
    ).toBe(1);
  });
});

describe('Mann-Whitney', () => {
  const pairwise = (a: number[], b: number[]) => a.reduce((s, x) => s + b.reduce((t, y) => t + (y > x ? 1 : y === x ? 0.5 : 0), 0), 0);

  it('counts U as pairs won (ties a half), also with ties', () => {
    for (const [a, b] of [
      [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
      ],
      [
        [1, 2, 2, 3],
        [2, 3, 3, 4],
      ],
      [
        [5, 5, 5],
        [5, 5],
      ],
      [
        [3, 1, 4, 1, 5],
        [9, 2, 6, 5, 3, 5],
      ],
    ]) {
      expect(mannWhitneyU(a, b)).toBe(pairwise(a, b));
    }
  });

  it("gives R's wilcox.test(exact = FALSE, correct = TRUE) p-value", () => {
    // 1:5 against 6:10: U = 25, mean 12.5, sd = sqrt(25/12 x 11) = 4.787136, z = (25 - 12.5 - 0.5) / sd = 2.506718
    const z = 12 / Math.sqrt((25 / 12) * 11);
    expect(mannWhitneyPValue([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toBeCloseTo(2 * (1 - phi(z)), 10);
    expect(mannWhitneyPValue([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toBeCloseTo(0.01219, 4);
    // With ties: a = [1,2,2,3], b = [2,3,3,4]; U = 4 + 3.5 + 3.5 + 2 = 13; ties {2: 3, 3: 3} give sum(t^3 - t) = 48;
    // sd = sqrt(16/12 x (9 - 48/56)) = 3.295018; z = (13 - 8 - 0.5) / sd = 1.365696
    expect(mannWhitneyU([1, 2, 2, 3], [2, 3, 3, 4])).toBe(13);
    const zTies = 4.5 / Math.sqrt((16 / 12) * (9 - 48 / 56));
    expect(zTies).toBeCloseTo(1.365696, 5);
    expect(mannWhitneyPValue([1, 2, 2, 3], [2, 3, 3, 4])).toBeCloseTo(2 * (1 - phi(zTies)), 10);
  });
});

describe('bootstrapDifference', () => {
  const a = [45, 52, 38, 60, 41, 47, 55, 44, 50, 39, 48, 43];
  const b = [28, 31, 25, 35, 27, 30, 26, 33, 29, 24, 32, 30];

  it('is reproducible, whatever the order of the values, and brackets the observed difference of medians', () => {
    const first = bootstrapDifference(a, b, 'median')!;
    expect(bootstrapDifference(a, b, 'median')).toEqual(first);
    expect(bootstrapDifference([...a].reverse(), [...b].sort(), 'median')).toEqual(first);
    const observed = median(b) - median(a);
    expect(first.ciLow).toBeLessThanOrEqual(observed);
    expect(first.ciHigh).toBeGreaterThanOrEqual(observed);
    expect(first.ciHigh).toBeLessThan(0); // clearly shorter cycles
  });

  it('equals the plain percentile bootstrap that sorts every resample, drawn from the same stream', () => {
    const naive = (xs: number[], ys: number[], statistic: (v: number[]) => number) => {
      const rng = createRng(20261124);
      // Resamples are drawn from each sample in ascending order (so that row order does not matter).
      const draw = (v: number[]) => {
        const s = [...v].sort((x, y) => x - y);
        return s.map(() => s[Math.floor(rng() * s.length)]);
      };
      const diffs = Array.from({ length: 1000 }, () => {
        const sy = statistic(draw(ys));
        return sy - statistic(draw(xs));
      }).sort((x, y) => x - y);
      return { ciLow: diffs[Math.floor(0.025 * 999)], ciHigh: diffs[Math.ceil(0.975 * 999)] };
    };
    for (const [xs, ys] of [
      [a, b],
      [a, b.slice(1)],
      [a.slice(0, 5), [30, 30, 30, 28, 29, 29, 31]],
    ]) {
      // even, odd sizes and ties
      for (const [kind, statistic] of [
        ['median', median],
        ['mean', mean],
      ] as const) {
        const counted = bootstrapDifference(xs, ys, kind)!;
        const plain = naive(xs, ys, statistic);
        expect(counted.ciLow).toBeCloseTo(plain.ciLow, 10);
        expect(counted.ciHigh).toBeCloseTo(plain.ciHigh, 10);
      }
    }
  });

  it('keeps the width of the whole sample when it thins a large one (m-out-of-n)', () => {
    // 10,000 values each side, thinned to 400: the interval of the mean difference must be as
    // narrow as the normal theory one for 10,000, not the 5x wider one of 400 values.
    const rng = createRng(7);
    const xs = Array.from({ length: 10000 }, () => rng() * 60);
    const ys = Array.from({ length: 10000 }, () => 10 + rng() * 60);
    const r = bootstrapDifference(xs, ys, 'mean', { maxSample: 400 })!;
    const sd = (v: number[]) => {
      const m = mean(v);
      return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
    };
    const half = z975 * Math.sqrt(sd(xs) ** 2 / xs.length + sd(ys) ** 2 / ys.length); // about 0.48
    const observed = mean(ys) - mean(xs);
    expect((r.ciHigh - r.ciLow) / (2 * half)).toBeGreaterThan(0.8);
    expect((r.ciHigh - r.ciLow) / (2 * half)).toBeLessThan(1.25);
    expect(r.ciLow).toBeLessThan(observed);
    expect(r.ciHigh).toBeGreaterThan(observed);
  });
});

describe('auc', () => {
  it('equals the share of (won, lost) pairs ranked correctly, ties a half', () => {
    const won = [60, 40, 100];
    const lost = [60, 40, 0];
    // pairs: (60,60) .5, (60,40) 1, (60,0) 1, (40,60) 0, (40,40) .5, (40,0) 1, (100,·) 3 => 7 of 9
    expect(auc(won, lost)).toBeCloseTo(7 / 9, 12);
    expect(auc([], lost)).toBeNull();
  });
});

import jStat from 'jstat';
import { auc } from '../../src/reports/backtest.service';
import { bootstrapDifference, mannWhitneyPValue, mannWhitneyU, median, twoProportionTest } from '../../src/reports/statistics';

// Reference values come from an independent implementation of the normal distribution (jStat)
// applied to the textbook formulas, and from direct pair counting.
const phi = (z: number) => jStat.normal.cdf(z, 0, 1);
const z975 = jStat.normal.inv(0.975, 0, 1);

describe('twoProportionTest', () => {
  it('matches the textbook z-test: 8 % of 100 against 22 % of 100 (seed 004)', () => {
    // pooled p = 30/200 = 0.15; se0 = sqrt(0.15 x 0.85 x (1/100 + 1/100)) = 0.0504975; z = 0.14 / se0 = 2.772413
    const se0 = Math.sqrt(0.15 * 0.85 * 0.02);
    const z = 0.14 / se0;
    expect(z).toBeCloseTo(2.772413, 5);
    // Wald interval: 0.14 +/- 1.959964 x sqrt(0.08 x 0.92 / 100 + 0.22 x 0.78 / 100) = [0.042947, 0.237053]
    const r = twoProportionTest(8, 100, 22, 100)!;
    expect(r.pValue).toBeCloseTo(2 * (1 - phi(z)), 10);
    expect(r.pValue).toBeCloseTo(0.005565, 5); // R: prop.test(c(8, 22), c(100, 100), correct = FALSE)
    expect(r.ciLow).toBeCloseTo(0.14 - z975 * Math.sqrt(0.0736 / 100 + 0.1716 / 100), 10);
    expect(r.ciLow).toBeCloseTo(0.042947, 5);
    expect(r.ciHigh).toBeCloseTo(0.237053, 5);
  });

  it('is undefined for an empty group and p = 1 when nothing varies', () => {
    expect(twoProportionTest(0, 0, 1, 2)).toBeNull();
    expect(twoProportionTest(0, 10, 0, 10)!.pValue).toBe(1);
  });
});

describe('Mann-Whitney', () => {
  const pairwise = (a: number[], b: number[]) => a.reduce((s, x) => s + b.reduce((t, y) => t + (y > x ? 1 : y === x ? 0.5 : 0), 0), 0);

  it('counts U as pairs won (ties a half), also with ties', () => {
    for (const [a, b] of [[[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]], [[1, 2, 2, 3], [2, 3, 3, 4]], [[5, 5, 5], [5, 5]], [[3, 1, 4, 1, 5], [9, 2, 6, 5, 3, 5]]]) {
      expect(mannWhitneyU(a, b)).toBe(pairwise(a, b));
    }
  });

  it('gives R\'s wilcox.test(exact = FALSE, correct = TRUE) p-value', () => {
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
  it('is reproducible and brackets the observed difference of medians', () => {
    const a = [45, 52, 38, 60, 41, 47, 55, 44, 50, 39, 48, 43];
    const b = [28, 31, 25, 35, 27, 30, 26, 33, 29, 24, 32, 30];
    const first = bootstrapDifference(a, b, median)!;
    expect(bootstrapDifference(a, b, median)).toEqual(first);
    const observed = median(b) - median(a);
    expect(first.ciLow).toBeLessThanOrEqual(observed);
    expect(first.ciHigh).toBeGreaterThanOrEqual(observed);
    expect(first.ciHigh).toBeLessThan(0); // clearly shorter cycles
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

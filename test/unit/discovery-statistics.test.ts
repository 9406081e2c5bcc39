import jStat from 'jstat';
import {
  aucWithInterval,
  benjaminiHochberg,
  chiSquare,
  fisherExact,
  independenceTest,
  weightOfEvidence,
  type TwoByTwo,
} from '../../src/domain/discovery/discovery-statistics';

// jStat's chi-square distribution, an implementation independent of @stdlib's (test/jstat.d.ts types only its normal).
const chisquareCdf = (x: number, df: number) =>
  (jStat as unknown as { chisquare: { cdf(x: number, df: number): number } }).chisquare.cdf(x, df);
const table = (a: number, b: number, c: number, d: number): TwoByTwo => ({
  positivesHolding: a,
  positivesNot: b,
  negativesHolding: c,
  negativesNot: d,
});

describe("Fisher's exact test", () => {
  it("gives Fisher's lady tasting tea its textbook p-value", () => {
    // 3 of 4 milk-first cups identified: tables 0,1,3,4 right have probabilities 1,16,16,1 of 70;
    // two-sided p = (1 + 16 + 16 + 1) / 70 = 0.4857 (Fisher 1935).
    expect(fisherExact(table(3, 1, 1, 3))).toBeCloseTo(34 / 70, 10);
    // All four right: only the two extreme tables (1/70 each) are as unlikely.
    expect(fisherExact(table(4, 0, 0, 4))).toBeCloseTo(2 / 70, 10);
  });

  it('matches the worked example of studying by sex (1 of 10 men, 11 of 14 women): p = 0.002759', () => {
    expect(fisherExact(table(1, 9, 11, 3))).toBeCloseTo(0.0027594, 6);
  });

  it('is 1 for a table with no association and for an empty one', () => {
    expect(fisherExact(table(5, 5, 5, 5))).toBeCloseTo(1, 10);
    expect(fisherExact(table(0, 0, 0, 0))).toBe(1);
  });
});

describe('chi-square test', () => {
  it("matches jStat's chi-square(1) upper tail for the Pearson statistic computed by hand", () => {
    // 60/100 positives hold against 30/100 negatives: chi2 = 200 (60*70 - 40*30)^2 / (100*100*90*110) = 18.1818...
    const { statistic, pValue } = chiSquare(table(60, 40, 30, 70));
    expect(statistic).toBeCloseTo((200 * (60 * 70 - 40 * 30) ** 2) / (100 * 100 * 90 * 110), 10);
    expect(pValue).toBeCloseTo(1 - chisquareCdf(statistic, 1), 10);
  });

  it('does not underflow to 0 far in the tail', () => {
    // chi2 = 800 (300*300 - 100*100)^2 / 400^4 = 200, where 1 - CDF is already 0 in doubles.
    const { statistic, pValue } = chiSquare(table(300, 100, 100, 300));
    expect(statistic).toBeCloseTo(200, 10);
    expect(1 - chisquareCdf(statistic, 1)).toBe(0);
    expect(pValue).toBeGreaterThan(0);
    expect(pValue).toBeLessThan(1e-40);
  });

  it('is chosen for large tables and Fisher for small or sparse ones', () => {
    expect(independenceTest(table(600, 400, 300, 700)).method).toBe('CHI_SQUARE');
    expect(independenceTest(table(3, 1, 1, 3)).method).toBe('FISHER_EXACT');
    expect(independenceTest(table(2, 998, 1, 999)).method).toBe('FISHER_EXACT'); // expected counts 1.5
  });
});

describe('Benjamini-Hochberg', () => {
  // The 15 p-values of Benjamini & Hochberg (1995), section 4.
  const P = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];

  it('rejects the first four at FDR 0.05, as in the paper', () => {
    expect(benjaminiHochberg(P).filter((q) => q <= 0.05)).toHaveLength(4);
  });

  it('adjusts each p-value to min over larger ranks of p·m/rank (worked by hand)', () => {
    const q = benjaminiHochberg(P);
    expect(q[0]).toBeCloseTo(0.0001 * 15, 12);
    expect(q[1]).toBeCloseTo((0.0004 * 15) / 2, 12);
    expect(q[3]).toBeCloseTo((0.0095 * 15) / 4, 12);
    expect(q[4]).toBeCloseTo((0.0201 * 15) / 5, 12); // 0.0603 < rank 6's 0.0695 after its own min
    expect(q[5]).toBeCloseTo((0.0298 * 15) / 7, 12); // rank 6 takes rank 7's smaller 0.06386
    expect(q[14]).toBe(1);
  });

  it('keeps the order given', () => {
    expect(benjaminiHochberg([0.04, 0.01])).toEqual([0.04, 0.02]);
  });
});

describe('weight of evidence', () => {
  it('computes WoE and IV of a split by hand (half-count correction)', () => {
    const { woe, informationValue } = weightOfEvidence(table(60, 40, 30, 70));
    const [ph, nh, pn, nn] = [60.5 / 101, 30.5 / 101, 40.5 / 101, 70.5 / 101];
    expect(woe).toBeCloseTo(Math.log(ph / nh), 12);
    expect(informationValue).toBeCloseTo((ph - nh) * Math.log(ph / nh) + (pn - nn) * Math.log(pn / nn), 12);
    expect(weightOfEvidence(table(10, 90, 40, 60)).woe).toBeLessThan(0);
  });
});

describe('AUC with DeLong interval', () => {
  // Hanley & McNeil (1982), table I: CT ratings 1-5 of 51 abnormal and 58 normal patients; area 0.893.
  const ratings = (counts: number[]) => counts.flatMap((n, r) => Array<number>(n).fill(r + 1));
  const abnormal = ratings([3, 2, 2, 11, 33]);
  const normal = ratings([33, 6, 6, 11, 2]);

  /** DeLong's variance from its definition: O(m·n) pairwise kernels, independent of the midrank shortcut. */
  function bruteForce(x: number[], y: number[]) {
    const psi = (a: number, b: number) => (a > b ? 1 : a === b ? 0.5 : 0);
    const v10 = x.map((a) => y.reduce((s, b) => s + psi(a, b), 0) / y.length);
    const v01 = y.map((b) => x.reduce((s, a) => s + psi(a, b), 0) / x.length);
    const auc = v10.reduce((s, v) => s + v, 0) / x.length;
    const s2 = (v: number[]) => v.reduce((s, e) => s + (e - auc) ** 2, 0) / (v.length - 1);
    return { auc, se: Math.sqrt(s2(v10) / x.length + s2(v01) / y.length) };
  }

  it("gives the area of Hanley & McNeil's example and the standard error of DeLong's definition", () => {
    expect([abnormal.length, normal.length]).toEqual([51, 58]);
    const got = aucWithInterval(abnormal, normal)!;
    const want = bruteForce(abnormal, normal);
    expect(got.auc).toBeCloseTo(0.893, 3);
    expect(got.auc).toBeCloseTo(want.auc, 12);
    expect(got.standardError).toBeCloseTo(want.se, 12);
    // Hanley & McNeil's own (model-based) standard error for this example is 0.032.
    expect(got.standardError).toBeGreaterThan(0.02);
    expect(got.standardError).toBeLessThan(0.04);
    expect(got.ciLow).toBeCloseTo(got.auc - 1.959964 * got.standardError, 5);
    expect(got.ciHigh).toBeCloseTo(got.auc + 1.959964 * got.standardError, 5);
  });

  it('is null without both classes, 0.5 for identical scores, 1 for perfect separation', () => {
    expect(aucWithInterval([], [1])).toBeNull();
    expect(aucWithInterval([1, 1], [1, 1])!.auc).toBe(0.5);
    expect(aucWithInterval([3, 4], [1, 2])!.auc).toBe(1);
  });
});

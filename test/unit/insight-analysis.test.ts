import { apportion, planDraft, thresholdsFor } from '../../src/domain/discovery/draft-builder';
import { analyse, candidatesOf, simes, type AttributeCounts, type Counts } from '../../src/domain/discovery/insight-analysis';

const c = (positives: number, negatives: number): Counts => ({ positives, negatives });
const none = c(0, 0);

describe('candidate tests', () => {
  it('numbers: thresholds and ranges read the right bins (below, equal to and between cuts)', () => {
    // cuts 10 and 20: bins <10, =10, (10,20), =20, >20
    const a: AttributeCounts = {
      attribute: 'employees',
      type: 'NUMBER',
      dimension: 'FIRMOGRAPHICS',
      missing: none,
      cuts: [10, 20],
      bins: [c(1, 10), c(2, 20), c(4, 40), c(8, 80), c(16, 160)],
    };
    const got = Object.fromEntries(candidatesOf(a).map((k) => [JSON.stringify(k.test), k.holding]));
    expect(got[JSON.stringify({ attribute: 'employees', operator: 'GTE', value: 10 })]).toEqual(c(30, 300));
    expect(got[JSON.stringify({ attribute: 'employees', operator: 'LTE', value: 10 })]).toEqual(c(3, 30));
    expect(got[JSON.stringify({ attribute: 'employees', operator: 'GTE', value: 20 })]).toEqual(c(24, 240));
    expect(got[JSON.stringify({ attribute: 'employees', operator: 'LTE', value: 20 })]).toEqual(c(15, 150));
    expect(got[JSON.stringify({ attribute: 'employees', operator: 'BETWEEN', min: 10, max: 20 })]).toEqual(c(14, 140));
    expect(candidatesOf(a)).toHaveLength(5);
  });

  it('dates: each recency window holds the bins up to it', () => {
    const bins = [c(1, 0), c(0, 1), c(2, 2), c(0, 0), c(0, 0), c(0, 0), c(0, 0), c(0, 0), c(5, 5)];
    const k = candidatesOf({ attribute: 'lastEngagedAt', type: 'DATE', dimension: null, missing: none, bins });
    expect(k.map((x) => [x.test.value, x.holding])).toEqual([
      [7, c(1, 0)],
      [14, c(1, 1)],
      [30, c(3, 3)],
      [60, c(3, 3)],
      [90, c(3, 3)],
      [180, c(3, 3)],
      [365, c(3, 3)],
      [730, c(3, 3)],
    ]);
  });

  it('strings: each value, and sets of the values with the highest and lowest share of positives', () => {
    const values = new Map([
      ['saas', c(30, 10)],
      ['retail', c(5, 35)],
      ['media', c(10, 10)],
    ]);
    const k = candidatesOf({ attribute: 'industry', type: 'STRING', dimension: 'FIRMOGRAPHICS', missing: none, values });
    const sets = k.filter((x) => x.test.values!.length > 1).map((x) => [x.test.values, x.holding]);
    expect(sets).toEqual([
      [['media', 'saas'], c(40, 20)],
      [['media', 'retail'], c(15, 45)],
    ]);
    expect(k.filter((x) => x.test.values!.length === 1)).toHaveLength(3);
  });
});

describe('analysis', () => {
  it('Simes combines a family: min over ranks of k·p(i)/i', () => {
    expect(simes([0.04, 0.01, 0.03])).toBeCloseTo(Math.min(3 * 0.01, (3 * 0.03) / 2, (3 * 0.04) / 3), 12);
  });

  it('warns without positives and when outcomes are few', () => {
    expect(analyse([], c(0, 10), { fdr: 0.05 }).warnings[0]).toMatch(/No positives/);
    expect(analyse([], c(10, 10), { fdr: 0.05 }).warnings[0]).toMatch(/too few outcomes/);
  });

  it('marks an attribute mostly missing and keeps its best test', () => {
    const a: AttributeCounts = {
      attribute: 'demoRequested',
      type: 'BOOLEAN',
      dimension: 'BEHAVIORAL',
      missing: c(60, 60),
      values: new Map([
        ['true', c(35, 5)],
        ['false', c(5, 35)],
      ]),
    };
    const r = analyse([a], c(100, 100), { fdr: 0.05 });
    expect(r.warnings).toContain('demoRequested is missing for 60 % of the analysed accounts: its findings rest on the other 40 %.');
    expect(r.testsTried).toBe(2);
    expect(r.insights[0]).toMatchObject({ test: { operator: 'EQ' }, significant: true, missingShare: 0.6 });
    expect(r.unfavourable[0].test.value).toBe(false);
  });
});

describe('draft building', () => {
  it('apportions weights to 100 by largest remainder', () => {
    expect(apportion([1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion([0.5, 0.3, 0.2])).toEqual([50, 30, 20]);
    expect(apportion([1000, 1]).reduce((s, x) => s + x, 0)).toBe(100);
  });

  it('places thresholds at the scores of the top 10, 30 and 60 %, apart where scores tie', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i); // 99 down to 0
    expect(thresholdsFor(scores)).toEqual({ perfect: 89, strong: 69, moderate: 39 });
    expect(thresholdsFor([...Array(50).fill(0), ...Array(30).fill(40), ...Array(20).fill(100)])).toEqual({
      perfect: 100,
      strong: 40,
      moderate: 0.01,
    });
    expect(thresholdsFor([5, 5, 5])).toEqual({ perfect: 80, strong: 60, moderate: 40 });
  });

  it('returns nothing to build without a significant favourable finding', () => {
    expect(planDraft([], [], [])).toBeNull();
  });
});

import { explainCriterion, requirementOf } from '../../src/domain/scoring/criterion-explanation';
import type { AttributeTest } from '../../src/model/icp-definition';

const test = (t: Record<string, unknown>) => ({ attribute: 'employees', operator: 'GTE', ...t }) as unknown as AttributeTest;

describe('criteria in words', () => {
  it.each([
    [test({ value: 1000 }), { matched: false, missing: false }, 524, 'employees 524: needs at least 1,000'],
    [test({ value: 1000 }), { matched: true, missing: false }, 1524, 'employees 1,524: at least 1,000, met'],
    [test({ value: 1000 }), { matched: false, missing: true }, null, 'employees has no value: needs at least 1,000'],
    [test({ value: 1000 }), { matched: false, missing: false }, undefined, 'employees: needs at least 1,000'],
    [
      test({ operator: 'BETWEEN', min: 200, max: 2000.5 }),
      { matched: true, missing: false },
      300,
      'employees 300: between 200 and 2,000.5, met',
    ],
    [
      test({ attribute: 'industry', operator: 'IN', values: ['saas', 'fintech'] }),
      { matched: false, missing: false },
      'retail',
      'industry retail: needs one of saas, fintech',
    ],
    [
      test({ attribute: 'techStack', operator: 'CONTAINS_ALL', values: ['aws', 'k8s'] }),
      { matched: false, missing: false },
      ['aws'],
      'techStack aws: needs all of aws, k8s',
    ],
    [
      test({ attribute: 'demoRequested', operator: 'EQ', value: true }),
      { matched: false, missing: false },
      false,
      'demoRequested false: needs exactly true',
    ],
    [
      test({ attribute: 'lastEngagedAt', operator: 'WITHIN_DAYS', value: 30 }),
      { matched: true, missing: false },
      '2026-11-20',
      'lastEngagedAt 2026-11-20: a date within the last 30 days, met',
    ],
    [
      test({ attribute: 'region', operator: 'NOT_IN', values: ['APAC'] }),
      { matched: true, missing: false },
      'EMEA',
      'region EMEA: none of APAC, met',
    ],
  ])('%#: %j', (t, outcome, value, expected) => {
    expect(explainCriterion(t, outcome, value)).toBe(expected);
  });

  it('reads graded criteria band by band, with the points earned', () => {
    const graded = test({
      operator: 'BANDS',
      bands: [
        { min: 1000, points: 10 },
        { min: 200, max: 999, points: 4 },
        { max: 199, points: 1 },
      ],
    });
    expect(requirementOf(graded)).toBe('a band (at least 1,000: 10 pts; 200 to 999: 4 pts; at most 199: 1 pts)');
    expect(explainCriterion(graded, { matched: true, missing: false, earned: 4, points: 10 }, 524)).toBe(
      'employees 524: 4 of 10 points by a band (at least 1,000: 10 pts; 200 to 999: 4 pts; at most 199: 1 pts)',
    );
    const aged = test({
      attribute: 'lastEngagedAt',
      operator: 'AGE_BANDS',
      bands: [
        { maxAgeDays: 7, points: 3 },
        { maxAgeDays: 30, points: 1 },
      ],
    });
    expect(explainCriterion(aged, { matched: false, missing: false, earned: 0, points: 3 }, '2026-01-01')).toBe(
      'lastEngagedAt 2026-01-01: needs a band (at most 7 days old: 3 pts; at most 30 days old: 1 pts)',
    );
  });
});

import { compileMatchesAll, evaluateTest, matchesAll } from '../../src/domain/scoring/attribute-test';
import type { AttributeTest, Operator } from '../../src/model/icp-definition';
import { DAY } from '../../src/common/dates';

const AT = new Date('2025-06-30T12:00:00Z');

/** Evaluates `test` on `{ x: value }`; `value` undefined means the key is absent. */
function run(test: Omit<AttributeTest, 'attribute'>, value?: unknown, at: Date = AT) {
  const attrs = value === undefined ? {} : { x: value };
  return evaluateTest({ attribute: 'x', ...test }, attrs, at);
}
const hit = { matched: true, missing: false };
const miss = { matched: false, missing: false };
const absent = { matched: false, missing: true };

describe('missing values', () => {
  const tests: Array<Omit<AttributeTest, 'attribute'>> = [
    { operator: 'EQ', value: 'a' },
    { operator: 'NEQ', value: 'a' },
    { operator: 'GT', value: 1 },
    { operator: 'GTE', value: 1 },
    { operator: 'LT', value: 1 },
    { operator: 'LTE', value: 1 },
    { operator: 'BETWEEN', min: 0, max: 1 },
    { operator: 'IN', values: ['a'] },
    { operator: 'NOT_IN', values: ['a'] },
    { operator: 'CONTAINS_ANY', values: ['a'] },
    { operator: 'CONTAINS_ALL', values: ['a'] },
    { operator: 'EXISTS' },
    { operator: 'WITHIN_DAYS', value: 30 },
  ];
  it.each(tests)('$operator: undefined and null are missing and never match', (t) => {
    expect(run(t, undefined)).toEqual(absent);
    expect(run(t, null)).toEqual(absent);
  });

  it('reads only own properties for keys that shadow Object.prototype', () => {
    expect(evaluateTest({ attribute: 'constructor', operator: 'EXISTS' }, {}, AT)).toEqual(absent);
    expect(evaluateTest({ attribute: 'constructor', operator: 'EQ', value: 'x' }, { constructor: 'X' }, AT)).toEqual(hit);
  });
});

describe('EQ / NEQ', () => {
  it('compares strings case-insensitively', () => {
    expect(run({ operator: 'EQ', value: 'SaaS' }, 'saas')).toEqual(hit);
    expect(run({ operator: 'EQ', value: 'SaaS' }, 'Fintech')).toEqual(miss);
    expect(run({ operator: 'NEQ', value: 'SaaS' }, 'SAAS')).toEqual(miss);
    expect(run({ operator: 'NEQ', value: 'SaaS' }, 'Fintech')).toEqual(hit);
  });
  it('compares numbers and booleans', () => {
    expect(run({ operator: 'EQ', value: 5 }, 5)).toEqual(hit);
    expect(run({ operator: 'NEQ', value: 5 }, 6)).toEqual(hit);
    expect(run({ operator: 'EQ', value: true }, true)).toEqual(hit);
    expect(run({ operator: 'EQ', value: true }, false)).toEqual(miss);
    expect(run({ operator: 'NEQ', value: true }, false)).toEqual(hit);
  });
  it('does not match a value of the wrong type, for NEQ either', () => {
    expect(run({ operator: 'EQ', value: 5 }, '5')).toEqual(miss);
    expect(run({ operator: 'NEQ', value: 5 }, '6')).toEqual(miss);
    expect(run({ operator: 'NEQ', value: 5 }, NaN)).toEqual(miss);
    expect(run({ operator: 'EQ', value: true }, 'true')).toEqual(miss);
    expect(run({ operator: 'NEQ', value: true }, 1)).toEqual(miss);
    expect(run({ operator: 'NEQ', value: 'a' }, ['b'])).toEqual(miss);
  });
});

describe('GT / GTE / LT / LTE', () => {
  it.each<[Operator, number, boolean]>([
    ['GT', 10, false],
    ['GT', 11, true],
    ['GTE', 10, true],
    ['GTE', 9, false],
    ['LT', 10, false],
    ['LT', 9, true],
    ['LTE', 10, true],
    ['LTE', 11, false],
  ])('%s 10 on %d is %s', (operator, v, expected) => {
    expect(run({ operator, value: 10 }, v).matched).toBe(expected);
  });
  it('compares ISO-8601 strings as instants, not as text', () => {
    // Same instant written with and without an offset.
    expect(run({ operator: 'GTE', value: '2025-01-01T00:00:00Z' }, '2025-01-01T02:00:00+02:00')).toEqual(hit);
    expect(run({ operator: 'GT', value: '2025-01-01T00:00:00Z' }, '2025-01-01T02:00:00+02:00')).toEqual(miss);
    expect(run({ operator: 'LT', value: '2025-01-01' }, '2024-12-31T23:59:59.999Z')).toEqual(hit);
    expect(run({ operator: 'LTE', value: '2025-01-01' }, '2025-01-01T00:00:00.000Z')).toEqual(hit);
  });
  it('does not match wrong types or unparseable dates', () => {
    expect(run({ operator: 'GT', value: 10 }, '20')).toEqual(miss);
    expect(run({ operator: 'GT', value: 10 }, NaN)).toEqual(miss);
    expect(run({ operator: 'GT', value: '2025-01-01' }, 20250102)).toEqual(miss);
    expect(run({ operator: 'GT', value: '2025-01-01' }, 'next week')).toEqual(miss);
    expect(run({ operator: 'GT', value: 'not a date' }, '2026-01-01')).toEqual(miss);
    expect(run({ operator: 'GT', value: true }, 1)).toEqual(miss);
  });
});

describe('BETWEEN', () => {
  const between = { operator: 'BETWEEN' as const, min: 50, max: 1000 };
  it('is inclusive at both ends', () => {
    expect(run(between, 50)).toEqual(hit);
    expect(run(between, 1000)).toEqual(hit);
    expect(run(between, 49.999)).toEqual(miss);
    expect(run(between, 1000.001)).toEqual(miss);
  });
  it('does not match wrong types', () => {
    expect(run(between, '500')).toEqual(miss);
    expect(run(between, [500])).toEqual(miss);
  });
});

describe('IN / NOT_IN', () => {
  it('matches case-insensitively', () => {
    expect(run({ operator: 'IN', values: ['US', 'Ca'] }, 'us')).toEqual(hit);
    expect(run({ operator: 'IN', values: ['US', 'Ca'] }, 'CA')).toEqual(hit);
    expect(run({ operator: 'IN', values: ['US'] }, 'DE')).toEqual(miss);
    expect(run({ operator: 'NOT_IN', values: ['US', 'Ca'] }, 'ca')).toEqual(miss);
    expect(run({ operator: 'NOT_IN', values: ['US', 'Ca'] }, 'DE')).toEqual(hit);
  });
  it('works on numbers', () => {
    expect(run({ operator: 'IN', values: [1, 2] }, 2)).toEqual(hit);
    expect(run({ operator: 'NOT_IN', values: [1, 2] }, 3)).toEqual(hit);
  });
  it('does not match wrong types, for NOT_IN either', () => {
    expect(run({ operator: 'IN', values: [1, 2] }, '1')).toEqual(miss);
    expect(run({ operator: 'NOT_IN', values: ['1', '2'] }, 3)).toEqual(miss);
    expect(run({ operator: 'NOT_IN', values: ['us'] }, ['de'])).toEqual(miss);
  });
  it('with no operands: IN matches nothing, NOT_IN any scalar', () => {
    expect(run({ operator: 'IN', values: [] }, 'us')).toEqual(miss);
    expect(run({ operator: 'NOT_IN', values: [] }, 'us')).toEqual(hit);
  });
});

describe('CONTAINS_ANY / CONTAINS_ALL', () => {
  const any = { operator: 'CONTAINS_ANY' as const, values: ['Salesforce', 'HubSpot'] };
  const all = { operator: 'CONTAINS_ALL' as const, values: ['AWS', 'Snowflake'] };
  it('CONTAINS_ANY needs one shared element, case-insensitively', () => {
    expect(run(any, ['slack', 'HUBSPOT'])).toEqual(hit);
    expect(run(any, ['slack'])).toEqual(miss);
  });
  it('CONTAINS_ALL needs every operand, in any order, extras allowed', () => {
    expect(run(all, ['snowflake', 'Slack', 'aws'])).toEqual(hit);
    expect(run(all, ['AWS', 'aws'])).toEqual(miss);
  });
  it('an empty list is present and matches neither', () => {
    expect(run(any, [])).toEqual(miss);
    expect(run(all, [])).toEqual(miss);
  });
  it('a scalar is the wrong type', () => {
    expect(run(any, 'Salesforce')).toEqual(miss);
    expect(run(all, 'AWS')).toEqual(miss);
  });
  it('empty operands never match (a vacuous CONTAINS_ALL would disqualify or reward everyone)', () => {
    expect(run({ operator: 'CONTAINS_ANY', values: [] }, ['a'])).toEqual(miss);
    expect(run({ operator: 'CONTAINS_ALL', values: [] }, ['a'])).toEqual(miss);
  });
  it('CONTAINS_ALL works beyond 30 operands', () => {
    const many = Array.from({ length: 40 }, (_, i) => `T${i}`);
    expect(
      run(
        { operator: 'CONTAINS_ALL', values: many },
        many.map((s) => s.toLowerCase()),
      ),
    ).toEqual(hit);
    expect(run({ operator: 'CONTAINS_ALL', values: many }, many.slice(1))).toEqual(miss);
  });
});

describe('EXISTS', () => {
  it('matches any present value, an empty list and false included', () => {
    for (const v of [0, '', false, [], 'x']) expect(run({ operator: 'EXISTS' }, v)).toEqual(hit);
  });
});

describe('WITHIN_DAYS', () => {
  const within = { operator: 'WITHIN_DAYS' as const, value: 30 };
  const iso = (ms: number) => new Date(ms).toISOString();
  it('is inclusive at both ends of [at - 30 days, at]', () => {
    expect(run(within, iso(AT.getTime() - 30 * DAY))).toEqual(hit);
    expect(run(within, iso(AT.getTime()))).toEqual(hit);
    expect(run(within, iso(AT.getTime() - 30 * DAY - 1))).toEqual(miss);
  });
  it('does not match a future date', () => {
    expect(run(within, iso(AT.getTime() + 1))).toEqual(miss);
  });
  it('depends on the given instant only', () => {
    expect(run(within, '2025-06-01T00:00:00Z', new Date('2025-07-01T00:00:00Z'))).toEqual(hit);
    expect(run(within, '2025-06-01T00:00:00Z', new Date('2025-07-01T00:00:00.001Z'))).toEqual(miss);
  });
  it('does not match wrong types', () => {
    expect(run(within, AT.getTime())).toEqual(miss);
    expect(run(within, 'yesterday')).toEqual(miss);
    expect(run({ operator: 'WITHIN_DAYS', value: '30' }, iso(AT.getTime()))).toEqual(miss);
  });
});

describe('matchesAll', () => {
  const rule: AttributeTest[] = [
    { attribute: 'employees', operator: 'GTE', value: 1000 },
    { attribute: 'country', operator: 'IN', values: ['US', 'CA'] },
  ];
  it('needs every test to match', () => {
    expect(matchesAll(rule, { employees: 5000, country: 'us' }, AT)).toBe(true);
    expect(matchesAll(rule, { employees: 500, country: 'us' }, AT)).toBe(false);
    expect(matchesAll(rule, { employees: 5000 }, AT)).toBe(false);
  });
  it('is true for an empty rule', () => {
    expect(matchesAll([], {}, AT)).toBe(true);
  });
  it('agrees with its compiled form', () => {
    const compiled = compileMatchesAll(rule);
    expect(compiled({ employees: 5000, country: 'CA' }, AT)).toBe(true);
    expect(compiled({ employees: 5000, country: 'DE' }, AT)).toBe(false);
  });
});

import {
  canonicalJson,
  definitionHash,
  normalizeCriteria,
  normalizeDefinition,
  sameJson,
} from '../../src/domain/definitions/canonical-definition';
import type { IcpDefinitionInputLike } from '../../src/model/icp-definition';

/** Mimics a GraphQL input object: a class instance with absent optionals set to null. */
class CriterionInput {
  attribute = 'industry';
  operator = 'IN';
  value: unknown = null;
  values: string[] | null = ['saas', 'fintech'];
  min: number | null = null;
  max: number | null = null;
  points = 10;
  label: string | null = null;
}

const input: IcpDefinitionInputLike = {
  dimensions: [
    {
      dimension: 'FIRMOGRAPHICS',
      weight: 100,
      criteria: [
        new CriterionInput(),
        { attribute: 'employees', operator: 'BETWEEN', min: 10, max: 500, points: 5, label: 'Mid-size', value: null, values: null },
      ],
    },
  ],
  disqualifiers: null,
  thresholds: null,
};

describe('normalizeDefinition', () => {
  it('fills defaults and drops null optionals', () => {
    expect(normalizeDefinition(input)).toEqual({
      dimensions: [
        {
          dimension: 'FIRMOGRAPHICS',
          weight: 100,
          criteria: [
            { attribute: 'industry', operator: 'IN', values: ['saas', 'fintech'], points: 10 },
            { attribute: 'employees', operator: 'BETWEEN', min: 10, max: 500, points: 5, label: 'Mid-size' },
          ],
        },
      ],
      disqualifiers: [],
      thresholds: { perfect: 80, strong: 60, moderate: 40 },
      actions: [],
    });
  });

  it('returns plain objects without null keys', () => {
    const criterion = normalizeDefinition(input).dimensions[0].criteria[0];
    expect(Object.getPrototypeOf(criterion)).toBe(Object.prototype);
    expect(Object.keys(criterion)).toEqual(['attribute', 'operator', 'values', 'points']);
  });

  it('fills missing threshold fields one by one and keeps given lists in order', () => {
    const def = normalizeDefinition({
      ...input,
      thresholds: { perfect: 90, strong: null },
      disqualifiers: [{ attribute: 'budgetUsd', operator: 'LT', value: 0, reason: 'No budget', values: null, min: null, max: null }],
      actions: [
        { tier: 'WEAK', action: 'EXCLUDE' },
        { tier: 'PERFECT', action: 'ROUTE_TO_AE' },
      ],
    });
    expect(def.thresholds).toEqual({ perfect: 90, strong: 60, moderate: 40 });
    expect(def.disqualifiers).toEqual([{ attribute: 'budgetUsd', operator: 'LT', value: 0, reason: 'No budget' }]);
    expect(def.actions.map((a) => a.tier)).toEqual(['WEAK', 'PERFECT']);
  });

  it('keeps false and 0 operands', () => {
    expect(normalizeCriteria([{ attribute: 'demoRequested', operator: 'EQ', value: false, points: 1 }])).toEqual([
      { attribute: 'demoRequested', operator: 'EQ', value: false, points: 1 },
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('sorts integer-like keys as strings', () => {
    expect(canonicalJson({ 9: 'a', 10: 'b' })).toBe('{"10":"b","9":"a"}');
  });
});

describe('sameJson', () => {
  // The reference is the definition itself: two values are the same when their canonicalJson is.
  const values: unknown[] = [
    null,
    undefined,
    0,
    -0,
    1,
    1.5,
    NaN,
    Infinity,
    '',
    '1',
    'a',
    true,
    false,
    [],
    [null],
    [undefined],
    [1, 2],
    [2, 1],
    {},
    { a: undefined },
    { a: null },
    { a: 1 },
    { a: 1, b: undefined },
    { b: 2, a: 1 },
    { a: 1, b: 2 },
    { a: { x: [1, { y: 'z' }] } },
    { a: { x: [1, { y: 'z', w: undefined }] } },
    { a: { x: [1, { y: 'Z' }] } },
    { 1: 'a', 0: 'b' },
    { 0: 'b', 1: 'a' },
    { a: [] },
    { a: {} },
    new Date('2026-11-20T00:00:00Z'),
    '2026-11-20T00:00:00.000Z',
    { d: new Date('2026-11-20T00:00:00Z') },
    { d: '2026-11-20T00:00:00.000Z' },
  ];

  it('agrees with comparing canonicalJson texts on every pair of a varied set', () => {
    let same = 0;
    for (const a of values) {
      for (const b of values) {
        const expected = canonicalJson(a) === canonicalJson(b);
        if (sameJson(a, b) !== expected) throw new Error(`sameJson(${canonicalJson(a)}, ${canonicalJson(b)}) should be ${expected}`);
        if (expected) same++;
      }
    }
    // Besides each value with itself: null/undefined/NaN/Infinity/-0 and 0, key orders, undefined members, dates.
    expect(same).toBeGreaterThan(values.length);
  });

  it('tells apart account attributes that differ in one nested value only', () => {
    const stored = { employees: 120, industry: 'saas', tags: ['a', 'b'], lastEngagedAt: '2026-11-01', demoRequested: false };
    expect(
      sameJson(stored, { demoRequested: false, lastEngagedAt: '2026-11-01', tags: ['a', 'b'], industry: 'saas', employees: 120 }),
    ).toBe(true);
    expect(sameJson(stored, { ...stored, tags: ['b', 'a'] })).toBe(false);
    expect(sameJson(stored, { ...stored, employees: '120' })).toBe(false);
    expect(sameJson(stored, { ...stored, extra: null })).toBe(false);
    expect(sameJson(stored, { ...stored, extra: undefined })).toBe(true);
  });
});

describe('definitionHash', () => {
  const def = normalizeDefinition(input);

  it('is a sha256 hex digest', () => {
    expect(definitionHash(def)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered = {
      actions: [],
      thresholds: { moderate: 40, strong: 60, perfect: 80 },
      disqualifiers: [],
      dimensions: def.dimensions.map((d) => ({ criteria: d.criteria.map((c) => ({ ...c })), weight: d.weight, dimension: d.dimension })),
    };
    expect(definitionHash(reordered)).toBe(definitionHash(def));
  });

  it('is the same whether defaults were given or filled', () => {
    const explicit = normalizeDefinition({
      ...input,
      thresholds: { perfect: 80, strong: 60, moderate: 40 },
      disqualifiers: [],
      actions: [],
    });
    expect(definitionHash(explicit)).toBe(definitionHash(def));
  });

  it('changes when any value changes', () => {
    const edits: ((d: typeof def) => void)[] = [
      (d) => {
        d.dimensions[0].weight = 99;
      },
      (d) => {
        d.dimensions[0].criteria[0].points = 11;
      },
      (d) => {
        d.dimensions[0].criteria[0].values = ['fintech', 'saas'];
      },
      (d) => {
        d.dimensions[0].criteria[1].label = 'Mid size';
      },
      (d) => {
        d.thresholds.moderate = 41;
      },
      (d) => {
        d.actions.push({ tier: 'WEAK', action: 'EXCLUDE' });
      },
    ];
    const hashes = edits.map((edit) => {
      const copy = structuredClone(def);
      edit(copy);
      return definitionHash(copy);
    });
    expect(new Set([definitionHash(def), ...hashes]).size).toBe(edits.length + 1);
  });
});

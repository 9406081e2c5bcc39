/**
 * Layer 05 in the pure modules: CUSTOM dimensions, BANDS and AGE_BANDS, and nextChangeAt.
 * Every expected number below is worked out by hand in the comment beside it.
 */
import { compileScorer } from '../../src/domain/scoring/scoring-engine';
import { definitionHash, normalizeDefinition } from '../../src/domain/definitions/canonical-definition';
import { diffDefinitions } from '../../src/domain/definitions/definition-diff';
import { validateDefinition } from '../../src/domain/definitions/definition-validator';
import { DEMO_SEGMENTS } from '../../src/demo/icp-definitions.demo';
import type { AttributeCatalogue, AttributeType, CatalogueEntry, CriterionSpec, IcpDefinitionSpec } from '../../src/model/icp-definition';
import { DAY } from '../../src/common/dates';

const AT = new Date('2026-06-01T00:00:00Z');
const ago = (ms: number) => new Date(AT.getTime() - ms).toISOString();

const teamSize: CriterionSpec = {
  attribute: 'mlTeamSize',
  operator: 'BANDS',
  points: 10,
  label: 'ML team',
  bands: [
    { min: 20, points: 10 },
    { min: 5, max: 19, points: 6 },
    { min: 1, max: 4.5, points: 3 },
  ],
};
const engagement: CriterionSpec = {
  attribute: 'lastEngagedAt',
  operator: 'AGE_BANDS',
  points: 10,
  bands: [
    { maxAgeDays: 7, points: 10 },
    { maxAgeDays: 30, points: 5 },
    { maxAgeDays: 90, points: 2 },
  ],
};

/** use-case 25 (team size, 10 points), engagement 75 (age bands, 10 points). */
const GRADED: IcpDefinitionSpec = {
  dimensions: [
    { dimension: 'CUSTOM', key: 'use-case', name: 'Use case fit', weight: 25, criteria: [teamSize] },
    { dimension: 'CUSTOM', key: 'engagement', name: 'Engagement', weight: 75, criteria: [engagement] },
  ],
  disqualifiers: [],
  thresholds: { perfect: 80, strong: 60, moderate: 40 },
  actions: [],
};

describe('BANDS (worked by hand: 25 x band points / 10)', () => {
  const scorer = compileScorer(GRADED);
  const score = (mlTeamSize: unknown) => scorer.evaluate({ mlTeamSize }, AT);
  it.each([
    // value, outcome of the criterion, its dimension's score
    [1000, 'A', 25], // >= 20, no upper bound: band 0, 10 points
    [20, 'A', 25], // band 0's min, inclusive
    [19.5, '0', 0], // between 19 (band 1's max) and 20 (band 0's min): no band
    [19, 'B', 15], // band 1's max, inclusive: 6 points -> 25 * 6/10
    [5, 'B', 15], // band 1's min, inclusive
    [4.9, '0', 0], // between 4.5 and 5: a gap
    [4.5, 'C', 7.5], // band 2's max: 3 points -> 25 * 3/10
    [1, 'C', 7.5], // band 2's min
    [0.99, '0', 0], // below every band
    [-5, '0', 0],
  ])('%p earns %s (dimension score %p)', (value, code, dimensionScore) => {
    const e = score(value);
    expect(e.outcomes).toBe(`${code}-`);
    expect(e.score).toBe(dimensionScore);
    expect(scorer.quick({ mlTeamSize: value }, AT).score).toBe(dimensionScore);
    expect(e.nextChangeAt).toBeNull(); // a number does not age
  });

  it('takes the first band in order when bands overlap', () => {
    const overlapping = compileScorer({
      ...GRADED,
      dimensions: [
        {
          dimension: 'GROWTH',
          weight: 100,
          criteria: [
            {
              attribute: 'openRoles',
              operator: 'BANDS',
              points: 5,
              bands: [
                { max: 10, points: 2 },
                { min: 5, points: 5 },
              ],
            },
          ],
        },
      ],
    });
    expect(overlapping.evaluate({ openRoles: 7 }, AT)).toMatchObject({ outcomes: 'A', score: 40 }); // 100 * 2/5
    expect(overlapping.evaluate({ openRoles: 11 }, AT)).toMatchObject({ outcomes: 'B', score: 100 });
  });

  it('a band without bounds holds for every number, not for other types', () => {
    const catchAll = compileScorer({
      ...GRADED,
      dimensions: [
        {
          dimension: 'GROWTH',
          weight: 100,
          criteria: [{ attribute: 'openRoles', operator: 'BANDS', points: 4, bands: [{ min: 10, points: 4 }, { points: 1 }] }],
        },
      ],
    });
    expect(catchAll.evaluate({ openRoles: -3 }, AT)).toMatchObject({ outcomes: 'B', score: 25 });
    expect(catchAll.evaluate({ openRoles: '12' }, AT)).toMatchObject({ outcomes: '0', score: 0 });
    expect(catchAll.evaluate({ openRoles: Number.NaN }, AT)).toMatchObject({ outcomes: '0', score: 0 });
  });

  it('explains which band earned', () => {
    const r = scorer.explain({ mlTeamSize: 7, lastEngagedAt: ago(10 * DAY) }, AT);
    // team 7 -> band 1 (6 points): 25 * 0.6 = 15; engaged 10 days ago -> band 1 (5 points): 75 * 0.5 = 37.5
    expect(r.score).toBe(52.5);
    expect(r.tier).toBe('MODERATE');
    expect(r.dimensions.map((d) => [d.dimension, d.key, d.name, d.score])).toEqual([
      ['CUSTOM', 'use-case', 'Use case fit', 15],
      ['CUSTOM', 'engagement', 'Engagement', 37.5],
    ]);
    expect(r.dimensions[0].criteria[0]).toEqual({
      attribute: 'mlTeamSize',
      operator: 'BANDS',
      label: 'ML team',
      matched: true,
      missing: false,
      points: 10,
      earned: 6,
      band: 1,
    });
    expect(r.dimensions[1].criteria[0]).toMatchObject({ matched: true, earned: 5, band: 1 });
    expect(r.completeness).toBe(1);
    const none = scorer.explain({ mlTeamSize: 0 }, AT);
    expect(none.dimensions[0].criteria[0]).toMatchObject({ matched: false, missing: false, earned: 0, band: null });
    expect(none.dimensions[1].criteria[0]).toMatchObject({ matched: false, missing: true, earned: 0, band: null });
    expect(none.completeness).toBe(0.25);
  });
});

describe('AGE_BANDS (worked by hand: 75 x band points / 10; maxAgeDays inclusive)', () => {
  const scorer = compileScorer(GRADED);
  it.each([
    ['a date 2 days in the future (negative age)', -2 * DAY, 'A', 75],
    ['engaged at the scoring instant', 0, 'A', 75],
    ['exactly 7 days old', 7 * DAY, 'A', 75],
    ['7 days and 1 ms old', 7 * DAY + 1, 'B', 37.5],
    ['exactly 30 days old', 30 * DAY, 'B', 37.5],
    ['30 days and 1 ms old', 30 * DAY + 1, 'C', 15],
    ['exactly 90 days old', 90 * DAY, 'C', 15],
    ['90 days and 1 ms old', 90 * DAY + 1, '0', 0],
  ])('%s', (_, age, code, s) => {
    const e = scorer.evaluate({ lastEngagedAt: ago(age) }, AT);
    expect(e.outcomes).toBe(`-${code}`);
    expect(e.score).toBe(s);
    expect(scorer.quick({ lastEngagedAt: ago(age) }, AT).score).toBe(s);
  });

  it('reads date-only values as UTC midnight and ignores non-dates', () => {
    expect(scorer.evaluate({ lastEngagedAt: '2026-05-25' }, AT).outcomes).toBe('-A'); // exactly 7 days
    expect(scorer.evaluate({ lastEngagedAt: '2026-05-24' }, AT).outcomes).toBe('-B');
    expect(scorer.evaluate({ lastEngagedAt: 'last week' }, AT).outcomes).toBe('-0');
    expect(scorer.evaluate({ lastEngagedAt: 20260525 }, AT).outcomes).toBe('-0');
  });
});

describe('nextChangeAt', () => {
  const engaged = (t: string) => compileScorer(GRADED).evaluate({ lastEngagedAt: t }, AT).nextChangeAt?.toISOString() ?? null;

  it('AGE_BANDS: the first millisecond after the current band ends, band after band, then never', () => {
    const scorer = compileScorer(GRADED);
    const t = '2026-05-30T00:00:00.000Z'; // 2 days old at AT: band 0 (7 days)
    // May 30 + 7 days = June 6; + 30 = June 29; + 90 = August 28.
    expect(engaged(t)).toBe('2026-06-06T00:00:00.001Z');
    const walk: Array<[string, string | null]> = [];
    let at: Date | null = AT;
    while (at) {
      const e = scorer.evaluate({ lastEngagedAt: t }, at);
      walk.push([e.outcomes, e.nextChangeAt?.toISOString() ?? null]);
      at = e.nextChangeAt;
    }
    expect(walk).toEqual([
      ['-A', '2026-06-06T00:00:00.001Z'],
      ['-B', '2026-06-29T00:00:00.001Z'],
      ['-C', '2026-08-28T00:00:00.001Z'],
      ['-0', null],
    ]);
    // One millisecond before each instant the earlier band still holds.
    expect(scorer.evaluate({ lastEngagedAt: t }, new Date('2026-06-06T00:00:00.000Z')).outcomes).toBe('-A');
    expect(scorer.evaluate({ lastEngagedAt: t }, new Date('2026-08-28T00:00:00.000Z')).outcomes).toBe('-C');
  });

  it('AGE_BANDS: a future date keeps band 0 until it is maxAgeDays old', () => {
    expect(engaged('2026-06-03T00:00:00Z')).toBe('2026-06-10T00:00:00.001Z');
  });

  const within = (value: string | number, days = 30): string | null =>
    compileScorer({
      ...GRADED,
      dimensions: [
        {
          dimension: 'BEHAVIORAL',
          weight: 100,
          criteria: [{ attribute: 'demoRequestedAt', operator: 'WITHIN_DAYS', value: days, points: 1 }],
        },
      ],
    })
      .evaluate({ demoRequestedAt: value }, AT)
      .nextChangeAt?.toISOString() ?? null;

  it('WITHIN_DAYS: inside the window, the first millisecond after it ends', () => {
    // May 15 12:00 + 30 days = June 14 12:00, still inside (inclusive); out 1 ms later.
    expect(within('2026-05-15T12:00:00Z')).toBe('2026-06-14T12:00:00.001Z');
    // Exactly 30 days old at AT: still inside, out 1 ms later.
    expect(within('2026-05-02T00:00:00Z')).toBe('2026-06-01T00:00:00.001Z');
    // Fractional days: 1.5 days after May 31 00:00 is June 1 12:00.
    expect(within('2026-05-31T00:00:00Z', 1.5)).toBe('2026-06-01T12:00:00.001Z');
  });

  it('WITHIN_DAYS: a future date enters the window when it comes; an old one never changes again', () => {
    expect(within('2026-06-03T00:00:00Z')).toBe('2026-06-03T00:00:00.000Z');
    expect(within('2026-05-01T23:59:59.999Z')).toBeNull(); // 30 days and 1 ms old: out for good
    expect(within('not a date')).toBeNull();
    expect(within(12)).toBeNull();
  });

  it('the instants agree with evaluation: the outcome differs at nextChangeAt and not 1 ms before', () => {
    const def: IcpDefinitionSpec = {
      ...GRADED,
      dimensions: [
        {
          dimension: 'BEHAVIORAL',
          weight: 100,
          criteria: [{ attribute: 'demoRequestedAt', operator: 'WITHIN_DAYS', value: 30, points: 1 }],
        },
      ],
    };
    const scorer = compileScorer(def);
    for (const t of ['2026-05-15T12:00:00Z', '2026-06-03T00:00:00Z', '2026-05-02T00:00:00Z']) {
      const now = scorer.evaluate({ demoRequestedAt: t }, AT);
      const next = now.nextChangeAt!;
      expect(scorer.evaluate({ demoRequestedAt: t }, new Date(next.getTime() - 1)).outcomes).toBe(now.outcomes);
      expect(scorer.evaluate({ demoRequestedAt: t }, next).outcomes).not.toBe(now.outcomes);
    }
  });

  it('date comparisons with a fixed date never flip with time; other operators have no instant', () => {
    const def: IcpDefinitionSpec = {
      ...GRADED,
      dimensions: [
        {
          dimension: 'GROWTH',
          weight: 100,
          criteria: [
            { attribute: 'lastFundingAt', operator: 'GT', value: '2026-01-01', points: 1 },
            { attribute: 'employees', operator: 'GTE', value: 10, points: 1 },
          ],
        },
      ],
    };
    expect(compileScorer(def).evaluate({ lastFundingAt: '2026-03-01', employees: 5 }, AT).nextChangeAt).toBeNull();
  });

  it('a score takes the soonest instant of all its tests, disqualifiers included; missing values have none', () => {
    const def: IcpDefinitionSpec = {
      ...GRADED,
      disqualifiers: [{ attribute: 'churnedAt', operator: 'WITHIN_DAYS', value: 180, reason: 'Churned in the last 6 months' }],
    };
    const scorer = compileScorer(def);
    // engagement 2 days old -> June 6 00:00:00.001; churned Jan 1 -> within 180 days until June 30 (Jan 1 + 180 days).
    const both = scorer.evaluate({ lastEngagedAt: '2026-05-30T00:00:00Z', churnedAt: '2026-01-01T00:00:00Z' }, AT);
    expect(both).toMatchObject({ tier: 'DISQUALIFIED', outcomes: '-A1' });
    expect(both.nextChangeAt!.toISOString()).toBe('2026-06-06T00:00:00.001Z');
    const churnOnly = scorer.evaluate({ churnedAt: '2026-01-01T00:00:00Z' }, AT);
    expect(churnOnly.nextChangeAt!.toISOString()).toBe('2026-06-30T00:00:00.001Z');
    // At that instant the disqualifier no longer holds.
    expect(scorer.evaluate({ churnedAt: '2026-01-01T00:00:00Z' }, churnOnly.nextChangeAt!)).toMatchObject({
      outcomes: '--0',
      tier: 'WEAK',
    });
    expect(scorer.evaluate({}, AT).nextChangeAt).toBeNull();
  });
});

describe('outcome codes of graded criteria', () => {
  const scorer = compileScorer(GRADED);
  it('rebuild the band from its letter, and refuse letters the criterion does not have', () => {
    const r = scorer.fromOutcomes('CA');
    expect(r.dimensions.map((d) => d.criteria[0].band)).toEqual([2, 0]);
    expect(r.score).toBe(82.5); // 25 * 3/10 + 75
    expect(() => scorer.fromOutcomes('DA')).toThrow(/does not fit/); // no band 3
    expect(() => scorer.fromOutcomes('1A')).toThrow(/does not fit/); // graded criteria have no plain match
    const plain = compileScorer({
      ...GRADED,
      dimensions: [{ dimension: 'GROWTH', weight: 100, criteria: [{ attribute: 'openRoles', operator: 'GT', value: 0, points: 1 }] }],
    });
    expect(() => plain.fromOutcomes('A')).toThrow(/does not fit/);
  });
});

const entries: [string, AttributeType][] = [
  ['mlTeamSize', 'NUMBER'],
  ['lastEngagedAt', 'DATE'],
  ['industry', 'STRING'],
  ['employees', 'NUMBER'],
];
const catalogue: AttributeCatalogue = new Map<string, CatalogueEntry>(entries.map(([key, type]) => [key, { key, type }]));
const withDims = (dimensions: unknown[]): IcpDefinitionSpec => ({ ...GRADED, dimensions: dimensions as IcpDefinitionSpec['dimensions'] });
const paths = (def: IcpDefinitionSpec) => validateDefinition(def, catalogue).map((i) => `${i.path}: ${i.message}`);

describe('validation of custom dimensions and bands', () => {
  it('accepts the graded definition', () => {
    expect(paths(GRADED)).toEqual([]);
  });

  it('names the path of each band problem', () => {
    const def = withDims([
      { dimension: 'FIRMOGRAPHICS', weight: 20, criteria: [{ attribute: 'industry', operator: 'EQ', value: 'saas', points: 1 }] },
      {
        dimension: 'CUSTOM',
        key: 'team',
        name: 'Team',
        weight: 40,
        criteria: [
          {
            attribute: 'mlTeamSize',
            operator: 'BANDS',
            points: 8,
            bands: [
              { min: 10, max: 5, points: 8 },
              { maxAgeDays: 3, points: -1 },
            ],
          },
        ],
      },
      {
        dimension: 'CUSTOM',
        key: 'engagement',
        name: 'Engagement',
        weight: 40,
        criteria: [
          {
            attribute: 'lastEngagedAt',
            operator: 'AGE_BANDS',
            points: 10,
            bands: [
              { maxAgeDays: 30, points: 10 },
              { maxAgeDays: 7, points: 5 },
              { min: 1, points: 1 },
            ],
          },
        ],
      },
    ]);
    expect(paths(def)).toEqual([
      'definition.dimensions[1].criteria[0].bands[0].min: must not exceed max (got min 10, max 5)',
      'definition.dimensions[1].criteria[0].bands[1].points: must be a finite number of at least 0 (got -1)',
      'definition.dimensions[1].criteria[0].bands[1].maxAgeDays: not used by operator BANDS (got 3)',
      'definition.dimensions[2].criteria[0].bands[1].maxAgeDays: must be above bands[0].maxAgeDays (30): bands are ordered by strictly increasing age (got 7)',
      'definition.dimensions[2].criteria[0].bands[2].min: not used by operator AGE_BANDS (got 1)',
      'definition.dimensions[2].criteria[0].bands[2].maxAgeDays: required by operator AGE_BANDS',
    ]);
  });

  it("wants the criterion's points to be the highest band's, bands present, and only on graded operators", () => {
    const def = withDims([
      {
        dimension: 'CUSTOM',
        key: 'a',
        name: 'A',
        weight: 50,
        criteria: [
          { attribute: 'mlTeamSize', operator: 'BANDS', points: 10, bands: [{ min: 5, points: 6 }, { points: 3 }] },
          { attribute: 'lastEngagedAt', operator: 'AGE_BANDS', points: 1 },
          { attribute: 'employees', operator: 'GTE', value: 5, points: 1, bands: [{ points: 1 }] },
        ],
      },
      {
        dimension: 'CUSTOM',
        key: 'b',
        name: 'B',
        weight: 50,
        criteria: [
          { attribute: 'mlTeamSize', operator: 'BANDS', value: 3, points: 1, bands: [] },
          { attribute: 'industry', operator: 'BANDS', points: 1, bands: [{ points: 1 }] },
        ],
      },
    ]);
    expect(paths(def)).toEqual([
      "definition.dimensions[0].criteria[0].points: must equal the highest band's points (6) (got 10)",
      'definition.dimensions[0].criteria[1].bands: required by operator AGE_BANDS',
      'definition.dimensions[0].criteria[2].bands: used only by operators BANDS and AGE_BANDS, not GTE',
      'definition.dimensions[1].criteria[0].value: not used by operator BANDS (got 3)',
      'definition.dimensions[1].criteria[0].bands: must not be empty',
      'definition.dimensions[1].criteria[1].operator: operator BANDS does not apply to STRING attribute "industry"',
    ]);
  });

  it('refuses graded operators in disqualifiers', () => {
    const def: IcpDefinitionSpec = { ...GRADED, disqualifiers: [{ attribute: 'mlTeamSize', operator: 'BANDS', reason: 'x' }] };
    expect(paths(def)).toEqual([
      'definition.disqualifiers[0].operator: BANDS grades a scored criterion; a disqualifier must hold or not (use GTE, BETWEEN, WITHIN_DAYS…)',
    ]);
  });

  it('wants a key and a name for CUSTOM dimensions, keys unique and not a built-in one', () => {
    const crit = [{ attribute: 'employees', operator: 'GTE', value: 1, points: 1 }];
    const def = withDims([
      { dimension: 'CUSTOM', weight: 20, criteria: crit },
      { dimension: 'CUSTOM', key: 'Use Case', name: ' ', weight: 20, criteria: crit },
      { dimension: 'CUSTOM', key: 'fit', name: 'Fit', weight: 20, criteria: crit },
      { dimension: 'CUSTOM', key: 'fit', name: 'Fit again', weight: 20, criteria: crit },
      { dimension: 'CUSTOM', key: 'growth', name: 'Growth', weight: 10, criteria: crit },
      { dimension: 'CUSTOM', key: 'x'.repeat(41), name: 'y'.repeat(81), weight: 10, criteria: crit },
    ]);
    expect(paths(def)).toEqual([
      'definition.dimensions[0].key: required for a CUSTOM dimension',
      'definition.dimensions[0].name: required for a CUSTOM dimension',
      'definition.dimensions[1].key: must be 1-40 characters of a-z, 0-9 and - (got "Use Case")',
      'definition.dimensions[1].name: must not be blank (got " ")',
      'definition.dimensions[3].key: "fit" is also the key of dimensions[2]; keys are unique within a definition',
      'definition.dimensions[4].key: "growth" is the key of the built-in dimension GROWTH; use that dimension or another key',
      'definition.dimensions[5].key: must be 1-40 characters of a-z, 0-9 and - (got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")',
      'definition.dimensions[5].name: must be at most 80 characters (got 81)',
    ]);
  });

  it('still sums weights to 100 across custom and built-in dimensions', () => {
    const crit = [{ attribute: 'employees', operator: 'GTE', value: 1, points: 1 }];
    expect(
      paths(
        withDims([
          { dimension: 'FIRMOGRAPHICS', weight: 50, criteria: crit },
          { dimension: 'CUSTOM', key: 'fit', name: 'Fit', weight: 45, criteria: crit },
        ]),
      ),
    ).toEqual(['definition.dimensions: weights must sum to 100 (got 95)']);
  });
});

describe('canonical form and content hash', () => {
  it('keeps the content hash of every definition written before custom dimensions and bands', () => {
    // Hashes computed by the code before this change (commit 8dcf218) for the demo's published versions.
    const byKey = new Map(DEMO_SEGMENTS.map((s) => [s.key, s]));
    expect(definitionHash(normalizeDefinition(byKey.get('strategic')!.live as never))).toBe(
      '11a1729e61367d5a3db018771b1fb35c624b78c3b5104b48fdae60580dc88e43',
    );
    expect(definitionHash(normalizeDefinition(byKey.get('enterprise')!.live as never))).toBe(
      'f21afdbe829c8845854978931dd007de88ee45bbb5c8c6b8835f5400e6c9a487',
    );
    expect(definitionHash(normalizeDefinition(byKey.get('growth')!.legacy as never))).toBe(
      'a665e4905ce4e9c7e1af2aed20ee504becdbdd5770889bcc45cb34ea3e223f1d',
    );
  });

  it('drops the key of a built-in dimension and null band bounds; keeps a CUSTOM key and name', () => {
    const def = normalizeDefinition({
      dimensions: [
        {
          dimension: 'FIRMOGRAPHICS',
          key: 'ignored',
          name: null,
          weight: 50,
          criteria: [{ attribute: 'employees', operator: 'GTE', value: 1, points: 1, bands: null }],
        },
        {
          dimension: 'CUSTOM',
          key: 'fit',
          name: 'Fit',
          weight: 50,
          criteria: [
            { attribute: 'mlTeamSize', operator: 'BANDS', points: 2, bands: [{ min: 1, max: null, maxAgeDays: null, points: 2 }] },
          ],
        },
      ],
    });
    expect(def.dimensions).toEqual([
      { dimension: 'FIRMOGRAPHICS', weight: 50, criteria: [{ attribute: 'employees', operator: 'GTE', value: 1, points: 1 }] },
      {
        dimension: 'CUSTOM',
        key: 'fit',
        name: 'Fit',
        weight: 50,
        criteria: [{ attribute: 'mlTeamSize', operator: 'BANDS', points: 2, bands: [{ min: 1, points: 2 }] }],
      },
    ]);
  });
});

describe('diff by dimension key', () => {
  it('matches custom dimensions by key, and reports name, weight and band changes at their paths', () => {
    const after: IcpDefinitionSpec = {
      ...GRADED,
      dimensions: [
        // reordered: order is not a change
        { dimension: 'CUSTOM', key: 'engagement', name: 'Recent engagement', weight: 75, criteria: [engagement] },
        {
          dimension: 'CUSTOM',
          key: 'use-case',
          name: 'Use case fit',
          weight: 25,
          criteria: [
            {
              ...teamSize,
              bands: [
                { min: 20, points: 10 },
                { min: 5, max: 19, points: 7 },
              ],
            },
          ],
        },
      ],
    };
    expect(diffDefinitions(GRADED, after)).toEqual([
      {
        path: 'dimensions.use-case.criteria[mlTeamSize BANDS].bands',
        kind: 'CHANGED',
        before: teamSize.bands,
        after: [
          { min: 20, points: 10 },
          { min: 5, max: 19, points: 7 },
        ],
      },
      { path: 'dimensions.engagement.name', kind: 'CHANGED', before: 'Engagement', after: 'Recent engagement' },
    ]);
    const renamedKey: IcpDefinitionSpec = { ...GRADED, dimensions: [GRADED.dimensions[0], { ...GRADED.dimensions[1], key: 'intent' }] };
    expect(diffDefinitions(GRADED, renamedKey).map((c) => [c.path, c.kind])).toEqual([
      ['dimensions.engagement', 'REMOVED'],
      ['dimensions.intent', 'ADDED'],
    ]);
  });
});

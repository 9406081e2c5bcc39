import { actionFor, compileScorer, roundTo, scoreAccount, tierFor } from '../../src/domain/scoring/scoring-engine';
import { DEFAULT_THRESHOLDS, type IcpDefinitionSpec } from '../../src/model/icp-definition';

const AT = new Date('2025-06-30T12:00:00Z');

/** Seed-like definition. Point totals: 9, 5, 5, 3, 4. */
const SEED: IcpDefinitionSpec = {
  dimensions: [
    {
      dimension: 'FIRMOGRAPHICS',
      weight: 30,
      criteria: [
        { attribute: 'industry', operator: 'IN', values: ['SaaS', 'Fintech'], points: 4, label: 'Target industry' },
        { attribute: 'employees', operator: 'BETWEEN', min: 50, max: 1000, points: 3 },
        { attribute: 'annualRevenue', operator: 'GTE', value: 5_000_000, points: 2 },
      ],
    },
    {
      dimension: 'TECHNOGRAPHICS',
      weight: 20,
      criteria: [
        { attribute: 'techStack', operator: 'CONTAINS_ANY', values: ['Salesforce', 'HubSpot'], points: 3 },
        { attribute: 'techStack', operator: 'CONTAINS_ALL', values: ['AWS', 'Snowflake'], points: 2 },
      ],
    },
    {
      dimension: 'BEHAVIORAL',
      weight: 25,
      criteria: [
        { attribute: 'websiteVisits30d', operator: 'GTE', value: 10, points: 2 },
        { attribute: 'demoRequested', operator: 'EQ', value: true, points: 3 },
      ],
    },
    {
      dimension: 'BUSINESS_NEEDS',
      weight: 15,
      criteria: [
        { attribute: 'painPoints', operator: 'CONTAINS_ANY', values: ['manual reporting', 'data silos'], points: 2 },
        { attribute: 'budgetUsd', operator: 'GTE', value: 50_000, points: 1 },
      ],
    },
    {
      dimension: 'GROWTH',
      weight: 10,
      criteria: [
        { attribute: 'fundingStage', operator: 'IN', values: ['Series A', 'Series B'], points: 1 },
        { attribute: 'lastFundingAt', operator: 'WITHIN_DAYS', value: 365, points: 2 },
        { attribute: 'openRoles', operator: 'GT', value: 5, points: 1 },
      ],
    },
  ],
  disqualifiers: [
    { attribute: 'country', operator: 'IN', values: ['KP', 'IR', 'CU'], reason: 'Sanctioned country' },
    { attribute: 'budgetUsd', operator: 'LT', value: 10_000, reason: 'Budget under floor' },
  ],
  thresholds: { ...DEFAULT_THRESHOLDS },
  actions: [
    { tier: 'PERFECT', action: 'Route to an AE now' },
    { tier: 'STRONG', action: 'Pursue' },
    { tier: 'MODERATE', action: 'Nurture' },
    { tier: 'DISQUALIFIED', action: 'Exclude' },
  ],
};

const dimScores = (r: { dimensions: Array<{ score: number }> }) => r.dimensions.map((d) => d.score);

describe('worked examples on the seed definition', () => {
  it('acme: strong data, PERFECT', () => {
    // FIRMO  industry saas ✓4, employees 250 ✓3, revenue 3M ✗     -> 30 x 7/9 = 23.333… (23.33)
    // TECHNO any ✓3 (salesforce), all ✗ (no snowflake)            -> 20 x 3/5 = 12
    // BEHAV  visits 42 ✓2, demo ✓3                                -> 25 x 5/5 = 25
    // NEEDS  'Manual Reporting' ✓2, budget 60k ✓1                 -> 15 x 3/3 = 15
    // GROWTH 'series b' ✓1, funded 2025-01-15 (166 d) ✓2, roles 3 ✗ -> 10 x 3/4 = 7.5
    // total 23.333… + 12 + 25 + 15 + 7.5 = 82.833… -> 82.83 >= 80 PERFECT; all present: completeness 1
    const r = scoreAccount(
      SEED,
      {
        industry: 'saas',
        employees: 250,
        annualRevenue: 3_000_000,
        country: 'US',
        techStack: ['salesforce', 'AWS', 'slack'],
        websiteVisits30d: 42,
        demoRequested: true,
        painPoints: ['Manual Reporting'],
        budgetUsd: 60_000,
        fundingStage: 'series b',
        lastFundingAt: '2025-01-15T00:00:00Z',
        openRoles: 3,
      },
      AT,
    );
    expect(r).toMatchObject({
      score: 82.83,
      tier: 'PERFECT',
      disqualifiedBy: [],
      missingAttributes: [],
      completeness: 1,
      action: 'Route to an AE now',
    });
    expect(dimScores(r)).toEqual([23.33, 12, 25, 15, 7.5]);
    expect(r.dimensions[0].criteria[0]).toEqual({
      attribute: 'industry',
      operator: 'IN',
      label: 'Target industry',
      matched: true,
      missing: false,
      points: 4,
      earned: 4,
      band: null,
    });
    expect(r.dimensions[0].criteria[2]).toMatchObject({ label: null, matched: false, missing: false, earned: 0 });
  });

  it('partial data: WEAK, missing attributes listed, completeness 0.5', () => {
    // FIRMO  'Fintech' ✓4, employees missing, revenue 8M ✓2       -> 30 x 6/9 = 20
    // TECHNO techStack missing (both criteria)                     -> 0
    // BEHAV  visits 4 ✗, demo missing                              -> 0
    // NEEDS  painPoints [] present ✗, budget missing               -> 0
    // GROWTH 'Seed' ✗, funded 2023-03-01 ✗, roles 12 ✓1            -> 10 x 1/4 = 2.5
    // total 22.5 < 40 WEAK, no WEAK action -> null.
    // present shares: industry 30x4/9 + revenue 30x2/9 = 20; visits 25x2/5 = 10; painPoints 15x2/3 = 10;
    // growth 10 -> 50 / 100 = 0.5. Missing: criteria order, then the country disqualifier.
    const r = scoreAccount(
      SEED,
      {
        industry: 'Fintech',
        annualRevenue: 8_000_000,
        websiteVisits30d: 4,
        demoRequested: null,
        painPoints: [],
        fundingStage: 'Seed',
        lastFundingAt: '2023-03-01',
        openRoles: 12,
      },
      AT,
    );
    expect(r).toMatchObject({ score: 22.5, tier: 'WEAK', disqualifiedBy: [], completeness: 0.5, action: null });
    expect(dimScores(r)).toEqual([20, 0, 0, 0, 2.5]);
    expect(r.missingAttributes).toEqual(['employees', 'techStack', 'demoRequested', 'budgetUsd', 'country']);
    expect(r.dimensions[3].criteria[0]).toMatchObject({ matched: false, missing: false });
    expect(r.dimensions[2].criteria[1]).toMatchObject({ matched: false, missing: true, earned: 0 });
  });

  it('disqualified: score 0, both reasons in definition order, dimensions still explained', () => {
    // FIRMO  SaaS ✓4, employees 1000 (BETWEEN max) ✓3, revenue 5M (GTE edge) ✓2 -> 30
    // TECHNO HubSpot ✓3, aws+Snowflake ✓2                           -> 20
    // BEHAV  visits 10 (GTE edge) ✓2, demo false ✗                  -> 25 x 2/5 = 10
    // NEEDS  'data silos' ✓2, budget 5k ✗                           -> 15 x 2/3 = 10
    // GROWTH 'Series A' ✓1, funded exactly at - 365 d ✓2, roles 5 (GT) ✗ -> 7.5
    // would be 77.5, but country 'ir' and budget 5k < 10k hold -> 0 DISQUALIFIED
    const r = scoreAccount(
      SEED,
      {
        industry: 'SaaS',
        employees: 1000,
        annualRevenue: 5_000_000,
        country: 'ir',
        techStack: ['HubSpot', 'Snowflake', 'aws'],
        websiteVisits30d: 10,
        demoRequested: false,
        painPoints: ['data silos'],
        budgetUsd: 5_000,
        fundingStage: 'Series A',
        lastFundingAt: '2024-06-30T12:00:00.000Z',
        openRoles: 5,
      },
      AT,
    );
    expect(r).toMatchObject({ score: 0, tier: 'DISQUALIFIED', missingAttributes: [], completeness: 1, action: 'Exclude' });
    expect(r.disqualifiedBy).toEqual(['Sanctioned country', 'Budget under floor']);
    expect(dimScores(r)).toEqual([30, 20, 10, 10, 7.5]);
    expect(r.dimensions[4].criteria.map((c) => c.earned)).toEqual([1, 2, 0]);
  });

  it('moderate: a wrong type is present but earns nothing, a future date does not count', () => {
    // FIRMO  'Retail' ✗, employees 40 ✗, revenue 6M ✓2              -> 30 x 2/9 = 6.666… (6.67)
    // TECHNO HubSpot ✓3, all ✗                                      -> 12
    // BEHAV  ✓2 ✓3                                                  -> 25
    // NEEDS  'hiring' ✗, budget 20k ✗ (and not under the 10k floor)  -> 0
    // GROWTH 'Series A' ✓1, funded tomorrow ✗, roles '6' (string) ✗ -> 10 x 1/4 = 2.5
    // total 6.666… + 12 + 25 + 2.5 = 46.166… -> 46.17 MODERATE; every value present: completeness 1
    const r = scoreAccount(
      SEED,
      {
        industry: 'Retail',
        employees: 40,
        annualRevenue: 6_000_000,
        country: 'DE',
        techStack: ['HubSpot'],
        websiteVisits30d: 15,
        demoRequested: true,
        painPoints: ['hiring'],
        budgetUsd: 20_000,
        fundingStage: 'Series A',
        lastFundingAt: '2025-07-01T00:00:00Z',
        openRoles: '6',
      },
      AT,
    );
    expect(r).toMatchObject({ score: 46.17, tier: 'MODERATE', missingAttributes: [], completeness: 1, action: 'Nurture' });
    expect(dimScores(r)).toEqual([6.67, 12, 25, 0, 2.5]);
    expect(r.dimensions[4].criteria[2]).toMatchObject({ matched: false, missing: false });
  });

  it('no attributes at all: 0, WEAK, completeness 0, every key missing', () => {
    const r = scoreAccount(SEED, {}, AT);
    expect(r).toMatchObject({ score: 0, tier: 'WEAK', disqualifiedBy: [], completeness: 0, action: null });
    expect(dimScores(r)).toEqual([0, 0, 0, 0, 0]);
    expect(r.missingAttributes).toEqual([
      'industry',
      'employees',
      'annualRevenue',
      'techStack',
      'websiteVisits30d',
      'demoRequested',
      'painPoints',
      'budgetUsd',
      'fundingStage',
      'lastFundingAt',
      'openRoles',
      'country',
    ]);
  });
});

/** Two dimensions: `weight` earned when flag is true, the rest never. */
function split(weight: number): IcpDefinitionSpec {
  return {
    dimensions: [
      { dimension: 'FIRMOGRAPHICS', weight, criteria: [{ attribute: 'flag', operator: 'EQ', value: true, points: 1 }] },
      { dimension: 'GROWTH', weight: 100 - weight, criteria: [{ attribute: 'never', operator: 'EXISTS', points: 1 }] },
    ],
    disqualifiers: [],
    thresholds: { ...DEFAULT_THRESHOLDS },
    actions: [],
  };
}

describe('tiers', () => {
  it.each([
    [80, 'PERFECT'],
    [79.99, 'STRONG'],
    [60, 'STRONG'],
    [59.99, 'MODERATE'],
    [40, 'MODERATE'],
    [39.99, 'WEAK'],
    [100, 'PERFECT'],
  ] as const)('score %d is %s', (weight, tier) => {
    const r = scoreAccount(split(weight), { flag: true }, AT);
    expect([r.score, r.tier]).toEqual([weight, tier]);
  });
  it('takes the tier from the rounded score the user sees (79.995 shows as 80: PERFECT)', () => {
    expect(scoreAccount(split(79.995), { flag: true }, AT)).toMatchObject({ score: 80, tier: 'PERFECT' });
  });
  it('tierFor honours custom thresholds, lower bounds inclusive', () => {
    const t = { perfect: 90, strong: 70, moderate: 50 };
    expect([90, 89.99, 70, 50, 49.99].map((s) => tierFor(s, t))).toEqual(['PERFECT', 'STRONG', 'STRONG', 'MODERATE', 'WEAK']);
  });
  it('actionFor returns the tier action or null', () => {
    expect(actionFor(SEED, 'STRONG')).toBe('Pursue');
    expect(actionFor(SEED, 'WEAK')).toBeNull();
  });
});

describe('rounding', () => {
  /** Three 1-point EXISTS criteria on a0, a1, a2. */
  const thirds = (weight = 25): IcpDefinitionSpec['dimensions'][number] => ({
    dimension: 'BEHAVIORAL',
    weight,
    criteria: [0, 1, 2].map((i) => ({ attribute: `a${i}`, operator: 'EXISTS' as const, points: 1 })),
  });
  const def = (dims: IcpDefinitionSpec['dimensions']): IcpDefinitionSpec => ({
    dimensions: dims,
    disqualifiers: [],
    thresholds: { ...DEFAULT_THRESHOLDS },
    actions: [],
  });

  it('rounds a 1/3 share to two decimals', () => {
    expect(scoreAccount(def([thirds()]), { a0: 1 }, AT).score).toBe(8.33);
    expect(scoreAccount(def([thirds()]), { a0: 1, a1: 1 }, AT).score).toBe(16.67);
  });
  it('sums unrounded dimension scores: three 3.33s make 10, not 9.99', () => {
    const r = scoreAccount(def([thirds(10), thirds(10), thirds(10)]), { a0: 1 }, AT);
    expect(dimScores(r)).toEqual([3.33, 3.33, 3.33]);
    expect(r.score).toBe(10);
    // 3 x (10 x 1/3) of the 30 points present, the a1/a2 criteria missing: 10 / 100
    expect(r.completeness).toBe(0.1);
  });
  it('rounds half away from zero despite binary fractions', () => {
    expect([1.005, 2.675, 1.0049, -1.005, 0.125].map((x) => roundTo(x, 2))).toEqual([1.01, 2.68, 1, -1.01, 0.13]);
    expect(roundTo(2 / 3, 4)).toBe(0.6667);
  });
  it('a dimension without points scores 0 rather than NaN', () => {
    const r = scoreAccount(def([{ dimension: 'GROWTH', weight: 100, criteria: [] }]), {}, AT);
    expect([r.score, r.completeness, r.tier]).toEqual([0, 0, 'WEAK']);
  });
});

describe('determinism and quick/explain agreement', () => {
  /** mulberry32: small seeded PRNG so failures reproduce. */
  function prng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const day = 86_400_000;
  const iso = (offsetDays: number) => new Date(AT.getTime() - offsetDays * day).toISOString();
  const POOLS: Record<string, unknown[]> = {
    industry: ['SaaS', 'saas', 'FINTECH', 'Retail', 42, ''],
    employees: [49, 50, 250, 1000, 1001, '250'],
    annualRevenue: [4_999_999, 5_000_000, 2e7, '5000000'],
    country: ['US', 'ir', 'KP', 'de', ['US']],
    techStack: [[], ['aws'], ['Snowflake', 'AWS'], ['HubSpot', 'aws', 'snowflake'], 'Salesforce'],
    websiteVisits30d: [0, 9, 10, 100, NaN],
    demoRequested: [true, false, 'true'],
    painPoints: [[], ['Data Silos'], ['hiring']],
    budgetUsd: [9_999, 10_000, 49_999, 50_000, '1e6'],
    fundingStage: ['series a', 'Series B', 'Seed'],
    lastFundingAt: [iso(0), iso(365), iso(365.00001), iso(-1), '2025-01-01', 'soon', 20250101],
    openRoles: [5, 6, 0, '12'],
  };
  function account(rand: () => number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, pool] of Object.entries(POOLS)) {
      const r = rand();
      if (r < 0.15) continue; // absent
      if (r < 0.2) out[key] = null;
      else out[key] = pool[Math.floor(rand() * pool.length)];
    }
    return out;
  }

  it('quick agrees exactly with explain and scoreAccount on 20,000 generated accounts', () => {
    const rand = prng(20250630);
    const scorer = compileScorer(SEED);
    const tiers = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const attrs = account(rand);
      const full = scorer.explain(attrs, AT);
      expect(scorer.quick(attrs, AT)).toEqual({ score: full.score, tier: full.tier });
      const evaluated = scorer.evaluate(attrs, AT);
      expect([evaluated.score, evaluated.tier]).toEqual([full.score, full.tier]);
      expect(scorer.fromOutcomes(evaluated.outcomes)).toEqual(full);
      if (i % 100 === 0) expect(scoreAccount(SEED, attrs, AT)).toEqual(full);
      expect(full.completeness).toBeGreaterThanOrEqual(0);
      expect(full.completeness).toBeLessThanOrEqual(1);
      tiers.add(full.tier);
    }
    expect([...tiers].sort()).toEqual(['DISQUALIFIED', 'MODERATE', 'PERFECT', 'STRONG', 'WEAK']);
  });

  it('never reads the clock', () => {
    const attrs = { lastFundingAt: iso(10), demoRequested: true };
    jest.useFakeTimers({ now: new Date('2000-01-01T00:00:00Z') });
    const before = scoreAccount(SEED, attrs, AT);
    jest.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const after = scoreAccount(SEED, attrs, AT);
    jest.useRealTimers();
    expect(after).toEqual(before);
  });

  it('a compiled scorer is not affected by later edits of the definition', () => {
    const def = structuredClone(SEED);
    const scorer = compileScorer(def);
    const attrs = { industry: 'SaaS' };
    const before = scorer.explain(attrs, AT);
    def.dimensions[0].criteria[0].values = ['Retail'];
    def.thresholds.perfect = 1;
    expect(scorer.explain(attrs, AT)).toEqual(before);
  });
});

describe('outcome codes', () => {
  it('code each criterion, then each disqualifier: 1 matched, 0 not, - missing', () => {
    const def: IcpDefinitionSpec = {
      dimensions: [
        {
          dimension: 'FIRMOGRAPHICS',
          weight: 60,
          criteria: [
            { attribute: 'employees', operator: 'GTE', value: 50, points: 1 },
            { attribute: 'industry', operator: 'EQ', value: 'saas', points: 1 },
          ],
        },
        { dimension: 'GROWTH', weight: 40, criteria: [{ attribute: 'openRoles', operator: 'GT', value: 0, points: 1 }] },
      ],
      disqualifiers: [{ attribute: 'budgetUsd', operator: 'LT', value: 10_000, reason: 'too small' }],
      thresholds: { perfect: 80, strong: 60, moderate: 40 },
      actions: [],
    };
    const scorer = compileScorer(def);
    // employees 80 >= 50 matched; industry missing; openRoles 0 not > 0; budget 5,000 < 10,000 disqualifies.
    const e = scorer.evaluate({ employees: 80, openRoles: 0, budgetUsd: 5_000 }, AT);
    expect(e).toEqual({ score: 0, tier: 'DISQUALIFIED', outcomes: '1-01', nextChangeAt: null });
    const r = scorer.fromOutcomes('1-01');
    expect(r.disqualifiedBy).toEqual(['too small']);
    expect(r.dimensions.map((d) => d.score)).toEqual([30, 0]);
    expect(r.missingAttributes).toEqual(['industry']);
    // 60 * 1/2 for employees + 40 for openRoles (present, not matched) + 0 for industry = 70 of 100 present.
    expect(r.completeness).toBe(0.7);
    expect(scorer.fromOutcomes('1110')).toMatchObject({ score: 100, tier: 'PERFECT', disqualifiedBy: [] });
  });

  it('refuse a code that does not fit the definition', () => {
    const scorer = compileScorer(SEED);
    expect(() => scorer.fromOutcomes('1')).toThrow(/does not fit/);
    expect(() => scorer.fromOutcomes('x'.repeat(scorer.evaluate({}, AT).outcomes.length))).toThrow(/does not fit/);
  });
});

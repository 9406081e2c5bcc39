import jStat from 'jstat';
import { graphql } from '../gql';
import type { IcpDefinitionInput, LeadInput, OpportunityInput, OpportunityOutcome } from '../gql/graphql';
import { expectError, ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { recordLeads, recordOpportunities } from '../operations/outcomes';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

/**
 * A hand-built history. One dimension: employees >= 100 earns 60 points, a demo request 40.
 * Accounts: A (150, demo) 100; B (150) 60; C (50, demo) 40; D (none) 0.
 * v1 (80/60/40), in effect 2026-01-01: A PERFECT, B STRONG, C MODERATE, D WEAK.
 * v2 (90/70/50), in effect 2026-04-01: A PERFECT, B MODERATE, C WEAK, D WEAK.
 * 2026-05-01: C overridden to STRONG.
 */
const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
let t: TestApp;
let v1: string;
let v2: string;
const phi = (z: number) => jStat.normal.cdf(z, 0, 1);
const definition = (perfect: number, strong: number, moderate: number): IcpDefinitionInput => ({
  dimensions: [
    {
      dimension: 'FIRMOGRAPHICS',
      weight: 100,
      criteria: [
        { attribute: 'employees', operator: 'GTE', value: 100, points: 60 },
        { attribute: 'demoRequested', operator: 'EQ', value: true, points: 40 },
      ],
    },
  ],
  thresholds: { perfect, strong, moderate },
});
const day = (d: string) => `${d}T00:00:00Z`;
const z975 = jStat.normal.inv(0.975, 0, 1);
/** Newcombe's method 10 for p2 - p1, written out from his paper's formulas (Wilson limits of each rate). */
const newcombe = (x1: number, n1: number, x2: number, n2: number) => {
  const wilson = (x: number, n: number) => {
    const p = x / n;
    const c = (2 * n * p + z975 ** 2) / (2 * (n + z975 ** 2));
    const h = (z975 * Math.sqrt(z975 ** 2 + 4 * n * p * (1 - p))) / (2 * (n + z975 ** 2));
    return [c - h, c + h];
  };
  const [[l1, u1], [l2, u2]] = [wilson(x1, n1), wilson(x2, n2)];
  const [p1, p2] = [x1 / n1, x2 / n2];
  return [p2 - p1 - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), p2 - p1 + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)];
};

beforeAll(async () => {
  t = await startTestApp({ clock });
  await t.data(createSegment, {
    input: { key: 'rep', name: 'Reports', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(upsertAccounts, {
    accounts: [
      { externalId: 'A', name: 'A', attributes: { industry: 'saas', employees: 150, demoRequested: true } },
      { externalId: 'B', name: 'B', attributes: { industry: 'saas', employees: 150 } },
      { externalId: 'C', name: 'C', attributes: { industry: 'saas', employees: 50, demoRequested: true } },
      { externalId: 'D', name: 'D', attributes: { industry: 'saas' } },
    ],
  });
  v1 = (await t.data(createDraft, { segmentKey: 'rep', definition: definition(80, 60, 40) })).createDraft.id;
  await t.data(publishVersion, { id: v1, effectiveAt: day('2026-01-01') });
  clock.set(day('2026-04-15'));
  v2 = (await t.data(createDraft, { segmentKey: 'rep', definition: definition(90, 70, 50) })).createDraft.id;
  await t.data(publishVersion, { id: v2, effectiveAt: day('2026-04-01') });
  clock.set(day('2026-05-01'));
  const manager = await t.keyFor('SALES_MANAGER');
  const c = (await t.data(accountCId)).account!.id;
  await t.gql(
    overrideFit,
    {
      input: {
        accountId: c,
        segmentKey: 'rep',
        tier: 'STRONG',
        category: 'STRATEGIC_ACCOUNT',
        justification: 'Their VP Engineering signed a design partnership; headcount data is a year old.',
      },
    },
    { key: manager },
  );
  clock.set(day('2026-06-01'));
  const opp = (
    externalId: string,
    account: string,
    created: string,
    outcome: OpportunityOutcome,
    closed: string | null,
    amount: number | null,
  ): OpportunityInput => ({
    externalId,
    accountExternalId: account,
    createdAt: day(created),
    outcome,
    closedAt: closed && day(closed),
    amount,
  });
  await t.data(recordOpportunities, {
    o: [
      opp('o1', 'B', '2026-02-01', 'WON', '2026-03-03', 1000), // v1: B STRONG, 30 days
      opp('o5', 'A', '2026-02-10', 'WON', '2026-03-02', 5000), // v1: A PERFECT, 20 days
      opp('o7', 'D', '2026-02-15', 'LOST', '2026-02-25', null), // v1: D WEAK
      opp('o6', 'A', '2026-04-05', 'OPEN', null, null), // v2: A PERFECT
      opp('o2', 'B', '2026-04-10', 'LOST', '2026-04-20', 800), // v2: B MODERATE (its tier changed since o1)
      opp('o3', 'C', '2026-04-20', 'LOST', '2026-05-01', 500), // v2: C WEAK, before the override
      opp('o4', 'C', '2026-05-10', 'WON', '2026-05-30', 3000), // v2: C STRONG by override, 20 days
    ],
  });
  const lead = (externalId: string, account: string, created: string, converted: string | null): LeadInput => ({
    externalId,
    accountExternalId: account,
    createdAt: day(created),
    convertedAt: converted && day(converted),
  });
  await t.data(recordLeads, {
    l: [
      lead('l1', 'A', '2026-01-10', '2026-01-20'),
      lead('l2', 'B', '2026-02-01', null),
      lead('l3', 'D', '2026-02-01', null),
      lead('l4', 'C', '2026-03-01', '2026-03-05'),
      lead('l5', 'A', '2026-04-02', '2026-04-03'),
      lead('l6', 'B', '2026-04-05', '2026-04-06'),
      lead('l7', 'C', '2026-04-10', null),
    ],
  });
});
afterAll(() => t.close());

const accountCId = graphql(`
  query AccountCId { account(externalId: "C") { id } }
`);
// The selections the comparison queries below spread; the generator reads these documents.
graphql(`
  fragment ReportMetrics on ConversionMetrics {
    leads convertedLeads leadToOpportunityRate opportunities openOpportunities closed won winRate medianSalesCycleDays averageDealSize revenue
  }
`);
graphql(`
  fragment ReportDelta on MetricDelta { metric before after absoluteChange relativeChange ciLow ciHigh pValue adjustedPValue significant }
`);
const accountCOpportunities = graphql(`
  query AccountCOpportunities { account(externalId: "C") { opportunities { externalId outcome amount } } }
`);
const repDashboard = graphql(`
  query RepTierDashboard { tierDashboard(segmentKey: "rep") { version { number } tiers { tier accounts opportunities won winRate revenue } } }
`);
const dashboardOfVersion = graphql(`
  query RepTierDashboardOfVersion($v: ID) { tierDashboard(segmentKey: "rep", versionId: $v) { tiers { tier accounts opportunities won revenue } } }
`);
const repComparison = graphql(`
  query RepConversionComparison {
    conversionComparison(segmentKey: "rep") {
      before { version { number } from to metrics { ...ReportMetrics } }
      after { version { number } from to metrics { ...ReportMetrics } }
      deltas { ...ReportDelta } followUpDays warnings
      byTier { tier before { opportunities won } after { opportunities won leads } deltas { ...ReportDelta } }
    }
  }
`);
const followedUp = graphql(`
  query RepComparisonFollowedUp($f: Int) {
    conversionComparison(segmentKey: "rep", followUpDays: $f) {
      followUpDays before { from to metrics { ...ReportMetrics } } after { from to metrics { ...ReportMetrics } } deltas { metric pValue } warnings
    }
  }
`);
const noFollowUp = graphql(`
  query RepComparisonWithoutFollowUp { conversionComparison(segmentKey: "rep", followUpDays: 0) { warnings } }
`);
const holmByTier = graphql(`
  query HolmComparisonByTier { conversionComparison(segmentKey: "holm") { byTier { tier deltas { ...ReportDelta } } } }
`);
const windowed = graphql(`
  query RepComparisonInWindow {
    conversionComparison(segmentKey: "rep", windowDays: 31) {
      before { from to metrics { opportunities leads } } after { from to metrics { opportunities leads } }
    }
  }
`);
const noWindow = graphql(`
  query RepComparisonWithoutWindow { conversionComparison(segmentKey: "rep", windowDays: 0) { deltas { metric } } }
`);
const repExceptions = graphql(`
  query RepExceptions {
    exceptions(segmentKey: "rep", from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z") {
      exceptions { account { externalId } kind computedTier effectiveTier override { tier } opportunities won revenue }
      exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation
    }
  }
`);
const narrowExceptions = graphql(`
  query NarrowExceptions { exceptions(segmentKey: "narrow") { exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation } }
`);
const backtest = graphql(`
  query Backtest($v: ID!) {
    backtest(versionId: $v) {
      version { number } baseline { number } accountsScored
      migration { from to accounts }
      tiers { tier accounts closedOpportunities won winRate lift }
      baselineTiers { tier accounts closedOpportunities won }
      auc baselineAuc
    }
  }
`);
const repOpportunitiesByTier = graphql(`
  query RepOpportunitiesByTier { tierDashboard(segmentKey: "rep") { tiers { tier opportunities } } }
`);

describe('recording outcomes', () => {
  it('upserts on externalId and refuses bad rows whole, naming the index', async () => {
    const res = await t.data(recordOpportunities, {
      o: [{ externalId: 'o6', accountExternalId: 'A', createdAt: day('2026-04-05'), outcome: 'OPEN' }],
    });
    expect(res.recordOpportunities).toEqual({ created: 0, updated: 1 });
    for (const [bad, message] of [
      [{ accountExternalId: 'ZZ' }, 'opportunities[1].accountExternalId: account "ZZ" not found'],
      [{ closedAt: day('2026-01-01') }, 'opportunities[1].closedAt: must not be before createdAt'],
      [{ closedAt: null }, 'opportunities[1].closedAt: is required when the outcome is WON'],
      [{ amount: -5 }, 'opportunities[1].amount: must not be negative'],
      [{ amount: 1e20 }, 'opportunities[1].amount: must be below'],
    ] as const) {
      const row: OpportunityInput = {
        externalId: 'new-1',
        accountExternalId: 'A',
        createdAt: day('2026-05-01'),
        outcome: 'WON',
        closedAt: day('2026-05-02'),
        amount: 10,
        ...bad,
      };
      const error = expectError(
        await t.gql(recordOpportunities, {
          o: [{ externalId: 'ok-1', accountExternalId: 'A', createdAt: day('2026-05-01'), outcome: 'OPEN' }, row],
        }),
        'BAD_USER_INPUT',
      );
      expect(error.message).toContain(message);
    }
    expect(await t.sql(`SELECT 1 FROM opportunity WHERE external_id IN ('ok-1', 'new-1')`)).toHaveLength(0);
    expect((await t.data(accountCOpportunities)).account!.opportunities).toEqual([
      { externalId: 'o4', outcome: 'WON', amount: 3000 },
      { externalId: 'o3', outcome: 'LOST', amount: 500 },
    ]);
  });
});

describe('tierDashboard', () => {
  it('counts accounts per effective tier now, and opportunities by the tier they were attributed to while the version was live', async () => {
    const { tierDashboard } = await t.data(repDashboard);
    expect(tierDashboard.version!.number).toBe(2);
    expect(tierDashboard.tiers).toEqual([
      { tier: 'PERFECT', accounts: 1, opportunities: 1, won: 0, winRate: null, revenue: 0 }, // A; o6 open
      { tier: 'STRONG', accounts: 1, opportunities: 1, won: 1, winRate: 1, revenue: 3000 }, // C by override; o4
      { tier: 'MODERATE', accounts: 1, opportunities: 1, won: 0, winRate: 0, revenue: 0 }, // B; o2
      { tier: 'WEAK', accounts: 1, opportunities: 1, won: 0, winRate: 0, revenue: 0 }, // D; o3 (C before its override)
      { tier: 'DISQUALIFIED', accounts: 0, opportunities: 0, won: 0, winRate: null, revenue: 0 },
    ]);
    const old = (await t.data(dashboardOfVersion, { v: v1 })).tierDashboard;
    expect(old.tiers.slice(0, 4)).toEqual([
      { tier: 'PERFECT', accounts: 1, opportunities: 1, won: 1, revenue: 5000 }, // o5
      { tier: 'STRONG', accounts: 1, opportunities: 1, won: 1, revenue: 1000 }, // o1: B was STRONG then
      { tier: 'MODERATE', accounts: 1, opportunities: 0, won: 0, revenue: 0 },
      { tier: 'WEAK', accounts: 1, opportunities: 1, won: 0, revenue: 0 }, // o7
    ]);
  });
});

describe('conversionComparison', () => {
  it('compares the periods of v1 and v2, each metric with its interval and p-value', async () => {
    const { conversionComparison: c } = await t.data(repComparison);
    expect([c.before.version.number, c.before.from, c.before.to]).toEqual([1, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    expect([c.after.version.number, c.after.from, c.after.to]).toEqual([2, '2026-04-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z']);
    // Before: leads l1-l4 (l1, l4 converted); opportunities o1 (won, 30 d, 1000), o5 (won, 20 d, 5000), o7 (lost).
    expect(c.before.metrics).toEqual({
      leads: 4,
      convertedLeads: 2,
      leadToOpportunityRate: 0.5,
      opportunities: 3,
      openOpportunities: 0,
      closed: 3,
      won: 2,
      winRate: 2 / 3,
      medianSalesCycleDays: 25,
      averageDealSize: 3000,
      revenue: 6000,
    });
    // After: leads l5-l7 (l5, l6 converted); o6 open, o2 lost, o3 lost, o4 won (20 d, 3000).
    expect(c.after.metrics).toEqual({
      leads: 3,
      convertedLeads: 2,
      leadToOpportunityRate: 2 / 3,
      opportunities: 4,
      openOpportunities: 1,
      closed: 3,
      won: 1,
      winRate: 1 / 3,
      medianSalesCycleDays: 20,
      averageDealSize: 3000,
      revenue: 3000,
    });

    const byMetric = Object.fromEntries(c.deltas.map((d) => [d.metric, d]));
    // Two-proportion z-test of 2/4 against 2/3: pooled 4/7, z = (1/6) / sqrt(4/7 x 3/7 x (1/4 + 1/3)).
    const z = 1 / 6 / Math.sqrt((4 / 7) * (3 / 7) * (1 / 4 + 1 / 3));
    const [low, high] = newcombe(2, 4, 2, 3);
    expect(byMetric.leadToOpportunityRate.absoluteChange).toBeCloseTo(1 / 6, 6);
    expect(byMetric.leadToOpportunityRate.relativeChange).toBeCloseTo(1 / 3, 6);
    expect(byMetric.leadToOpportunityRate.pValue).toBeCloseTo(2 * (1 - phi(z)), 6);
    expect(byMetric.leadToOpportunityRate.ciLow).toBeCloseTo(low, 6);
    expect(byMetric.leadToOpportunityRate.ciHigh).toBeCloseTo(high, 6);
    expect(byMetric.leadToOpportunityRate.significant).toBe(false);
    for (const d of c.deltas) expect(d.adjustedPValue).toBe(d.pValue); // compared alone
    // Win rate 2/3 -> 1/3: pooled 1/2, z = (1/3) / sqrt(1/4 x 2/3).
    expect(byMetric.winRate.pValue).toBeCloseTo(2 * (1 - phi(1 / 3 / Math.sqrt(0.25 * (2 / 3)))), 6);
    // Cycle days [30, 20] -> [20]: U = 0.5 (one tie, one loss); Mann-Whitney with ties.
    expect(byMetric.medianSalesCycleDays).toMatchObject({ before: 25, after: 20, absoluteChange: -5, significant: false });
    expect(byMetric.medianSalesCycleDays.pValue).toBeGreaterThan(0.05);
    expect(byMetric.revenue).toEqual({
      metric: 'revenue',
      before: 6000,
      after: 3000,
      absoluteChange: -3000,
      relativeChange: -0.5,
      ciLow: null,
      ciHigh: null,
      pValue: null,
      adjustedPValue: null,
      significant: false,
    });
    const strong = c.byTier.find((x) => x.tier === 'STRONG')!;
    expect({ ...strong, deltas: undefined }).toEqual({
      tier: 'STRONG',
      before: { opportunities: 1, won: 1 },
      after: { opportunities: 1, won: 1, leads: 0 },
      deltas: undefined,
    });
    expect(c.byTier.find((x) => x.tier === 'WEAK')!.after).toEqual({ opportunities: 1, won: 0, leads: 1 }); // o3; l7 (C was WEAK on 04-10)
    // STRONG: o1 won (30 d) against o4 won (20 d); no lead after: no lead test.
    expect(strong.deltas.map((d) => [d.metric, d.before, d.after])).toEqual([
      ['leadToOpportunityRate', 0, null],
      ['winRate', 1, 1],
      ['medianSalesCycleDays', 30, 20],
      ['averageDealSize', 1000, 3000],
      ['revenue', 1000, 3000],
    ]);
    expect(strong.deltas[0].pValue).toBeNull();
    expect(strong.deltas[1].pValue).toBe(1); // 1 of 1 against 1 of 1: nothing varies

    expect(c.followUpDays).toBeNull();
    // Worked out by hand. Before: conversions after 10 and 4 days, closes after 30, 20 and 10 days:
    // 90 % of each within 10 and 30 days, so 30. The after period (04-01 to 06-01) has its last 30
    // days younger than that; 1 of its 4 opportunities (o6) is open; every test rests on a handful.
    expect(c.warnings).toEqual([
      "The after period's leads and opportunities created since 2026-05-02 (its last 30 of 61 days) have been followed for less than the 30 days within which " +
        "90 % of the before period's conversions and closes happened: its conversion and win rates are still rising and its cycle times count only the quick deals. " +
        'followUpDays: 30 gives both periods the same follow-up.',
      "25 % of the after period's 4 opportunities are still open: its win rate, cycle time and deal size rest on the deals that closed, which tend to be the quicker ones.",
      'Samples too small for a reliable test: leadToOpportunityRate (4 and 3 leads), winRate (3 and 3 closed opportunities), medianSalesCycleDays (2 and 1 won deals), ' +
        'averageDealSize (2 and 1 won deals with an amount); rates need 5 expected successes and failures in each period, rank tests 10 values.',
      'By tier, samples too small for a reliable test: PERFECT (leadToOpportunityRate, winRate, medianSalesCycleDays, averageDealSize); ' +
        'STRONG (leadToOpportunityRate, winRate, medianSalesCycleDays, averageDealSize); MODERATE (leadToOpportunityRate, winRate); WEAK (leadToOpportunityRate, winRate).',
    ]);
  });

  it('gives both periods the same follow-up with followUpDays, worked out by hand', async () => {
    // Now is 2026-06-01. followUpDays 25: cohorts end 2026-05-07. Before (01-01 to 04-01): leads l1 (converted after
    // 10 days), l2, l3, l4 (4 days); o1 won after 30 days (beyond the horizon: still open at 25 days), o5 won after 20,
    // o7 lost after 10. After (04-01 to 05-07): l5, l6 (1 day each), l7; o6 open, o2 lost after 10, o3 lost after 11;
    // o4 (created 05-10) is too young to count.
    const { conversionComparison: c } = await t.data(followedUp, { f: 25 });
    expect(c.followUpDays).toBe(25);
    expect(c.before).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      metrics: {
        leads: 4,
        convertedLeads: 2,
        leadToOpportunityRate: 0.5,
        opportunities: 3,
        openOpportunities: 1,
        closed: 2,
        won: 1,
        winRate: 0.5,
        medianSalesCycleDays: 20,
        averageDealSize: 5000,
        revenue: 5000,
      },
    });
    expect(c.after).toEqual({
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-05-07T00:00:00.000Z',
      metrics: {
        leads: 3,
        convertedLeads: 2,
        leadToOpportunityRate: 2 / 3,
        opportunities: 3,
        openOpportunities: 1,
        closed: 2,
        won: 0,
        winRate: 0,
        medianSalesCycleDays: null,
        averageDealSize: null,
        revenue: 0,
      },
    });
    // Win rate 1 of 2 against 0 of 2: pooled 1/4, z = 0.5 / sqrt(1/4 x 3/4 x (1/2 + 1/2)).
    expect(c.deltas.find((d) => d.metric === 'winRate')!.pValue).toBeCloseTo(2 * (1 - phi(0.5 / Math.sqrt(3 / 16))), 6);
    expect(c.warnings).toEqual(
      expect.arrayContaining([
        "With followUpDays: 25, 67 % of the before period's closed opportunities closed within the horizon (the 30 days within which 90 % of the before " +
          "period's conversions and closes happened is longer): win rates and cycle times describe the quicker deals.",
        "33 % of the before period's 3 opportunities were not closed within 25 days: its win rate, cycle time and deal size rest on the deals that closed, which tend to be the quicker ones.",
        'The before period covers 90 days and the after period 36: revenue is a total over unequal spans and the seasons differ; windowDays: 36 compares equal windows.',
      ]),
    );
    expect(c.warnings.some((w) => w.includes('have been followed for less than'))).toBe(false);

    // followUpDays 5: l1 (10 days) no longer counts as converted; no opportunity closed within 5 days; the after
    // cohort runs to 05-27 and now holds o4 too (won after 20 days: open at 5).
    const five = (await t.data(followedUp, { f: 5 })).conversionComparison;
    expect(five.before.metrics).toMatchObject({
      leads: 4,
      convertedLeads: 1,
      opportunities: 3,
      openOpportunities: 3,
      closed: 0,
      won: 0,
      winRate: null,
      revenue: 0,
    });
    expect(five.after).toMatchObject({
      to: '2026-05-27T00:00:00.000Z',
      metrics: { leads: 3, convertedLeads: 2, opportunities: 4, openOpportunities: 4, closed: 0 },
    });

    // A horizon longer than the after period has run leaves it empty, and says when it can be compared.
    const long = (await t.data(followedUp, { f: 70 })).conversionComparison;
    expect(long.after).toMatchObject({ to: '2026-04-01T00:00:00.000Z', metrics: { leads: 0, opportunities: 0 } });
    expect(long.warnings).toContain(
      'followUpDays: 70 leaves the after period no lead or opportunity followed that long yet: compare it from 2026-06-10, or with a shorter followUpDays.',
    );

    const error = expectError(await t.gql(noFollowUp), 'BAD_USER_INPUT');
    expect(error.message).toContain('followUpDays: must be 1 to 3650 days (got 0)');
  });

  it('adjusts the per-tier p-values by Holm over the tiers, and decides significance on them', async () => {
    // Three accounts, one per tier, under two versions with the same tiers; 40 leads per tier and period.
    await t.data(createSegment, {
      input: { key: 'holm', name: 'Holm', membership: [{ attribute: 'region', operator: 'EXISTS', points: 1 }] },
    });
    await t.data(upsertAccounts, {
      accounts: [
        { externalId: 'hP', name: 'hP', attributes: { region: 'NA', employees: 150, demoRequested: true } }, // 100: PERFECT
        { externalId: 'hS', name: 'hS', attributes: { region: 'NA', employees: 150 } }, // 60: STRONG
        { externalId: 'hM', name: 'hM', attributes: { region: 'NA', employees: 50, demoRequested: true } }, // 40: MODERATE
      ],
    });
    const h1 = (await t.data(createDraft, { segmentKey: 'holm', definition: definition(80, 60, 40) })).createDraft.id;
    await t.data(publishVersion, { id: h1, effectiveAt: day('2026-01-01') });
    const h2 = (await t.data(createDraft, { segmentKey: 'holm', definition: definition(85, 60, 40) })).createDraft.id;
    await t.data(publishVersion, { id: h2, effectiveAt: day('2026-04-01') });
    // Converted of 40: PERFECT 10 -> 24, STRONG 10 -> 19, MODERATE 10 -> 14.
    const plan: Array<[string, number, number]> = [
      ['hP', 10, 24],
      ['hS', 10, 19],
      ['hM', 10, 14],
    ];
    const leads = plan.flatMap(([account, before, after]) =>
      Array.from({ length: 80 }, (_, i) => {
        const inAfter = i >= 40;
        const created = inAfter ? '2026-04-20' : '2026-02-10';
        const converted = (inAfter ? i - 40 < after : i < before) ? (inAfter ? '2026-04-22' : '2026-02-12') : null;
        return {
          externalId: `${account}-${i}`,
          accountExternalId: account,
          createdAt: day(created),
          convertedAt: converted && day(converted),
        };
      }),
    );
    await t.data(recordLeads, { l: leads });
    const { conversionComparison: c } = await t.data(holmByTier);
    const zTest = (x1: number, x2: number, n = 40) => {
      const pooled = (x1 + x2) / (2 * n);
      return 2 * (1 - phi((x2 - x1) / n / Math.sqrt(pooled * (1 - pooled) * (2 / n))));
    };
    const [pP, pS, pM] = [zTest(10, 24), zTest(10, 19), zTest(10, 14)];
    expect(pP).toBeLessThan(pS);
    expect(pS).toBeLessThan(0.05); // significant alone …
    expect(pS).toBeLessThan(pM);
    // Holm by hand: ranks 1, 2, 3 get multipliers 3, 2, 1, then running maxima.
    const adjusted = { PERFECT: 3 * pP, STRONG: Math.max(3 * pP, 2 * pS), MODERATE: Math.max(3 * pP, 2 * pS, pM) };
    expect(adjusted.STRONG).toBeGreaterThan(0.05); // … but not among three tiers
    const rates = Object.fromEntries(c.byTier.map((x) => [x.tier, x.deltas.find((d) => d.metric === 'leadToOpportunityRate')!]));
    for (const [tier, p] of [
      ['PERFECT', pP],
      ['STRONG', pS],
      ['MODERATE', pM],
    ] as const) {
      expect(rates[tier].pValue).toBeCloseTo(p, 6);
      expect(rates[tier].adjustedPValue).toBeCloseTo(adjusted[tier], 6);
      expect(rates[tier].significant).toBe(adjusted[tier] < 0.05);
    }
    expect(rates.PERFECT.significant).toBe(true);
    expect(rates.STRONG.significant).toBe(false);
    for (const tier of ['WEAK', 'DISQUALIFIED'])
      expect(rates[tier]).toMatchObject({ pValue: null, adjustedPValue: null, significant: false });
  });

  it("limits both periods to windowDays around the after-version's effectiveAt", async () => {
    const { conversionComparison: c } = await t.data(windowed);
    // 31 days each side of 2026-04-01: l4 (03-01) before; o6, o2, o3 and l5-l7 after (o4, 05-10, is outside).
    expect(c.before).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', metrics: { opportunities: 0, leads: 1 } });
    expect(c.after).toEqual({ from: '2026-04-01T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z', metrics: { opportunities: 3, leads: 3 } });
    expectError(await t.gql(noWindow), 'BAD_USER_INPUT');
  });
});

describe('exceptions', () => {
  it('lists accounts pursued outside the ICP with their outcomes and share of pipeline', async () => {
    const { exceptions: r } = await t.data(repExceptions);
    const items = r.exceptions
      .map((e) => `${e.kind}:${e.account.externalId}:${e.computedTier}>${e.effectiveTier}:${e.opportunities}/${e.won}/${e.revenue}`)
      .sort();
    expect(items).toEqual([
      'OVERRIDE_UP:C:WEAK>STRONG:2/1/3000', // o3, o4
      'PURSUED_BELOW_ICP:B:MODERATE>MODERATE:1/0/0', // o2
      'PURSUED_BELOW_ICP:C:WEAK>WEAK:1/0/0', // o3
      'PURSUED_BELOW_ICP:D:WEAK>WEAK:1/0/0', // o7
    ]);
    // Exceptions o2, o3, o4, o7 (closed: 1 won of 4); in ICP o1, o5 (2 of 2 won), o6 open; 4 of 7 opened outside the ICP.
    expect(r).toMatchObject({ exceptionWinRate: 0.25, inIcpWinRate: 1, withinCapacity: false, recommendation: null });
    expect(r.shareOfPipeline).toBeCloseTo(4 / 7, 10);
  });

  it('recommends a look at the ICP when exceptions win significantly more often', async () => {
    await t.data(createSegment, {
      input: { key: 'narrow', name: 'Too narrow', membership: [{ attribute: 'region', operator: 'EXISTS', points: 1 }] },
    });
    const accounts = Array.from({ length: 40 }, (_, i) => ({
      externalId: `n${i}`,
      name: `N${i}`,
      attributes: { region: 'EMEA', employees: i < 20 ? 500 : 10, demoRequested: i < 20 },
    }));
    await t.data(upsertAccounts, { accounts });
    const v = (await t.data(createDraft, { segmentKey: 'narrow', definition: definition(80, 60, 40) })).createDraft.id;
    await t.data(publishVersion, { id: v });
    // In-ICP (n0-n19, PERFECT) win 5 of 20; exceptions (n20-n39, WEAK) win 16 of 20.
    clock.set(day('2026-07-01'));
    await t.data(recordOpportunities, {
      o: accounts.map((a, i): OpportunityInput => ({
        externalId: `no-${i}`,
        accountExternalId: a.externalId,
        createdAt: day('2026-06-10'),
        closedAt: day('2026-06-20'),
        outcome: (i < 20 ? i < 5 : i < 36) ? 'WON' : 'LOST',
        amount: 100,
      })),
    });
    const r = (await t.data(narrowExceptions)).exceptions;
    expect(r).toMatchObject({ exceptionWinRate: 0.8, inIcpWinRate: 0.25, shareOfPipeline: 0.5, withinCapacity: false });
    // One opportunity per account: each group's design effect is 20/19 (Rao and Scott), so the
    // z-test runs on 5 x 19/20 won of 19 against 16 x 19/20 of 19.
    const [x1, x2, n] = [5 * 0.95, 16 * 0.95, 19];
    const pooled = (x1 + x2) / (2 * n);
    const p = 2 * (1 - phi((x2 - x1) / n / Math.sqrt(pooled * (1 - pooled) * (2 / n))));
    expect(r.recommendation).toBe(
      `Exceptions won 80.0 % of closed opportunities against 25.0 % for in-ICP accounts (p = ${p.toPrecision(2)}): ` +
        'the ICP may be too narrow; review the criteria that ranked these accounts below STRONG.',
    );
  });
});

describe('backtest', () => {
  it('scores a draft beside the live version without writing, with tiers, lift and AUC as computed directly', async () => {
    clock.set(day('2026-06-01'));
    // Draft: demo 80 points, employees 20: A 100, B 20, C 80, D 0 under 80/60/40.
    const draft = (
      await t.data(createDraft, {
        segmentKey: 'rep',
        definition: {
          ...definition(80, 60, 40),
          dimensions: [
            {
              dimension: 'FIRMOGRAPHICS',
              weight: 100,
              criteria: [
                { attribute: 'employees', operator: 'GTE', value: 100, points: 20 },
                { attribute: 'demoRequested', operator: 'EQ', value: true, points: 80 },
              ],
            },
          ],
        },
      })
    ).createDraft.id;
    const scoresBefore = (await t.sql('SELECT count(*)::int AS n FROM account_score'))[0].n;
    const { backtest: b } = await t.data(backtest, { v: draft });
    expect((await t.sql('SELECT count(*)::int AS n FROM account_score'))[0].n).toBe(scoresBefore);
    expect([b.version.number, b.baseline!.number, b.accountsScored]).toEqual([3, 2, 4]);
    // Baseline v2 (90/70/50): A PERFECT, B MODERATE (60), C WEAK (40), D WEAK. Draft: A PERFECT, C PERFECT (80), B WEAK (20), D WEAK.
    expect(b.migration).toEqual([
      { from: 'PERFECT', to: 'PERFECT', accounts: 1 },
      { from: 'MODERATE', to: 'WEAK', accounts: 1 },
      { from: 'WEAK', to: 'PERFECT', accounts: 1 },
      { from: 'WEAK', to: 'WEAK', accounts: 1 },
    ]);
    // Closed opportunities: o1 B won, o5 A won, o7 D lost, o2 B lost, o3 C lost, o4 C won: overall 3 of 6.
    // Draft PERFECT = A, C: o5 won, o3 lost, o4 won -> 2/3, lift (2/3)/(1/2); WEAK = B, D: o1 won, o7, o2 lost -> 1/3.
    const perfect = b.tiers.find((x) => x.tier === 'PERFECT')!;
    expect(perfect).toMatchObject({ accounts: 2, closedOpportunities: 3, won: 2 });
    expect(perfect.lift).toBeCloseTo(4 / 3, 10);
    expect(b.tiers.find((x) => x.tier === 'WEAK')).toMatchObject({ accounts: 2, closedOpportunities: 3, won: 1 });
    // AUC, pair by pair. Draft: won scores B 20, A 100, C 80; lost D 0, B 20, C 80.
    const pairs = (won: number[], lost: number[]) =>
      won.reduce((s, w) => s + lost.reduce((u, l) => u + (w > l ? 1 : w === l ? 0.5 : 0), 0), 0) / (won.length * lost.length);
    expect(b.auc).toBeCloseTo(pairs([20, 100, 80], [0, 20, 80]), 10);
    // Baseline scores are those of v1 and v2's criteria: won B 60, A 100, C 40; lost D 0, B 60, C 40.
    expect(b.baselineAuc).toBeCloseTo(pairs([60, 100, 40], [0, 60, 40]), 10);
  });
});

describe('attribution of accounts imported late', () => {
  it("attributes CRM history from before an account's import to its first known tier under the version then in effect", async () => {
    clock.set(day('2026-06-01'));
    const perfect = async () => (await t.data(repOpportunitiesByTier)).tierDashboard.tiers[0];
    const before = await perfect();
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'E', name: 'E', attributes: { industry: 'saas', employees: 500, demoRequested: true } }],
    });
    await t.data(recordOpportunities, {
      o: [{ externalId: 'oE', accountExternalId: 'E', createdAt: day('2026-05-15'), outcome: 'OPEN' }],
    });
    expect(await perfect()).toEqual({ tier: before.tier, opportunities: before.opportunities + 1 });
    const [row] = await t.sql(
      `SELECT s.valid_from FROM account_score s JOIN account a ON a.id = s.account_id WHERE a.external_id = 'E' AND s.version_id = $1`,
      [v2],
    );
    expect(row.valid_from.toISOString()).toBe('2026-04-01T00:00:00.000Z'); // v2's effectiveAt
  });
});

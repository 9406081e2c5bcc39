/** Pure: the metrics of a set of attributed leads and opportunities, and their before/after deltas. */
import type { FitTier } from '../../model/icp-definition';
import { bootstrapDifference, holm, mannWhitneyPValue, mean, median, twoProportionTest, type BootstrapStatistic } from './statistics';
import type { ConversionMetrics, MetricDelta } from '../../model/report.types';

/**
 * What a period's leads and opportunities of one attributed (effective) tier did, with the times
 * their outcomes took: enough to count them with or without a follow-up horizon.
 */
export interface TierOutcomes {
  tier: FitTier;
  leads: number;
  /** Converted leads by whole days (rounded up) from creation to conversion. */
  conversionDays: Map<number, number>;
  opportunities: number;
  won: WonSample[];
  /** Days from creation to close of each lost opportunity. */
  lostDays: number[];
}

/** A won opportunity, as the cycle and deal-size statistics need it. */
export interface WonSample {
  tier: FitTier;
  cycleDays: number;
  amount: number | null;
}

/** The samples the tests need beside the metrics. */
export interface MetricSamples {
  cycleDays: number[];
  dealSizes: number[];
}

/** How long outcomes took, whatever the horizon: converted leads by whole days, and each closed opportunity's days. */
export interface OutcomeTimes {
  conversionDays: Map<number, number>;
  closeDays: number[];
}

export interface PeriodData {
  metrics: ConversionMetrics;
  samples: MetricSamples;
  times: OutcomeTimes;
}

export const ALPHA = 0.05;
const round = (x: number | null, digits = 6) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
// Significant digits, not decimals: a p-value of 1e-12 must not read as 0.
const roundP = (p: number | null) => (p === null ? null : Number(p.toPrecision(8)));

/**
 * Metrics of one tier's (or all tiers') leads and opportunities. With a follow-up horizon only
 * the outcomes within `followUpDays` of creation count: a lead converted later is not converted,
 * an opportunity closed later is still open, and cycle days come from the deals won within it.
 */
export function conversionMetrics(outcomes: TierOutcomes[], followUpDays: number | null = null): PeriodData {
  const within = (d: number) => followUpDays === null || d <= followUpDays;
  let leads = 0;
  let converted = 0;
  let opportunities = 0;
  let lost = 0;
  const conversionDays = new Map<number, number>();
  const closeDays: number[] = [];
  const won: Array<{ cycleDays: number; amount: number | null }> = [];
  for (const t of outcomes) {
    leads += t.leads;
    opportunities += t.opportunities;
    for (const [d, n] of t.conversionDays) {
      conversionDays.set(d, (conversionDays.get(d) ?? 0) + n);
      if (within(d)) converted += n;
    }
    for (const d of t.lostDays) {
      closeDays.push(d);
      if (within(d)) lost++;
    }
    for (const w of t.won) {
      closeDays.push(w.cycleDays);
      if (within(w.cycleDays)) won.push(w);
    }
  }
  const closed = won.length + lost;
  const cycleDays = won.map((w) => w.cycleDays);
  const dealSizes = won.filter((w) => w.amount !== null).map((w) => w.amount!);
  return {
    metrics: {
      leads,
      convertedLeads: converted,
      leadToOpportunityRate: leads ? converted / leads : null,
      opportunities,
      openOpportunities: opportunities - closed,
      closed,
      won: won.length,
      winRate: closed ? won.length / closed : null,
      medianSalesCycleDays: cycleDays.length ? round(median(cycleDays), 2) : null,
      averageDealSize: dealSizes.length ? round(mean(dealSizes), 2) : null,
      revenue: round(
        dealSizes.reduce((s, x) => s + x, 0),
        2,
      )!,
    },
    samples: { cycleDays, dealSizes },
    times: { conversionDays, closeDays },
  };
}

function delta(
  metric: string,
  before: number | null,
  after: number | null,
  test: { ciLow: number; ciHigh: number; pValue: number | null } | null,
): MetricDelta {
  const absoluteChange = before !== null && after !== null ? after - before : null;
  const pValue = roundP(test?.pValue ?? null);
  return {
    metric,
    before,
    after,
    absoluteChange: round(absoluteChange),
    relativeChange: absoluteChange !== null && before ? round(absoluteChange / before) : null,
    ciLow: round(test?.ciLow ?? null),
    ciHigh: round(test?.ciHigh ?? null),
    pValue,
    adjustedPValue: pValue,
    significant: pValue !== null && pValue < ALPHA,
  };
}

/**
 * Each metric's change with its 95 % interval and p-value: two-proportion z-tests with Newcombe
 * intervals for the rates, Mann-Whitney p-values with bootstrap intervals for cycle days (median)
 * and deal size (mean), none for revenue (a total, not a sample). Compared alone, so the adjusted
 * p-value is the p-value.
 */
export function compareMetrics(before: PeriodData, after: PeriodData): MetricDelta[] {
  const b = before.metrics;
  const a = after.metrics;
  const withRank = (xs: number[], ys: number[], stat: BootstrapStatistic) => {
    const interval = bootstrapDifference(xs, ys, stat);
    return interval ? { ...interval, pValue: mannWhitneyPValue(xs, ys) } : null;
  };
  return [
    delta(
      'leadToOpportunityRate',
      b.leadToOpportunityRate,
      a.leadToOpportunityRate,
      twoProportionTest(b.convertedLeads, b.leads, a.convertedLeads, a.leads),
    ),
    delta('winRate', b.winRate, a.winRate, twoProportionTest(b.won, b.closed, a.won, a.closed)),
    delta(
      'medianSalesCycleDays',
      b.medianSalesCycleDays,
      a.medianSalesCycleDays,
      withRank(before.samples.cycleDays, after.samples.cycleDays, 'median'),
    ),
    delta('averageDealSize', b.averageDealSize, a.averageDealSize, withRank(before.samples.dealSizes, after.samples.dealSizes, 'mean')),
    delta('revenue', b.revenue, a.revenue, null),
  ];
}

/**
 * The same deltas for each tier, where a metric tested in several tiers at once is one family:
 * its p-values are adjusted by Holm over the tiers that have a test, and `significant` is decided
 * on the adjusted value (five tiers at 0.05 would otherwise find something by chance).
 */
export function compareTiers<T>(
  tiers: Array<{ tier: T; before: PeriodData; after: PeriodData }>,
): Array<{ tier: T; deltas: MetricDelta[] }> {
  const compared = tiers.map((t) => ({ tier: t.tier, deltas: compareMetrics(t.before, t.after) }));
  const metrics = compared[0]?.deltas.length ?? 0;
  for (let m = 0; m < metrics; m++) {
    const adjusted = holm(compared.map((t) => t.deltas[m].pValue));
    compared.forEach((t, i) => {
      const adjustedPValue = roundP(adjusted[i]);
      Object.assign(t.deltas[m], { adjustedPValue, significant: adjustedPValue !== null && adjustedPValue < ALPHA });
    });
  }
  return compared;
}

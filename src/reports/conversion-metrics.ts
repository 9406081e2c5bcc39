/** Pure: the metrics of a set of attributed leads and opportunities, and their before/after deltas. */
import type { TierCounts, WonSample } from './attribution';
import { bootstrapDifference, mannWhitneyPValue, mean, median, twoProportionTest } from './statistics';

export interface ConversionMetricsData {
  leads: number;
  convertedLeads: number;
  leadToOpportunityRate: number | null;
  opportunities: number;
  closed: number;
  won: number;
  winRate: number | null;
  medianSalesCycleDays: number | null;
  averageDealSize: number | null;
  revenue: number;
}

/** The samples the tests need beside the metrics. */
export interface MetricSamples {
  cycleDays: number[];
  dealSizes: number[];
}

export interface MetricDeltaData {
  metric: string;
  before: number | null;
  after: number | null;
  absoluteChange: number | null;
  relativeChange: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  significant: boolean;
}

const round = (x: number | null, digits = 6) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Metrics of counts (one tier's, or all tiers') and the won opportunities among them. */
export function conversionMetrics(counts: TierCounts[], won: WonSample[]): { metrics: ConversionMetricsData; samples: MetricSamples } {
  const sum = (k: keyof Omit<TierCounts, 'tier'>) => counts.reduce((n, c) => n + c[k], 0);
  const [leads, converted, opportunities, closed, wins] = [sum('leads'), sum('convertedLeads'), sum('opportunities'), sum('closed'), sum('won')];
  const cycleDays = won.map((w) => w.cycleDays);
  const dealSizes = won.filter((w) => w.amount !== null).map((w) => w.amount!);
  return {
    metrics: {
      leads,
      convertedLeads: converted,
      leadToOpportunityRate: leads ? converted / leads : null,
      opportunities,
      closed,
      won: wins,
      winRate: closed ? wins / closed : null,
      medianSalesCycleDays: cycleDays.length ? round(median(cycleDays), 2) : null,
      averageDealSize: dealSizes.length ? round(mean(dealSizes), 2) : null,
      revenue: round(sum('revenue'), 2)!,
    },
    samples: { cycleDays, dealSizes },
  };
}

function delta(metric: string, before: number | null, after: number | null, test: { ciLow: number; ciHigh: number; pValue: number | null } | null): MetricDeltaData {
  const absoluteChange = before !== null && after !== null ? after - before : null;
  return {
    metric, before, after,
    absoluteChange: round(absoluteChange),
    relativeChange: absoluteChange !== null && before ? round(absoluteChange / before) : null,
    ciLow: round(test?.ciLow ?? null), ciHigh: round(test?.ciHigh ?? null),
    // Significant digits, not decimals: a p-value of 1e-12 must not read as 0.
    pValue: test?.pValue == null ? null : Number(test.pValue.toPrecision(8)),
    significant: test?.pValue != null && test.pValue < 0.05,
  };
}

/**
 * Each metric's change with its 95 % interval and p-value: two-proportion z-tests for the rates,
 * Mann-Whitney p-values with bootstrap intervals for cycle days (median) and deal size (mean),
 * none for revenue (a total, not a sample).
 */
export function compareMetrics(
  before: { metrics: ConversionMetricsData; samples: MetricSamples },
  after: { metrics: ConversionMetricsData; samples: MetricSamples },
): MetricDeltaData[] {
  const b = before.metrics;
  const a = after.metrics;
  const withRank = (xs: number[], ys: number[], stat: (v: ArrayLike<number>) => number) => {
    const interval = bootstrapDifference(xs, ys, stat);
    return interval ? { ...interval, pValue: mannWhitneyPValue(xs, ys) } : null;
  };
  return [
    delta('leadToOpportunityRate', b.leadToOpportunityRate, a.leadToOpportunityRate, twoProportionTest(b.convertedLeads, b.leads, a.convertedLeads, a.leads)),
    delta('winRate', b.winRate, a.winRate, twoProportionTest(b.won, b.closed, a.won, a.closed)),
    delta('medianSalesCycleDays', b.medianSalesCycleDays, a.medianSalesCycleDays, withRank(before.samples.cycleDays, after.samples.cycleDays, median)),
    delta('averageDealSize', b.averageDealSize, a.averageDealSize, withRank(before.samples.dealSizes, after.samples.dealSizes, mean)),
    delta('revenue', b.revenue, a.revenue, null),
  ];
}

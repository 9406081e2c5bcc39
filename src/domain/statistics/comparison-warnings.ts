/**
 * Pure: the sentences a before/after comparison carries when its figures may mislead, written
 * for the people who read the comparison, each with what would make it fairer.
 */
import type { MetricDelta } from '../../model/report.types';
import type { OutcomeTimes, PeriodData } from './conversion-metrics';
import { DAY } from '../../common/dates';

/** The share of outcomes a follow-up horizon should cover. */
const COVERAGE = 0.9;
/** Above this share of open opportunities, win rate and cycle rest on the quick deals. */
const OPEN_SHARE = 0.2;
/** Two-proportion z-tests want this many expected successes and failures in each period. */
const MIN_EXPECTED = 5;
/** Rank tests on fewer values than this per period rest on a rough normal approximation. */
const MIN_RANKED = 10;
/** Periods whose lengths differ by this factor or more. */
const LENGTH_RATIO = 2;

export interface ComparedPeriod {
  name: 'before' | 'after';
  from: Date;
  to: Date;
  data: PeriodData;
}

const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const daysOf = (ms: number) => Math.floor(ms / DAY);
const percent = (x: number) => `${Math.round(x * 100)} %`;
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The whole number of days within which 90 % of the conversions and 90 % of the closes happened
 * (the later of the two), or null without any outcome.
 */
export function outcomeHorizon(times: OutcomeTimes): number | null {
  let conversions = 0;
  for (const n of times.conversionDays.values()) conversions += n;
  let horizon: number | null = null;
  if (conversions > 0) {
    let seen = 0;
    for (const d of [...times.conversionDays.keys()].sort((x, y) => x - y)) {
      if ((seen += times.conversionDays.get(d)!) >= COVERAGE * conversions) {
        horizon = d;
        break;
      }
    }
  }
  if (times.closeDays.length > 0) {
    const sorted = Float64Array.from(times.closeDays).sort();
    const close = Math.ceil(sorted[Math.ceil(COVERAGE * sorted.length) - 1]);
    horizon = Math.max(horizon ?? 0, close);
  }
  return horizon === null ? null : Math.max(1, horizon);
}

/** The horizon the before period's outcomes suggest (both periods' when the before period has none). */
function suggestedHorizon(before: PeriodData, after: PeriodData): number | null {
  return (
    outcomeHorizon(before.times) ??
    outcomeHorizon({
      conversionDays: new Map([...before.times.conversionDays, ...after.times.conversionDays]),
      closeDays: [...before.times.closeDays, ...after.times.closeDays],
    })
  );
}

const hasData = (p: ComparedPeriod) => p.data.metrics.leads + p.data.metrics.opportunities > 0;

function maturityWarnings(
  periods: ComparedPeriod[],
  now: number,
  horizon: number | null,
  followUpDays: number | null,
  before: PeriodData,
): string[] {
  const out: string[] = [];
  const basis = (n: number) => `the ${n} days within which ${percent(COVERAGE)} of the before period's conversions and closes happened`;
  if (followUpDays === null) {
    if (horizon === null) return out;
    for (const p of periods) {
      const matureUntil = now - horizon * DAY;
      if (p.to.getTime() <= matureUntil || !hasData(p)) continue;
      const length = daysOf(p.to.getTime() - p.from.getTime());
      out.push(
        matureUntil > p.from.getTime()
          ? `The ${p.name} period's leads and opportunities created since ${dateOf(matureUntil)} (its last ${daysOf(p.to.getTime() - matureUntil)} of ${length} days) ` +
              `have been followed for less than ${basis(horizon)}: its conversion and win rates are still rising and its cycle times count only the quick deals. ` +
              `followUpDays: ${horizon} gives both periods the same follow-up.`
          : `None of the ${p.name} period's leads and opportunities (it began ${daysOf(now - p.from.getTime())} days ago) has been followed for ${basis(horizon)}: ` +
              `its conversion and win rates are still rising and its cycle times count only the quick deals. ` +
              `followUpDays: ${horizon} can compare it from ${dateOf(p.from.getTime() + horizon * DAY)}; a shorter followUpDays compares early outcomes now.`,
      );
    }
    return out;
  }
  for (const p of periods) {
    if (p.to.getTime() > p.from.getTime()) continue;
    out.push(
      `followUpDays: ${followUpDays} leaves the ${p.name} period no lead or opportunity followed that long yet: ` +
        `compare it from ${dateOf(p.from.getTime() + followUpDays * DAY)}, or with a shorter followUpDays.`,
    );
  }
  if (horizon !== null && followUpDays < horizon && before.times.closeDays.length > 0) {
    const share = before.times.closeDays.filter((d) => d <= followUpDays).length / before.times.closeDays.length;
    out.push(
      `With followUpDays: ${followUpDays}, ${percent(share)} of the before period's closed opportunities closed within the horizon ` +
        `(${basis(horizon)} is longer): win rates and cycle times describe the quicker deals.`,
    );
  }
  return out;
}

function openWarnings(periods: ComparedPeriod[], followUpDays: number | null): string[] {
  return periods.flatMap((p) => {
    const { opportunities, openOpportunities } = p.data.metrics;
    if (opportunities === 0 || openOpportunities / opportunities <= OPEN_SHARE) return [];
    const state = followUpDays === null ? 'are still open' : `were not closed within ${followUpDays} days`;
    return [
      `${percent(openOpportunities / opportunities)} of the ${p.name} period's ${count(opportunities, 'opportunity', 'opportunities')} ${state}: ` +
        'its win rate, cycle time and deal size rest on the deals that closed, which tend to be the quicker ones.',
    ];
  });
}

/** Why a metric's test is unreliable for these two periods, or null when it is not. */
function smallSample(metric: string, before: PeriodData, after: PeriodData): string | null {
  const [b, a] = [before.metrics, after.metrics];
  const rate = (x1: number, n1: number, x2: number, n2: number, unit: string) => {
    if (n1 + n2 === 0) return null;
    const pooled = (x1 + x2) / (n1 + n2);
    const expected = Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
    return n1 === 0 || n2 === 0 || expected < MIN_EXPECTED ? `${n1} and ${n2} ${unit}` : null;
  };
  const ranked = (n1: number, n2: number, unit: string) =>
    n1 + n2 > 0 && Math.min(n1, n2) < MIN_RANKED ? `${n1} and ${n2} ${unit}` : null;
  switch (metric) {
    case 'leadToOpportunityRate':
      return rate(b.convertedLeads, b.leads, a.convertedLeads, a.leads, 'leads');
    case 'winRate':
      return rate(b.won, b.closed, a.won, a.closed, 'closed opportunities');
    case 'medianSalesCycleDays':
      return ranked(before.samples.cycleDays.length, after.samples.cycleDays.length, 'won deals');
    case 'averageDealSize':
      return ranked(before.samples.dealSizes.length, after.samples.dealSizes.length, 'won deals with an amount');
    default:
      return null;
  }
}

const RULE = `rates need ${MIN_EXPECTED} expected successes and failures in each period, rank tests ${MIN_RANKED} values`;

function sampleWarnings(
  before: PeriodData,
  after: PeriodData,
  deltas: MetricDelta[],
  tiers: Array<{ tier: string; before: PeriodData; after: PeriodData }>,
): string[] {
  const out: string[] = [];
  const overall = deltas.flatMap((d) => {
    const why = smallSample(d.metric, before, after);
    return why ? [`${d.metric} (${why})`] : [];
  });
  if (overall.length) out.push(`Samples too small for a reliable test: ${overall.join(', ')}; ${RULE}.`);
  const byTier = tiers.flatMap((t) => {
    const metrics = deltas.filter((d) => smallSample(d.metric, t.before, t.after) !== null).map((d) => d.metric);
    return metrics.length ? [`${t.tier} (${metrics.join(', ')})`] : [];
  });
  if (byTier.length) out.push(`By tier, samples too small for a reliable test: ${byTier.join('; ')}.`);
  return out;
}

function lengthWarnings(before: ComparedPeriod, after: ComparedPeriod): string[] {
  const [lb, la] = [before.to.getTime() - before.from.getTime(), after.to.getTime() - after.from.getTime()];
  if (Math.min(lb, la) <= 0 || Math.max(lb, la) / Math.min(lb, la) < LENGTH_RATIO) return [];
  return [
    `The before period covers ${daysOf(lb)} days and the after period ${daysOf(la)}: revenue is a total over unequal spans and the seasons differ; ` +
      `windowDays: ${Math.max(1, daysOf(Math.min(lb, la)))} compares equal windows.`,
  ];
}

/**
 * Plain sentences when a comparison may mislead: cohorts too young for their outcomes (with the
 * followUpDays that would fix it), many open opportunities, samples too small for a test,
 * periods of very different length.
 */
export function comparisonWarnings(args: {
  before: ComparedPeriod;
  after: ComparedPeriod;
  now: Date;
  followUpDays: number | null;
  deltas: MetricDelta[];
  tiers: Array<{ tier: string; before: PeriodData; after: PeriodData }>;
}): string[] {
  const { before, after, followUpDays } = args;
  const periods = [before, after];
  return [
    ...maturityWarnings(periods, args.now.getTime(), suggestedHorizon(before.data, after.data), followUpDays, before.data),
    ...openWarnings(periods, followUpDays),
    ...sampleWarnings(before.data, after.data, args.deltas, args.tiers),
    ...lengthWarnings(before, after),
  ];
}

import type { AppContext } from '../context';
import { refreshStaleStatistics } from '../../db/statistics';
import type { SegmentService } from '../segments/segment.service';
import { BadUserInputError } from '../../errors/domain-errors';
import { overridesOfSegmentDuring } from '../../stores/override-store';
import type { FitTier } from '../../model/icp-definition';
import { attributedOpportunities, REPORT_TABLES, type AttributedOpportunity } from '../../stores/report-queries';
import { spansOf, timeline } from './report-periods';
import type { ExceptionItem, ExceptionKind } from '../../model/report.types';
import { clusteredTwoProportionTest, type Cluster } from '../../domain/statistics/statistics';
import { DAY } from '../../common/dates';

const IN_ICP: ReadonlySet<FitTier> = new Set(['PERFECT', 'STRONG']);
export const CAPACITY = 0.15;

/** An opportunity pursued outside the ICP: opened below STRONG, or lifted into it by an override. */
const isException = (o: AttributedOpportunity) => !IN_ICP.has(o.tier) || (o.overrideId !== null && !IN_ICP.has(o.computedTier));

function outcomes(opps: AttributedOpportunity[]) {
  const won = opps.filter((o) => o.outcome === 'WON');
  return { opportunities: opps.length, won: won.length, revenue: Math.round(won.reduce((s, o) => s + (o.amount ?? 0), 0) * 100) / 100 };
}

/** Closed opportunities as one cluster of trials per account. */
function byAccount(closed: AttributedOpportunity[]): Cluster[] {
  const clusters = new Map<string, Cluster>();
  for (const o of closed) {
    const c = clusters.get(o.accountId) ?? clusters.set(o.accountId, { trials: 0, successes: 0 }).get(o.accountId)!;
    c.trials++;
    if (o.outcome === 'WON') c.successes++;
  }
  return [...clusters.values()];
}

/**
 * Accounts pursued outside the ICP in a period (default: the last 90 days), their outcomes,
 * their win rate against in-ICP accounts, and their share of the period's pipeline. Win rates
 * are per closed opportunity; the test behind the recommendation treats each account's
 * opportunities as one cluster (Rao and Scott's design-effect correction).
 */
export async function exceptionReport(
  services: { segments: SegmentService },
  ctx: AppContext,
  segmentKey: string,
  fromArg?: Date | null,
  toArg?: Date | null,
) {
  const segment = await services.segments.getByKey(ctx, segmentKey);
  await refreshStaleStatistics(ctx.em, REPORT_TABLES, ctx.log);
  const to = toArg ?? ctx.clock.now();
  const from = fromArg ?? new Date(to.getTime() - 90 * DAY);
  if (from >= to) throw BadUserInputError.forField('from', 'must be before to');
  const opportunities = await attributedOpportunities(ctx.em, segment.id, spansOf(await timeline(ctx, segment)), from, to);
  const overrides = await overridesOfSegmentDuring(ctx.em, segment.id, from, to);

  const items: ExceptionItem[] = [];
  const seen = new Set<string>();
  for (const o of overrides) {
    const kind: ExceptionKind | null =
      IN_ICP.has(o.tier) && !IN_ICP.has(o.computedTier)
        ? 'OVERRIDE_UP'
        : !IN_ICP.has(o.tier) && IN_ICP.has(o.computedTier)
          ? 'OVERRIDE_DOWN'
          : null;
    if (!kind || seen.has(`${o.accountId}:${kind}`)) continue;
    seen.add(`${o.accountId}:${kind}`);
    const mine = opportunities.filter((x) => x.accountId === o.accountId);
    items.push({ accountId: o.accountId, kind, computedTier: o.computedTier, effectiveTier: o.tier, override: o, ...outcomes(mine) });
  }
  const below = new Map<string, AttributedOpportunity[]>();
  for (const opp of opportunities.filter((x) => !IN_ICP.has(x.tier))) below.set(opp.accountId, [...(below.get(opp.accountId) ?? []), opp]);
  for (const [accountId, opps] of below) {
    const latest = opps.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
    const override = latest.overrideId ? (overrides.find((o) => o.id === latest.overrideId) ?? null) : null;
    items.push({
      accountId,
      kind: 'PURSUED_BELOW_ICP',
      computedTier: latest.computedTier,
      effectiveTier: latest.tier,
      override,
      ...outcomes(opps),
    });
  }

  const closed = opportunities.filter((o) => o.outcome !== 'OPEN');
  const exceptionClosed = closed.filter(isException);
  const inIcpClosed = closed.filter((o) => !isException(o));
  const wins = (xs: AttributedOpportunity[]) => xs.filter((o) => o.outcome === 'WON').length;
  const exceptionWinRate = exceptionClosed.length ? wins(exceptionClosed) / exceptionClosed.length : null;
  const inIcpWinRate = inIcpClosed.length ? wins(inIcpClosed) / inIcpClosed.length : null;
  const shareOfPipeline = opportunities.length ? opportunities.filter(isException).length / opportunities.length : 0;
  // Several opportunities of one account are not independent trials: the test counts accounts.
  const test = clusteredTwoProportionTest(byAccount(inIcpClosed), byAccount(exceptionClosed));
  const recommendation =
    test && test.pValue < 0.05 && exceptionWinRate! > inIcpWinRate!
      ? `Exceptions won ${(exceptionWinRate! * 100).toFixed(1)} % of closed opportunities against ${(inIcpWinRate! * 100).toFixed(1)} % for in-ICP accounts ` +
        `(p = ${test.pValue.toPrecision(2)}): the ICP may be too narrow; review the criteria that ranked these accounts below STRONG.`
      : null;
  return {
    segment,
    from,
    to,
    exceptions: items,
    exceptionWinRate,
    inIcpWinRate,
    shareOfPipeline,
    withinCapacity: shareOfPipeline <= CAPACITY,
    recommendation,
  };
}

import type { AppContext } from '../context';
import { refreshStaleStatistics } from '../../db/statistics';
import type { SegmentService } from '../segments/segment.service';
import { BadUserInputError } from '../../errors/domain-errors';
import type { FitTier } from '../../model/icp-definition';
import { attributedOpportunities, effectiveTierCounts, periodAggregates, REPORT_TABLES } from '../../stores/report-queries';
import { tierCountsOf } from '../../stores/score-store';
import { comparisonWarnings } from '../../domain/statistics/comparison-warnings';
import { compareMetrics, compareTiers, conversionMetrics, type TierOutcomes } from '../../domain/statistics/conversion-metrics';
import type { VersionService } from '../versions/version.service';
import { checkFollowUp, checkWindow, effectiveVersion, liveOrThrow, periodOf, spansOf, TIERS, timeline } from './report-periods';
import { DAY } from '../../common/dates';
import type { ConversionComparison, TierDashboard } from '../../model/report.types';

export class ReportService {
  constructor(
    private readonly segments: SegmentService,
    private readonly versions: VersionService,
  ) {}

  /**
   * Seed 001's ICP dashboard for one version (default: live): accounts per tier now, and the
   * opportunities opened while the version was in effect, by the tier they were attributed to.
   */
  async tierDashboard(ctx: AppContext, segmentKey: string, versionId?: string | null): Promise<TierDashboard> {
    const segment = await this.segments.getByKey(ctx, segmentKey);
    await refreshStaleStatistics(ctx.em, REPORT_TABLES, ctx.log);
    const version = versionId
      ? await effectiveVersion({ versions: this.versions }, ctx, segment, versionId, 'versionId')
      : await liveOrThrow({ versions: this.versions }, ctx, segment);
    const now = ctx.clock.now();
    // Overrides apply to the live version's fits; a superseded version shows what it computed.
    const counts =
      version.status === 'PUBLISHED' ? await effectiveTierCounts(ctx.em, version.id, now) : await tierCountsOf(ctx.em, version.id);
    const versions = await timeline(ctx, segment);
    const { from, to } = periodOf(version, versions, now);
    const opportunities = (await attributedOpportunities(ctx.em, segment.id, spansOf(versions), from, to)).filter(
      (o) => o.versionId === version.id,
    );
    const tiers = TIERS.map((tier) => {
      const mine = opportunities.filter((o) => o.tier === tier);
      const closed = mine.filter((o) => o.outcome !== 'OPEN');
      const won = closed.filter((o) => o.outcome === 'WON');
      return {
        tier,
        accounts: counts.find((c) => c.tier === tier)?.n ?? 0,
        opportunities: mine.length,
        won: won.length,
        winRate: closed.length ? won.length / closed.length : null,
        revenue: Math.round(won.reduce((sum, o) => sum + (o.amount ?? 0), 0) * 100) / 100,
      };
    });
    return { segment, version, tiers };
  }

  /**
   * Conversion while the before-version was live against while the after-version was live (or
   * `windowDays` on each side of the after-version's effectiveAt), overall and by tier, with
   * each metric's change, 95 % interval and p-value (Holm-adjusted over the tiers), and warnings.
   * With `followUpDays`, each period counts only what was created at least that long before now,
   * and only the outcomes within that many days of creation: both periods get the same follow-up.
   */
  async conversionComparison(
    ctx: AppContext,
    args: {
      segmentKey: string;
      beforeVersionId?: string | null;
      afterVersionId?: string | null;
      windowDays?: number | null;
      followUpDays?: number | null;
    },
  ): Promise<ConversionComparison> {
    const window = checkWindow(args.windowDays);
    const followUpDays = checkFollowUp(args.followUpDays);
    const segment = await this.segments.getByKey(ctx, args.segmentKey);
    await refreshStaleStatistics(ctx.em, REPORT_TABLES, ctx.log);
    const versions = await timeline(ctx, segment);
    const spans = spansOf(versions);
    const after = args.afterVersionId
      ? await effectiveVersion({ versions: this.versions }, ctx, segment, args.afterVersionId, 'afterVersionId')
      : await liveOrThrow({ versions: this.versions }, ctx, segment);
    const before = args.beforeVersionId
      ? await effectiveVersion({ versions: this.versions }, ctx, segment, args.beforeVersionId, 'beforeVersionId')
      : [...versions].reverse().find((v) => v.effectiveAt!.getTime() < after.effectiveAt!.getTime());
    if (!before)
      throw BadUserInputError.forField(
        'beforeVersionId',
        `segment "${segment.key}" has no version in effect before version ${after.number}`,
      );
    if (before.effectiveAt!.getTime() >= after.effectiveAt!.getTime()) {
      throw BadUserInputError.forField('beforeVersionId', `version ${before.number} took effect after version ${after.number}`);
    }
    const now = ctx.clock.now();
    const pivot = after.effectiveAt!;
    const afterEnd = window ? new Date(Math.min(pivot.getTime() + window, now.getTime())) : periodOf(after, versions, now).to;
    // With a horizon, a period's cohorts end followUpDays before now (or where the period ends).
    const cohort = (p: { from: Date; to: Date }) =>
      followUpDays === null
        ? p
        : { from: p.from, to: new Date(Math.max(p.from.getTime(), Math.min(p.to.getTime(), now.getTime() - followUpDays * DAY))) };
    const beforePeriod = cohort(
      window
        ? { from: new Date(pivot.getTime() - window), to: pivot }
        : { from: before.effectiveAt!, to: periodOf(before, versions, now).to },
    );
    const afterPeriod = cohort({ from: pivot, to: afterEnd });

    // Aggregated in SQL per period (independent reads, side by side on pooled connections).
    const [b, a] = await Promise.all([beforePeriod, afterPeriod].map((p) => periodAggregates(ctx.em, segment.id, spans, p.from, p.to)));
    const beforeAll = conversionMetrics(b, followUpDays);
    const afterAll = conversionMetrics(a, followUpDays);
    const ofTier = (x: TierOutcomes[], tier: FitTier) =>
      conversionMetrics(
        x.filter((c) => c.tier === tier),
        followUpDays,
      );
    const tiers = TIERS.map((tier) => ({ tier, before: ofTier(b, tier), after: ofTier(a, tier) }));
    const tierDeltas = compareTiers(tiers);
    const deltas = compareMetrics(beforeAll, afterAll);
    return {
      segment,
      before: { version: before, ...beforePeriod, metrics: beforeAll.metrics },
      after: { version: after, ...afterPeriod, metrics: afterAll.metrics },
      deltas,
      byTier: tiers.map((t, i) => ({ tier: t.tier, before: t.before.metrics, after: t.after.metrics, deltas: tierDeltas[i].deltas })),
      followUpDays,
      warnings: comparisonWarnings({
        before: { name: 'before', ...beforePeriod, data: beforeAll },
        after: { name: 'after', ...afterPeriod, data: afterAll },
        now,
        followUpDays,
        deltas,
        tiers,
      }),
    };
  }
}

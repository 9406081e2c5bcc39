import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../../model/account.types';
import { PageArgs, listScope, pageOfList, pageRequest } from '../../common/pagination';
import type { AppContext } from '../../use-cases/context';
import { backtest } from '../../use-cases/reports/backtest.service';
import { exceptionReport } from '../../use-cases/reports/exceptions.service';
import type { ReportService } from '../../use-cases/reports/report.service';
import type { SegmentService } from '../../use-cases/segments/segment.service';
import type { VersionService } from '../../use-cases/versions/version.service';
import {
  BacktestReport,
  ConversionComparison,
  ExceptionItem,
  ExceptionItemConnection,
  ExceptionReport,
  TierDashboard,
} from '../../model/report.types';

@Resolver()
export class ReportResolver {
  constructor(
    private readonly reportService: ReportService,
    private readonly segmentService: SegmentService,
    private readonly versionService: VersionService,
  ) {}

  @Query(() => TierDashboard)
  tierDashboard(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('versionId', () => ID, { nullable: true }) versionId: string | null,
  ) {
    return this.reportService.tierDashboard(ctx, segmentKey, versionId);
  }

  @Query(() => ConversionComparison, {
    description:
      "Defaults: after = the live version, before = the version it superseded. Periods run by effectiveAt; windowDays limits both to that many days before and after the after-version's effectiveAt.",
  })
  conversionComparison(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('beforeVersionId', () => ID, { nullable: true }) beforeVersionId: string | null,
    @Arg('afterVersionId', () => ID, { nullable: true }) afterVersionId: string | null,
    @Arg('windowDays', () => Int, { nullable: true }) windowDays: number | null,
    @Arg('followUpDays', () => Int, {
      nullable: true,
      description:
        'Follow-up horizon: each period counts only the leads and opportunities created at least this many days before now, and only the conversions, wins and losses within this many days of creation.',
    })
    followUpDays: number | null,
  ) {
    return this.reportService.conversionComparison(ctx, { segmentKey, beforeVersionId, afterVersionId, windowDays, followUpDays });
  }

  @Query(() => ExceptionReport)
  exceptions(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
  ) {
    return exceptionReport({ segments: this.segmentService }, ctx, segmentKey, from, to);
  }

  @Query(() => BacktestReport)
  backtest(
    @Ctx() ctx: AppContext,
    @Arg('versionId', () => ID) versionId: string,
    @Arg('baselineVersionId', () => ID, { nullable: true }) baselineVersionId: string | null,
  ) {
    return backtest({ versions: this.versionService }, ctx, versionId, baselineVersionId);
  }
}

@Resolver(() => ExceptionReport)
export class ExceptionReportResolver {
  @FieldResolver(() => ExceptionItemConnection, {
    description: 'exceptions as a connection, in the order of exceptions, with last/before.',
  })
  exceptionsConnection(@Root() report: ExceptionReport, @Args() page: PageArgs) {
    const request = pageRequest(listScope('exceptions', { segmentId: report.segment.id, from: report.from, to: report.to }), page, [
      'uuid',
      'word',
    ]);
    return pageOfList(report.exceptions, request, (e) => [e.accountId, e.kind]);
  }
}

@Resolver(() => ExceptionItem)
export class ExceptionItemResolver {
  @FieldResolver(() => Account)
  async account(@Root() item: ExceptionItem, @Ctx() ctx: AppContext): Promise<Account> {
    return (await ctx.loaders.accountById.load(item.accountId))!;
  }
}

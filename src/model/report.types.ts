import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from './account.types';
import { FitTierEnum } from './enums';
import { connectionTypes } from '../common/pagination';
import { Override } from './override.types';
import { Segment } from './segment.types';
import type { FitTier } from './icp-definition';
import { IcpVersion } from './icp-version.types';
import { TierMigration } from './version.types';

@ObjectType({
  description:
    'Leads and opportunities count in the tier their account had, under the version in effect in the segment (by effectiveAt), at the moment they were created.',
})
export class ConversionMetrics {
  @Field(() => Int) leads: number;
  @Field(() => Int) convertedLeads: number;
  @Field(() => Float, { nullable: true }) leadToOpportunityRate: number | null;
  @Field(() => Int) opportunities: number;
  @Field(() => Int, {
    description:
      'Opportunities created in the period and still open now; with followUpDays, those not closed within the horizon (opportunities = closed + openOpportunities).',
  })
  openOpportunities: number;
  @Field(() => Int) closed: number;
  @Field(() => Int) won: number;
  @Field(() => Float, { nullable: true, description: 'won / closed; null without closed opportunities.' }) winRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from createdAt to closedAt of won opportunities.' })
  medianSalesCycleDays: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean amount of won opportunities.' }) averageDealSize: number | null;
  @Field(() => Float, { description: 'Sum of the amounts of won opportunities.' }) revenue: number;
}

@ObjectType()
export class PeriodMetrics {
  @Field(() => IcpVersion) version: IcpVersion;
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => ConversionMetrics) metrics: ConversionMetrics;
}

@ObjectType()
export class MetricDelta {
  @Field({ description: 'leadToOpportunityRate, winRate, medianSalesCycleDays, averageDealSize or revenue.' }) metric: string;
  @Field(() => Float, { nullable: true }) before: number | null;
  @Field(() => Float, { nullable: true }) after: number | null;
  @Field(() => Float, { nullable: true }) absoluteChange: number | null;
  @Field(() => Float, { nullable: true }) relativeChange: number | null;
  @Field(() => Float, { nullable: true, description: '95 % confidence interval of after - before, where the metric has one.' }) ciLow:
    number | null;
  @Field(() => Float, { nullable: true }) ciHigh: number | null;
  @Field(() => Float, { nullable: true }) pValue: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Per-tier deltas: the p-value adjusted over the tiers compared for the same metric (Holm). Overall deltas: equal to pValue.',
  })
  adjustedPValue: number | null;
  @Field({ description: 'adjustedPValue below 0.05.' }) significant: boolean;
}

@ObjectType()
export class TierComparison {
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => ConversionMetrics) before: ConversionMetrics;
  @Field(() => ConversionMetrics) after: ConversionMetrics;
  @Field(() => [MetricDelta], {
    description: 'The same metrics as the overall deltas, for this tier; significant is decided on adjustedPValue.',
  })
  deltas: MetricDelta[];
}

@ObjectType()
export class ConversionComparison {
  @Field(() => Segment) segment: Segment;
  @Field(() => PeriodMetrics) before: PeriodMetrics;
  @Field(() => PeriodMetrics) after: PeriodMetrics;
  @Field(() => [MetricDelta]) deltas: MetricDelta[];
  @Field(() => [TierComparison]) byTier: TierComparison[];
  @Field(() => Int, { nullable: true, description: 'The horizon used, or null.' }) followUpDays: number | null;
  @Field(() => [String], {
    description:
      "Plain sentences when the comparison may mislead: the after period's cohorts too young for their outcomes (with the followUpDays that would fix it), many open opportunities, samples too small for a test, periods of very different length.",
  })
  warnings: string[];
}

@ObjectType()
export class TierStats {
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => Int) accounts: number;
  @Field(() => Int) opportunities: number;
  @Field(() => Int) won: number;
  @Field(() => Float, { nullable: true }) winRate: number | null;
  @Field(() => Float) revenue: number;
}

@ObjectType()
export class TierDashboard {
  @Field(() => Segment) segment: Segment;
  @Field(() => IcpVersion) version: IcpVersion;
  @Field(() => [TierStats]) tiers: TierStats[];
}

export const EXCEPTION_KINDS = ['OVERRIDE_UP', 'OVERRIDE_DOWN', 'PURSUED_BELOW_ICP'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const ExceptionKindEnum = {
  OVERRIDE_UP: 'OVERRIDE_UP',
  OVERRIDE_DOWN: 'OVERRIDE_DOWN',
  PURSUED_BELOW_ICP: 'PURSUED_BELOW_ICP',
} as const;
registerEnumType(ExceptionKindEnum, {
  name: 'ExceptionKind',
  valuesConfig: {
    OVERRIDE_UP: { description: 'Overridden into PERFECT or STRONG from below.' },
    OVERRIDE_DOWN: { description: 'Overridden out of PERFECT or STRONG.' },
    PURSUED_BELOW_ICP: { description: "An opportunity opened while the account's effective tier was MODERATE, WEAK or DISQUALIFIED." },
  },
});

/** One exception of the report; its `account` field resolves through a loader, from accountId. */
@ObjectType()
export class ExceptionItem {
  accountId: string;

  @Field(() => Account) account?: Account;
  @Field(() => ExceptionKindEnum) kind: ExceptionKind;
  @Field(() => FitTierEnum) computedTier: FitTier;
  @Field(() => FitTierEnum) effectiveTier: FitTier;
  @Field(() => Override, { nullable: true }) override: Override | null;
  @Field(() => Int) opportunities: number;
  @Field(() => Int) won: number;
  @Field(() => Float) revenue: number;
}

@ObjectType()
export class ExceptionReport {
  @Field(() => Segment) segment: Segment;
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => [ExceptionItem]) exceptions: ExceptionItem[];
  @Field(() => Float, { nullable: true }) exceptionWinRate: number | null;
  @Field(() => Float, { nullable: true }) inIcpWinRate: number | null;
  @Field(() => Float, { description: 'Share of opportunities opened in the period that are exceptions, 0 to 1.' }) shareOfPipeline: number;
  @Field({ description: "True while shareOfPipeline is at most 0.15 (the seeds' 10-15 % capacity for non-ICP accounts)." })
  withinCapacity: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'A sentence when exceptions win significantly more often than in-ICP accounts: the ICP may be too narrow.',
  })
  recommendation: string | null;
}

@ObjectType()
export class BacktestTier {
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => Int) accounts: number;
  @Field(() => Int) closedOpportunities: number;
  @Field(() => Int) won: number;
  @Field(() => Float, { nullable: true }) winRate: number | null;
  @Field(() => Float, { nullable: true, description: 'winRate of the tier divided by the win rate of all closed opportunities.' }) lift:
    number | null;
}

@ObjectType({
  description:
    'A version (usually a draft) scored against every account of its segment without publishing, beside a baseline (default: the live version). Opportunities are grouped by the tier each version gives their account now.',
})
export class BacktestReport {
  @Field(() => IcpVersion) version: IcpVersion;
  @Field(() => IcpVersion, { nullable: true }) baseline: IcpVersion | null;
  @Field(() => Int) accountsScored: number;
  @Field(() => [TierMigration]) migration: TierMigration[];
  @Field(() => [BacktestTier]) tiers: BacktestTier[];
  @Field(() => [BacktestTier]) baselineTiers: BacktestTier[];
  @Field(() => Float, {
    nullable: true,
    description: 'Area under the ROC curve of score against won/lost on closed opportunities; null without any.',
  })
  auc: number | null;
  @Field(() => Float, { nullable: true }) baselineAuc: number | null;
}

export const { Edge: ExceptionItemEdge, Connection: ExceptionItemConnection } = connectionTypes(ExceptionItem, 'ExceptionItem');

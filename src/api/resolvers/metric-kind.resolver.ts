import { FieldResolver, Resolver, Root, registerEnumType } from 'type-graphql';
import { MetricDelta } from '../../model/report.types';

/**
 * The metrics of a comparison as an enum, beside `MetricDelta.metric` (a string the contract
 * keeps): typed clients switch on it without string typos.
 */
export const CONVERSION_METRICS = ['leadToOpportunityRate', 'winRate', 'medianSalesCycleDays', 'averageDealSize', 'revenue'] as const;
export type ConversionMetricName = (typeof CONVERSION_METRICS)[number];

/** `leadToOpportunityRate` -> `LEAD_TO_OPPORTUNITY_RATE`. */
export const enumName = (metric: string) => metric.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

export const ConversionMetricEnum = Object.fromEntries(CONVERSION_METRICS.map((m) => [enumName(m), enumName(m)]));
registerEnumType(ConversionMetricEnum, {
  name: 'ConversionMetric',
  valuesConfig: Object.fromEntries(CONVERSION_METRICS.map((m) => [enumName(m), { description: `MetricDelta.metric "${m}"` }])),
});

@Resolver(() => MetricDelta)
export class MetricDeltaResolver {
  @FieldResolver(() => ConversionMetricEnum, { description: 'The metric as an enum; metric is the same name as a string.' })
  kind(@Root() delta: { metric: string }): string {
    return enumName(delta.metric);
  }
}

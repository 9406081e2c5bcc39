/** Definitions shared by the e2e tests (their operations are in test/operations). */
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';

/** A valid seed-like definition (weights 30/20/25/15/10). */
export function seedDefinition(): IcpDefinitionSpec {
  return {
    dimensions: [
      {
        dimension: 'FIRMOGRAPHICS',
        weight: 30,
        criteria: [
          { attribute: 'annualRevenue', operator: 'BETWEEN', min: 10_000_000, max: 1_000_000_000, points: 10 },
          { attribute: 'industry', operator: 'IN', values: ['saas', 'fintech'], points: 10 },
          { attribute: 'employees', operator: 'GTE', value: 50, points: 10 },
        ],
      },
      {
        dimension: 'TECHNOGRAPHICS',
        weight: 20,
        criteria: [{ attribute: 'techStack', operator: 'CONTAINS_ANY', values: ['salesforce', 'aws'], points: 10 }],
      },
      {
        dimension: 'BEHAVIORAL',
        weight: 25,
        criteria: [
          { attribute: 'demoRequested', operator: 'EQ', value: true, points: 5 },
          { attribute: 'websiteVisits30d', operator: 'GTE', value: 10, points: 5 },
        ],
      },
      {
        dimension: 'BUSINESS_NEEDS',
        weight: 15,
        criteria: [{ attribute: 'painPoints', operator: 'CONTAINS_ANY', values: ['scaling'], points: 1 }],
      },
      { dimension: 'GROWTH', weight: 10, criteria: [{ attribute: 'lastFundingAt', operator: 'WITHIN_DAYS', value: 365, points: 1 }] },
    ],
    disqualifiers: [{ attribute: 'budgetUsd', operator: 'LT', value: 10000, reason: 'Budget under $10K' }],
    thresholds: { perfect: 80, strong: 60, moderate: 40 },
    actions: [{ tier: 'PERFECT', action: 'ROUTE_TO_AE' }],
  };
}

/** Definitions shared by the e2e tests (their operations are in test/operations). */
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';
import type { CreateSegmentInput, IcpDefinitionInput } from '../gql/graphql';

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

/** employees BANDS: 1000+ -> 10, 100-999 -> 5 (of 10), the criterion the time tests share. */
const employeeBands = () => ({
  attribute: 'employees',
  operator: 'BANDS' as const,
  points: 10,
  bands: [
    { min: 1000, points: 10 },
    { min: 100, max: 999, points: 5 },
  ],
});

/**
 * A definition that time changes: engagement (CUSTOM) 50: lastEngagedAt AGE_BANDS 7 days -> 10,
 * 30 days -> 4 (of 10); behavioral 20: lastFundingAt WITHIN_DAYS 14; firmographics 30: employee
 * bands. Thresholds 80 / 60 / 40.
 */
export function decayingDefinition(): IcpDefinitionInput {
  return {
    dimensions: [
      {
        dimension: 'CUSTOM',
        key: 'engagement',
        name: 'Engagement',
        weight: 50,
        criteria: [
          {
            attribute: 'lastEngagedAt',
            operator: 'AGE_BANDS',
            points: 10,
            bands: [
              { maxAgeDays: 7, points: 10 },
              { maxAgeDays: 30, points: 4 },
            ],
          },
        ],
      },
      { dimension: 'BEHAVIORAL', weight: 20, criteria: [{ attribute: 'lastFundingAt', operator: 'WITHIN_DAYS', value: 14, points: 1 }] },
      { dimension: 'FIRMOGRAPHICS', weight: 30, criteria: [employeeBands()] },
    ],
    thresholds: { perfect: 80, strong: 60, moderate: 40 },
  };
}

/** Only employee bands (1000+ -> 100, 100-999 -> 50): time never changes a score, only membership. */
export function employeeBandsDefinition(thresholds: { perfect: number; strong: number; moderate: number }): IcpDefinitionInput {
  return { dimensions: [{ dimension: 'FIRMOGRAPHICS', weight: 100, criteria: [employeeBands()] }], thresholds };
}

/** The time tests' segment: EMEA accounts engaged within the last 10 days (a WITHIN_DAYS membership rule). */
export function engagedSegment(): CreateSegmentInput {
  return {
    key: 'engaged',
    name: 'Engaged',
    membership: [
      { attribute: 'region', operator: 'EQ', value: 'EMEA', points: 1 },
      { attribute: 'lastEngagedAt', operator: 'WITHIN_DAYS', value: 10, points: 1 },
    ],
  };
}

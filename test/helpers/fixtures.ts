/** Definitions and operations shared by the e2e tests. */
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

export const VERSION_FIELDS = `
  id number status revision contentHash notes createdBy createdAt publishedBy publishedAt effectiveAt supersededAt
  segment { key } basedOn { id number }
  definition {
    dimensions { dimension weight criteria { attribute operator value values min max points label } }
    disqualifiers { attribute operator value values min max reason }
    thresholds { perfect strong moderate }
    actions { tier action }
  }`;

export const CREATE_SEGMENT = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id key name membership { attribute operator value } } }`;
export const CREATE_DRAFT = `mutation($segmentKey: String!, $definition: IcpDefinitionInput, $basedOnVersionId: ID, $notes: String) {
  createDraft(segmentKey: $segmentKey, definition: $definition, basedOnVersionId: $basedOnVersionId, notes: $notes) { ${VERSION_FIELDS} } }`;
export const UPDATE_DRAFT = `mutation($id: ID!, $definition: IcpDefinitionInput!, $expectedRevision: Int!, $notes: String) {
  updateDraft(id: $id, definition: $definition, expectedRevision: $expectedRevision, notes: $notes) { ${VERSION_FIELDS} } }`;
export const PUBLISH = `mutation($id: ID!, $notes: String, $effectiveAt: DateTime) {
  publishVersion(id: $id, notes: $notes, effectiveAt: $effectiveAt) {
    version { id number status effectiveAt publishedAt notes } superseded { id number status supersededAt } accountsScored tierChanges { from to accounts } } }`;

/**
 * The demo ICPs, from the seeds: three tiers of seed 000 (strategic $1B+, enterprise
 * $100M-$1B, growth $10M-$100M) scored on seed 001's five dimensions (30/20/25/15/10),
 * with seed 000's disqualifiers and seed 001's tiers 80/60/40. The strategic segment's open
 * draft is seed 000's own prioritisation framework instead (seedFrameworkDefinition).
 */
import type { BandSpec, CriterionSpec, DimensionSpec, DisqualifierSpec, IcpDefinitionSpec, TierActionSpec } from '../model/icp-definition';

const c = (
  attribute: string,
  operator: CriterionSpec['operator'],
  operand: Partial<CriterionSpec>,
  points: number,
  label: string,
): CriterionSpec => ({ attribute, operator, ...operand, points, label });

const ACTIONS: TierActionSpec[] = [
  { tier: 'PERFECT', action: 'ROUTE_TO_AE' },
  { tier: 'STRONG', action: 'PURSUE' },
  { tier: 'MODERATE', action: 'NURTURE' },
  { tier: 'WEAK', action: 'EXCLUDE' },
  { tier: 'DISQUALIFIED', action: 'EXCLUDE' },
];

const DISQUALIFIERS: DisqualifierSpec[] = [
  { attribute: 'deployment', operator: 'EQ', value: 'on-premise-only', reason: 'Requires on-premise only' },
  { attribute: 'budgetUsd', operator: 'LT', value: 10000, reason: 'Budget under $10K annually' },
  { attribute: 'industry', operator: 'IN', values: ['government'], reason: 'Extremely regulated (government)' },
];

const TARGET_INDUSTRIES = ['financial services', 'e-commerce', 'media', 'saas', 'healthcare', 'gaming'];

function definition(dims: DimensionSpec[]): IcpDefinitionSpec {
  return { dimensions: dims, disqualifiers: DISQUALIFIERS, thresholds: { perfect: 80, strong: 60, moderate: 40 }, actions: ACTIONS };
}

export interface DemoSegment {
  key: string;
  name: string;
  description: string;
  membership: CriterionSpec[];
  /** The broad ICP from before the last quarterly review ("any B2B company of the right size"). */
  legacy: IcpDefinitionSpec;
  live: IcpDefinitionSpec;
  draft: IcpDefinitionSpec;
  draftNotes: string;
}

function segmentDefinition(opts: {
  minEmployees: number;
  fundingStages: string[];
  maturity: string[];
  minBudget: number;
  useCases: string[];
  behavioralWeight?: number;
  firmographicsWeight?: number;
  extraBehavioral?: CriterionSpec[];
}): IcpDefinitionSpec {
  return definition([
    {
      dimension: 'FIRMOGRAPHICS',
      weight: opts.firmographicsWeight ?? 30,
      criteria: [
        c('industry', 'IN', { values: TARGET_INDUSTRIES }, 10, 'Target vertical'),
        c('employees', 'GTE', { value: opts.minEmployees }, 10, 'Company size'),
        c('region', 'IN', { values: ['NA', 'EMEA'] }, 5, 'Covered regions'),
        c('fundingStage', 'IN', { values: opts.fundingStages }, 5, 'Funding stage'),
      ],
    },
    {
      dimension: 'TECHNOGRAPHICS',
      weight: 20,
      criteria: [
        c('mlMaturity', 'IN', { values: opts.maturity }, 10, 'ML maturity'),
        c('techStack', 'CONTAINS_ANY', { values: ['aws', 'gcp', 'azure', 'kubernetes'] }, 5, 'Cloud-native stack'),
        c('usesCompetitor', 'EQ', { value: true }, 5, 'Displacement opportunity'),
      ],
    },
    {
      dimension: 'BEHAVIORAL',
      weight: opts.behavioralWeight ?? 25,
      criteria: [
        c('demoRequested', 'EQ', { value: true }, 10, 'Demo requested'),
        c('websiteVisits30d', 'GTE', { value: 20 }, 5, 'Active on the website'),
        c('eventsAttended', 'GTE', { value: 1 }, 5, 'Attends events'),
        c('lastEngagedAt', 'WITHIN_DAYS', { value: 30 }, 5, 'Engaged in the last 30 days'),
        ...(opts.extraBehavioral ?? []),
      ],
    },
    {
      dimension: 'BUSINESS_NEEDS',
      weight: 15,
      criteria: [
        c('painPoints', 'CONTAINS_ANY', { values: ['scaling', 'latency', 'cost', 'compliance'] }, 5, 'Pains we solve'),
        c('useCases', 'CONTAINS_ANY', { values: opts.useCases }, 5, 'Matching use case'),
        c('budgetUsd', 'GTE', { value: opts.minBudget }, 5, 'Budget capability'),
      ],
    },
    {
      dimension: 'GROWTH',
      weight: 10,
      criteria: [
        c('expansionPotential', 'EQ', { value: 'high' }, 5, 'Expansion potential'),
        c('referencePotential', 'EQ', { value: true }, 3, 'Reference potential'),
        c('headcountGrowth12m', 'GTE', { value: 0.15 }, 2, 'Growing headcount'),
      ],
    },
  ]);
}

/** A graded criterion: its points are its best band's. */
const graded = (attribute: string, operator: 'BANDS' | 'AGE_BANDS', bands: BandSpec[], label: string): CriterionSpec => ({
  attribute,
  operator,
  bands,
  points: Math.max(...bands.map((b) => b.points)),
  label,
});

/**
 * Seed 000's prioritisation framework: four dimensions of its own scored 0-10 each (use case,
 * commercial, technical and strategic fit), 25 % of the score apiece, so a score of S/100 is
 * S x 40/100 of seed 000's 40 points. Its actions at 35-40, 25-34, 15-24 and under 15 of 40
 * are the thresholds 87.5, 62.5 and 37.5. Criteria are graded: budget, size, revenue and growth
 * in BANDS, and signals that age (engagement, funding) in AGE_BANDS, so their points fall with
 * time and the score changes on its own when a band ends.
 */
export function seedFrameworkDefinition(): IcpDefinitionSpec {
  return {
    dimensions: [
      {
        dimension: 'CUSTOM',
        key: 'use-case',
        name: 'Use case fit',
        weight: 25,
        criteria: [
          c(
            'useCases',
            'CONTAINS_ANY',
            { values: ['fraud-detection', 'recommendations', 'content-moderation', 'risk-scoring', 'document-processing'] },
            4,
            'Clear ML need',
          ),
          c('painPoints', 'CONTAINS_ANY', { values: ['scaling', 'latency', 'cost'] }, 3, 'Matches our strengths'),
          graded(
            'employees',
            'BANDS',
            [
              { min: 10_000, points: 3 },
              { min: 5_000, max: 9_999, points: 2 },
              { min: 1_000, max: 4_999, points: 1 },
            ],
            'Scalability requirements',
          ),
        ],
      },
      {
        dimension: 'CUSTOM',
        key: 'commercial',
        name: 'Commercial fit',
        weight: 25,
        criteria: [
          graded(
            'budgetUsd',
            'BANDS',
            [
              { min: 500_000, points: 5 },
              { min: 100_000, max: 499_999, points: 3 },
              { min: 20_000, max: 99_999, points: 1 },
            ],
            'Budget availability',
          ),
          graded(
            'lastEngagedAt',
            'AGE_BANDS',
            [
              { maxAgeDays: 7, points: 3 },
              { maxAgeDays: 30, points: 2 },
              { maxAgeDays: 90, points: 1 },
            ],
            'Decision timeline: recent engagement',
          ),
          graded(
            'headcountGrowth12m',
            'BANDS',
            [
              { min: 0.25, points: 2 },
              { min: 0.1, max: 0.25, points: 1 },
            ],
            'Growth potential',
          ),
        ],
      },
      {
        dimension: 'CUSTOM',
        key: 'technical',
        name: 'Technical fit',
        weight: 25,
        criteria: [
          c('mlMaturity', 'IN', { values: ['dedicated-team', 'growing'] }, 4, 'Supported models: an ML team to run them'),
          c('techStack', 'CONTAINS_ANY', { values: ['aws', 'gcp', 'azure', 'kubernetes'] }, 3, 'Integration feasibility'),
          c('deployment', 'IN', { values: ['cloud', 'hybrid'] }, 3, 'Performance requirements we can host'),
        ],
      },
      {
        dimension: 'CUSTOM',
        key: 'strategic',
        name: 'Strategic value',
        weight: 25,
        criteria: [
          graded(
            'annualRevenue',
            'BANDS',
            [
              { min: 10_000_000_000, points: 4 },
              { min: 3_000_000_000, max: 9_999_999_999, points: 3 },
              { min: 1_000_000_000, max: 2_999_999_999, points: 2 },
            ],
            'Logo value',
          ),
          c('expansionPotential', 'EQ', { value: 'high' }, 3, 'Expansion potential'),
          c('referencePotential', 'EQ', { value: true }, 2, 'Market influence'),
          graded(
            'lastFundingAt',
            'AGE_BANDS',
            [
              { maxAgeDays: 90, points: 1 },
              { maxAgeDays: 365, points: 0.5 },
            ],
            'Trigger event: a recent funding round',
          ),
        ],
      },
    ],
    disqualifiers: DISQUALIFIERS,
    thresholds: { perfect: 87.5, strong: 62.5, moderate: 37.5 },
    actions: [
      { tier: 'PERFECT', action: 'Immediate priority, full resources' },
      { tier: 'STRONG', action: 'Active pursuit, standard process' },
      { tier: 'MODERATE', action: 'Nurture, automated touches' },
      { tier: 'WEAK', action: 'Decline or refer' },
      { tier: 'DISQUALIFIED', action: 'Decline or refer' },
    ],
  };
}

/** Size and industry carry most of the weight; thresholds are looser. What the review replaced. */
function legacyDefinition(minEmployees: number): IcpDefinitionSpec {
  return {
    ...definition([
      {
        dimension: 'FIRMOGRAPHICS',
        weight: 50,
        criteria: [
          c('employees', 'GTE', { value: minEmployees }, 10, 'Company size'),
          c('businessModel', 'IN', { values: ['b2b', 'b2b2c'] }, 5, 'B2B business'),
          c('region', 'IN', { values: ['NA', 'EMEA', 'APAC'] }, 5, 'Covered regions'),
        ],
      },
      {
        dimension: 'TECHNOGRAPHICS',
        weight: 20,
        criteria: [c('techStack', 'CONTAINS_ANY', { values: ['aws', 'gcp', 'azure'] }, 5, 'Public cloud')],
      },
      { dimension: 'BEHAVIORAL', weight: 15, criteria: [c('websiteVisits30d', 'GTE', { value: 5 }, 5, 'Visited the website')] },
      { dimension: 'BUSINESS_NEEDS', weight: 10, criteria: [c('budgetUsd', 'GTE', { value: 20_000 }, 5, 'Some budget')] },
      { dimension: 'GROWTH', weight: 5, criteria: [c('headcountGrowth12m', 'GTE', { value: 0 }, 5, 'Not shrinking')] },
    ]),
    thresholds: { perfect: 75, strong: 55, moderate: 35 },
  };
}

export const DEMO_SEGMENTS: DemoSegment[] = [
  {
    key: 'strategic',
    name: 'Strategic (Tier 1)',
    description: 'Revenue $1B+ or high-growth unicorns with dedicated ML teams and $500K+ budgets.',
    membership: [c('annualRevenue', 'GTE', { value: 1_000_000_000 }, 1, 'Revenue $1B+')],
    legacy: legacyDefinition(1000),
    live: segmentDefinition({
      minEmployees: 5000,
      fundingStages: ['public', 'growth'],
      maturity: ['dedicated-team'],
      minBudget: 500_000,
      useCases: ['fraud-detection', 'recommendations', 'content-moderation'],
    }),
    draft: seedFrameworkDefinition(),
    draftNotes:
      "Seed 000's prioritisation framework: use case, commercial, technical and strategic fit, 0-10 each; act at 35, 25 and 15 of 40.",
  },
  {
    key: 'enterprise',
    name: 'Enterprise (Tier 2)',
    description: 'Revenue $100M-$1B with growing ML initiatives and $100K-$500K budgets.',
    membership: [c('annualRevenue', 'BETWEEN', { min: 100_000_000, max: 999_999_999 }, 1, 'Revenue $100M-$1B')],
    legacy: legacyDefinition(200),
    live: segmentDefinition({
      minEmployees: 500,
      fundingStages: ['series-c', 'growth', 'public', 'private'],
      maturity: ['growing', 'dedicated-team'],
      minBudget: 100_000,
      useCases: ['recommendations', 'document-processing', 'personalization'],
    }),
    draft: segmentDefinition({
      minEmployees: 300,
      fundingStages: ['series-b', 'series-c', 'growth', 'public', 'private'],
      maturity: ['growing', 'dedicated-team'],
      minBudget: 100_000,
      useCases: ['recommendations', 'document-processing', 'personalization'],
    }),
    draftNotes: 'Widen to 300+ employees and Series B: several Series B wins last quarter.',
  },
  {
    key: 'growth',
    name: 'Growth (Tier 3)',
    description: 'Revenue $10M-$100M, Series A/B and AI-first companies with $20K-$100K budgets.',
    membership: [c('annualRevenue', 'BETWEEN', { min: 10_000_000, max: 99_999_999 }, 1, 'Revenue $10M-$100M')],
    legacy: legacyDefinition(20),
    live: segmentDefinition({
      minEmployees: 50,
      fundingStages: ['series-a', 'series-b'],
      maturity: ['early', 'growing'],
      minBudget: 20_000,
      useCases: ['chatbots', 'recommendations', 'data-enrichment'],
    }),
    draft: segmentDefinition({
      minEmployees: 50,
      fundingStages: ['seed', 'series-a', 'series-b'],
      maturity: ['early', 'growing'],
      minBudget: 20_000,
      useCases: ['chatbots', 'recommendations', 'data-enrichment', 'ai-npcs'],
    }),
    draftNotes: 'Add seed-stage AI-first companies and gaming use cases.',
  },
];

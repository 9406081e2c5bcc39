import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DimensionEnum } from './enums';
import { Segment } from './segment.types';
import type { Dimension } from './icp-definition';
import { Criterion } from './icp-definition.types';
import { IcpVersion } from './icp-version.types';
import type { IndependenceMethod, InsightBasis } from './discovery';

export const InsightBasisEnum = { WON_VS_LOST: 'WON_VS_LOST', TOP_VALUE: 'TOP_VALUE' } as const;
registerEnumType(InsightBasisEnum, {
  name: 'InsightBasis',
  valuesConfig: {
    WON_VS_LOST: {
      description:
        'Positives: accounts of the segment with a won opportunity in the period. Negatives: accounts whose opportunities closed in the period were all lost.',
    },
    TOP_VALUE: {
      description:
        'Positives: the top share of won accounts by value (won amount in the period, or valueAttribute). Negatives: every other account of the segment.',
    },
  },
});

export const IndependenceTestEnum = { FISHER_EXACT: 'FISHER_EXACT', CHI_SQUARE: 'CHI_SQUARE' } as const;
registerEnumType(IndependenceTestEnum, {
  name: 'IndependenceTest',
  valuesConfig: {
    FISHER_EXACT: {
      description: "Fisher's exact test (two-sided): used when an expected count is under 5 or fewer than 1,000 accounts are analysed.",
    },
    CHI_SQUARE: { description: "Pearson's chi-square test (1 degree of freedom): used for larger tables." },
  },
});

@InputType()
export class InsightOptions {
  @Field(() => InsightBasisEnum, { nullable: true, defaultValue: 'WON_VS_LOST' }) basis?: InsightBasis | null;
  @Field(() => Date, { nullable: true, description: 'Opportunities created in [from, to); default: the last 365 days.' })
  from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0.2,
    description: 'TOP_VALUE only: share of won accounts that count as best, above 0 and at most 0.5.',
  })
  topShare?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'TOP_VALUE only: a NUMBER attribute that measures value (an LTV, say); default: won amount in the period.',
  })
  valueAttribute?: string | null;
  @Field(() => Float, {
    nullable: true,
    defaultValue: 0.05,
    description: 'False discovery rate at which a finding is significant (Benjamini-Hochberg).',
  })
  fdr?: number | null;
}

@ObjectType({ description: 'What separates positives from negatives on one attribute.' })
export class AttributeInsight {
  @Field() attribute: string;
  @Field(() => DimensionEnum, { nullable: true }) dimension: Dimension | null;
  @Field(() => Criterion, {
    description:
      'The test that separates best, ready to use in a definition (IN for strings, CONTAINS_ANY for lists, a range for numbers, EQ for booleans, WITHIN_DAYS for dates); points are a suggestion.',
  })
  criterion: Criterion;
  @Field(() => Float, { description: 'Share of positives, and of negatives, for which the test holds; a missing value does not hold.' })
  positiveShare: number;
  @Field(() => Float) negativeShare: number;
  @Field(() => Float, { nullable: true, description: 'positiveShare / negativeShare; null when negativeShare is 0.' }) lift: number | null;
  @Field(() => Float, { description: 'Exact or asymptotic test of independence between the test holding and being positive.' })
  pValue: number;
  @Field(() => Float, { description: 'Benjamini-Hochberg over every test tried in the analysis.' }) qValue: number;
  @Field(() => Float, {
    description: "Benjamini-Hochberg across attributes of each attribute's Simes p-value over its tests: the attribute-level screen.",
  })
  attributeQValue: number;
  @Field({
    description:
      'qValue and attributeQValue both at most the FDR. The attribute-level screen keeps an attribute with many true, nested tests from lowering the bar for the others, so that the FDR holds over attributes as well as over tests.',
  })
  significant: boolean;
  @Field({ description: 'True when the test marks positives (a criterion), false when it marks negatives (a disqualifier candidate).' })
  favourable: boolean;
  @Field(() => Float, { description: 'Share of all analysed accounts without a value for the attribute.' }) missingShare: number;
  @Field(() => IndependenceTestEnum, { description: 'Which test gave pValue.' }) test: IndependenceMethod;
  @Field(() => Int, { description: 'Positives for which the test holds.' }) positivesHolding: number;
  @Field(() => Int, { description: 'Negatives for which the test holds.' }) negativesHolding: number;
  @Field(() => Float, {
    description:
      'ln(positiveShare / negativeShare) with half-count smoothing: the log-odds the test adds (criterion points are 10 per unit).',
  })
  weightOfEvidence: number;
  @Field(() => Float, {
    description:
      'Information value of the split (scorecard scale: under 0.02 useless, 0.1 medium, over 0.3 strong); the order of insights.',
  })
  informationValue: number;
  @Field(() => Int, { description: 'Candidate tests tried on this attribute.' }) testsTried: number;
}

@ObjectType()
export class IcpInsights {
  @Field(() => Segment) segment: Segment;
  @Field(() => InsightBasisEnum) basis: InsightBasis;
  @Field() from: Date;
  @Field() to: Date;
  @Field(() => Int) positives: number;
  @Field(() => Int) negatives: number;
  @Field(() => Int, {
    description:
      'Positives whose attributes were counted: all of them up to 50,000, else a random sample of about 50,000 chosen by a hash of the account id (a warning gives its error bound). Shares, holding counts, tests and missingShare are over the counted accounts.',
  })
  positivesCounted: number;
  @Field(() => Int, {
    description:
      'Negatives whose attributes were counted, likewise: TOP_VALUE compares with every other account of the segment, so a large segment is sampled.',
  })
  negativesCounted: number;
  @Field(() => Int, { description: 'Number of candidate tests tried, over which qValue is adjusted.' }) testsTried: number;
  @Field(() => [AttributeInsight], { description: 'Significant findings first, then by strength.' }) insights: AttributeInsight[];
  @Field(() => [String], { description: 'Plain sentences: too few outcomes to conclude, an attribute mostly missing, ...' })
  warnings: string[];
}

@ObjectType()
export class OutOfSampleCheck {
  @Field({ description: 'Outcomes before this instant taught the suggestion; the ones after it test it.' }) splitAt: Date;
  @Field(() => Int) trainPositives: number;
  @Field(() => Int) trainNegatives: number;
  @Field(() => Int) testPositives: number;
  @Field(() => Int) testNegatives: number;
  @Field(() => Float, {
    nullable: true,
    description: "AUC of the suggested draft's score on the test outcomes, with a 95 % interval (DeLong); null without test outcomes.",
  })
  auc: number | null;
  @Field(() => Float, { nullable: true }) aucCiLow: number | null;
  @Field(() => Float, { nullable: true }) aucCiHigh: number | null;
  @Field(() => Float, { nullable: true, description: 'AUC of the live version on the same test outcomes.' }) liveAuc: number | null;
  @Field(() => Float, { nullable: true, description: "95 % interval of the live version's AUC (DeLong)." }) liveAucCiLow: number | null;
  @Field(() => Float, { nullable: true }) liveAucCiHigh: number | null;
}

@ObjectType()
export class SuggestedDraft {
  @Field(() => IcpVersion, {
    description: 'A new DRAFT of the segment, audited like any draft, its notes citing the evidence. Nothing is published.',
  })
  draft: IcpVersion;
  @Field(() => [AttributeInsight], {
    description: 'The findings of the teaching outcomes the draft is built from: its criteria, then its disqualifiers.',
  })
  insightsUsed: AttributeInsight[];
  @Field(() => OutOfSampleCheck) check: OutOfSampleCheck;
  @Field(() => [String], { description: "The teaching analysis's warnings, and the check's." }) warnings: string[];
}

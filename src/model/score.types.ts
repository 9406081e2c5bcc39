import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import { Account } from './account.types';
import { connectionTypes } from '../common/pagination';
import { DimensionEnum, FitTierEnum, OperatorEnum } from './enums';
import { Segment } from './segment.types';
import type { Override } from './override.types';
import type { Dimension, FitTier, Operator } from './icp-definition';
import { IcpVersion } from './icp-version.types';

/**
 * One criterion of one dimension, as the scoring engine evaluated it for one account. Its value
 * and explanation are read on demand by CriterionResultResolver, from the account's attributes.
 */
@ObjectType()
export class CriterionResult {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => String, { nullable: true }) label: string | null;
  @Field() matched: boolean;
  @Field({ description: 'True when the attribute had no value; the criterion then earns nothing.' }) missing: boolean;
  @Field(() => Float) points: number;
  @Field(() => Float) earned: number;
  /** Null also for operators other than BANDS and AGE_BANDS. */
  @Field(() => Int, { nullable: true, description: 'BANDS and AGE_BANDS: the index of the band that earned; null when none held.' }) band:
    number | null;
}

/** A dimension's contribution to the score, from 0 to its weight (two decimals). */
@ObjectType()
export class DimensionScore {
  @Field(() => DimensionEnum) dimension: Dimension;
  @Field(() => String, { description: "The dimension's key: a built-in one's name in lower case, or a CUSTOM one's own." }) key: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => Float) weight: number;
  @Field(() => Float, { description: 'Contribution to the 0-100 score, from 0 to weight.' }) score: number;
  @Field(() => [CriterionResult]) criteria: CriterionResult[];
}

/**
 * One computed result of one account under one version: a stored row or a preview. Its
 * explanation (disqualifiedBy, dimensions, missingAttributes, completeness) is rebuilt from the
 * outcome code by ScoreResolver, on demand, as are its account and version; those fields are
 * absent from the object services return.
 */
@ObjectType({ description: 'One computed result of one account under one version.' })
export class Score {
  /** Null for a preview. */
  accountId: string | null;
  versionId: string;
  /** The outcome of every test, coded (see EvaluatedScore in the scoring engine). */
  outcomes: string;
  /** The attributes scored, for a preview; an account's score reads its account's. */
  attributes?: Record<string, unknown>;
  /** False for a past row of the history: the account's attributes may since have changed. */
  current?: boolean;

  @Field(() => Account, { nullable: true, description: 'null for previewScore.' }) account?: Account | null;
  @Field(() => IcpVersion) version?: IcpVersion;
  @Field(() => Float, { description: "0 to 100, two decimals: the sum of the dimensions' scores; 0 when a disqualifier holds." })
  score: number;
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => [String], { description: 'Reasons of the disqualifiers that hold; empty when none does.' }) disqualifiedBy?: string[];
  @Field(() => [DimensionScore], { description: 'What each dimension and criterion earned, also for a disqualified account.' })
  dimensions?: DimensionScore[];
  @Field(() => [String]) missingAttributes?: string[];
  @Field(() => Float, {
    description:
      "Share of the 100 points whose criteria found a value for their attribute, 0 to 1; a criterion's share is its dimension's weight x its points / the dimension's points.",
  })
  completeness?: number;
  @Field() computedAt: Date;
  @Field({
    description:
      "The instant from which this result held (a version's effectiveAt, the upsert that changed the attributes, or the nextChangeAt that passed); for previewScore, computedAt.",
  })
  validFrom: Date;
  @Field(() => Date, { nullable: true, description: 'The instant a later result replaced it; null while it is current.' })
  validTo: Date | null;
  @Field(() => Date, {
    nullable: true,
    description:
      'The next instant at which the passing of time alone changes this result (a WITHIN_DAYS window or an age band ends, a date comparison flips); null when none will. At that instant the stored score is recomputed: score history gets a row valid from exactly then, and fits and account.fit show the new result within a minute.',
  })
  nextChangeAt: Date | null;
}

/**
 * What users see: the computed score, or the active override over it. Services return the
 * ids, the effective score and tier, the computed Score and the override; FitResolver reads
 * the rest (id, account, segment, version, action) on demand.
 */
@ObjectType({ description: 'What users see: the computed score, or the active override over it.', implements: Node })
export class Fit {
  accountId: string;
  segmentId: string;
  versionId: string;
  /** The override in force, if one applies; GraphQL reads it as Fit.override (FitOverrideResolver). */
  override: Override | null;

  @Field(() => ID, { description: 'Stable for an account in a segment under a version.' }) id?: string;
  @Field(() => Account) account?: Account;
  @Field(() => Segment) segment?: Segment;
  @Field(() => IcpVersion) version?: IcpVersion;
  @Field(() => Float) score: number;
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => String, { nullable: true, description: "The version's action for the effective tier." }) action?: string | null;
  @Field(() => Score) computed: Score;
  @Field() overridden: boolean;
}

export const { Edge: ScoreEdge, Connection: ScoreConnection } = connectionTypes(Score, 'Score');

@InputType()
export class FitFilter {
  @Field(() => [FitTierEnum], { nullable: true }) tiers?: FitTier[] | null;
  @Field(() => Float, { nullable: true }) minScore?: number | null;
  @Field(() => Float, { nullable: true }) maxScore?: number | null;
  @Field(() => Boolean, { nullable: true }) overridden?: boolean | null;
}

export const { Edge: FitEdge, Connection: FitConnection } = connectionTypes(Fit, 'Fit');

/**
 * GraphQL shapes of an ICP definition. Object types resolve straight from the stored jsonb;
 * inputs are checked by `definition-validator.ts`, which knows the attribute catalogue.
 */
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { DimensionEnum, FitTierEnum, OperatorEnum } from '../common/enums';
import { JSONScalar } from '../common/scalars';
import type { Dimension, FitTier, JsonValue, Operator } from './icp-definition';

@ObjectType({ description: 'One test on one attribute. Which of value / values / min / max are required depends on the operator; a missing or mistyped one is a BAD_USER_INPUT naming the path.' })
export class Criterion {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Float, { description: "Points earned when the test holds; a dimension's points are scaled to its weight." })
  points: number;
  @Field(() => String, { nullable: true }) label?: string;
}

@InputType()
export class CriterionInput {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Float) points: number;
  @Field(() => String, { nullable: true }) label?: string;
}

@ObjectType()
export class DimensionDefinition {
  @Field(() => DimensionEnum) dimension: Dimension;
  @Field(() => Float, { description: 'Share of the 0-100 score; the weights of a definition sum to 100.' })
  weight: number;
  @Field(() => [Criterion]) criteria: Criterion[];
}

@InputType()
export class DimensionInput {
  @Field(() => DimensionEnum) dimension: Dimension;
  @Field(() => Float) weight: number;
  @Field(() => [CriterionInput]) criteria: CriterionInput[];
}

@ObjectType({ description: 'A hard rule: when it holds, the account is DISQUALIFIED whatever its points.' })
export class Disqualifier {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field() reason: string;
}

@InputType()
export class DisqualifierInput {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field() reason: string;
}

@ObjectType({ description: 'Lower bounds, inclusive: score >= perfect is PERFECT, and so on; below moderate is WEAK.' })
export class TierThresholds {
  @Field(() => Float) perfect: number;
  @Field(() => Float) strong: number;
  @Field(() => Float) moderate: number;
}

@InputType()
export class TierThresholdsInput {
  @Field(() => Float, { defaultValue: 80 }) perfect: number;
  @Field(() => Float, { defaultValue: 60 }) strong: number;
  @Field(() => Float, { defaultValue: 40 }) moderate: number;
}

@ObjectType()
export class TierAction {
  @Field(() => FitTierEnum) tier: FitTier;
  @Field({ description: 'What sales does with accounts of this tier, e.g. ROUTE_TO_AE, PURSUE, NURTURE, EXCLUDE.' })
  action: string;
}

@InputType()
export class TierActionInput {
  @Field(() => FitTierEnum) tier: FitTier;
  @Field() action: string;
}

@ObjectType()
export class IcpDefinition {
  @Field(() => [DimensionDefinition]) dimensions: DimensionDefinition[];
  @Field(() => [Disqualifier]) disqualifiers: Disqualifier[];
  @Field(() => TierThresholds) thresholds: TierThresholds;
  @Field(() => [TierAction]) actions: TierAction[];
}

@InputType()
export class IcpDefinitionInput {
  @Field(() => [DimensionInput]) dimensions: DimensionInput[];
  @Field(() => [DisqualifierInput], { nullable: true, defaultValue: [] }) disqualifiers?: DisqualifierInput[] | null;
  @Field(() => TierThresholdsInput, { nullable: true }) thresholds?: TierThresholdsInput | null;
  @Field(() => [TierActionInput], { nullable: true, defaultValue: [] }) actions?: TierActionInput[] | null;
}

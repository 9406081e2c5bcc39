/**
 * GraphQL shapes of an ICP definition. Object types resolve straight from the stored jsonb, so
 * each implements its stored shape (icp-definition.ts); inputs implement the shapes the
 * canonical form is built from, and are checked by `definition-validator.ts`, which knows the
 * attribute catalogue.
 */
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { DimensionEnum, FitTierEnum, OperatorEnum } from './enums';
import { JSONScalar } from '../common/scalars';
import type {
  BandInputLike,
  BandSpec,
  CriterionInputLike,
  CriterionSpec,
  Dimension,
  DimensionInputLike,
  DimensionSpec,
  DisqualifierInputLike,
  DisqualifierSpec,
  FitTier,
  IcpDefinitionInputLike,
  IcpDefinitionSpec,
  JsonValue,
  Operator,
  TierActionSpec,
  TierThresholdsSpec,
} from './icp-definition';

@ObjectType({ description: 'One step of a graded criterion: BANDS use min/max, AGE_BANDS use maxAgeDays.' })
export class Band implements BandSpec {
  @Field(() => Float, { nullable: true, description: 'BANDS: the lowest value in the band, inclusive; absent: no lower bound.' })
  min?: number;
  @Field(() => Float, { nullable: true, description: 'BANDS: the highest value in the band, inclusive; absent: no upper bound.' })
  max?: number;
  @Field(() => Float, { nullable: true, description: "AGE_BANDS: the band holds while the date's age in days is at most this." })
  maxAgeDays?: number;
  @Field(() => Float) points: number;
}

@InputType()
export class BandInput implements BandInputLike {
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Float, { nullable: true }) maxAgeDays?: number;
  @Field(() => Float) points: number;
}

@ObjectType({
  description:
    'One test on one attribute. Which of value / values / min / max are required depends on the operator; a missing or mistyped one is a BAD_USER_INPUT naming the path.',
})
export class Criterion implements CriterionSpec {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Float, { description: "Points earned when the test holds; a dimension's points are scaled to its weight." })
  points: number;
  @Field(() => String, { nullable: true }) label?: string;
  @Field(() => [Band], {
    nullable: true,
    description:
      "BANDS and AGE_BANDS only. The criterion's points must equal the highest band's points; band points are >= 0; AGE_BANDS are ordered by strictly increasing maxAgeDays.",
  })
  bands?: Band[];
}

@InputType()
export class CriterionInput implements CriterionInputLike {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field(() => Float) points: number;
  @Field(() => String, { nullable: true }) label?: string;
  @Field(() => [BandInput], { nullable: true }) bands?: BandInput[];
}

@ObjectType()
export class DimensionDefinition implements DimensionSpec {
  @Field(() => DimensionEnum) dimension: Dimension;
  // `key` is resolved by DimensionDefinitionResolver: built-in dimensions do not store theirs.
  @Field(() => String, { nullable: true, description: 'Display name; required for CUSTOM.' }) name?: string;
  @Field(() => Float, { description: 'Share of the 0-100 score; the weights of a definition sum to 100.' })
  weight: number;
  @Field(() => [Criterion]) criteria: Criterion[];
}

@InputType()
export class DimensionInput implements DimensionInputLike {
  @Field(() => DimensionEnum) dimension: Dimension;
  @Field(() => String, {
    nullable: true,
    description: 'Required for CUSTOM: 1-40 characters of a-z, 0-9 and -, unique within the definition. Ignored for built-in dimensions.',
  })
  key?: string;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => Float) weight: number;
  @Field(() => [CriterionInput]) criteria: CriterionInput[];
}

@ObjectType({ description: 'A hard rule: when it holds, the account is DISQUALIFIED whatever its points.' })
export class Disqualifier implements DisqualifierSpec {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field() reason: string;
}

@InputType()
export class DisqualifierInput implements DisqualifierInputLike {
  @Field() attribute: string;
  @Field(() => OperatorEnum) operator: Operator;
  @Field(() => JSONScalar, { nullable: true }) value?: JsonValue;
  @Field(() => [JSONScalar], { nullable: true }) values?: JsonValue[];
  @Field(() => Float, { nullable: true }) min?: number;
  @Field(() => Float, { nullable: true }) max?: number;
  @Field() reason: string;
}

@ObjectType({ description: 'Lower bounds, inclusive: score >= perfect is PERFECT, and so on; below moderate is WEAK.' })
export class TierThresholds implements TierThresholdsSpec {
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
export class TierAction implements TierActionSpec {
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
export class IcpDefinition implements IcpDefinitionSpec {
  @Field(() => [DimensionDefinition]) dimensions: DimensionDefinition[];
  @Field(() => [Disqualifier]) disqualifiers: Disqualifier[];
  @Field(() => TierThresholds) thresholds: TierThresholds;
  @Field(() => [TierAction]) actions: TierAction[];
}

@InputType()
export class IcpDefinitionInput implements IcpDefinitionInputLike {
  @Field(() => [DimensionInput]) dimensions: DimensionInput[];
  @Field(() => [DisqualifierInput], { nullable: true, defaultValue: [] }) disqualifiers?: DisqualifierInput[] | null;
  @Field(() => TierThresholdsInput, { nullable: true }) thresholds?: TierThresholdsInput | null;
  @Field(() => [TierActionInput], { nullable: true, defaultValue: [] }) actions?: TierActionInput[] | null;
}

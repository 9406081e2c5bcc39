import { Field, Int, ObjectType } from 'type-graphql';
import { ChangeKindEnum, FitTierEnum, type ChangeKind } from './enums';
import { JSONScalar } from '../common/scalars';
import type { FitTier, JsonValue } from './icp-definition';
import { IcpVersion } from './icp-version.types';

/** One difference between two definitions; `before` is null for ADDED, `after` is null for REMOVED. */
@ObjectType()
export class DefinitionChange {
  @Field({ description: 'Where in the definition, e.g. dimensions.FIRMOGRAPHICS.criteria[annualRevenue BETWEEN].min' })
  path: string;
  @Field(() => ChangeKindEnum) kind: ChangeKind;
  @Field(() => JSONScalar, { nullable: true }) before: JsonValue | null;
  @Field(() => JSONScalar, { nullable: true }) after: JsonValue | null;
}

@ObjectType()
export class VersionDiff {
  @Field(() => IcpVersion) from: IcpVersion;
  @Field(() => IcpVersion) to: IcpVersion;
  @Field(() => [DefinitionChange]) changes: DefinitionChange[];
}

/** Accounts that moved from one tier to another, as publishes and backtests report them. */
@ObjectType()
export class TierMigration {
  @Field(() => FitTierEnum, { nullable: true, description: 'null for accounts that had no score before.' })
  from: FitTier | null;
  @Field(() => FitTierEnum) to: FitTier;
  @Field(() => Int) accounts: number;
}

@ObjectType()
export class PublishResult {
  @Field(() => IcpVersion) version: IcpVersion;
  @Field(() => IcpVersion, { nullable: true }) superseded: IcpVersion | null;
  @Field(() => Int) accountsScored: number;
  @Field(() => [TierMigration]) tierChanges: TierMigration[];
  @Field(() => Int, { description: "Active overrides whose account's computed tier changed with this publish; each now needsReview." })
  overridesFlagged: number;
}

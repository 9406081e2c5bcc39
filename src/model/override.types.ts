import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from './node.types';
import { Account } from './account.types';
import { FitTierEnum } from './enums';
import { connectionTypes } from '../common/pagination';
import { Segment } from './segment.types';
import type { FitTier } from './icp-definition';
import { IcpVersion } from './icp-version.types';

export const OVERRIDE_CATEGORIES = ['STRATEGIC_ACCOUNT', 'DATA_QUALITY', 'PARTNER_REFERRAL', 'EXISTING_RELATIONSHIP', 'OTHER'] as const;
export type OverrideCategory = (typeof OVERRIDE_CATEGORIES)[number];
export const OverrideCategoryEnum = Object.fromEntries(OVERRIDE_CATEGORIES.map((c) => [c, c])) as { [K in OverrideCategory]: K };
export const OverrideStatusEnum = { ACTIVE: 'ACTIVE', EXPIRED: 'EXPIRED', REVOKED: 'REVOKED' } as const;
export type OverrideStatus = keyof typeof OverrideStatusEnum;
registerEnumType(OverrideCategoryEnum, { name: 'OverrideCategory' });
registerEnumType(OverrideStatusEnum, { name: 'OverrideStatus' });

@ObjectType({
  description: "A manual change of an account's fit in a segment. Never edited or deleted: revocation and expiry are states.",
  implements: Node,
})
export class Override {
  accountId: string;
  segmentId: string;
  versionId: string;
  /** When the expiry was written to the audit trail; null until then (and for overrides that do not expire). */
  expiryRecordedAt: Date | null;

  @Field(() => ID) id: string;
  @Field(() => Account) account?: Account;
  @Field(() => Segment) segment?: Segment;
  @Field(() => IcpVersion, { description: 'The live version when the override was made.' }) version?: IcpVersion;
  @Field(() => Float) computedScore: number;
  @Field(() => FitTierEnum) computedTier: FitTier;
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => Float, { nullable: true, description: 'The explicit score given with the override, if any.' }) score: number | null;
  @Field() justification: string;
  @Field(() => OverrideCategoryEnum) category: OverrideCategory;
  @Field({ description: 'The name of the key that made the override.' }) createdBy: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The key that made the override, beside its name in createdBy; null when fitgraph made it (demo data).',
  })
  createdByKeyId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => OverrideStatusEnum) status?: OverrideStatus;
  @Field(() => String, { nullable: true }) revokedBy: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'The key that revoked the override, beside its name in revokedBy (null for revocations recorded before key ids were kept).',
  })
  revokedByKeyId: string | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => String, { nullable: true }) revokeReason: string | null;
  @Field({ description: 'True when a later version computes a different tier than the one this override was made against.' })
  needsReview: boolean;
}

@InputType()
export class OverrideFitInput {
  @Field(() => ID) accountId: string;
  @Field() segmentKey: string;
  @Field(() => FitTierEnum) tier: FitTier;
  @Field(() => Float, {
    nullable: true,
    description:
      "Optional explicit score; must lie inside the tier's band of the live version. Without it, the effective score is the computed score moved into that band: to its lower bound from below, to just under its upper bound (minus 0.01) from above; 0 for DISQUALIFIED.",
  })
  score?: number | null;
  @Field({
    description:
      "At least 30 characters of real explanation; boilerplate (repeated characters, placeholders such as 'n/a', 'test', 'asdf') is BAD_USER_INPUT.",
  })
  justification: string;
  @Field(() => OverrideCategoryEnum) category: OverrideCategory;
  @Field(() => Date, { nullable: true, description: 'Must be in the future.' }) expiresAt?: Date | null;
}

@InputType()
export class OverrideFilter {
  @Field(() => String, { nullable: true }) segmentKey?: string | null;
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => String, { nullable: true }) createdBy?: string | null;
  @Field(() => OverrideStatusEnum, { nullable: true }) status?: OverrideStatus | null;
  @Field(() => Boolean, { nullable: true }) needsReview?: boolean | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
}

export const { Edge: OverrideEdge, Connection: OverrideConnection } = connectionTypes(Override, 'Override');

import { ArgsType, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { AttributeTypeEnum } from './enums';
import { connectionTypes, type PageArgs } from '../common/pagination';
import type { AttributeCatalogue, AttributeType } from './icp-definition';
import { JSONScalar } from '../common/scalars';
import { Account } from './account.types';

@InputType()
export class AccountInput {
  @Field({ description: 'The CRM id; upserts match on it.' })
  externalId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  domain?: string | null;

  @Field(() => JSONScalar, { description: 'Keys must be in the catalogue and values of its type; null removes a value.' })
  attributes: unknown;

  @Field(() => [String], { nullable: true })
  explicitSegments?: string[] | null;
}

@ObjectType()
export class UpsertAccountsResult {
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int, { description: 'Scores recomputed because attributes changed.' }) rescored: number;
  /** The batch's external ids, for `fits` (set by the resolver). */
  externalIds?: string[];
}

@InputType()
export class AccountFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, or the exact external id or domain.' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  segmentKey?: string | null;
}

export const { Edge: AccountEdge, Connection: AccountConnection } = connectionTypes(Account, 'Account');

/** Page arguments of scoreHistoryConnection: scoreHistory's default page of 20 (and, as the schema has it, no descriptions). */
@ArgsType()
export class HistoryConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Int, { nullable: true }) last?: number | null;
  @Field(() => String, { nullable: true }) before?: string | null;
}

@ObjectType({
  description:
    'One attribute of an account with its catalogue type; the value is also in the field of its type (numberValue for NUMBER...), so typed clients need no casts.',
})
export class AttributeValue {
  @Field() key: string;
  @Field(() => AttributeTypeEnum) type: AttributeType;
  @Field(() => JSONScalar) value: unknown;
  @Field(() => Float, { nullable: true }) numberValue: number | null;
  @Field(() => String, { nullable: true }) stringValue: string | null;
  @Field(() => [String], { nullable: true }) stringListValue: string[] | null;
  @Field(() => Boolean, { nullable: true }) booleanValue: boolean | null;
  @Field(() => String, { nullable: true, description: 'A DATE attribute as stored: YYYY-MM-DD or an ISO date-time.' }) dateValue:
    string | null;
}

/** An account's attributes as typed entries, by key; keys the catalogue no longer has are left out. */
export function attributeValuesOf(attributes: Record<string, unknown>, catalogue: AttributeCatalogue): AttributeValue[] {
  return Object.keys(attributes)
    .sort()
    .flatMap((key) => {
      const entry = catalogue.get(key);
      const value = attributes[key];
      if (!entry || value === null || value === undefined) return [];
      const as = <T>(t: AttributeType, v: unknown) => (entry.type === t ? (v as T) : null);
      return [
        {
          key,
          type: entry.type,
          value,
          numberValue: as<number>('NUMBER', value),
          stringValue: as<string>('STRING', value),
          stringListValue: as<string[]>('STRING_LIST', value),
          booleanValue: as<boolean>('BOOLEAN', value),
          dateValue: as<string>('DATE', value),
        },
      ];
    });
}

import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../common/pagination';
import { JSONScalar } from '../common/scalars';
import { Account } from './account.entity';

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
}

@InputType()
export class AccountFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, or the exact external id or domain.' })
  search?: string | null;

  @Field(() => String, { nullable: true })
  segmentKey?: string | null;
}

export const { Edge: AccountEdge, Connection: AccountConnection } = connectionTypes(Account, 'Account');

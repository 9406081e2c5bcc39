import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../common/pagination';
import { Node } from './node.types';

export const OPPORTUNITY_OUTCOMES = ['OPEN', 'WON', 'LOST'] as const;
export type OpportunityOutcome = (typeof OPPORTUNITY_OUTCOMES)[number];
export const OpportunityOutcomeEnum = { OPEN: 'OPEN', WON: 'WON', LOST: 'LOST' } as const;
registerEnumType(OpportunityOutcomeEnum, { name: 'OpportunityOutcome' });

@InputType()
export class LeadInput {
  @Field() externalId: string;
  @Field() accountExternalId: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the lead became an opportunity; null while it has not.' })
  convertedAt?: Date | null;
}

@InputType()
export class OpportunityInput {
  @Field() externalId: string;
  @Field() accountExternalId: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) closedAt?: Date | null;
  @Field(() => OpportunityOutcomeEnum) outcome: OpportunityOutcome;
  @Field(() => Float, { nullable: true }) amount?: number | null;
}

/** A stored opportunity; its `account` field resolves through a loader, from accountId. */
@ObjectType({ implements: Node })
export class Opportunity {
  accountId: string;

  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => OpportunityOutcomeEnum) outcome: OpportunityOutcome;
  @Field(() => Float, { nullable: true }) amount: number | null;
}

@ObjectType()
export class RecordResult {
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
}

export const { Edge: OpportunityEdge, Connection: OpportunityConnection } = connectionTypes(Opportunity, 'Opportunity');

import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../common/pagination';
import { JSONScalar } from '../common/scalars';

@ObjectType()
export class AuditEvent {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Gap-free, increasing.' }) sequence: number;
  @Field() occurredAt: Date;
  @Field({ description: 'The name of the acting key, or "system" for fitgraph\'s own work.' }) actor: string;
  @Field(() => ID, { nullable: true, description: 'The API key that acted; null for fitgraph\'s own background work (actor "system").' })
  actorKeyId: string | null;
  @Field() action: string;
  @Field() entityType: string;
  @Field() entityId: string;
  @Field(() => JSONScalar, { nullable: true }) before: unknown;
  @Field(() => JSONScalar, { nullable: true }) after: unknown;
  @Field(() => String, { nullable: true }) justification: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The id the server gave the request (also in its logs and its x-request-id response header).',
  })
  requestId: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The x-request-id the client sent, if any, as sent (bounded); requestId is the server's own.",
  })
  clientRequestId: string | null;
  @Field(() => String, { nullable: true }) previousHash: string | null;
  @Field() hash: string;
}

export const { Edge: AuditEventEdge, Connection: AuditEventConnection } = connectionTypes(AuditEvent, 'AuditEvent');

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true }) actor?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only what this key did.' }) actorKeyId?: string | null;
  @Field(() => String, { nullable: true }) action?: string | null;
  @Field(() => String, { nullable: true }) entityType?: string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
}

@ObjectType()
export class AuditIntegrity {
  @Field() ok: boolean;
  @Field(() => Int) checkedEvents: number;
  @Field(() => Int, {
    nullable: true,
    description: 'The first event whose hash does not match its content and predecessor, or that follows a gap.',
  })
  firstBrokenSequence: number | null;
}

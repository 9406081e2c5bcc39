import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import { JSONScalar } from '../common/scalars';

@ObjectType({ description: 'A company. attributes holds values keyed by attribute key, typed by the catalogue.', implements: Node })
export class Account {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The CRM id; upserts match on it.' })
  externalId: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  domain: string | null;

  @Field(() => JSONScalar)
  attributes: Record<string, unknown>;

  @Field(() => [String], { description: "Segments named explicitly for this account, beside the segments' membership rules." })
  explicitSegments: string[];

  /** Segments the account belongs to, by rule or by name; maintained by the account service. */
  segmentIds: string[];

  /** When time alone may change segmentIds next (a WITHIN_DAYS membership rule); null: never. */
  membershipChangesAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

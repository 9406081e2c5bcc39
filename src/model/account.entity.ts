import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JSONScalar } from '../common/scalars';

@Entity('account')
@ObjectType({ description: 'A company. attributes holds values keyed by attribute key, typed by the catalogue.', implements: Node })
export class Account {
  @PrimaryColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('text', { name: 'external_id' })
  @Field({ description: 'The CRM id; upserts match on it.' })
  externalId: string;

  @Column('text')
  @Field()
  name: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  domain: string | null;

  @Column('jsonb')
  @Field(() => JSONScalar)
  attributes: Record<string, unknown>;

  @Column('text', { name: 'explicit_segments', array: true })
  @Field(() => [String], { description: "Segments named explicitly for this account, beside the segments' membership rules." })
  explicitSegments: string[];

  /** Segments the account belongs to, by rule or by name; maintained by the account service. */
  @Column('uuid', { name: 'segment_ids', array: true })
  segmentIds: string[];

  @Column('timestamptz', { name: 'created_at' })
  @Field()
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  @Field()
  updatedAt: Date;
}

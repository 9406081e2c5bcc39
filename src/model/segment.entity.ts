import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CriterionSpec } from './icp-definition';
import { Criterion } from './icp-definition.types';

@Entity('segment')
@ObjectType({ implements: Node })
export class Segment {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column('text')
  @Field()
  key: string;

  @Column('text')
  @Field()
  name: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null;

  @Column('jsonb')
  @Field(() => [Criterion], {
    description:
      'Accounts belong to the segment when they satisfy every membership criterion (points ignored), or when they name the segment explicitly. Empty: every account.',
  })
  membership: CriterionSpec[];

  /** Hands out version numbers; never decreases. */
  @Column('integer', { name: 'versions_created' })
  versionsCreated: number;

  @Column('timestamptz', { name: 'created_at' })
  @Field()
  createdAt: Date;

  @Column('text', { name: 'created_by' })
  createdBy: string;
}

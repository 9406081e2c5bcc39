import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from './node.types';
import type { CriterionSpec } from './icp-definition';
import { Criterion } from './icp-definition.types';

@ObjectType({ implements: Node })
export class Segment {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [Criterion], {
    description:
      'Accounts belong to the segment when they satisfy every membership criterion (points ignored), or when they name the segment explicitly. Empty: every account.',
  })
  membership: CriterionSpec[];

  /** Hands out version numbers; never decreases. */
  versionsCreated: number;

  @Field()
  createdAt: Date;

  createdBy: string;
}

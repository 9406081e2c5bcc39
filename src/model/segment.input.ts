import { Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CriterionInput } from './icp-definition.types';

@InputType()
export class CreateSegmentInput {
  @Field()
  @Length(1, 63)
  @Matches(/^[a-z][a-z0-9_-]*$/, { message: 'key must start with a lower-case letter and hold only a-z, 0-9, - and _' })
  key: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  description?: string | null;

  @Field(() => [CriterionInput], { nullable: true, defaultValue: [] })
  membership?: CriterionInput[] | null;
}

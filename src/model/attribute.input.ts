import { Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { AttributeTypeEnum, DimensionEnum } from './enums';
import type { AttributeType, Dimension } from './icp-definition';

@InputType()
export class AttributeInput {
  @Field()
  @Length(1, 63)
  @Matches(/^[a-zA-Z][a-zA-Z0-9_]*$/, { message: 'key must start with a letter and hold only letters, digits and _' })
  key: string;

  @Field(() => AttributeTypeEnum)
  type: AttributeType;

  @Field(() => DimensionEnum, { nullable: true })
  dimension?: Dimension | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  description?: string | null;
}

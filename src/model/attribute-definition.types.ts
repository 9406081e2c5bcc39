import { Field, ObjectType } from 'type-graphql';
import { AttributeTypeEnum, DimensionEnum } from './enums';
import type { AttributeType, Dimension } from './icp-definition';

@ObjectType({
  description:
    'An account attribute that definitions may refer to. A set of common ones (industry, employees, annualRevenue, country, fundingStage, techStack, websiteVisits30d, demoRequested, budgetUsd, ...) exists from the start.',
})
export class AttributeDefinition {
  @Field()
  key: string;

  @Field(() => AttributeTypeEnum)
  type: AttributeType;

  @Field(() => DimensionEnum, { nullable: true })
  dimension: Dimension | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  createdAt: Date;
}

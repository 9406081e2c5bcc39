import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AttributeTypeEnum, DimensionEnum } from './enums';
import type { AttributeType, Dimension } from './icp-definition';

@Entity('attribute_definition')
@ObjectType({
  description:
    'An account attribute that definitions may refer to. A set of common ones (industry, employees, annualRevenue, country, fundingStage, techStack, websiteVisits30d, demoRequested, budgetUsd, ...) exists from the start.',
})
export class AttributeDefinition {
  @PrimaryColumn('text')
  @Field()
  key: string;

  @Column('text')
  @Field(() => AttributeTypeEnum)
  type: AttributeType;

  @Column('text', { nullable: true })
  @Field(() => DimensionEnum, { nullable: true })
  dimension: Dimension | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

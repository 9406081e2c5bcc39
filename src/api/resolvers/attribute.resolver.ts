import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { AttributeDefinition } from '../../model/attribute-definition.types';
import { AttributeInput } from '../../model/attribute.input';
import type { AttributeService } from '../../use-cases/attributes/attribute.service';

@Resolver()
export class AttributeResolver {
  constructor(private readonly attributeService: AttributeService) {}

  @Query(() => [AttributeDefinition])
  attributes(@Ctx() ctx: AppContext): Promise<AttributeDefinition[]> {
    return this.attributeService.list(ctx);
  }

  @Mutation(() => AttributeDefinition)
  defineAttribute(@Ctx() ctx: AppContext, @Arg('input') input: AttributeInput): Promise<AttributeDefinition> {
    return this.attributeService.define(ctx, input);
  }
}

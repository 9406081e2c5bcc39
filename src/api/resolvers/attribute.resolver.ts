import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { AttributeDefinition } from '../../model/attribute-definition.types';
import { AttributeInput } from '../../model/attribute.input';
import { attributeService } from '../../use-cases/attributes/attribute.service';

@Resolver()
export class AttributeResolver {
  @Query(() => [AttributeDefinition])
  attributes(@Ctx() ctx: AppContext): Promise<AttributeDefinition[]> {
    return attributeService.list(ctx);
  }

  @Mutation(() => AttributeDefinition)
  defineAttribute(@Ctx() ctx: AppContext, @Arg('input') input: AttributeInput): Promise<AttributeDefinition> {
    return attributeService.define(ctx, input);
  }
}

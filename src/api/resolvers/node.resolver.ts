import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import type { NodeService } from '../../use-cases/nodes/node.service';
import { Node } from '../../model/node.types';

@Resolver()
export class NodeResolver {
  constructor(private readonly nodeService: NodeService) {}

  @Query(() => Node, { nullable: true, description: 'Any object with an id; null when none exists or the role may not read its type.' })
  node(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<object | null> {
    return this.nodeService.find(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Up to 500 objects by id, in the order of ids; null where node(id) would be.' })
  nodes(@Ctx() ctx: AppContext, @Arg('ids', () => [ID]) ids: string[]): Promise<Array<object | null>> {
    return this.nodeService.findMany(ctx, ids);
  }
}

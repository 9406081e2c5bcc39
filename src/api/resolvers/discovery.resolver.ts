import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { icpInsights, suggestDraft, type DiscoveryServices } from '../../use-cases/discovery/discovery.service';
import { IcpInsights, InsightOptions, SuggestedDraft } from '../../model/discovery.types';

@Resolver()
export class DiscoveryResolver {
  constructor(private readonly services: DiscoveryServices) {}

  @Query(() => IcpInsights, { description: 'REVOPS, AUDITOR, ADMIN. Reads only.' })
  icpInsights(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('options', () => InsightOptions, { nullable: true }) options: InsightOptions | null,
  ): Promise<IcpInsights> {
    return icpInsights(this.services, ctx, segmentKey, options);
  }

  @Mutation(() => SuggestedDraft, {
    description:
      'REVOPS, ADMIN. Learns from the outcomes before a split instant, tests on those after it, and saves the result as a draft.',
  })
  suggestDraft(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('options', () => InsightOptions, { nullable: true }) options: InsightOptions | null,
  ): Promise<SuggestedDraft> {
    return suggestDraft(this.services, ctx, segmentKey, options);
  }
}

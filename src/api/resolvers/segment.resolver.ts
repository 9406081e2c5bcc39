import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, listScope, pageOfList, pageRequest } from '../../common/pagination';
import type { AppContext } from '../../use-cases/context';
import { IcpVersion, IcpVersionConnection } from '../../model/icp-version.types';
import { Segment } from '../../model/segment.types';
import { CreateSegmentInput } from '../../model/segment.input';
import type { SegmentService } from '../../use-cases/segments/segment.service';

@Resolver(() => Segment)
export class SegmentResolver {
  constructor(private readonly segmentService: SegmentService) {}

  @Query(() => [Segment])
  segments(@Ctx() ctx: AppContext): Promise<Segment[]> {
    return this.segmentService.list(ctx);
  }

  @Query(() => Segment, { nullable: true })
  segment(@Ctx() ctx: AppContext, @Arg('key') key: string): Promise<Segment | null> {
    return this.segmentService.findByKey(ctx, key);
  }

  @Mutation(() => Segment)
  createSegment(@Ctx() ctx: AppContext, @Arg('input') input: CreateSegmentInput): Promise<Segment> {
    return this.segmentService.create(ctx, input);
  }

  @FieldResolver(() => IcpVersion, { nullable: true })
  liveVersion(@Root() segment: Segment, @Ctx() ctx: AppContext): Promise<IcpVersion | null> {
    return ctx.loaders.liveVersionBySegmentId.load(segment.id);
  }

  @FieldResolver(() => [IcpVersion], { description: 'Every version but discarded drafts, by number.' })
  versions(@Root() segment: Segment, @Ctx() ctx: AppContext): Promise<IcpVersion[]> {
    return ctx.loaders.versionsBySegmentId.load(segment.id);
  }

  @FieldResolver(() => IcpVersionConnection, { description: 'versions as a connection, by number, with last/before.' })
  async versionsConnection(@Root() segment: Segment, @Ctx() ctx: AppContext, @Args() page: PageArgs) {
    const request = pageRequest(listScope('versions', { segmentId: segment.id }), page, ['integer']);
    return pageOfList(await ctx.loaders.versionsBySegmentId.load(segment.id), request, (v) => [v.number]);
  }
}

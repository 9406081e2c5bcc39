import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { Segment } from '../../model/segment.types';
import { dimensionKey, type DimensionSpec } from '../../model/icp-definition';
import { DimensionDefinition, IcpDefinitionInput } from '../../model/icp-definition.types';
import { IcpVersion } from '../../model/icp-version.types';
import type { VersionService } from '../../use-cases/versions/version.service';
import { VersionDiff } from '../../model/version.types';

@Resolver(() => IcpVersion)
export class VersionResolver {
  constructor(private readonly versionService: VersionService) {}

  @Query(() => IcpVersion, { nullable: true })
  icpVersion(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<IcpVersion | null> {
    return this.versionService.findById(ctx, id);
  }

  @Query(() => VersionDiff)
  versionDiff(@Ctx() ctx: AppContext, @Arg('fromId', () => ID) fromId: string, @Arg('toId', () => ID) toId: string): Promise<VersionDiff> {
    return this.versionService.diff(ctx, fromId, toId);
  }

  @Mutation(() => IcpVersion, { description: 'Without a definition, copies basedOnVersionId, or else the live version.' })
  createDraft(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('definition', () => IcpDefinitionInput, { nullable: true }) definition: IcpDefinitionInput | null,
    @Arg('basedOnVersionId', () => ID, { nullable: true }) basedOnVersionId: string | null,
    @Arg('notes', () => String, { nullable: true }) notes: string | null,
  ): Promise<IcpVersion> {
    return this.versionService.createDraft(ctx, { segmentKey, definition, basedOnVersionId, notes });
  }

  @Mutation(() => IcpVersion, {
    description: "CONFLICT when expectedRevision is not the draft's current revision, or the version is not a draft.",
  })
  updateDraft(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID) id: string,
    @Arg('definition', () => IcpDefinitionInput) definition: IcpDefinitionInput,
    @Arg('expectedRevision', () => Int) expectedRevision: number,
    @Arg('notes', () => String, { nullable: true }) notes: string | null | undefined,
  ): Promise<IcpVersion> {
    return this.versionService.updateDraft(ctx, { id, definition, expectedRevision, notes });
  }

  @Mutation(() => Boolean)
  discardDraft(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.versionService.discardDraft(ctx, id);
  }

  @FieldResolver(() => Segment)
  async segment(@Root() version: IcpVersion, @Ctx() ctx: AppContext): Promise<Segment> {
    const segment = await ctx.loaders.segmentById.load(version.segmentId);
    if (!segment) throw new Error(`segment ${version.segmentId} of version ${version.id} is missing`);
    return segment;
  }

  @FieldResolver(() => IcpVersion, { nullable: true })
  basedOn(@Root() version: IcpVersion, @Ctx() ctx: AppContext): Promise<IcpVersion | null> {
    return version.basedOnId ? ctx.loaders.versionById.load(version.basedOnId) : Promise.resolve(null);
  }
}

@Resolver(() => DimensionDefinition)
export class DimensionDefinitionResolver {
  @FieldResolver(() => String, {
    description:
      "Unique within a definition: the built-in dimension's name in lower case (firmographics, ...), or a CUSTOM dimension's own key. Diff paths use it.",
  })
  key(@Root() dimension: DimensionSpec): string {
    return dimensionKey(dimension);
  }
}

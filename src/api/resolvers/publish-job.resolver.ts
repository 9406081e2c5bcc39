import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../../use-cases/context';
import { IcpVersion } from '../../model/icp-version.types';
import { PublishResult } from '../../model/version.types';
import type { PublishJobService } from '../../use-cases/publishing/publish-job.service';
import { PublishJob } from '../../model/publish-job.types';

@Resolver(() => PublishJob)
export class PublishJobResolver {
  constructor(private readonly publishJobService: PublishJobService) {}

  @Mutation(() => PublishResult, {
    description:
      "Atomic: supersedes the live version, rescores every account of the segment, writes the audit event; all or nothing. Starts the same job as startPublish and waits for it: the scores are prepared while upserts and reads go on, and one short transaction makes them live. effectiveAt (REVOPS, ADMIN) backfills history: it must not be in the future and must be later than the live version's effectiveAt; it is recorded in the audit event.",
  })
  publishVersion(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID) id: string,
    @Arg('notes', () => String, { nullable: true }) notes: string | null | undefined,
    @Arg('effectiveAt', () => Date, { nullable: true }) effectiveAt: Date | null,
  ): Promise<PublishResult> {
    return this.publishJobService.publish(ctx, { id, notes, effectiveAt });
  }

  @Mutation(() => PublishJob, {
    description:
      'Queues a publish and returns at once (REVOPS, ADMIN). At most one unfinished job per segment: a second is CONFLICT. The same validation as publishVersion applies before anything is queued.',
  })
  startPublish(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID) id: string,
    @Arg('notes', () => String, { nullable: true }) notes: string | null | undefined,
    @Arg('effectiveAt', () => Date, { nullable: true }) effectiveAt: Date | null,
  ): Promise<PublishJob> {
    return this.publishJobService.start(ctx, { id, notes, effectiveAt });
  }

  @Mutation(() => PublishJob, {
    description: 'Stops a job that has not begun FLIPPING; the draft stays a draft. A finished job is CONFLICT.',
  })
  cancelPublish(@Ctx() ctx: AppContext, @Arg('jobId', () => ID) jobId: string): Promise<PublishJob> {
    return this.publishJobService.cancel(ctx, jobId);
  }

  @Query(() => PublishJob, { nullable: true })
  publishJob(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<PublishJob | null> {
    return this.publishJobService.get(ctx, id);
  }

  @Query(() => [PublishJob], { description: 'Newest first.' })
  publishJobs(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey', () => String, { nullable: true }) segmentKey: string | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
  ): Promise<PublishJob[]> {
    return this.publishJobService.list(ctx, segmentKey, first ?? 20);
  }

  @FieldResolver(() => IcpVersion)
  async version(@Root() job: PublishJob, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    const version = await ctx.loaders.versionById.load(job.versionId);
    if (!version) throw new Error(`publish job ${job.id}: version ${job.versionId} does not exist`);
    return version;
  }

  @FieldResolver(() => PublishResult, { nullable: true, description: 'Set when DONE.' })
  result(@Root() job: PublishJob, @Ctx() ctx: AppContext): Promise<PublishResult | null> {
    return this.publishJobService.result(ctx, job);
  }
}

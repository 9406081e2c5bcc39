import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import { Account } from '../../model/account.types';
import type { AppContext } from '../../use-cases/context';
import { NotFoundError } from '../../errors/domain-errors';
import { currentFit } from '../../use-cases/scoring/fit.service';
import { Fit } from '../../model/score.types';
import { Segment } from '../../model/segment.types';
import { IcpVersion } from '../../model/icp-version.types';
import { statusAt } from '../../domain/overrides/effective-fit';
import type { OverrideService } from '../../use-cases/overrides/override.service';
import {
  Override,
  OverrideConnection,
  OverrideFilter,
  OverrideFitInput,
  OverrideStatusEnum,
  type OverrideStatus,
} from '../../model/override.types';

@Resolver(() => Override)
export class OverrideResolver {
  constructor(private readonly overrideService: OverrideService) {}

  @Query(() => OverrideConnection, { description: 'Newest first.' })
  overrides(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => OverrideFilter, { nullable: true }) filter: OverrideFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.overrideService.list(ctx, filter, page);
  }

  @Mutation(() => Override, { description: 'CONFLICT when the account already has an active override in the segment; revoke it first.' })
  overrideFit(@Ctx() ctx: AppContext, @Arg('input') input: OverrideFitInput): Promise<Override> {
    return this.overrideService.create(ctx, input);
  }

  @Mutation(() => Override)
  revokeOverride(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<Override> {
    return this.overrideService.revoke(ctx, id, reason);
  }

  @FieldResolver(() => OverrideStatusEnum)
  status(@Root() o: Override, @Ctx() ctx: AppContext): OverrideStatus {
    return statusAt(o, ctx.clock.now());
  }

  @FieldResolver(() => Account)
  async account(@Root() o: Override, @Ctx() ctx: AppContext): Promise<Account> {
    return (await ctx.loaders.accountById.load(o.accountId))!;
  }

  @FieldResolver(() => Segment)
  async segment(@Root() o: Override, @Ctx() ctx: AppContext): Promise<Segment> {
    return (await ctx.loaders.segmentById.load(o.segmentId))!;
  }

  @FieldResolver(() => IcpVersion)
  async version(@Root() o: Override, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    return (await ctx.loaders.versionById.load(o.versionId))!;
  }

  @FieldResolver(() => Fit, {
    nullable: true,
    description:
      "The account's fit in the segment now, under the live version: what overrideFit and revokeOverride changed, for client caches; null when no version is live or the account left the segment.",
  })
  async fit(@Root() o: Override, @Ctx() ctx: AppContext): Promise<Fit | null> {
    const account = await ctx.loaders.accountById.load(o.accountId);
    return account ? currentFit(ctx, account, o.segmentId) : null;
  }
}

/** The overrides seen from an account and from a fit. */
@Resolver(() => Account)
export class AccountOverridesResolver {
  @FieldResolver(() => [Override], { description: 'Every override of the account, newest first.' })
  async overrides(
    @Root() account: Account,
    @Ctx() ctx: AppContext,
    @Arg('segmentKey', () => String, { nullable: true }) segmentKey: string | null,
  ): Promise<Override[]> {
    const all = await ctx.loaders.overridesByAccount.load(account.id);
    if (!segmentKey) return all;
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    return all.filter((o) => o.segmentId === segment.id);
  }
}

@Resolver(() => Fit)
export class FitOverrideResolver {
  @FieldResolver(() => Override, { nullable: true, description: 'The active override behind this fit, if any.' })
  override(@Root() fit: Fit): Override | null {
    return fit.override;
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../common/pagination';
import type { AppContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { fitDataOf, fitService } from '../scoring/fit.service';
import { Fit, Score, type FitData, type ScoreData } from '../scoring/score.types';
import { Account } from './account.entity';
import { AccountConnection, AccountFilter, AccountInput, UpsertAccountsResult } from './account.input';
import { accountService } from './account.service';

/** The account's current fit in one segment, through the request's loaders. */
async function fitIn(ctx: AppContext, account: Account, segmentId: string): Promise<FitData | null> {
  if (!account.segmentIds.includes(segmentId)) return null;
  const live = await ctx.loaders.liveVersionBySegmentId.load(segmentId);
  if (!live) return null;
  const fit = await ctx.loaders.fitRow.load(`${live.id}:${segmentId}:${account.id}`);
  return fit ? fitDataOf(fit.row, fit.override, live.definition.thresholds) : null;
}

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true })
  account(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('externalId', () => String, { nullable: true }) externalId: string | null,
  ): Promise<Account | null> {
    return accountService.findOne(ctx, { id, externalId });
  }

  @Query(() => AccountConnection)
  accounts(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Args() page: ConnectionArgs,
  ) {
    return accountService.list(ctx, filter, page);
  }

  @Mutation(() => UpsertAccountsResult, { description: 'All or nothing: one invalid account refuses the batch with BAD_USER_INPUT naming its index and field. Up to 5,000 accounts a call.' })
  async upsertAccounts(@Ctx() ctx: AppContext, @Arg('accounts', () => [AccountInput]) accounts: AccountInput[]): Promise<UpsertAccountsResult> {
    const { rejected: _none, ...counts } = await accountService.upsert(ctx, accounts);
    return counts;
  }

  @FieldResolver(() => Fit, { nullable: true, description: 'Effective fit in one segment under its live version; null when the account is not in the segment or the segment has no live version.' })
  async fit(@Root() account: Account, @Ctx() ctx: AppContext, @Arg('segmentKey') segmentKey: string): Promise<FitData | null> {
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    return fitIn(ctx, account, segment.id);
  }

  @FieldResolver(() => [Fit], { description: 'Effective fits in every segment the account belongs to.' })
  async fits(@Root() account: Account, @Ctx() ctx: AppContext): Promise<FitData[]> {
    const fits = await Promise.all(account.segmentIds.map((segmentId) => fitIn(ctx, account, segmentId)));
    return fits.filter((f): f is FitData => f !== null);
  }

  @FieldResolver(() => [Score], { description: 'Computed scores over time in a segment, newest first: one entry per version published and per attribute change that altered the result.' })
  scoreHistory(
    @Root() account: Account,
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
  ): Promise<ScoreData[]> {
    return fitService.history(ctx, account.id, segmentKey, first);
  }
}

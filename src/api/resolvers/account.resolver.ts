import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import type { AppContext } from '../../use-cases/context';
import { NotFoundError } from '../../errors/domain-errors';
import { currentFit, type FitService } from '../../use-cases/scoring/fit.service';
import { Fit, Score, ScoreConnection } from '../../model/score.types';
import { Account } from '../../model/account.types';
import {
  AccountConnection,
  AccountFilter,
  AccountInput,
  AttributeValue,
  HistoryConnectionArgs,
  UpsertAccountsResult,
  attributeValuesOf,
} from '../../model/account.input';
import type { AccountService } from '../../use-cases/accounts/account.service';
import { selectedArgument } from './lookahead';

@Resolver(() => UpsertAccountsResult)
export class UpsertAccountsResultResolver {
  constructor(private readonly accountService: AccountService) {}

  @FieldResolver(() => [Fit], {
    description: "The fits of the batch's accounts after the change, in every segment each belongs to (changed or not), for client caches.",
  })
  async fits(@Root() result: UpsertAccountsResult, @Ctx() ctx: AppContext): Promise<Fit[]> {
    const accounts = await this.accountService.findByExternalIds(ctx, result.externalIds ?? []);
    const fits = await Promise.all(accounts.flatMap((a) => a.segmentIds.map((segmentId) => currentFit(ctx, a, segmentId))));
    return fits.filter((f): f is Fit => f !== null);
  }
}

@Resolver(() => Account)
export class AccountResolver {
  constructor(
    private readonly accountService: AccountService,
    private readonly fitService: FitService,
  ) {}

  @Query(() => Account, { nullable: true })
  account(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('externalId', () => String, { nullable: true }) externalId: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Account | null> {
    // The segments of the fits selected below are read with the account.
    return this.accountService.findOne(ctx, { id, externalId }, selectedArgument(info, 'fit', 'segmentKey'));
  }

  @Query(() => AccountConnection)
  accounts(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Args() page: PageArgs,
  ) {
    return this.accountService.list(ctx, filter, page);
  }

  @Mutation(() => UpsertAccountsResult, {
    description:
      'All or nothing: one invalid account refuses the batch with BAD_USER_INPUT naming its index and field. Up to 5,000 accounts a call.',
  })
  async upsertAccounts(
    @Ctx() ctx: AppContext,
    @Arg('accounts', () => [AccountInput]) accounts: AccountInput[],
  ): Promise<UpsertAccountsResult> {
    const { rejected: _none, ...counts } = await this.accountService.upsert(ctx, accounts);
    return { ...counts, externalIds: accounts.map((a) => a.externalId) };
  }

  @FieldResolver(() => Fit, {
    nullable: true,
    description:
      'Effective fit in one segment under its live version; null when the account is not in the segment or the segment has no live version.',
  })
  async fit(@Root() account: Account, @Ctx() ctx: AppContext, @Arg('segmentKey') segmentKey: string): Promise<Fit | null> {
    const segment = await ctx.loaders.segmentByKey.load(segmentKey);
    if (!segment) throw new NotFoundError(`segmentKey: segment "${segmentKey}" not found`, { field: 'segmentKey' });
    return currentFit(ctx, account, segment.id);
  }

  @FieldResolver(() => [Fit], { description: 'Effective fits in every segment the account belongs to.' })
  async fits(@Root() account: Account, @Ctx() ctx: AppContext): Promise<Fit[]> {
    const fits = await Promise.all(account.segmentIds.map((segmentId) => currentFit(ctx, account, segmentId)));
    return fits.filter((f): f is Fit => f !== null);
  }

  @FieldResolver(() => [Score], {
    description:
      'Computed scores over time in a segment, newest first: one entry per version published and per attribute change that altered the result.',
  })
  scoreHistory(
    @Root() account: Account,
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
  ): Promise<Score[]> {
    return this.fitService.history(ctx, account.id, segmentKey, first);
  }

  @FieldResolver(() => ScoreConnection, {
    description: 'scoreHistory as a connection (newest first, up to 10,000 rows), with last/before.',
  })
  scoreHistoryConnection(
    @Root() account: Account,
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Args() page: HistoryConnectionArgs,
  ) {
    return this.fitService.historyPage(ctx, account.id, segmentKey, page);
  }

  @FieldResolver(() => [AttributeValue], {
    description: 'attributes as a typed list, by key: each value beside its catalogue type, and in the typed field of that type.',
  })
  async attributeList(@Root() account: Account, @Ctx() ctx: AppContext): Promise<AttributeValue[]> {
    return attributeValuesOf(account.attributes, await ctx.loaders.attributeCatalogue.load('all'));
  }
}

import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { PageArgs, listScope, pageOfList, pageRequest } from '../../common/pagination';
import { Account } from '../../model/account.types';
import type { AppContext } from '../../use-cases/context';
import type { OutcomeService } from '../../use-cases/outcomes/outcome.service';
import { LeadInput, Opportunity, OpportunityConnection, OpportunityInput, RecordResult } from '../../model/outcome.types';

@Resolver(() => Opportunity)
export class OutcomeResolver {
  constructor(private readonly outcomeService: OutcomeService) {}

  @Mutation(() => RecordResult, { description: 'Upsert on externalId; all or nothing.' })
  recordLeads(@Ctx() ctx: AppContext, @Arg('leads', () => [LeadInput]) leads: LeadInput[]): Promise<RecordResult> {
    return this.outcomeService.recordLeads(ctx, leads);
  }

  @Mutation(() => RecordResult, { description: 'Upsert on externalId; all or nothing.' })
  recordOpportunities(
    @Ctx() ctx: AppContext,
    @Arg('opportunities', () => [OpportunityInput]) opportunities: OpportunityInput[],
  ): Promise<RecordResult> {
    return this.outcomeService.recordOpportunities(ctx, opportunities);
  }

  @FieldResolver(() => Account)
  async account(@Root() o: Opportunity, @Ctx() ctx: AppContext): Promise<Account> {
    return (await ctx.loaders.accountById.load(o.accountId))!;
  }
}

@Resolver(() => Account)
export class AccountOpportunitiesResolver {
  @FieldResolver(() => [Opportunity], { description: 'Newest first.' })
  opportunities(@Root() account: Account, @Ctx() ctx: AppContext): Promise<Opportunity[]> {
    return ctx.loaders.opportunitiesByAccount.load(account.id);
  }

  @FieldResolver(() => OpportunityConnection, { description: 'opportunities as a connection, newest first, with last/before.' })
  async opportunitiesConnection(@Root() account: Account, @Ctx() ctx: AppContext, @Args() page: PageArgs) {
    const request = pageRequest(listScope('opportunities', { accountId: account.id }), page, ['instant', 'uuid']);
    return pageOfList(await ctx.loaders.opportunitiesByAccount.load(account.id), request, (o) => [o.createdAt.toISOString(), o.id]);
  }
}

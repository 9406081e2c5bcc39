import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import type { AppContext } from '../context';
import { outcomeService } from './outcome.service';
import { LeadInput, Opportunity, OpportunityInput, RecordResult, type OpportunityRow } from './outcome.types';

@Resolver(() => Opportunity)
export class OutcomeResolver {
  @Mutation(() => RecordResult, { description: 'Upsert on externalId; all or nothing; REVOPS or ADMIN.' })
  recordLeads(@Ctx() ctx: AppContext, @Arg('leads', () => [LeadInput]) leads: LeadInput[]): Promise<RecordResult> {
    return outcomeService.recordLeads(ctx, leads);
  }

  @Mutation(() => RecordResult, { description: 'Upsert on externalId; all or nothing; REVOPS or ADMIN.' })
  recordOpportunities(@Ctx() ctx: AppContext, @Arg('opportunities', () => [OpportunityInput]) opportunities: OpportunityInput[]): Promise<RecordResult> {
    return outcomeService.recordOpportunities(ctx, opportunities);
  }

  @FieldResolver(() => Account)
  async account(@Root() o: OpportunityRow, @Ctx() ctx: AppContext): Promise<Account> {
    return (await ctx.loaders.accountById.load(o.accountId))!;
  }
}

@Resolver(() => Account)
export class AccountOpportunitiesResolver {
  @FieldResolver(() => [Opportunity], { description: 'Newest first.' })
  opportunities(@Root() account: Account, @Ctx() ctx: AppContext): Promise<OpportunityRow[]> {
    return ctx.loaders.opportunitiesByAccount.load(account.id);
  }
}

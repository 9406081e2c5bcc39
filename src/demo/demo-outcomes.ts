/**
 * Two quarters of leads and opportunities telling seed 004's story: under the old, broad ICP
 * about 8 % of leads became opportunities and won deals took about 45 days; once the narrowed
 * ICP went live, marketing worked its top tiers and about 22 % converted, in about 28 days.
 * Deals also carry a pattern neither ICP has (seed 004's "using Salesforce", and in the growth
 * segment "50-200 employees"): accounts that fit it win more often, whatever their tier, so
 * that icpInsights has something real to find and suggestDraft something to add.
 */
import type { AppContext } from '../use-cases/context';
import type { OutcomeService } from '../use-cases/outcomes/outcome.service';
import type { LeadInput, OpportunityInput } from '../model/outcome.types';
import type { FitTier } from '../model/icp-definition';
import { createRng } from '../common/random';
import { DAY } from '../common/dates';
import { scoredAccounts } from '../stores/demo-queries';

const BATCH = 5000;
const DEAL_SIZE: Record<string, number> = { strategic: 250_000, enterprise: 80_000, growth: 25_000 };

/** How much more (or less) often an account wins than its tier's rate says. */
function winFactor(segmentKey: string, account: { salesforce: boolean; employees: number | null }): number {
  const stack = account.salesforce ? 2 : 0.55;
  if (segmentKey !== 'growth') return stack;
  return stack * (account.employees !== null && account.employees >= 50 && account.employees <= 200 ? 1.5 : 0.7);
}

interface Period {
  versionId: string;
  from: Date;
  to: Date;
  leads: number;
  /** How often marketing reaches accounts of each tier (relative weights). */
  reach: Partial<Record<FitTier, number>>;
  convert: Partial<Record<FitTier, number>>;
  win: Partial<Record<FitTier, number>>;
  cycleDays: [number, number];
}

export async function seedOutcomes(
  services: { outcomes: OutcomeService },
  ctx: AppContext,
  segmentKey: string,
  periods: Period[],
  seed: number,
): Promise<{ leads: number; opportunities: number }> {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const now = ctx.clock.now().getTime();
  const leads: LeadInput[] = [];
  const opportunities: OpportunityInput[] = [];
  for (const [p, period] of periods.entries()) {
    const accounts = await scoredAccounts(ctx.em, period.versionId);
    const weights = accounts.map((a) => period.reach[a.tier] ?? 0);
    const total = weights.reduce((x, y) => x + y, 0);
    const pickAccount = () => {
      let r = rng() * total;
      for (let i = 0; i < accounts.length; i++) if ((r -= weights[i]) <= 0) return accounts[i];
      return accounts[accounts.length - 1];
    };
    for (let i = 0; i < period.leads; i++) {
      const account = pickAccount();
      const createdAt = period.from.getTime() + rng() * (period.to.getTime() - period.from.getTime());
      const convertedAt = createdAt + (1 + rng() * 6) * DAY;
      const converts = rng() < (period.convert[account.tier] ?? 0) && convertedAt < now;
      const ref = `${segmentKey}-${p}-${i}`;
      leads.push({
        externalId: `lead-${ref}`,
        accountExternalId: account.external_id,
        createdAt: new Date(createdAt),
        convertedAt: converts ? new Date(convertedAt) : null,
      });
      if (!converts) continue;
      const won = rng() < Math.min(0.95, (period.win[account.tier] ?? 0) * winFactor(segmentKey, account));
      const cycle = Math.max(5, period.cycleDays[0] + gauss() * period.cycleDays[1]);
      const closedAt = convertedAt + cycle * DAY;
      const open = closedAt >= now;
      opportunities.push({
        externalId: `opp-${ref}`,
        accountExternalId: account.external_id,
        createdAt: new Date(convertedAt),
        outcome: open ? 'OPEN' : won ? 'WON' : 'LOST',
        closedAt: open ? null : new Date(closedAt),
        amount: Math.round(DEAL_SIZE[segmentKey] * Math.exp(0.4 * gauss())),
      });
    }
  }
  for (let i = 0; i < leads.length; i += BATCH) await services.outcomes.recordLeads(ctx, leads.slice(i, i + BATCH));
  for (let i = 0; i < opportunities.length; i += BATCH) await services.outcomes.recordOpportunities(ctx, opportunities.slice(i, i + BATCH));
  return { leads: leads.length, opportunities: opportunities.length };
}

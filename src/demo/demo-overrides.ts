/** A few dozen overrides over two quarters, with the justifications sales managers write. */
import type { AppContext } from '../use-cases/context';
import type { OverrideService } from '../use-cases/overrides/override.service';
import type { OverrideCategory } from '../model/override.types';
import type { FitTier } from '../model/icp-definition';
import { createRng } from '../common/random';
import { DAY } from '../common/dates';
import { accountsWithoutOverrides } from '../stores/demo-queries';

const MANAGERS = ['maria.lopez (sales)', 'tom.becker (sales)', 'aisha.khan (sales)'];
const UP: Array<[OverrideCategory, string]> = [
  [
    'STRATEGIC_ACCOUNT',
    'Reference logo for the financial-services vertical; their CTO asked for a pilot after our fraud-detection webinar.',
  ],
  ['DATA_QUALITY', 'CRM shows 40 employees but their filing and LinkedIn show about 450; the firmographics are a year old.'],
  ['PARTNER_REFERRAL', 'Referred by our AWS partner manager with a named budget owner and a mutual action plan for Q1.'],
  ['EXISTING_RELATIONSHIP', 'Their new VP Data was our champion at a current customer and is running a formal evaluation.'],
  ['DATA_QUALITY', 'Tech stack enrichment missed their Kubernetes migration; engineering blog confirms GPU workloads in production.'],
  ['STRATEGIC_ACCOUNT', 'Board-level intro through our investor; expansion into three product lines is likely within a year.'],
];
const DOWN: Array<[OverrideCategory, string]> = [
  ['OTHER', 'Procurement confirmed an on-premise-only requirement in the security review; the score misses it.'],
  ['DATA_QUALITY', 'Account was acquired last month and all ML spend moves to the parent company next quarter.'],
  ['EXISTING_RELATIONSHIP', 'Signed a three-year contract with a competitor in September; no buying window until 2028.'],
];
const REVOKE_REASON = "Pilot was cancelled after their reorganisation; the model's verdict applies again until we hear back.";

interface Candidate {
  accountId: string;
  tier: FitTier;
}

/**
 * Overrides for `count` member accounts per segment, dated between `fromDaysAgo` and
 * `toDaysAgo`; some expire a few days before `expireBeforeDaysAgo`, some are revoked.
 */
export async function seedOverrides(
  services: { overrides: OverrideService },
  ctx: AppContext,
  opts: { segmentKeys: string[]; count: number; fromDaysAgo: number; toDaysAgo: number; seed: number },
): Promise<number> {
  const rng = createRng(opts.seed);
  const now = ctx.clock.now().getTime();
  let created = 0;
  for (const key of opts.segmentKeys) {
    const candidates: Candidate[] = await accountsWithoutOverrides(ctx.em, key, 400);
    for (let i = 0; i < opts.count && candidates.length; i++) {
      const pick = candidates.splice(Math.floor(rng() * candidates.length), 1)[0];
      const up = !['PERFECT', 'STRONG'].includes(pick.tier);
      if (!up && rng() < 0.5) continue; // fewer downgrades than upgrades, as in practice
      const [category, justification] = (up ? UP : DOWN)[Math.floor(rng() * (up ? UP : DOWN).length)];
      const createdAt = new Date(now - (opts.toDaysAgo + rng() * (opts.fromDaysAgo - opts.toDaysAgo)) * DAY);
      const expires = rng() < 0.3 ? new Date(createdAt.getTime() + (20 + rng() * 30) * DAY) : null;
      const manager = MANAGERS[Math.floor(rng() * MANAGERS.length)];
      const at = (date: Date): AppContext => ({ ...ctx, clock: { now: () => date }, principal: { ...ctx.principal, name: manager } });
      const override = await services.overrides.create(at(createdAt), {
        accountId: pick.accountId,
        segmentKey: key,
        tier: up ? 'STRONG' : 'MODERATE',
        justification,
        category,
        expiresAt: expires,
      });
      created++;
      const revokeAt = new Date(createdAt.getTime() + 10 * DAY);
      if (rng() < 0.15 && revokeAt.getTime() < now && (!expires || expires > revokeAt))
        await services.overrides.revoke(at(revokeAt), override.id, REVOKE_REASON);
    }
  }
  return created;
}

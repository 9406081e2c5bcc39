import type { AccountService } from '../use-cases/accounts/account.service';
import { DEMO_ACTOR } from '../model/role';
import type { AppContext } from '../use-cases/context';
import { runInTransaction } from '../use-cases/transaction';
import type { OutcomeService } from '../use-cases/outcomes/outcome.service';
import type { OverrideService } from '../use-cases/overrides/override.service';
import type { SegmentService } from '../use-cases/segments/segment.service';
import type { PublishJobService } from '../use-cases/publishing/publish-job.service';
import type { VersionService } from '../use-cases/versions/version.service';
import { generateAccounts } from './account-generator';
import { seedOutcomes } from './demo-outcomes';
import { seedOverrides } from './demo-overrides';
import { DEMO_SEGMENTS } from './icp-definitions.demo';
import { DAY } from '../common/dates';
import { noSegments } from '../stores/segment-store';

export const DEMO_ACCOUNTS = 10_000;

/** The services the demo data goes through, as a user's changes would. */
export interface DemoServices {
  accounts: AccountService;
  segments: SegmentService;
  versions: VersionService;
  publishJobs: PublishJobService;
  overrides: OverrideService;
  outcomes: OutcomeService;
}
const BATCH = 1_000;

/** True when the database holds no segment yet (demo data loads only then). */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  return noSegments(ctx.em);
}

export interface DemoSummary {
  segments: number;
  accounts: number;
  overrides: number;
  leads: number;
  opportunities: number;
}

/**
 * The demo, through the same services users call, so that its audit trail is real. Three
 * segments and 10,000 generated accounts; a broad ICP (v1) in effect from half a year ago,
 * the narrowed one (v2) live since a quarter ago, a draft (v3) under review; overrides in
 * both quarters (some expired, revoked, or flagged for review by v2); and two quarters of
 * leads and opportunities whose conversion rose from about 8 % to 22 % with v2.
 */
export async function seedDemo(services: DemoServices, ctx: AppContext, options: { accounts?: number } = {}): Promise<DemoSummary> {
  const accountCount = options.accounts ?? DEMO_ACCOUNTS;
  const now = ctx.clock.now().getTime();
  const daysAgo = (d: number) => new Date(now - d * DAY);
  // All or nothing: a failed seed leaves an empty database, and the next start tries again.
  return runInTransaction({ ...ctx, principal: { ...ctx.principal, name: DEMO_ACTOR } }, async (demo) => {
    const keys = DEMO_SEGMENTS.map((s) => s.key);
    for (const s of DEMO_SEGMENTS) {
      await services.segments.create(demo, { key: s.key, name: s.name, description: s.description, membership: s.membership });
    }
    const generated = generateAccounts(accountCount, { seed: 2026, now: new Date(now) });
    for (let i = 0; i < generated.length; i += BATCH) await services.accounts.upsert(demo, generated.slice(i, i + BATCH));

    const v1: Record<string, string> = {};
    for (const s of DEMO_SEGMENTS) {
      v1[s.key] = (
        await services.versions.createDraft(demo, {
          segmentKey: s.key,
          definition: s.legacy,
          notes: 'First ICP: any B2B company of the right size (from the 2025 planning deck).',
        })
      ).id;
      await services.publishJobs.publish(demo, { id: v1[s.key], effectiveAt: daysAgo(180) });
    }
    let overrides = await seedOverrides(services, demo, { segmentKeys: keys, count: 6, fromDaysAgo: 170, toDaysAgo: 95, seed: 1 });
    const v2: Record<string, string> = {};
    for (const s of DEMO_SEGMENTS) {
      v2[s.key] = (
        await services.versions.createDraft(demo, {
          segmentKey: s.key,
          definition: s.live,
          notes: 'Quarterly review: narrowed to the profile of our best customers (seeds 000/001).',
        })
      ).id;
      await services.publishJobs.publish(demo, { id: v2[s.key], effectiveAt: daysAgo(90), notes: 'Q3 ICP review' });
    }
    overrides += await seedOverrides(services, demo, { segmentKeys: keys, count: 6, fromDaysAgo: 80, toDaysAgo: 5, seed: 2 });
    for (const s of DEMO_SEGMENTS) {
      await services.versions.createDraft(demo, { segmentKey: s.key, definition: s.draft, notes: s.draftNotes });
    }

    let leads = 0;
    let opportunities = 0;
    for (const [i, s] of DEMO_SEGMENTS.entries()) {
      const counts = await seedOutcomes(
        services,
        demo,
        s.key,
        [
          {
            versionId: v1[s.key],
            from: daysAgo(180),
            to: daysAgo(90),
            leads: 1200,
            reach: { PERFECT: 1, STRONG: 1, MODERATE: 1, WEAK: 1, DISQUALIFIED: 1 },
            convert: { PERFECT: 0.08, STRONG: 0.08, MODERATE: 0.08, WEAK: 0.08, DISQUALIFIED: 0.08 },
            win: { PERFECT: 0.3, STRONG: 0.25, MODERATE: 0.2, WEAK: 0.15, DISQUALIFIED: 0.05 },
            cycleDays: [45, 9],
          },
          {
            versionId: v2[s.key],
            from: daysAgo(90),
            to: daysAgo(7),
            leads: 1200,
            reach: { PERFECT: 6, STRONG: 4, MODERATE: 2, WEAK: 1, DISQUALIFIED: 0.3 },
            convert: { PERFECT: 0.32, STRONG: 0.25, MODERATE: 0.15, WEAK: 0.08, DISQUALIFIED: 0.02 },
            win: { PERFECT: 0.45, STRONG: 0.35, MODERATE: 0.2, WEAK: 0.1, DISQUALIFIED: 0.05 },
            cycleDays: [28, 5],
          },
        ],
        100 + i,
      );
      leads += counts.leads;
      opportunities += counts.opportunities;
    }
    await services.overrides.recordExpiries(demo);
    return { segments: DEMO_SEGMENTS.length, accounts: accountCount, overrides, leads, opportunities };
  });
}

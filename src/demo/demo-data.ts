import type { AppContext } from '../context';
import { runInTransaction } from '../db/transaction';
import { accountService } from '../accounts/account.service';
import { segmentService } from '../segments/segment.service';
import { versionService } from '../versions/version.service';
import { generateAccounts } from './account-generator';
import { DEMO_SEGMENTS } from './icp-definitions.demo';

const DAY = 86_400_000;
export const DEMO_ACCOUNTS = 10_000;
const BATCH = 1_000;

/** True when the database holds no segment yet (demo data loads only then). */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.em.query('SELECT NOT EXISTS (SELECT 1 FROM segment) AS empty');
  return row.empty === true;
}

/**
 * The demo dataset through the same services users call, so that its audit trail is real:
 * three segments, 10,000 generated accounts spread over them by revenue, each segment with
 * a published version (backfilled to a quarter ago) that scored its accounts, and an open draft.
 */
export async function seedDemo(ctx: AppContext, options: { accounts?: number } = {}): Promise<{ segments: number; accounts: number }> {
  const accountCount = options.accounts ?? DEMO_ACCOUNTS;
  const quarterAgo = new Date(ctx.clock.now().getTime() - 90 * DAY);
  // All or nothing: a failed seed leaves an empty database, and the next start tries again.
  return runInTransaction({ ...ctx, principal: { ...ctx.principal, name: 'demo-seed' } }, async (demo) => {
    for (const s of DEMO_SEGMENTS) {
      await segmentService.create(demo, { key: s.key, name: s.name, description: s.description, membership: s.membership });
    }
    const generated = generateAccounts(accountCount, { seed: 2026, now: ctx.clock.now() });
    for (let i = 0; i < generated.length; i += BATCH) {
      await accountService.upsert(demo, generated.slice(i, i + BATCH));
    }
    for (const s of DEMO_SEGMENTS) {
      const v1 = await versionService.createDraft(demo, { segmentKey: s.key, definition: s.live, notes: 'Initial ICP from the Q3 workshop (seed 000/001).' });
      await versionService.publish(demo, { id: v1.id, effectiveAt: quarterAgo });
      await versionService.createDraft(demo, { segmentKey: s.key, definition: s.draft, notes: s.draftNotes });
    }
    return { segments: DEMO_SEGMENTS.length, accounts: accountCount };
  });
}

/**
 * Bulk paths must not depend on fresh planner statistics (autovacuum is off on these machines
 * and lags a bulk load everywhere). The plan of the publish's rescoring statement is checked
 * on rows the planner has never seen analysed; then the code's own statistics refresh.
 */
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { planAsBulk } from '../../src/db/bulk-plan';
import { rescoreQuery } from '../../src/stores/score-store';
import { existingVersion } from '../../src/stores/version-store';
import { attributesRead } from '../../src/domain/scoring/scorer-cache';

const ACCOUNTS = 30_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

jest.setTimeout(120_000);

const lastAnalyze = async (table: string): Promise<Date | null> =>
  (await t.sql('SELECT last_analyze FROM pg_stat_user_tables WHERE relname = $1', [table]))[0].last_analyze;

/** The statistics collector publishes a backend's counts up to a second or so after its commit. */
async function modifiedSinceAnalyze(table: string, atLeast: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [{ n }] = await t.sql('SELECT n_mod_since_analyze::int AS n FROM pg_stat_user_tables WHERE relname = $1', [table]);
    if (n >= atLeast || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const bulkDashboardVersion = graphql(`
  query BulkDashboardVersion { tierDashboard(segmentKey: "bulk") { version { number } } }
`);

const planOf = (rows: Array<{ 'QUERY PLAN': string }>) => rows.map((r) => r['QUERY PLAN']).join('\n');

describe('plan stability without ANALYZE', () => {
  let segmentId: string;
  let v1: { id: string };

  beforeAll(async () => {
    const segment = (await t.data(createSegment, { input: { key: 'bulk', name: 'Bulk' } })).createSegment;
    segmentId = segment.id;
    v1 = (await t.data(createDraft, { segmentKey: 'bulk', definition: seedDefinition() })).createDraft;
    await t.data(publishVersion, { id: v1.id });
    // Then an import lands, as a bulk load leaves the tables: accounts, each scored under v1,
    // written straight into the tables (not through our code), never analysed.
    await t.sql(
      `INSERT INTO account (id, external_id, name, attributes, segment_ids, created_at, updated_at)
       SELECT gen_random_uuid(), 'acc-' || g, 'Account ' || g,
              jsonb_build_object('employees', g % 3000, 'industry', CASE WHEN g % 3 = 0 THEN 'saas' ELSE 'retail' END),
              ARRAY[$1::uuid], now(), now()
       FROM generate_series(1, $2::int) g`,
      [segmentId, ACCOUNTS],
    );
    await t.sql(
      `INSERT INTO account_score (account_id, segment_id, version_id, score, tier, outcomes, valid_from, computed_at)
       SELECT id, $1, $2, 50, 'MODERATE', '', now(), now() FROM account WHERE segment_ids @> ARRAY[$1::uuid]`,
      [segmentId, v1.id],
    );
  });

  it('plans the rescoring cursor without a nested loop over rows the planner has never analysed', async () => {
    // The premise: neither table has statistics.
    expect(await lastAnalyze('account')).toBeNull();
    expect(await lastAnalyze('account_score')).toBeNull();
    expect((await t.sql(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'account_score'`))[0].n).toBe(0);

    const draft = await existingVersion(t.ds.manager, v1.id);
    const { sql, params } = rescoreQuery(segmentId, v1.id, attributesRead(draft));
    await t.ds.transaction(async (em) => {
      const declare = () => em.query(`EXPLAIN DECLARE rescore NO SCROLL CURSOR FOR ${sql}`, params);
      // What the planner does with a cursor by default on these rows: a nested loop rescanning
      // every score of the version for each account, i.e. 30,000 x 30,000 row visits.
      const naive = planOf(await declare());
      expect(naive).toMatch(/Nested Loop/);

      const planned = planOf(await planAsBulk(em, declare));
      expect(planned).not.toMatch(/Nested Loop/);
      expect(planned).toMatch(/(Hash|Merge) (Right |Left )?(Anti )?Join/);
      // The settings are the session's again for the rest of the publish transaction.
      expect((await em.query('SHOW enable_nestloop'))[0].enable_nestloop).toBe('on');
      expect((await em.query('SHOW cursor_tuple_fraction'))[0].cursor_tuple_fraction).toBe('0.1');
    });
  });

  it('a publish right after a bulk write refreshes the statistics first, and rescoring is linear', async () => {
    expect(await modifiedSinceAnalyze('account', ACCOUNTS)).toBeGreaterThanOrEqual(ACCOUNTS);
    expect(await modifiedSinceAnalyze('account_score', ACCOUNTS)).toBeGreaterThanOrEqual(ACCOUNTS);
    const v2 = (await t.data(createDraft, { segmentKey: 'bulk' })).createDraft;
    const published = (await t.data(publishVersion, { id: v2.id })).publishVersion;
    expect(published.accountsScored).toBe(ACCOUNTS);
    expect(await lastAnalyze('account')).not.toBeNull();
    expect(await lastAnalyze('account_score')).not.toBeNull();
    expect(published.tierChanges.reduce((sum, c) => sum + c.accounts, 0)).toBe(ACCOUNTS);
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'account_score' AND attname = 'version_id'`);
    expect(n).toBe(1);
  });

  it('reports refresh the statistics of outcomes loaded in bulk', async () => {
    await t.sql(
      `INSERT INTO lead (id, external_id, account_id, created_at, recorded_at)
       SELECT gen_random_uuid(), 'lead-' || a.external_id, a.id, now() - interval '1 day', now()
       FROM account a WHERE a.segment_ids @> ARRAY[$1::uuid] LIMIT 2000`,
      [segmentId],
    );
    expect(await modifiedSinceAnalyze('lead', 2000)).toBeGreaterThanOrEqual(2000);
    expect(await lastAnalyze('lead')).toBeNull();
    const dashboard = (await t.data(bulkDashboardVersion)).tierDashboard;
    expect(dashboard.version!.number).toBe(2);
    expect(await lastAnalyze('lead')).not.toBeNull();
  });
});

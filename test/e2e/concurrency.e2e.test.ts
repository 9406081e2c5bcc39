import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { previewScoreAndTier } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
const rp3FitVersion = graphql(`
  query Rp3FitVersion { account(externalId: "rp-3") { fit(segmentKey: "race-pub") { version { number } } } }
`);
const rp3FitAndHistory = graphql(`
  query Rp3FitAndHistory {
    account(externalId: "rp-3") {
      fit(segmentKey: "race-pub") { version { number } score tier }
      scoreHistory(segmentKey: "race-pub") { version { number } }
    }
  }
`);
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('upserts racing other writers', () => {
  it("an upsert during a publish's preparation goes through at once, and is live under the new version when it flips", async () => {
    await t.data(createSegment, {
      input: { key: 'race-pub', name: 'Race', membership: [{ attribute: 'region', operator: 'EQ', value: 'NA', points: 1 }] },
    });
    await t.data(upsertAccounts, {
      accounts: Array.from({ length: 20 }, (_, i) => ({
        externalId: `rp-${i}`,
        name: `RP ${i}`,
        attributes: { region: 'NA', employees: 10 * i },
      })),
    });
    const v1 = (await t.data(createDraft, { segmentKey: 'race-pub', definition: seedDefinition() })).createDraft.id;
    await t.data(publishVersion, { id: v1 });
    const changed = seedDefinition();
    changed.thresholds = { perfect: 50, strong: 30, moderate: 10 };
    const v2 = (await t.data(createDraft, { segmentKey: 'race-pub', definition: changed })).createDraft.id;
    // Preparation is slow (each prepared score waits), so the upsert surely lands in the middle of it.
    await t.sql(`CREATE FUNCTION slow_race() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER slow_race BEFORE INSERT ON account_score FOR EACH ROW WHEN (NEW.version_id = '${v2}') EXECUTE FUNCTION slow_race()`,
    );
    const attributes = { region: 'NA', employees: 5000, industry: 'saas', annualRevenue: 50_000_000, demoRequested: true };
    try {
      let published = false;
      const publishing = t.gql(publishVersion, { id: v2 }).finally(() => {
        published = true;
      });
      for (
        let i = 0;
        i < 100 && (await t.sql(`SELECT 1 FROM publish_job WHERE version_id = $1 AND state = 'PREPARING'`, [v2])).length === 0;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const upsert = await t.gql(upsertAccounts, { accounts: [{ externalId: 'rp-3', name: 'RP 3', attributes }] });
      expect(upsert.errors).toBeUndefined();
      expect(upsert.data!.upsertAccounts).toEqual({ created: 0, updated: 1, unchanged: 0, rescored: 1 });
      expect(published).toBe(false); // it did not wait for the publish
      const during = (await t.data(rp3FitVersion)).account!;
      expect(during.fit!.version.number).toBe(1);
      expect((await publishing).data!.publishVersion.accountsScored).toBe(20);
    } finally {
      await t.sql('DROP TRIGGER slow_race ON account_score');
      await t.sql('DROP FUNCTION slow_race()');
    }
    const fit = (await t.data(rp3FitAndHistory)).account!;
    const expected = (await t.data(previewScoreAndTier, { v: v2, a: attributes })).previewScore;
    expect(fit.fit).toEqual({ version: { number: 2 }, ...expected });
    // Newest first: the publish's v2 row (from the upserted attributes), the upsert's v1 row, the first v1 row.
    expect(fit.scoreHistory.map((s) => s.version.number)).toEqual([2, 1, 1]);
    const bad = await t.sql('SELECT count(*)::int AS n FROM account_score WHERE valid_to < valid_from');
    expect(bad[0].n).toBe(0);
  });

  it('a segment created while an account is being upserted still gets that account', async () => {
    await t.data(upsertAccounts, { accounts: [{ externalId: 'seg-race', name: 'Segment race', attributes: { region: 'EMEA' } }] });
    const holder = t.ds.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM account WHERE external_id = 'seg-race' FOR UPDATE`);
    const creating = t.gql(createSegment, {
      input: { key: 'emea-all', name: 'EMEA', membership: [{ attribute: 'region', operator: 'EQ', value: 'EMEA', points: 1 }] },
    });
    await new Promise((r) => setTimeout(r, 150));
    const upserting = t.gql(upsertAccounts, {
      accounts: [{ externalId: 'seg-race', name: 'Segment race', attributes: { employees: 42 } }],
    });
    await new Promise((r) => setTimeout(r, 150));
    await holder.commitTransaction();
    await holder.release();
    const [created, upserted] = await Promise.all([creating, upserting]);
    expect(created.errors).toBeUndefined();
    expect(upserted.errors).toBeUndefined();
    const rows = await t.sql<{ key: string }>(
      `SELECT s.key FROM account a JOIN segment s ON s.id = ANY(a.segment_ids) WHERE a.external_id = 'seg-race'`,
    );
    expect(rows.map((r) => r.key)).toContain('emea-all');
  });
});

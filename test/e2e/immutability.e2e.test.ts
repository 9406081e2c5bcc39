import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

/** The database itself refuses changes to published history, whatever path they take. */
let t: TestApp;
let v1: string;
let v2: string;
beforeAll(async () => {
  t = await startTestApp();
  await t.data(createSegment, { input: { key: 'core', name: 'Core' } });
  v1 = (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft.id;
  await t.data(publishVersion, { id: v1 });
  v2 = (await t.data(createDraft, { segmentKey: 'core' })).createDraft.id;
  await t.data(publishVersion, { id: v2 }); // v1 SUPERSEDED, v2 PUBLISHED
});
afterAll(() => t.close());

const refused = (sql: string, params: unknown[] = []) =>
  expect(t.sql(sql, params)).rejects.toMatchObject({ driverError: { code: '23001' } });

describe('icp_version triggers', () => {
  it('refuse any UPDATE of a published definition, notes or timestamps', async () => {
    await refused(`UPDATE icp_version SET definition = '{}' WHERE id = $1`, [v2]);
    await refused(`UPDATE icp_version SET notes = 'rewritten' WHERE id = $1`, [v2]);
    await refused(`UPDATE icp_version SET effective_at = now() - interval '1 year' WHERE id = $1`, [v2]);
    await refused(`UPDATE icp_version SET status = 'SUPERSEDED', superseded_at = now(), notes = 'x' WHERE id = $1`, [v2]);
  });

  it('refuse any UPDATE of a superseded version, including bringing it back', async () => {
    await refused(`UPDATE icp_version SET status = 'PUBLISHED', superseded_at = NULL WHERE id = $1`, [v1]);
    await refused(`UPDATE icp_version SET content_hash = 'x' WHERE id = $1`, [v1]);
  });

  it('refuse DELETE of any version and TRUNCATE of the table', async () => {
    await refused('DELETE FROM icp_version WHERE id = $1', [v1]);
    await refused('DELETE FROM icp_version');
    await refused('TRUNCATE icp_version CASCADE');
    expect((await t.sql('SELECT count(*)::int AS n FROM icp_version'))[0].n).toBe(2);
  });

  it('allow exactly PUBLISHED -> SUPERSEDED with its timestamp', async () => {
    const runner = t.ds.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`UPDATE icp_version SET status = 'SUPERSEDED', superseded_at = now() WHERE id = $1`, [v2]);
      expect((await runner.query('SELECT status FROM icp_version WHERE id = $1', [v2]))[0].status).toBe('SUPERSEDED');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await t.sql('SELECT status FROM icp_version WHERE id = $1', [v2]))[0].status).toBe('PUBLISHED');
  });

  it('keep at most one published version per segment', async () => {
    const v3 = (await t.data(createDraft, { segmentKey: 'core' })).createDraft.id;
    await expect(
      t.sql(`UPDATE icp_version SET status = 'PUBLISHED', published_at = now(), published_by = 'x', effective_at = now() WHERE id = $1`, [
        v3,
      ]),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'icp_version_one_live_uq' } });
  });
});

describe('account_score triggers', () => {
  it('refuse rewriting, deleting and truncating score history; a row is only ever closed once', async () => {
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'hist', name: 'History', attributes: { employees: 80 } }],
    });
    const [row] = await t.sql(`SELECT account_id, version_id FROM account_score WHERE valid_to IS NULL LIMIT 1`);
    const where = 'WHERE account_id = $1 AND version_id = $2';
    await refused(`UPDATE account_score SET score = 99 ${where}`, [row.account_id, row.version_id]);
    await refused(`DELETE FROM account_score ${where}`, [row.account_id, row.version_id]);
    await refused('TRUNCATE account_score');
  });

  it("let a draft's prepared rows be rewritten or deleted until it is published; then they are history like any other", async () => {
    const draft = (await t.data(createDraft, { segmentKey: 'core' })).createDraft.id;
    const [{ id: account }] = await t.sql(`SELECT id FROM account WHERE external_id = 'hist'`);
    const [segment] = await t.sql(`SELECT segment_id FROM icp_version WHERE id = $1`, [draft]);
    const where = 'WHERE account_id = $1 AND version_id = $2';
    await t.sql(
      `INSERT INTO account_score (account_id, segment_id, version_id, score, tier, outcomes, valid_from, computed_at)
       VALUES ($1, $2, $3, 10, 'WEAK', '', '-infinity', now())`,
      [account, segment.segment_id, draft],
    );
    await t.sql(`UPDATE account_score SET score = 90, tier = 'PERFECT' ${where}`, [account, draft]);
    await t.sql(`UPDATE account_score SET version_id = $3 ${where}`, [account, draft, v2]).then(
      () => Promise.reject(new Error('moved a row into a published version')),
      (err: { driverError?: { code: string } }) => expect(err.driverError?.code).toBe('23001'),
    );
    await t.sql(`DELETE FROM account_score ${where}`, [account, draft]);
    expect(await t.sql(`SELECT 1 FROM account_score WHERE version_id = $1`, [draft])).toEqual([]);
    // A leftover row (as a crashed cleanup would leave) is deleted when the draft's publish begins.
    await t.sql(
      `INSERT INTO account_score (account_id, segment_id, version_id, score, tier, outcomes, valid_from, computed_at)
       VALUES ('00000000-0000-7000-8000-000000000001', $1, $2, 10, 'WEAK', '', '-infinity', now())`,
      [segment.segment_id, draft],
    );
    await t.data(publishVersion, { id: draft });
    const rows = await t.sql<{ account_id: string; tier: string }>(`SELECT account_id, tier FROM account_score WHERE version_id = $1`, [
      draft,
    ]);
    expect(rows.map((r) => r.account_id)).toEqual([account]);
    await refused(`UPDATE account_score SET score = 99 ${where}`, [account, draft]);
    await refused(`DELETE FROM account_score ${where}`, [account, draft]);
  });
});

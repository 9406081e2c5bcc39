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
});

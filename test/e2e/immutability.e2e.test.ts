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

  it('refuse a change of any column but valid_to and next_change_at, on a current row as on a closed one', async () => {
    const [row] = await t.sql(
      `SELECT s.account_id, s.version_id FROM account_score s JOIN account a ON a.id = s.account_id
       WHERE a.external_id = 'hist' AND s.version_id = $1 AND s.valid_to IS NULL`,
      [v2],
    );
    // The guard's WHEN clause lets closing and rescheduling through without its function; the
    // others it names. A column added to the table without being named there would slip through.
    const columns = await t.sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'account_score' ORDER BY 1`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'account_id',
      'computed_at',
      'next_change_at',
      'outcomes',
      'score',
      'segment_id',
      'tier',
      'valid_from',
      'valid_to',
      'version_id',
    ]);
    const changes = [
      'account_id = gen_random_uuid()',
      'segment_id = gen_random_uuid()',
      'version_id = gen_random_uuid()',
      'score = score + 0.01',
      "tier = CASE WHEN tier = 'WEAK' THEN 'STRONG' ELSE 'WEAK' END",
      "outcomes = outcomes || ' '",
      "valid_from = valid_from - interval '1 second'",
      "computed_at = computed_at + interval '1 second'",
      // Closing together with another change is refused too.
      'valid_to = now(), score = score + 0.01',
    ];
    const where = 'WHERE account_id = $1 AND version_id = $2';
    for (const change of changes) await refused(`UPDATE account_score SET ${change} ${where}`, [row.account_id, row.version_id]);
    const runner = t.ds.createQueryRunner();
    await runner.startTransaction();
    const inTx = (sql: string) => runner.query(sql, [row.account_id, row.version_id]);
    try {
      // Allowed: rescheduling a current row, then closing it once.
      await inTx(`UPDATE account_score SET next_change_at = now() + interval '1 day' ${where} AND valid_to IS NULL`);
      await inTx(`UPDATE account_score SET valid_to = greatest(valid_from, now()) ${where} AND valid_to IS NULL`);
      await runner.query('SAVEPOINT closed');
      for (const change of [...changes, 'valid_to = NULL', "valid_to = valid_to + interval '1 day'", 'next_change_at = now()']) {
        await expect(inTx(`UPDATE account_score SET ${change} ${where}`)).rejects.toMatchObject({ driverError: { code: '23001' } });
        await runner.query('ROLLBACK TO SAVEPOINT closed');
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await t.sql(`SELECT valid_to FROM account_score ${where}`, [row.account_id, row.version_id])).toEqual([{ valid_to: null }]);
  });

  it('refuse a score row of a version that does not exist, also beside rows of one that does', async () => {
    const [row] = await t.sql(`SELECT account_id, segment_id FROM account_score WHERE version_id = $1 LIMIT 1`, [v2]);
    const insert = (versions: string[]) =>
      t.sql(
        `INSERT INTO account_score (account_id, segment_id, version_id, score, tier, outcomes, valid_from, valid_to, computed_at)
         SELECT $1, $2, v, 10, 'WEAK', '', now() - interval '1 day', now() - interval '1 day', now() FROM unnest($3::uuid[]) AS v`,
        [row.account_id, row.segment_id, versions],
      );
    const missing = '00000000-0000-7000-8000-00000000dead';
    for (const versions of [[missing], [v1, missing], [missing, v2, v1]]) {
      await expect(insert(versions)).rejects.toMatchObject({ driverError: { code: '23503' } });
    }
    const before = await t.sql(`SELECT count(*)::int AS n FROM account_score`);
    await t.ds
      .transaction(async (em) => {
        await em.query(
          `INSERT INTO account_score (account_id, segment_id, version_id, score, tier, outcomes, valid_from, valid_to, computed_at)
         SELECT $1, $2, v, 10, 'WEAK', '', now() - interval '1 day', now() - interval '1 day', now() FROM unnest($3::uuid[]) AS v`,
          [row.account_id, row.segment_id, [v1, v2, v1]],
        );
        expect((await em.query(`SELECT count(*)::int AS n FROM account_score`))[0].n).toBe(before[0].n + 3);
        throw new Error('rolled back');
      })
      .catch((err: Error) => expect(err.message).toBe('rolled back'));
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

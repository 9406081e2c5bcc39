/**
 * The hot reads run as named prepared statements (src/db/prepared.ts): on the request's
 * transaction when there is one, with the session's timeouts, counted by the DataSource's
 * logger, errors wrapped as TypeORM wraps them, and with a text whose generic plan PostgreSQL
 * keeps (so it stops planning every execution). Outside a transaction they run on sessions that
 * always take the generic plan, while every other statement keeps PostgreSQL's choice.
 */
import { QueryFailedError, type EntityManager } from 'typeorm';
import { queryPrepared } from '../../src/db/prepared';
import { fitsPage } from '../../src/stores/fit-queries';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { generateAccounts } from '../../src/demo/account-generator';
import { DEMO_SEGMENTS } from '../../src/demo/icp-definitions.demo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

jest.setTimeout(60_000);

/** Runs `work` on one connection inside a transaction, as runInTransaction binds a request. */
async function inOneTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
  return t.ds.transaction(work);
}

describe('queryPrepared', () => {
  it('runs on the transaction it is given: it sees that transaction’s uncommitted rows, and is counted once', async () => {
    await inOneTransaction(async (em) => {
      await em.query(`CREATE TEMPORARY TABLE prepared_probe (n int) ON COMMIT DROP`);
      await em.query(`INSERT INTO prepared_probe VALUES (41), (1)`);
      t.statements.reset();
      const rows = await queryPrepared<{ total: number }>(em, 'SELECT sum(n)::int AS total FROM prepared_probe WHERE n > $1', [0]);
      expect(rows).toEqual([{ total: 42 }]);
      expect(t.statements.statements).toEqual(['SELECT sum(n)::int AS total FROM prepared_probe WHERE n > $1']);
      // The same session holds it under its name, as a prepared statement.
      const [held] = await em.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [
        'SELECT sum(n)::int AS total FROM prepared_probe WHERE n > $1',
      ]);
      expect(held.n).toBe(1);
    });
  });

  it('keeps the session’s statement timeout and wraps errors as TypeORM does', async () => {
    const err = await inOneTransaction(async (em) => {
      await em.query(`SELECT set_config('statement_timeout', '50ms', true)`);
      return queryPrepared(em, 'SELECT pg_sleep($1::float8)', [2]).catch((e: unknown) => e);
    });
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('57014');
  });

  it('a fits page is prepared with one text whatever its cursor, its page size written in', async () => {
    await t.data(createSegment, { input: { key: 'prepared', name: 'Prepared' } });
    // With the LIMIT bound as a parameter, PostgreSQL planned every execution at 100,000
    // accounts (200 custom plans of 200, measured), which is why rankedPageSql writes it into the
    // text. Pages now take their cursors and instants as arrays (several pages, one statement:
    // read-batches.ts), which the generic plan counts as 10 each: left to choose, in a
    // transaction, PostgreSQL plans each execution for its one page. Outside one, where pages
    // are read, the sessions always take the generic plan (the next test).
    await t.data(upsertAccounts, { accounts: generateAccounts(60, { seed: 12 }) });
    const draft = (await t.data(createDraft, { segmentKey: 'prepared', definition: DEMO_SEGMENTS[0].live })).createDraft;
    await t.data(publishVersion, { id: draft.id });
    const [{ id: segmentId }] = await t.sql(`SELECT id FROM segment WHERE key = 'prepared'`);
    const ranked = await t.sql(`SELECT score::text, account_id FROM account_score WHERE version_id = $1 ORDER BY score DESC, account_id`, [
      draft.id,
    ]);
    const plans = await inOneTransaction(async (em) => {
      // Ten pages from different cursors on one connection: ten executions of one statement.
      for (const at of ranked.slice(0, 10)) {
        await fitsPage(
          em,
          { versionId: draft.id, exceptOverridden: { segmentId, at: new Date() } },
          {
            cursor: { score: at.score, accountId: at.account_id },
            bound: null,
            limit: 21,
            backward: false,
            ranked: true,
            overridden: true,
          },
        );
      }
      return em.query(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%account_score%'`,
      );
    });
    // One text, ten executions, each planned for its page.
    expect(plans).toEqual([{ generic: 0, custom: 10 }]);
  });

  it('outside a transaction runs on sessions that always take the generic plan, and nothing else does', async () => {
    const [{ id: segmentId }] = await t.sql(`SELECT id FROM segment WHERE key = 'prepared'`);
    const [{ id: versionId }] = await t.sql(`SELECT id FROM icp_version WHERE segment_id = $1 AND status = 'PUBLISHED'`, [segmentId]);
    const ranked = await t.sql(`SELECT score::text, account_id FROM account_score WHERE version_id = $1 ORDER BY score DESC, account_id`, [
      versionId,
    ]);
    // One at a time, so that the pool hands back its one idle session each time.
    for (const at of ranked.slice(0, 8)) {
      const page = await fitsPage(
        t.ds.manager,
        { versionId, exceptOverridden: { segmentId, at: new Date() } },
        { cursor: { score: at.score, accountId: at.account_id }, bound: null, limit: 3, backward: false, ranked: true, overridden: true },
      );
      expect(page.ranked.length).toBeGreaterThan(0);
    }
    const plans = await queryPrepared<{ setting: string; generic: number; custom: number }>(
      t.ds.manager,
      `SELECT current_setting('plan_cache_mode') AS setting, generic_plans::int AS generic, custom_plans::int AS custom
       FROM pg_prepared_statements WHERE statement LIKE '%account_score%' AND statement NOT LIKE '%pg_prepared_statements%'`,
      [],
    );
    // Never planned for its values: the first execution already ran the generic plan.
    expect(plans).toEqual([{ setting: 'force_generic_plan', generic: 8, custom: 0 }]);
    // Those sessions keep the pool's other settings: the statement timeout, the check for a vanished client.
    const [settings] = await queryPrepared<{ timeout: string; check: string }>(
      t.ds.manager,
      `SELECT current_setting('statement_timeout') AS timeout, current_setting('client_connection_check_interval') AS check`,
      [],
    );
    const [own0] = await t.ds.query(
      `SELECT current_setting('statement_timeout') AS timeout, current_setting('client_connection_check_interval') AS check`,
    );
    expect(settings).toEqual(own0);
    expect(settings.check).not.toBe('0');
    // The pool's own sessions (TypeORM's queries, transactions) keep PostgreSQL's choice.
    const [own] = await t.ds.query(`SELECT current_setting('plan_cache_mode') AS setting`);
    expect(own.setting).toBe('auto');
    await inOneTransaction(async (em) => {
      const [inside] = await queryPrepared<{ setting: string }>(em, `SELECT current_setting('plan_cache_mode') AS setting`, []);
      expect(inside.setting).toBe('auto');
    });
  });

  it('survives the death of an idle prepared-reads session: the next read opens another', async () => {
    const pid = async () =>
      (
        await queryPrepared<{ pid: number; mode: string }>(
          t.ds.manager,
          `SELECT pg_backend_pid() AS pid, current_setting('plan_cache_mode') AS mode`,
          [],
        )
      )[0];
    const before = await pid();
    expect(before.mode).toBe('force_generic_plan');
    // As a restart or an operator would: the idle session's pool reports an error (a pool 'error'
    // with no listener would end this process, and jest's worker with it).
    await t.sql('SELECT pg_terminate_backend($1)', [before.pid]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await pid();
    expect(after.mode).toBe('force_generic_plan');
    expect(after.pid).not.toBe(before.pid);
  });
});

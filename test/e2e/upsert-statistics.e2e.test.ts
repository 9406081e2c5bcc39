/**
 * Upserts keep the planner's idea of the tables' sizes current, and no more: their statements
 * all find rows by a unique key, so they ANALYZE once as many rows changed as a table had when
 * last analysed, not after every tenth as the readers that plan joins do (an ANALYZE of both
 * tables costs seconds at a million accounts, and an import ran one every few batches).
 */
import { startTestApp, type TestApp } from '../helpers/test-app';
import type { AccountInput } from '../../src/model/account.input';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Only the upserts' own ANALYZE may reset the counts read here: on a server with autovacuum on
  // (the embedded one), its autoanalyze ran between two steps and reset n_mod_since_analyze.
  await t.sql('ALTER TABLE account SET (autovacuum_enabled = false)');
});
afterAll(() => t.close());

jest.setTimeout(60_000);

const lastAnalyze = async (): Promise<number | null> => {
  const [{ at }] = await t.sql(`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'account'`);
  return at ? new Date(at).getTime() : null;
};

/** The statistics collector publishes a backend's counts up to a second or so after its commit. */
async function modifiedSinceAnalyze(atLeast: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [{ n }] = await t.sql(`SELECT n_mod_since_analyze::int AS n FROM pg_stat_user_tables WHERE relname = 'account'`);
    if (n >= atLeast || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const accounts = (from: number, count: number, name = 'Account'): AccountInput[] =>
  Array.from({ length: count }, (_, i) => ({ externalId: `stat-${from + i}`, name: `${name} ${from + i}`, attributes: {} }));

const upsert = (inputs: AccountInput[]) => t.services.accounts.upsert(t.fitgraph.system(), inputs);

describe('statistics refreshed by upserts', () => {
  it('ANALYZEs account once as many rows changed as it had, not at a tenth', async () => {
    // 1,000 accounts into a table never analysed: stale from 500 changed rows on.
    expect((await upsert(accounts(0, 1000))).created).toBe(1000);
    expect(await lastAnalyze()).toBeNull();
    expect(await modifiedSinceAnalyze(1000)).toBeGreaterThanOrEqual(1000);
    await upsert(accounts(1000, 1));
    const first = await lastAnalyze();
    expect(first).not.toBeNull();
    const [{ reltuples }] = await t.sql(`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'account'`);
    expect(reltuples).toBe(1000);

    // 600 of the 1,000 renamed: 60 % changed, six times the tenth readers go by, under the size rule.
    expect((await upsert(accounts(0, 600, 'Renamed'))).updated).toBe(600);
    expect(await modifiedSinceAnalyze(601)).toBeGreaterThanOrEqual(601);
    await upsert(accounts(1001, 1));
    expect(await lastAnalyze()).toBe(first);

    // 500 more new ones: 1,101 rows changed since the ANALYZE of 1,000, so the next upsert runs one.
    expect((await upsert(accounts(2000, 500))).created).toBe(500);
    expect(await modifiedSinceAnalyze(1102)).toBeGreaterThanOrEqual(1102);
    await upsert(accounts(1002, 1));
    const second = await lastAnalyze();
    expect(second).not.toBeNull();
    expect(second!).toBeGreaterThan(first!);
    const [{ reltuples: after }] = await t.sql(`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'account'`);
    expect(after).toBe(1502);
  });
});

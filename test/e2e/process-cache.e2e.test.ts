/**
 * Per-process caches and their invalidation through LISTEN/NOTIFY, in this process: a cached
 * key costs no statement, a change committed by anyone empties the cache, and a lost listener
 * empties and bypasses every cache until it listens again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createFitgraph } from '../../src/app/fitgraph';
import { createDataSource } from '../../src/db/data-source';
import { generateAccounts } from '../../src/demo/account-generator';
import { DEMO_SEGMENTS } from '../../src/demo/icp-definitions.demo';
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { revokeApiKey } from '../operations/auth';
import { createDraft, createSegment, publishVersion, segmentKeys } from '../operations/registry';

const cachedFits = graphql(`
  query CachedFitsPage { fits(segmentKey: "cached", first: 5) { edges { node { score version { number } segment { name liveVersion { number } } } } } }
`);

let t: TestApp;

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
  return Date.now() - started;
}

beforeAll(async () => {
  t = await startTestApp();
  await t.fitgraph.cacheBus.start(t.databaseUrl, t.log);
});
afterAll(async () => {
  await t.fitgraph.cacheBus.stop();
  await t.close();
});

/**
 * Until every cache notification committed so far has reached this process's listener: a
 * notification of this test's own, acknowledged by the listener, comes after them (they are
 * delivered in commit order). A late notification of an earlier write would otherwise empty a
 * cache between a warm-up and the request measured after it (a sleep was not enough on a loaded
 * machine). It empties the attribute catalogue's cache, which nothing here measures.
 */
async function settled(): Promise<void> {
  await (await t.fitgraph.cacheBus.announce(t.ds.manager, 'attribute_definition')).acknowledged(5000);
}

/** A new key, once the notification of its own insert has passed (it empties the cache). */
async function newKey(role: 'VIEWER' | 'AUDITOR', name: string): Promise<string> {
  const secret = await t.keyFor(role, name);
  await settled();
  return secret;
}

/** Statements sent by one authentication. */
async function statementsFor(secret: string): Promise<{ role: string | null; statements: number }> {
  t.statements.reset();
  const principal = await t.services.apiKeys.authenticate(t.ds.manager, secret);
  return { role: principal?.role ?? null, statements: t.statements.count };
}

describe('the API key cache', () => {
  it('answers a known key without a statement, and forgets it when any process revokes it', async () => {
    const secret = await newKey('VIEWER', 'cached-viewer');
    expect(await statementsFor(secret)).toEqual({ role: 'VIEWER', statements: 1 });
    expect(await statementsFor(secret)).toEqual({ role: 'VIEWER', statements: 0 });
    // Revoked behind the process's back, as another process (or psql) would.
    const other = new (require('pg').Client)({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query(`UPDATE api_key SET revoked_at = now(), revoked_by = 'elsewhere' WHERE name = 'cached-viewer'`);
    } finally {
      await other.end();
    }
    const ms = await until('the revocation to reach the cache', async () => (await statementsFor(secret)).role === null, 2000);
    expect(ms).toBeLessThan(2000);
    expect(await statementsFor(secret)).toEqual({ role: null, statements: 1 }); // unknown keys are never cached
  });

  it('is emptied and bypassed while the listening connection is down, and serves again once it is back', async () => {
    const secret = await newKey('AUDITOR', 'cached-auditor');
    await statementsFor(secret);
    expect((await statementsFor(secret)).statements).toBe(0);
    await t.sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fitgraph-cache' AND datname = current_database()`,
    );
    await until('the listener to notice', () => !t.fitgraph.cacheBus.listening);
    expect(await statementsFor(secret)).toEqual({ role: 'AUDITOR', statements: 1 });
    expect(await statementsFor(secret)).toEqual({ role: 'AUDITOR', statements: 1 });
    await until('the listener to reconnect', () => t.fitgraph.cacheBus.listening);
    await statementsFor(secret);
    expect(await statementsFor(secret)).toEqual({ role: 'AUDITOR', statements: 0 });
  });

  it('a key revoked through the API fails on the very next request', async () => {
    const secret = await newKey('VIEWER', 'revoked-by-api');
    expect((await t.gql(segmentKeys, {}, { key: secret })).status).toBe(200);
    expect((await statementsFor(secret)).statements).toBe(0);
    const id = (await t.sql(`SELECT id FROM api_key WHERE name = 'revoked-by-api'`))[0].id;
    await t.data(revokeApiKey, { id });
    const res = await t.gql(segmentKeys, {}, { key: secret });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("segments and live versions: cached reads cost only the page, and another process's publish reaches them at once", async () => {
    await t.data(createSegment, { input: { key: 'cached', name: 'Cached' } });
    await t.data(upsertAccounts, { accounts: generateAccounts(30, { seed: 5 }) });
    const v1 = (await t.data(createDraft, { segmentKey: 'cached', definition: DEMO_SEGMENTS[0].live })).createDraft;
    await t.data(publishVersion, { id: v1.id });
    await settled();
    await t.data(cachedFits);
    t.statements.reset();
    const before = (await t.data(cachedFits)).fits.edges.map((e) => e.node);
    expect(t.statements.count).toBe(1); // key, segment and live version cached: the page alone
    expect(before.map((n) => [n.version.number, n.segment.liveVersion?.number])).toEqual(Array(5).fill([1, 1]));

    // Another process: its own DataSource and fitgraph on the same database.
    const ds = createDataSource(t.databaseUrl, { config: t.config });
    await ds.initialize();
    try {
      const other = createFitgraph(t.config, { dataSource: ds, log: t.log });
      const ctx = other.system();
      const v2 = await other.services.versions.createDraft(ctx, { segmentKey: 'cached', definition: DEMO_SEGMENTS[0].draft, notes: 'v2' });
      await other.services.publishJobs.publish(ctx, { id: v2.id });
      const waited = await until(
        "the other process's publish to reach this one",
        async () =>
          (await t.data(cachedFits)).fits.edges.every((e) => e.node.version.number === 2 && e.node.segment.liveVersion?.number === 2),
        2000,
      );
      t.log.info({ waited }, 'publish seen across processes');
      await settled();
      await t.data(cachedFits);
      t.statements.reset();
      await t.data(cachedFits);
      expect(t.statements.count).toBe(1); // cached again
    } finally {
      await ds.destroy();
    }
  });
});

/**
 * Several processes on one database, as in production: two API processes (`npm start`'s entry
 * point with FITGRAPH_IN_PROCESS_WORKERS=false) and two workers (`npm run worker`'s), real child
 * processes, a worker killed with SIGKILL like a crashed machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { freePort } from '../../src/db/embedded-postgres';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type GqlError, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/wait';
import { upsertAccounts } from '../operations/accounts';
import { revokeApiKey } from '../operations/auth';
import { overrideFit } from '../operations/fits';
import { publishJob, startPublish } from '../operations/publishing';
import { createDraft, createSegment, publishVersion, segmentKeys } from '../operations/registry';

const ROOT = path.resolve(__dirname, '..', '..');
const sharedFitVersions = graphql(`
  query SharedFitVersions { fits(segmentKey: "shared", first: 100) { totalCount edges { node { version { number } } } } }
`);
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';

interface Child {
  process: ChildProcess;
  output: string;
}
const children: Child[] = [];

/** Starts `src/<entry>.ts` as its own process group, resolving once `ready` appears in its output. */
function startProcess(entry: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', `src/${entry}.ts`], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      detached: true,
    });
    const child: Child = { process: proc, output: '' };
    children.push(child);
    const timer = setTimeout(() => reject(new Error(`${entry} not ready within 120 s:\n${child.output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      child.output += chunk.toString();
      if (ready.test(child.output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${child.output}`));
    });
  });
}

function kill(child: Child, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    child.process.removeAllListeners('exit');
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    process.kill(-child.process.pid!, signal);
  });
}

let t: TestApp;
let apis: string[];
/** Workers notice a lost job after 3 s; one job per queue at a time, so two publish runs land on two processes; small batches. */
const WORKER_ENV = () => ({
  DATABASE_URL: t.databaseUrl,
  FITGRAPH_JOB_TIMEOUT_SECONDS: '3',
  FITGRAPH_WORKER_CONCURRENCY: '1',
  FITGRAPH_PUBLISH_BATCH_SIZE: '5',
});
jest.setTimeout(300_000);

async function startApi(): Promise<string> {
  const child = await startProcess(
    'main',
    {
      DATABASE_URL: t.databaseUrl,
      PORT: String(await freePort()),
      FITGRAPH_IN_PROCESS_WORKERS: 'false',
      LOG_LEVEL: 'warn',
    },
    /serving GraphQL at (\S+)/,
  );
  return /serving GraphQL at (\S+)/.exec(child.output)![1];
}

/** Sends one operation to the API process at `url` (not to this test's app). */
async function ask<R, V>(
  url: string,
  key: string,
  document: TypedDocumentNode<R, V>,
  variables?: V,
): Promise<{ status: number; body: { data?: R; errors?: GqlError[] } }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: R; errors?: GqlError[] } };
}

beforeAll(async () => {
  t = await startTestApp();
  // A backend whose client died stops at once (its locks go with it) rather than when its statement ends.
  await t.sql(`ALTER DATABASE ${t.databaseName} SET client_connection_check_interval = '300ms'`);
  apis = await Promise.all([startApi(), startApi()]);
});

describe('two API processes', () => {
  it('refuse a key revoked on either of them at once, also while one of them has lost its cache listener', async () => {
    const [a, b] = apis;
    for (const [i, [revokeOn, askOn]] of [
      [a, b],
      [b, a],
      [a, b],
    ].entries()) {
      const key = await t.keyFor('VIEWER', `viewer-${i}`);
      await sleep(100); // the key's own insert empties the caches; let it pass, so the next reads are cached
      for (const url of [askOn, askOn, revokeOn]) expect((await ask(url, key, segmentKeys)).status).toBe(200);
      const id = (await t.sql<{ id: string }>(`SELECT id FROM api_key WHERE name = $1`, [`viewer-${i}`]))[0].id;
      expect((await ask(revokeOn, t.adminKey, revokeApiKey, { id })).body.data?.revokeApiKey.revokedAt).toBeTruthy();
      const refused = await ask(askOn, key, segmentKeys);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }

    // Cut every cache listener: processes must not serve from a cache that may miss a change.
    const key = await t.keyFor('VIEWER', 'revoked-while-deaf');
    await sleep(100);
    for (const url of apis) expect((await ask(url, key, segmentKeys)).status).toBe(200);
    await t.sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fitgraph-cache' AND datname = current_database()`,
    );
    await t.sql(`UPDATE api_key SET revoked_at = now(), revoked_by = 'psql' WHERE name = 'revoked-while-deaf'`);
    for (const url of apis) expect((await ask(url, key, segmentKeys)).status).toBe(401);
  });
});
afterAll(async () => {
  await Promise.all(children.map((c) => kill(c, 'SIGKILL')));
  await t.close();
});

describe('a worker killed mid-job', () => {
  it('leaves its job to be taken up again by the other worker, and the work is done once', async () => {
    await t.data(createSegment, {
      input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
    });
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'a1', name: 'A1', attributes: { industry: 'retail' } }],
    });
    await t.data(publishVersion, { id: (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft.id });
    const accountId = (await t.sql<{ id: string }>(`SELECT id FROM account WHERE external_id = 'a1'`))[0].id;
    const expiresAt = new Date(Date.now() + 1000);
    const override = (
      await t.data(
        overrideFit,
        {
          input: {
            accountId,
            segmentKey: 'core',
            tier: 'STRONG',
            category: 'STRATEGIC_ACCOUNT',
            justification: WHY,
            expiresAt: expiresAt.toISOString(),
          },
        },
        { key: await t.keyFor('SALES_MANAGER') },
      )
    ).overrideFit;
    await sleep(Math.max(0, expiresAt.getTime() - Date.now()) + 50);

    // Recording the expiry hangs while the flag is up: the first worker is stuck in it when it dies.
    await t.sql(`CREATE TABLE hang_flag (up boolean); INSERT INTO hang_flag VALUES (true);
      CREATE FUNCTION hang() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF EXISTS (SELECT 1 FROM hang_flag) THEN PERFORM pg_sleep(120); END IF; RETURN NEW; END $$;
      CREATE TRIGGER hang BEFORE UPDATE ON fit_override FOR EACH ROW EXECUTE FUNCTION hang()`);
    const env = WORKER_ENV();
    const first = await startProcess('worker', env, /fitgraph worker running/);
    const stuck = await until(
      'a job stuck in the expiry',
      async () =>
        (await t.sql(`SELECT id FROM pgboss.job WHERE name = 'override-expiries' AND state = 'active'`))[0]?.id as string | undefined,
    );
    await until(
      'the hanging statement',
      async () => (await t.sql(`SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep'`)).length > 0,
    );
    // A second worker runs beside it; the queue lets one expiry job run at a time, so it cannot overtake the stuck one.
    await startProcess('worker', env, /fitgraph worker running/);
    await sleep(1000);
    expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'override.expired'`)).toHaveLength(0);
    await kill(first, 'SIGKILL');
    await t.sql('DELETE FROM hang_flag');

    const retried = await until(
      'the stuck job to complete elsewhere',
      async () => (await t.sql(`SELECT state, retry_count FROM pgboss.job WHERE id = $1 AND state = 'completed'`, [stuck]))[0],
    );
    expect(retried.retry_count).toBeGreaterThanOrEqual(1);
    const events = await t.sql(`SELECT entity_id FROM audit_event WHERE action = 'override.expired'`);
    expect(events).toEqual([{ entity_id: override.id }]);
  });
});

describe('a publish with two workers', () => {
  it('is prepared by both of them while the API processes serve, and goes live once', async () => {
    const [a, b] = apis;
    // The second worker of the test above is still running; a third joins it.
    await startProcess('worker', WORKER_ENV(), /fitgraph worker running/);
    await ask(a, t.adminKey, createSegment, {
      input: { key: 'shared', name: 'Shared', membership: [{ attribute: 'region', operator: 'EQ', value: 'shared', points: 1 }] },
    });
    await ask(a, t.adminKey, upsertAccounts, {
      accounts: Array.from({ length: 60 }, (_, i) => ({
        externalId: `shared-${i}`,
        name: `Shared ${i}`,
        attributes: { region: 'shared', employees: 20 * i, industry: i % 2 ? 'saas' : 'retail' },
      })),
    });
    const v1 = (await ask(a, t.adminKey, createDraft, { segmentKey: 'shared', definition: seedDefinition() })).body.data!.createDraft.id;
    await t.sql(`CREATE FUNCTION slow_shared() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.04); RETURN NEW; END $$;
      CREATE TRIGGER slow_shared BEFORE INSERT ON account_score FOR EACH ROW WHEN (NEW.version_id = '${v1}') EXECUTE FUNCTION slow_shared()`);
    try {
      const job = (await ask(a, t.adminKey, startPublish, { id: v1 })).body.data!.startPublish;
      expect(job.state).toBe('QUEUED');
      const done = await until(
        'the publish to finish',
        async () => {
          const read = (await ask(b, t.adminKey, publishJob, { id: job.id })).body.data!.publishJob!;
          return ['DONE', 'FAILED'].includes(read.state) ? read : undefined;
        },
        120_000,
      );
      expect(done).toMatchObject({ state: 'DONE', accountsTotal: 60, accountsScored: 60, error: null, result: { accountsScored: 60 } });
      const batches = await t.sql<{ done_by: string; n: number }>(
        'SELECT done_by, count(*)::int AS n FROM publish_batch WHERE job_id = $1 GROUP BY 1',
        [job.id],
      );
      expect(batches.reduce((sum, r) => sum + r.n, 0)).toBe(12);
      expect(batches.length).toBe(2); // both worker processes took batches
    } finally {
      await t.sql('DROP TRIGGER slow_shared ON account_score; DROP FUNCTION slow_shared()');
    }
    const fits = (await ask(b, t.adminKey, sharedFitVersions)).body.data!.fits;
    expect(fits.totalCount).toBe(60);
    expect(new Set(fits.edges.map((e) => e.node.version.number))).toEqual(new Set([1]));
    expect(
      (await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'version.published' AND entity_id = $1`, [v1]))[0].n,
    ).toBe(1);
  });
});

/**
 * A process that dies or is told to stop during a publish leaves nothing running in
 * PostgreSQL. The API runs as a real child process (`src/main.ts`) on this suite's database;
 * its publish is held in the middle (after it took the publish lock and locked `account`) by a
 * lock this test takes on `account_score`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { Client } from 'pg';
import { withDatabase } from '../../src/db/database';
import { freePort } from '../../src/db/embedded-postgres';
import type { PublishVersionMutation } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type GqlError, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/wait';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion, segmentKeys } from '../operations/registry';

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN_KEY = 'shutdown-test-admin-key-0123456789';
const ACCOUNTS = 300;

jest.setTimeout(180_000);

let t: TestApp;
let databaseUrl: string;
beforeAll(async () => {
  t = await startTestApp();
  databaseUrl = withDatabase(process.env.FITGRAPH_TEST_SERVER_URL!, t.databaseName);
  await t.data(createSegment, { input: { key: 'held', name: 'Held' } });
  const v1 = (await t.data(createDraft, { segmentKey: 'held', definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    externalId: `held-${i}`,
    name: `Held ${i}`,
    attributes: { employees: i },
  }));
  await t.data(upsertAccounts, { accounts });
});
afterAll(() => t.close());

interface Api {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `src/main.ts` in a child node process (no npm in between: signals reach it directly). */
function startApi(env: Record<string, string>): Promise<Api> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, FITGRAPH_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'warn', ...env },
    });
    let output = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const timer = setTimeout(() => reject(new Error(`the API did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving GraphQL at (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}:\n${output}`));
    });
  });
}

const backendsOf = async (pid: number): Promise<Array<{ pid: number; wait_event_type: string | null; query: string }>> =>
  t.sql('SELECT pid, wait_event_type, query FROM pg_stat_activity WHERE application_name = $1', [
    `fitgraph ${os.hostname()} ${pid}`.slice(0, 63),
  ]);

/** Holds `account_score` so that a publish blocks at its first score write, with its locks taken. */
async function holdScores(): Promise<Client> {
  const holder = new Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE account_score IN EXCLUSIVE MODE');
  return holder;
}

/** Starts a publish of a new draft in the child; resolves once it waits on the held lock. */
/** The child's answer to a publish, or how the connection failed. */
type PublishAnswer = { data?: PublishVersionMutation; errors?: GqlError[] } | { networkError: string; errors?: undefined };

async function publishHeld(api: Api): Promise<{ draftId: string; response: Promise<PublishAnswer> }> {
  const draft = (await t.data(createDraft, { segmentKey: 'held' })).createDraft;
  const response = fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify({ query: print(publishVersion), variables: { id: draft.id } }),
  }).then(
    (res) => res.json() as Promise<PublishAnswer>,
    (err: Error) => ({ networkError: err.message }),
  );
  await until(
    'the publish to wait on the held lock',
    async () => (await backendsOf(api.child.pid!)).some((b) => b.wait_event_type === 'Lock'),
    30_000,
  );
  return { draftId: draft.id, response };
}

async function publishNow(draftId: string): Promise<void> {
  const result = (await t.data(publishVersion, { id: draftId })).publishVersion;
  expect(result.version.status).toBe('PUBLISHED');
  expect(result.accountsScored).toBe(ACCOUNTS);
}

describe('a process stopped during a publish', () => {
  it('killed with SIGKILL: PostgreSQL ends its backend within seconds, and the publish can be retried', async () => {
    const api = await startApi({ PORT: String(await freePort()) });
    const holder = await holdScores();
    try {
      const { draftId } = await publishHeld(api);
      const killedAt = Date.now();
      api.child.kill('SIGKILL');
      await api.exited;
      // client_connection_check_interval (2 s): the backend notices the vanished client even while it waits.
      await until("the killed process's backends to end", async () => (await backendsOf(api.child.pid!)).length === 0, 10_000);
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      await holder.query('COMMIT');
      // Nothing of the killed publish is left: the same draft publishes at once.
      await publishNow(draftId);
    } finally {
      await holder.end();
      if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
    }
  });

  it('told to stop with SIGTERM: readiness is 503 at once, the publish is cancelled in the database after the drain deadline, the process exits', async () => {
    const api = await startApi({ PORT: String(await freePort()), FITGRAPH_DRAIN_TIMEOUT_MS: '1500' });
    const base = api.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const holder = await holdScores();
    try {
      const { draftId, response } = await publishHeld(api);
      const stoppedAt = Date.now();
      api.child.kill('SIGTERM');
      await until(
        'readiness to answer 503',
        async () =>
          (await fetch(`${base}/readyz`).then(
            (r) => r.status,
            () => 0,
          )) === 503,
        3_000,
      );
      // A request arriving while the server drains is turned away with a code to retry elsewhere.
      const late = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
        body: JSON.stringify({ query: print(segmentKeys) }),
      });
      expect(late.status).toBe(503);
      expect(((await late.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
        'SERVICE_UNAVAILABLE',
      );
      // The request in flight is answered: cancelled, with a code a client can retry on.
      const answer = await response;
      expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(await api.exited).toBe(1); // work was cut short
      const elapsed = Date.now() - stoppedAt;
      expect(elapsed).toBeGreaterThanOrEqual(1_500);
      expect(elapsed).toBeLessThan(15_000);
      expect(await backendsOf(api.child.pid!)).toEqual([]);
      await holder.query('COMMIT');
      await publishNow(draftId);
    } finally {
      await holder.end();
      if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
    }
  });
});

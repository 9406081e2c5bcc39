/**
 * fitChanged over graphql-ws: a change committed by another API process (a real child process on
 * the same database) reaches a subscriber of this one; keys and roles are checked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql } from '../gql';
import type { CoreFitChangedSubscription, IcpDefinitionInput, PublishVersionMutation, UpsertAccountsMutation } from '../gql/graphql';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

jest.setTimeout(180_000);
const ROOT = path.resolve(__dirname, '..', '..');
const OTHER_KEY = 'other-process-admin-key-0123456789';

const coreFitChanged = graphql(`
  subscription CoreFitChanged { fitChanged(segmentKey: "core") { eventId cause before { tier } after { score tier overridden } account { externalId } segment { key } version { number } } }
`);
const coreFitChangedIds = graphql(`
  subscription CoreFitChangedIds { fitChanged(segmentKey: "core") { eventId } }
`);

let t: TestApp;
let other: { process: ChildProcess; url: string } | null = null;
const clients: Client[] = [];

function client(key: string): Client {
  const c = createClient({
    url: t.url.replace('http://', 'ws://'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(c);
  return c;
}

/** `npm start`'s entry point on the test's database, serving the API alone. */
function startOtherApi(): Promise<{ process: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(path.join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: t.databaseUrl,
        PORT: '0',
        FITGRAPH_ADMIN_KEY: OTHER_KEY,
        FITGRAPH_IN_PROCESS_WORKERS: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`API not ready:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving GraphQL at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ process: proc, url: match[1] });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`API exited with ${code}:\n${output}`)));
  });
}

const definition: IcpDefinitionInput = {
  dimensions: [{ dimension: 'FIRMOGRAPHICS', weight: 100, criteria: [{ attribute: 'employees', operator: 'GTE', value: 100, points: 1 }] }],
  disqualifiers: [],
  thresholds: { perfect: 80, strong: 60, moderate: 40 },
  actions: [],
};

beforeAll(async () => {
  t = await startTestApp();
  for (const key of ['core', 'other']) {
    await t.data(createSegment, { input: { key, name: key, membership: [{ attribute: 'employees', operator: 'EXISTS', points: 1 }] } });
    const draft = (await t.data(createDraft, { segmentKey: key, definition })).createDraft;
    await t.data(publishVersion, { id: draft.id });
  }
  other = await startOtherApi();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  if (other) process.kill(-other.process.pid!, 'SIGKILL');
  await t.close();
});

describe('fitChanged', () => {
  it('receives a change committed by another API process, for its segment only', async () => {
    const viewer = await t.keyFor('VIEWER');
    const subscription = client(viewer).iterate<CoreFitChangedSubscription>({ query: print(coreFitChanged) });
    const first = subscription.next();
    // Let the subscription start listening before the change commits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const res = await fetch(other!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OTHER_KEY}` },
      body: JSON.stringify({
        query: print(upsertAccounts),
        variables: { accounts: [{ externalId: 's1', name: 'S1', attributes: { employees: 250 } }] },
      }),
    });
    expect(((await res.json()) as { data: UpsertAccountsMutation }).data.upsertAccounts.created).toBe(1);

    const { value } = await first;
    // Two segments changed (core and other); this subscriber hears core's only.
    expect(value.data?.fitChanged).toMatchObject({
      cause: 'ACCOUNT_UPDATED',
      before: null,
      after: { score: 100, tier: 'PERFECT', overridden: false },
      account: { externalId: 's1' },
      segment: { key: 'core' },
      version: { number: 1 },
    });
    const [event] = await t.sql<{ id: string }>(`SELECT id FROM outbox_event WHERE type = 'FIT_CHANGED' AND data->>'segmentKey' = 'core'`);
    expect(value.data?.fitChanged.eventId).toBe(event.id);
    await subscription.return?.();
  });

  it("receives a publish's changes, which follow its VERSION_PUBLISHED event, when another process publishes", async () => {
    const viewer = await t.keyFor('VIEWER');
    const subscription = client(viewer).iterate<CoreFitChangedSubscription>({ query: print(coreFitChanged) });
    const first = subscription.next();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // s1 (250 employees) scored 100 under v1; under v2 (1,000 employees or more) it scores 0.
    const stricter: IcpDefinitionInput = {
      ...definition,
      dimensions: [
        { dimension: 'FIRMOGRAPHICS', weight: 100, criteria: [{ attribute: 'employees', operator: 'GTE', value: 1000, points: 1 }] },
      ],
    };
    const draft = (await t.data(createDraft, { segmentKey: 'core', definition: stricter })).createDraft;
    const res = await fetch(other!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OTHER_KEY}` },
      body: JSON.stringify({ query: print(publishVersion), variables: { id: draft.id } }),
    });
    expect(((await res.json()) as { data: PublishVersionMutation }).data.publishVersion.version.number).toBe(2);
    const { value } = await first;
    expect(value.data?.fitChanged).toMatchObject({
      cause: 'VERSION_PUBLISHED',
      before: { tier: 'PERFECT' },
      after: { score: 0, tier: 'WEAK', overridden: false },
      account: { externalId: 's1' },
      segment: { key: 'core' },
      version: { number: 2 },
    });
    await subscription.return?.();
  });

  it('refuses an unknown key at connection', async () => {
    const refused = client('fgk_not_a_key').iterate({ query: print(coreFitChangedIds) });
    await expect(refused.next()).rejects.toMatchObject({ code: 4403 });
  });
});

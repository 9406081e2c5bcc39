/**
 * At least once: a worker process killed (SIGKILL) while its POST is in flight loses nothing; the
 * delivery stays pending and another worker sends it again, with the same delivery id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startBackgroundWork, type BackgroundWork } from '../../src/jobs/background-work';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/wait';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { createWebhook } from '../operations/webhooks';

jest.setTimeout(180_000);
const ROOT = path.resolve(__dirname, '..', '..');

let t: TestApp;
let worker: ChildProcess | null = null;
let background: BackgroundWork | null = null;
let server: http.Server;
const requests: Array<{ deliveryId: string; eventIds: string[] }> = [];

beforeAll(async () => {
  t = await startTestApp();
  // The first request never gets an answer (the worker is killed while it waits); later ones get 200.
  server = http.createServer((req, res) => {
    let raw = '';
    req
      .on('data', (c) => (raw += c))
      .on('end', () => {
        const body = JSON.parse(raw) as { deliveryId: string; events: Array<{ id: string }> };
        requests.push({ deliveryId: body.deliveryId, eventIds: body.events.map((e) => e.id) });
        if (requests.length > 1) res.writeHead(200).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await t.data(createSegment, {
    input: { key: 'core', name: 'Core', membership: [{ attribute: 'employees', operator: 'EXISTS', points: 1 }] },
  });
  const draft = (
    await t.data(createDraft, {
      segmentKey: 'core',
      definition: {
        dimensions: [
          { dimension: 'FIRMOGRAPHICS', weight: 100, criteria: [{ attribute: 'employees', operator: 'GTE', value: 100, points: 1 }] },
        ],
      },
    })
  ).createDraft;
  await t.data(publishVersion, { id: draft.id });
});
afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) process.kill(-worker.pid!, 'SIGKILL');
  await background?.stop(2000);
  server.closeAllConnections();
  server.close();
  await t.close();
});

it('sends a delivery again after the worker sending it was killed', async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  await t.data(createWebhook, { input: { url, events: ['FIT_CHANGED'] } });
  worker = spawn(path.join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', 'src/worker.ts'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      LOG_LEVEL: 'warn',
      FITGRAPH_JOB_TIMEOUT_SECONDS: '5',
      FITGRAPH_WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  await t.data(upsertAccounts, { accounts: [{ externalId: 'k1', name: 'K1', attributes: { employees: 500 } }] });
  await until("the worker's POST", () => requests.length >= 1);
  process.kill(-worker.pid!, 'SIGKILL');
  await new Promise((resolve) => (worker!.exitCode !== null || worker!.signalCode ? resolve(null) : worker!.once('exit', resolve)));
  const [pending] = await t.sql(`SELECT id, status FROM webhook_delivery`);
  expect(pending).toEqual({ id: requests[0].deliveryId, status: 'PENDING' });

  background = await startBackgroundWork({
    url: t.databaseUrl,
    dataSource: t.ds,
    config: { ...t.config, jobTimeoutSeconds: 5, webhookAllowPrivate: true },
    runWorkers: true,
    log: t.log,
    services: t.services,
    metrics: t.fitgraph.metrics,
    clock: t.fitgraph.clock,
  });
  await until('the delivery', async () => (await t.sql(`SELECT 1 FROM webhook_delivery WHERE status = 'DELIVERED'`)).length > 0);
  expect(requests.length).toBe(2);
  expect(requests[1]).toEqual(requests[0]);
  const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'FIT_CHANGED'`);
  expect(requests[1].eventIds).toHaveLength(n);
});

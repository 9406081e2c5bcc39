/**
 * Volume: a publish that changes 80,000 tiers delivers 80,000 FIT_CHANGED events to a real
 * receiver on a local port, through the job queue's workers: exactly those accounts, each once,
 * in the order they were written, every POST signed. The data makes the count known by
 * construction: 80,000 accounts with 50 employees and 2,000 with 500; v1 needs 100 employees for
 * PERFECT (so 80,000 WEAK, 2,000 PERFECT), v2 needs 10 (all PERFECT): exactly the 80,000 change.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifySignature } from '../../src/domain/delivery/signature';
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';
import { startBackgroundWork, type BackgroundWork } from '../../src/jobs/background-work';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/wait';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { createWebhook } from '../operations/webhooks';

jest.setTimeout(240_000);

const CHANGING = 80_000;
const STAYING = 2_000;
const BATCH = 5_000;

/** 100 points when employees >= `min`, else 0: PERFECT or WEAK. */
const definition = (min: number): IcpDefinitionSpec => ({
  dimensions: [{ dimension: 'FIRMOGRAPHICS', weight: 100, criteria: [{ attribute: 'employees', operator: 'GTE', value: min, points: 1 }] }],
  disqualifiers: [],
  thresholds: { perfect: 80, strong: 60, moderate: 40 },
  actions: [],
});

interface Event {
  id: string;
  type: string;
  data: { accountExternalId: string; cause: string; before: { tier: string } | null; after: { tier: string; overridden: boolean } };
}

let t: TestApp;
let background: BackgroundWork;
let server: http.Server;
let secret = '';
const posts: Array<{ deliveryId: string; events: number; signed: boolean }> = [];
const received: Event[] = [];
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  t = await startTestApp();
  background = await startBackgroundWork({
    url: t.databaseUrl,
    dataSource: t.ds,
    config: { ...t.config, webhookAllowPrivate: true },
    runWorkers: true,
    log: t.log,
    services: t.services,
    metrics: t.fitgraph.metrics,
    clock: t.fitgraph.clock,
  });
  server = http.createServer((req, res) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as { deliveryId: string; events: Event[] };
      const signed = verifySignature(secret, raw, String(req.headers['fitgraph-signature']));
      posts.push({ deliveryId: body.deliveryId, events: body.events.length, signed });
      received.push(...body.events);
      inFlight--;
      res.writeHead(signed ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await background?.stop(10_000);
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.close();
});

async function publish(min: number): Promise<void> {
  const draft = (await t.data(createDraft, { segmentKey: 'volume', definition: definition(min) })).createDraft;
  await t.data(publishVersion, { id: draft.id });
}

it('delivers the 80,000 tier changes of one publish, each once, in order, signed', async () => {
  const t0 = Date.now();
  await t.data(createSegment, {
    input: { key: 'volume', name: 'Volume', membership: [{ attribute: 'employees', operator: 'EXISTS', points: 1 }] },
  });
  // Loaded before any version is live: nothing is scored (or written to the outbox) until v1.
  const externalId = (i: number) => `vol-${String(i).padStart(6, '0')}`;
  for (let from = 0; from < CHANGING + STAYING; from += BATCH) {
    const accounts = Array.from({ length: Math.min(BATCH, CHANGING + STAYING - from) }, (_, k) => ({
      externalId: externalId(from + k),
      name: `Volume ${from + k}`,
      attributes: { employees: from + k < CHANGING ? 50 : 500 },
    }));
    await t.services.accounts.upsert(t.system, accounts);
  }
  const loaded = Date.now();
  await publish(100);

  const hook = (
    await t.data(createWebhook, {
      input: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, events: ['FIT_CHANGED'], segmentKeys: ['volume'] },
    })
  ).createWebhook;
  secret = hook.secret;
  const started = Date.now();
  await publish(10);
  const published = Date.now();
  await until(`${CHANGING} events`, () => received.length >= CHANGING, 150_000);
  const seconds = (Date.now() - started) / 1000;
  await sleep(1000);

  // Exactly the accounts built to change, each once, from WEAK to PERFECT by the publish.
  expect(received).toHaveLength(CHANGING);
  expect(new Set(received.map((e) => e.id)).size).toBe(CHANGING);
  const accounts = received.map((e) => e.data.accountExternalId);
  expect(new Set(accounts).size).toBe(CHANGING);
  expect([...accounts].sort()).toEqual(Array.from({ length: CHANGING }, (_, i) => externalId(i)));
  expect(
    received.filter(
      (e) =>
        e.type !== 'FIT_CHANGED' ||
        e.data.cause !== 'VERSION_PUBLISHED' ||
        e.data.before?.tier !== 'WEAK' ||
        e.data.after.tier !== 'PERFECT' ||
        e.data.after.overridden,
    ),
  ).toEqual([]);
  // In the stream's order: a publish's changes follow its VERSION_PUBLISHED by account id.
  const byId = await t.sql<{ external_id: string }>(`SELECT external_id FROM account WHERE external_id = ANY($1) ORDER BY id`, [
    Array.from({ length: CHANGING }, (_, i) => externalId(i)),
  ]);
  expect(accounts).toEqual(byId.map((r) => r.external_id));
  // Batches of at most 100, one POST at a time, each signed, each delivery sent once.
  expect(posts.every((p) => p.signed && p.events >= 1 && p.events <= 100)).toBe(true);
  expect(new Set(posts.map((p) => p.deliveryId)).size).toBe(posts.length);
  expect(mostInFlight).toBe(1);
  process.stdout.write(
    `webhook volume: load ${(loaded - t0) / 1000} s, v1 ${(started - loaded) / 1000} s, v2 ${(published - started) / 1000} s; ${CHANGING} events in ${posts.length} POSTs, the last ${seconds.toFixed(1)} s after publishVersion was called\n`,
  );
});

/**
 * Fit changes reach webhooks as they commit: real HTTP receivers on local ports, the job queue's
 * workers in this process, signatures checked with the secret, every cause of a change.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifySignature } from '../../src/domain/delivery/signature';
import { openSecret } from '../../src/domain/delivery/secret-box';
import { isPrivateAddress } from '../../src/use-cases/delivery/url-guard';
import { WebhookService } from '../../src/use-cases/delivery/webhook.service';
import { startBackgroundWork, type BackgroundWork } from '../../src/jobs/background-work';
import { rescoreDueAccounts } from '../../src/use-cases/scoring/time-rescoring';
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';
import { graphql } from '../gql';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/wait';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit, revokeOverride } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { createWebhook } from '../operations/webhooks';

jest.setTimeout(120_000);

/** A fit before and after its change, as an event's data carries it. */
interface FitState {
  score: number;
  tier: string;
  overridden: boolean;
}
/** The data of a FIT_CHANGED event, the only type whose data these tests read. */
interface FitChangedData {
  accountExternalId: string;
  cause: string;
  before: FitState | null;
  after: FitState;
}
interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { deliveryId: string; webhookId: string; events: Array<{ id: string; type: string; occurredAt: string; data: FitChangedData }> };
}

/** A webhook receiver on a local port; `answer` decides each response's status. */
class Receiver {
  received: Received[] = [];
  answer: (n: number) => number = () => 200;
  private server: http.Server | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
        res.statusCode = this.answer(this.received.length);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Events of every delivery answered 2xx, once each, in the order received. */
  delivered(): Received['body']['events'] {
    const seen = new Set<string>();
    const events: Received['body']['events'] = [];
    this.received.forEach((r, i) => {
      const status = this.answer(i + 1);
      if (status < 200 || status >= 300) return;
      for (const e of r.body.events)
        if (!seen.has(e.id)) {
          seen.add(e.id);
          events.push(e);
        }
    });
    return events;
  }
}

/** 100 points when employees >= `min`, else 0: PERFECT or WEAK, worked out by hand below. */
const definition = (min: number): IcpDefinitionSpec => ({
  dimensions: [{ dimension: 'FIRMOGRAPHICS', weight: 100, criteria: [{ attribute: 'employees', operator: 'GTE', value: min, points: 1 }] }],
  disqualifiers: [],
  thresholds: { perfect: 80, strong: 60, moderate: 40 },
  actions: [],
});

const deliveriesPage = graphql(`
  query WebhookDeliveriesPage($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { totalCount edges { node { status attempts lastStatusCode eventIds deliveredAt } } } }
`);
const deliveries = graphql(`
  query WebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id status attempts lastStatusCode lastError } } } }
`);
const redeliverWebhook = graphql(`
  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }
`);
const webhookIds = graphql(`
  query WebhookIds { webhooks { id } }
`);
const webhookUrls = graphql(`
  query WebhookUrls { webhooks { id url } }
`);
const deleteWebhook = graphql(`
  mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }
`);
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';

let t: TestApp;
let background: BackgroundWork;
const receivers: Receiver[] = [];

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

async function publish(min: number): Promise<void> {
  const draft = (await t.data(createDraft, { segmentKey: 'core', definition: definition(min) })).createDraft;
  await t.data(publishVersion, { id: draft.id });
}

const upsert = (accounts: Array<[string, number]>) =>
  t.data(upsertAccounts, {
    accounts: accounts.map(([externalId, employees]) => ({ externalId, name: externalId.toUpperCase(), attributes: { employees } })),
  });

const accountId = async (externalId: string): Promise<string> =>
  (await t.sql<{ id: string }>('SELECT id FROM account WHERE external_id = $1', [externalId]))[0].id;

beforeAll(async () => {
  t = await startTestApp();
  background = await startBackgroundWork({
    url: t.databaseUrl,
    dataSource: t.ds,
    config: { ...t.config, jobTimeoutSeconds: 30, workerConcurrency: 2, webhookAllowPrivate: true, webhookRetryBaseMs: 200 },
    runWorkers: true,
    log: t.log,
    services: t.services,
    metrics: t.fitgraph.metrics,
    clock: t.fitgraph.clock,
  });
  await t.data(createSegment, {
    input: { key: 'core', name: 'Core', membership: [{ attribute: 'employees', operator: 'EXISTS', points: 1 }] },
  });
  await publish(100);
});
afterAll(async () => {
  await background.stop(2000);
  await Promise.all(receivers.map((r) => r.stop()));
  await t.close();
});

describe('webhooks', () => {
  it('delivers, signed and in order, exactly the effective tier changes of every cause', async () => {
    const hook = await receiver();
    const created = (
      await t.data(createWebhook, {
        input: { url: hook.url, events: ['FIT_CHANGED', 'VERSION_PUBLISHED', 'OVERRIDE_CREATED', 'OVERRIDE_REVOKED', 'OVERRIDE_EXPIRED'] },
      })
    ).createWebhook;
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.webhook).toMatchObject({ url: hook.url, segmentKeys: null, active: true, createdBy: 'test-admin' });
    const [audit] = await t.sql<{ after: unknown }>(`SELECT after FROM audit_event WHERE action = 'webhook.created'`);
    expect(JSON.stringify(audit.after)).not.toContain(created.secret);
    // At rest the secret is sealed: the column holds AES-256-GCM of it under FITGRAPH_SECRET_KEY, not the secret.
    const [stored] = await t.sql<{ secret: string }>('SELECT secret FROM webhook WHERE id = $1', [created.webhook.id]);
    expect(stored.secret).toMatch(/^fgsec1:/);
    expect(stored.secret).not.toContain(created.secret);
    expect(stored.secret).not.toContain(created.secret.slice('whsec_'.length, 'whsec_'.length + 8));
    expect(openSecret(t.config.secretKey, stored.secret)).toBe(created.secret);

    // New accounts: a first fit each (before null). a1 500 and a3 150 and a4 120 are PERFECT (>= 100), a2 50 WEAK.
    await upsert([
      ['a1', 500],
      ['a2', 50],
      ['a3', 150],
      ['a4', 120],
    ]);
    // a1 keeps its result (nothing written); a2 moves WEAK -> PERFECT.
    await upsert([
      ['a1', 400],
      ['a2', 300],
    ]);
    const manager = await t.keyFor('SALES_MANAGER', 'sam-manager');
    const override = (
      await t.data(
        overrideFit,
        {
          input: {
            accountId: await accountId('a3'),
            segmentKey: 'core',
            tier: 'STRONG',
            category: 'STRATEGIC_ACCOUNT',
            justification: WHY,
          },
        },
        { key: manager },
      )
    ).overrideFit;
    // employees >= 200: a4 (120) falls to WEAK; a3 (150) would too, but its override holds STRONG.
    await publish(200);
    await t.data(
      revokeOverride,
      { id: override.id, reason: 'The pilot was cancelled by their CFO, so the strategic case no longer holds.' },
      { key: manager },
    );

    const events = await until('11 events', () => {
      const e = hook.delivered();
      return e.length >= 11 && e;
    });
    const summary = events.map((e) =>
      e.type === 'FIT_CHANGED'
        ? `${e.data.accountExternalId} ${e.data.before?.tier ?? '-'}${e.data.before?.overridden ? '*' : ''} -> ${e.data.after.tier}${e.data.after.overridden ? '*' : ''} ${e.data.cause}`
        : `${e.type}`,
    );
    expect(summary).toEqual([
      'a1 - -> PERFECT ACCOUNT_UPDATED',
      'a2 - -> WEAK ACCOUNT_UPDATED',
      'a3 - -> PERFECT ACCOUNT_UPDATED',
      'a4 - -> PERFECT ACCOUNT_UPDATED',
      'a2 WEAK -> PERFECT ACCOUNT_UPDATED',
      'OVERRIDE_CREATED',
      'a3 PERFECT -> STRONG* OVERRIDE_CREATED',
      'VERSION_PUBLISHED',
      'a4 PERFECT -> WEAK VERSION_PUBLISHED',
      'OVERRIDE_REVOKED',
      'a3 STRONG* -> WEAK OVERRIDE_REVOKED',
    ]);
    // The overridden score is the computed 100 moved into STRONG's band [60, 79.99].
    expect(events[6].data.after).toEqual({ score: 79.99, tier: 'STRONG', overridden: true });
    await sleep(500);
    expect(hook.delivered()).toHaveLength(11); // nothing more, nothing twice

    for (const r of hook.received) {
      expect(verifySignature(created.secret, r.raw, String(r.headers['fitgraph-signature']))).toBe(true);
      expect(verifySignature('whsec_wrong', r.raw, String(r.headers['fitgraph-signature']))).toBe(false);
      expect(r.headers['fitgraph-delivery']).toBe(r.body.deliveryId);
      expect(r.body.webhookId).toBe(created.webhook.id);
      expect(r.body.events.length).toBeGreaterThanOrEqual(1);
      expect(r.body.events.length).toBeLessThanOrEqual(100);
    }
    const page = (await t.data(deliveriesPage, { id: created.webhook.id })).webhookDeliveries;
    expect(page.totalCount).toBe(hook.received.length);
    expect(page.edges.every((e) => e.node.status === 'DELIVERED' && e.node.attempts === 1 && e.node.lastStatusCode === 200)).toBe(true);
    expect(page.edges.flatMap((e) => e.node.eventIds).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('retries a receiver answering 500 twice, then delivers the same delivery once more', async () => {
    const hook = await receiver();
    hook.answer = (n) => (n <= 2 ? 500 : 200);
    const created = (await t.data(createWebhook, { input: { url: hook.url, events: ['FIT_CHANGED'], segmentKeys: ['core'] } }))
      .createWebhook;
    await upsert([['r1', 10]]);
    await until('3 requests', () => hook.received.length >= 3);
    await sleep(300);
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.body.deliveryId)).size).toBe(1);
    expect(hook.received.map((r) => r.raw.length)).toEqual([
      hook.received[0].raw.length,
      hook.received[0].raw.length,
      hook.received[0].raw.length,
    ]);
    expect(hook.delivered().map((e) => `${e.data.accountExternalId} ${e.data.after.tier}`)).toEqual(['r1 WEAK']);
    const [delivery] = (await t.data(deliveries, { id: created.webhook.id })).webhookDeliveries.edges;
    expect(delivery.node).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatusCode: 200 });

    // Redelivery sends it again at once, whatever its status.
    const again = (await t.data(redeliverWebhook, { id: delivery.node.id })).redeliverWebhook;
    expect(again).toEqual({ id: delivery.node.id, status: 'PENDING' });
    await until('the redelivery', () => hook.received.length >= 4);
    expect(hook.received[3].body.deliveryId).toBe(delivery.node.id);
  });

  it('delivers everything, in order, to a receiver that was down for a while', async () => {
    const hook = await receiver();
    const port = hook.port;
    const url = hook.url;
    await hook.stop(); // refused connections from now on
    const created = (await t.data(createWebhook, { input: { url, events: ['FIT_CHANGED'] } })).createWebhook;
    await upsert([['d1', 10]]);
    await upsert([['d2', 500]]);
    await upsert([['d1', 700]]);
    await until(
      'failed attempts',
      async () =>
        (
          await t.sql(
            `SELECT 1 FROM webhook_delivery WHERE webhook_id = $1 AND attempts >= 2 AND last_error IS NOT NULL AND status = 'PENDING'`,
            [created.webhook.id],
          )
        ).length > 0,
    );
    await hook.start(port);
    const events = await until('3 events', () => {
      const e = hook.delivered();
      return e.length >= 3 && e;
    });
    expect(events.map((e) => `${e.data.accountExternalId} ${e.data.before?.tier ?? '-'} -> ${e.data.after.tier}`)).toEqual([
      'd1 - -> WEAK',
      'd2 - -> PERFECT',
      'd1 WEAK -> PERFECT',
    ]);
  });

  it('signs with a secret stored in clear before sealing existed, and with the same secret once start-up sealed it', async () => {
    const hook = await receiver();
    const created = (await t.data(createWebhook, { input: { url: hook.url, events: ['FIT_CHANGED'] } })).createWebhook;
    // A row as the first version of webhooks wrote it: the secret in clear.
    const legacy = 'whsec_written-in-clear-before-secrets-were-sealed';
    await t.sql('UPDATE webhook SET secret = $2 WHERE id = $1', [created.webhook.id, legacy]);
    await upsert([['s1', 10]]);
    await until('the first delivery', () => hook.received.length >= 1);
    expect(verifySignature(legacy, hook.received[0].raw, String(hook.received[0].headers['fitgraph-signature']))).toBe(true);

    // What npm start does after its migrations: every secret in clear is sealed, none is changed.
    expect(await t.services.webhooks.sealStoredSecrets(t.system)).toBe(1);
    expect(await t.services.webhooks.sealStoredSecrets(t.system)).toBe(0);
    const rows = await t.sql<{ id: string; secret: string }>('SELECT id, secret FROM webhook');
    expect(rows.filter((r) => !r.secret.startsWith('fgsec1:'))).toEqual([]);
    const [sealed] = rows.filter((r) => r.id === created.webhook.id);
    expect(sealed.secret).not.toContain(legacy.slice('whsec_'.length));
    await upsert([['s1', 700]]);
    await until('the second delivery', () => hook.received.length >= 2);
    expect(verifySignature(legacy, hook.received[1].raw, String(hook.received[1].headers['fitgraph-signature']))).toBe(true);
    expect(hook.delivered().map((e) => `${e.data.accountExternalId} ${e.data.after.tier}`)).toEqual(['s1 WEAK', 's1 PERFECT']);
  });

  it('tells the webhooks that ask for FIT_REMOVED when an account leaves a segment', async () => {
    const both = await receiver();
    const changesOnly = await receiver();
    await t.data(createWebhook, { input: { url: both.url, events: ['FIT_CHANGED', 'FIT_REMOVED'], segmentKeys: ['core'] } });
    await t.data(createWebhook, { input: { url: changesOnly.url, events: ['FIT_CHANGED'], segmentKeys: ['core'] } });
    await upsert([['x1', 500]]);
    // Without employees, x1 is no member of core (its rule: employees EXISTS): its fit there ends.
    await t.data(upsertAccounts, { accounts: [{ externalId: 'x1', name: 'X1', attributes: { employees: null } }] });
    await upsert([['x1', 10]]);
    const events = await until('3 events', () => {
      const e = both.delivered();
      return e.length >= 3 && e;
    });
    const shown = (e: (typeof events)[number]) =>
      `${e.type} ${e.data.accountExternalId} ${e.data.before?.tier ?? '-'} -> ${e.data.after?.tier ?? '-'} ${e.data.cause}`;
    expect(events.map(shown)).toEqual([
      'FIT_CHANGED x1 - -> PERFECT ACCOUNT_UPDATED',
      'FIT_REMOVED x1 PERFECT -> - ACCOUNT_UPDATED',
      'FIT_CHANGED x1 - -> WEAK ACCOUNT_UPDATED',
    ]);
    expect(events[1].data.after).toBeNull();
    await until('2 events', () => changesOnly.delivered().length >= 2);
    await sleep(300);
    expect(changesOnly.delivered().map(shown)).toEqual([
      'FIT_CHANGED x1 - -> PERFECT ACCOUNT_UPDATED',
      'FIT_CHANGED x1 - -> WEAK ACCOUNT_UPDATED',
    ]);

    // An account under an override leaves: its last fit there is the effective one, the override's:
    // STRONG, its computed 100 moved just under PERFECT's 80 (no explicit score).
    await upsert([['x2', 500]]);
    await t.data(overrideFit, {
      input: { accountId: await accountId('x2'), segmentKey: 'core', tier: 'STRONG', category: 'STRATEGIC_ACCOUNT', justification: WHY },
    });
    await t.data(upsertAccounts, { accounts: [{ externalId: 'x2', name: 'X2', attributes: { employees: null } }] });
    const removed = await until('x2 removed', () =>
      both.delivered().find((e) => e.type === 'FIT_REMOVED' && e.data.accountExternalId === 'x2'),
    );
    expect(removed.data.before).toEqual({ score: 79.99, tier: 'STRONG', overridden: true });
  });

  it('writes TIME_PASSED when a window ends, at the instant it ends', async () => {
    await t.data(createSegment, {
      input: { key: 'recent', name: 'Recent', membership: [{ attribute: 'lastEngagedAt', operator: 'EXISTS', points: 1 }] },
    });
    const draft = (
      await t.data(createDraft, {
        segmentKey: 'recent',
        definition: {
          dimensions: [
            {
              dimension: 'BEHAVIORAL',
              weight: 100,
              criteria: [{ attribute: 'lastEngagedAt', operator: 'WITHIN_DAYS', value: 30, points: 1 }],
            },
          ],
        },
      })
    ).createDraft;
    await t.data(publishVersion, { id: draft.id });
    const engaged = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    await t.data(upsertAccounts, { accounts: [{ externalId: 'w1', name: 'W1', attributes: { lastEngagedAt: engaged } }] });
    await rescoreDueAccounts(t.services, t.system, new Date(Date.now() + 3 * 86_400_000));
    const events = await t.sql<{ occurred_at: Date; data: FitChangedData }>(
      `SELECT e.occurred_at, e.data FROM outbox_event e WHERE e.type = 'FIT_CHANGED' AND e.data->>'accountExternalId' = 'w1' ORDER BY sequence`,
    );
    expect(events.map((e) => `${e.data.before?.tier ?? '-'} -> ${e.data.after.tier} ${e.data.cause}`)).toEqual([
      '- -> PERFECT ACCOUNT_UPDATED',
      'PERFECT -> WEAK TIME_PASSED',
    ]);
    const [row] = await t.sql<{ valid_from: Date }>(
      `SELECT s.valid_from FROM account_score s JOIN account a ON a.id = s.account_id WHERE a.external_id = 'w1' AND s.valid_to IS NULL`,
    );
    expect(events[1].occurred_at.toISOString()).toBe(row.valid_from.toISOString());
    expect(row.valid_from.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses URLs that reach private, loopback or link-local addresses unless allowed', async () => {
    const strict = new WebhookService(
      t.services.audit,
      () => false,
      () => t.config.secretKey,
    );
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://10.1.2.3/x',
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'ftp://example.com/x',
    ]) {
      await expect(strict.create(t.system, { url, events: ['FIT_CHANGED'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(
      ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.1.1', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1'].filter(
        (a) => !isPrivateAddress(a),
      ),
    ).toEqual([]);
    expect(['93.184.216.34', '2606:4700::1111', '8.8.8.8'].filter(isPrivateAddress)).toEqual([]);
    expect((await t.sql(`SELECT count(*)::int AS n FROM webhook WHERE url LIKE '%169.254%' OR url LIKE 'ftp%'`))[0].n).toBe(0);
  });

  it('is for ADMIN to manage and for ADMIN and AUDITOR to read', async () => {
    const viewer = await t.keyFor('VIEWER');
    const auditor = await t.keyFor('AUDITOR');
    expectError(
      await t.gql(createWebhook, { input: { url: 'http://127.0.0.1:1/x', events: ['FIT_CHANGED'] } }, { key: auditor }),
      'FORBIDDEN',
    );
    expectError(await t.gql(webhookIds, {}, { key: viewer }), 'FORBIDDEN');
    const listed = (await t.data(webhookUrls, {}, { key: auditor })).webhooks;
    expect(listed.length).toBe((await t.sql('SELECT count(*)::int AS n FROM webhook WHERE deleted_at IS NULL'))[0].n);
    const id = listed[0].id;
    expect((await t.data(deleteWebhook, { id })).deleteWebhook).toBe(true);
    expect((await t.data(webhookIds)).webhooks.map((w) => w.id)).not.toContain(id);
    expect((await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'webhook.deleted' AND entity_id = $1`, [id]))[0].n).toBe(
      1,
    );
  });
});

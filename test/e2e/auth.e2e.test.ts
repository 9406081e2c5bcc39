import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrapAdminKey } from '../../src/use-cases/auth/admin-key.bootstrap';
import { readConfig } from '../../src/config';
import { graphql } from '../gql';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { createApiKey, me, revokeApiKey } from '../operations/auth';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const apiKeys = graphql(`
  query ApiKeys { apiKeys { id name role } }
`);

describe('authentication', () => {
  it('refuses a request without a key, with a malformed header, or with an unknown key (401 UNAUTHENTICATED)', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer fgk_unknown' }] as Array<Record<string, string>>) {
      const res = await t.gql(me, {}, { key: null, headers });
      expect(res.status).toBe(401);
      expect(expectError(res, 'UNAUTHENTICATED').message).toMatch(/API key/);
    }
  });

  it('creates a key whose secret is shown once and stored only as its sha256', async () => {
    const created = (await t.data(createApiKey, { name: 'dashboard', role: 'VIEWER' })).createApiKey;
    expect(created.apiKey).toMatchObject({ name: 'dashboard', role: 'VIEWER', createdBy: 'test-admin', revokedAt: null });
    expect(created.secret).toMatch(/^fgk_[A-Za-z0-9_-]{43}$/);
    const seen = (await t.data(me, {}, { key: created.secret })).me;
    expect(seen).toEqual({ keyId: created.apiKey.id, name: 'dashboard', role: 'VIEWER' });

    const [row] = await t.sql<{ secret_hash: string }>('SELECT * FROM api_key WHERE id = $1', [created.apiKey.id]);
    expect(row.secret_hash).toBe(createHash('sha256').update(created.secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    const listed = (await t.data(apiKeys)).apiKeys;
    expect(listed).toEqual(expect.arrayContaining([{ id: created.apiKey.id, name: 'dashboard', role: 'VIEWER' }]));
    expect(JSON.stringify(listed)).not.toContain('fgk_');
  });

  it('fails a revoked key at once; a second revoke is CONFLICT', async () => {
    const created = (await t.data(createApiKey, { name: 'temp', role: 'REVOPS' })).createApiKey;
    expect((await t.gql(me, {}, { key: created.secret })).status).toBe(200);
    const revoked = (await t.data(revokeApiKey, { id: created.apiKey.id })).revokeApiKey;
    expect(revoked.revokedAt).not.toBeNull();
    const res = await t.gql(me, {}, { key: created.secret });
    expect(res.status).toBe(401);
    expectError(res, 'UNAUTHENTICATED');
    expectError(await t.gql(revokeApiKey, { id: created.apiKey.id }), 'CONFLICT');
    expectError(await t.gql(revokeApiKey, { id: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    const events = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY sequence`, [
      created.apiKey.id,
    ]);
    expect(events.map((e) => e.action)).toEqual(['apiKey.created', 'apiKey.revoked']);
  });

  it('refuses key management to every role but ADMIN', async () => {
    for (const role of ['VIEWER', 'REVOPS', 'SALES_MANAGER', 'AUDITOR'] as const) {
      const res = await t.gql(createApiKey, { name: 'sneaky', role: 'ADMIN' }, { key: await t.keyFor(role) });
      expect(res.status).toBe(403);
      expect(expectError(res, 'FORBIDDEN').message).toContain('Mutation.createApiKey');
    }
    expect(await t.sql(`SELECT 1 FROM api_key WHERE name = 'sneaky'`)).toHaveLength(0);
  });
});

describe('admin key bootstrap', () => {
  it('makes FITGRAPH_ADMIN_KEY a live ADMIN key, once, and again after a revoke', async () => {
    const secret = 'a-very-long-admin-secret-for-tests';
    const cfg = readConfig({ FITGRAPH_ADMIN_KEY: secret });
    expect(await bootstrapAdminKey(t.services, t.system, cfg, false)).toEqual({ secret, source: 'FITGRAPH_ADMIN_KEY' });
    await bootstrapAdminKey(t.services, t.system, cfg, false);
    const rows = await t.sql<{ id: string }>('SELECT id FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL', [
      createHash('sha256').update(secret).digest('hex'),
    ]);
    expect(rows).toHaveLength(1);
    expect((await t.data(me, {}, { key: secret })).me.role).toBe('ADMIN');
    await t.services.apiKeys.revoke(t.system, rows[0].id);
    await bootstrapAdminKey(t.services, t.system, cfg, false);
    expect((await t.data(me, {}, { key: secret })).me.role).toBe('ADMIN');
  });

  it("keeps the embedded database's admin key in the data folder and reuses it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-key-'));
    try {
      const cfg = readConfig({ FITGRAPH_DATA_DIR: dir });
      const first = await bootstrapAdminKey(t.services, t.system, cfg, true);
      expect(fs.readFileSync(path.join(dir, 'admin-key'), 'utf8').trim()).toBe(first.secret);
      const second = await bootstrapAdminKey(t.services, t.system, cfg, true);
      expect(second.secret).toBe(first.secret);
      expect((await t.data(me, {}, { key: first.secret })).me).toMatchObject({ name: 'local-admin', role: 'ADMIN' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates a bootstrap admin on an external database only when no ADMIN key is live', async () => {
    expect(await bootstrapAdminKey(t.services, t.system, readConfig({}), false)).toEqual({ secret: null, source: 'existing' });
    const fresh = await startTestApp();
    try {
      for (const { id } of await fresh.sql(`SELECT id FROM api_key WHERE role = 'ADMIN'`))
        await fresh.services.apiKeys.revoke(fresh.system, id);
      const created = await bootstrapAdminKey(fresh.services, fresh.system, readConfig({}), false);
      expect(created.source).toBe('new');
      expect((await fresh.data(me, {}, { key: created.secret })).me).toMatchObject({ name: 'bootstrap-admin', role: 'ADMIN' });
      expect((await bootstrapAdminKey(fresh.services, fresh.system, readConfig({}), false)).source).toBe('existing');
    } finally {
      await fresh.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { withDatabase } from '../../src/db/database';
import { createFitgraph } from '../../src/app/fitgraph';
import { readConfig } from '../../src/config';
import { keyNameIdentity } from '../../src/domain/auth/key-name';
import { runInTransaction } from '../../src/use-cases/transaction';

/** Migrations apply to an empty database, revert completely, and apply again. */
describe('migrations', () => {
  const name = `fitgraph_m_${randomBytes(5).toString('hex')}`;
  const server = process.env.FITGRAPH_TEST_SERVER_URL!;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: server });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('go up, all the way down, and up again', async () => {
    const ds = createDataSource(withDatabase(server, name), { poolSize: 1, config: readConfig() });
    await ds.initialize();
    const tables = async () =>
      (
        await ds.query<Array<{ table_name: string }>>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`,
        )
      ).map((r) => r.table_name);
    try {
      const applied = await ds.runMigrations();
      expect(applied.length).toBe(ds.migrations.length);
      expect(await ds.showMigrations()).toBe(false);
      expect(await tables()).toEqual(expect.arrayContaining(['api_key', 'attribute_definition', 'audit_event', 'icp_version', 'segment']));
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
      expect(await tables()).toEqual([]);
      expect(await ds.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'audit_event%' OR proname LIKE 'icp_version%'`)).toEqual([]);
      const app = await createFitgraph(readConfig(), { dataSource: ds }).createApp();
      const { server, url: graphql } = await app.listen(0);
      const readyz = graphql.replace('/graphql', '/readyz');
      try {
        const pending = await fetch(readyz);
        expect(pending.status).toBe(503);
        expect(await pending.json()).toEqual({ status: 'migrations pending' });
        await ds.runMigrations();
        expect((await fetch(readyz)).status).toBe(200);
      } finally {
        server.closeAllConnections();
        server.close();
        await app.stop();
      }
      expect((await ds.query('SELECT count(*)::int AS n FROM attribute_definition'))[0].n).toBeGreaterThanOrEqual(19);
    } finally {
      await ds.destroy();
    }
  });
});

/**
 * The migration that added actorKeyId and clientRequestId to audit rows, on a database that
 * already has rows: their canonical text and hashes do not change, so the chain still verifies,
 * and new rows chain on with the new fields covered.
 */
describe('the audit actors migration on a database with history', () => {
  const name = `fitgraph_m_${randomBytes(5).toString('hex')}`;
  const server = process.env.FITGRAPH_TEST_SERVER_URL!;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: server });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('keeps every old hash, and the chain verifies before and after new rows', async () => {
    const ds = createDataSource(withDatabase(server, name), { poolSize: 2, config: readConfig() });
    await ds.initialize();
    try {
      await ds.runMigrations();
      // Back to the schema before AuditActors (later migrations are undone first).
      const at = ds.migrations.findIndex((m) => m.name === 'AuditActors1764700000000');
      expect(at).toBeGreaterThanOrEqual(0);
      for (let i = ds.migrations.length - 1; i >= at; i--) await ds.undoLastMigration();
      // History as the previous schema wrote it.
      const [k1] = await ds.query(
        `INSERT INTO api_key (name, role, secret_hash, created_by) VALUES ('Admin', 'ADMIN', 'h1', 'system') RETURNING id`,
      );
      await ds.query(`INSERT INTO api_key (name, role, secret_hash, created_by) VALUES ('admin', 'VIEWER', 'h2', 'system')`);
      await ds.query(
        `INSERT INTO audit_event (actor, action, entity_type, entity_id, before, after, justification, request_id) VALUES
        ('system', 'apiKey.created', 'ApiKey', $1, NULL, '{"name":"Admin"}', NULL, 'system-1'),
        ('Admin', 'segment.created', 'Segment', 's1', NULL, '{"key":"core","n":1.50}', 'why', 'req-1'),
        ('admin', 'segment.created', 'Segment', 's2', '{"x":[1,2]}', NULL, NULL, NULL)`,
        [k1.id],
      );
      const [segment] = await ds.query(`INSERT INTO segment (key, name, created_by) VALUES ('core', 'Core', 'Admin') RETURNING id`);
      const [version] = await ds.query(
        `INSERT INTO icp_version (segment_id, number, status, definition, content_hash, created_by) VALUES ($1, 1, 'DRAFT', '{}', 'x', 'Admin') RETURNING id`,
        [segment.id],
      );
      const [account] = await ds.query(
        `INSERT INTO account (id, external_id, name, created_at, updated_at) VALUES (gen_random_uuid(), 'a', 'A', now(), now()) RETURNING id`,
      );
      for (const [keyColumn, tier] of [
        ['system', 'STRONG'],
        [k1.id, 'PERFECT'],
      ]) {
        await ds.query(
          `INSERT INTO fit_override (id, account_id, segment_id, version_id, computed_score, computed_tier, tier, justification, category, created_by, created_by_key_id, created_at, revoked_by, revoked_at, revoke_reason)
          VALUES (gen_random_uuid(), $1, $2, $3, 10, 'WEAK', $4, 'Because the partner referral names a budget owner.', 'OTHER', 'maria', $5, now(), 'x', now(), 'closed')`,
          [account.id, segment.id, version.id, tier, keyColumn],
        );
      }
      const before = await ds.query('SELECT sequence, hash, audit_event_canonical(a) AS canonical FROM audit_event a ORDER BY sequence');

      await ds.runMigrations();
      const fitgraph = createFitgraph(readConfig(), { dataSource: ds });
      const ctx = fitgraph.system();
      const { audit } = fitgraph.services;
      expect(await ds.query('SELECT sequence, hash, audit_event_canonical(a) AS canonical FROM audit_event a ORDER BY sequence')).toEqual(
        before,
      );
      expect(await audit.integrity(ctx)).toEqual({ ok: true, checkedEvents: 3, firstBrokenSequence: null });
      // 'system' was a word, not a key: now null; a key's id is a reference.
      expect(
        (
          await ds.query<Array<{ tier: string; created_by_key_id: string | null }>>(
            'SELECT tier, created_by_key_id FROM fit_override ORDER BY tier',
          )
        ).map((r) => [r.tier, r.created_by_key_id]),
      ).toEqual([
        ['PERFECT', k1.id],
        ['STRONG', null],
      ]);
      // Names that already collided keep working, set apart by id; no new key can collide.
      const identities = (
        await ds.query<Array<{ name_identity: string }>>('SELECT name_identity FROM api_key ORDER BY created_at, id')
      ).map((r) => r.name_identity);
      expect(identities).toEqual([
        keyNameIdentity('admin'),
        expect.stringMatching(new RegExp(`^${keyNameIdentity('admin')}#[0-9a-f-]{36}$`)),
      ]);

      const keyed = { ...ctx, principal: { keyId: k1.id, name: 'Admin', role: 'ADMIN' as const }, clientRequestId: '-A1' };
      await runInTransaction(keyed, (tx) => audit.record(tx, { action: 'segment.created', entityType: 'Segment', entityId: 's3' }));
      await runInTransaction(ctx, (tx) => audit.record(tx, { action: 'override.expired', entityType: 'Override', entityId: 'o1' }));
      expect(await audit.integrity(ctx)).toEqual({ ok: true, checkedEvents: 5, firstBrokenSequence: null });
      const [newest, keyedRow] = await ds.query(
        'SELECT audit_event_canonical(a) AS canonical FROM audit_event a ORDER BY sequence DESC LIMIT 2',
      );
      expect(JSON.parse(keyedRow.canonical)).toMatchObject({ actorKeyId: k1.id, clientRequestId: '-A1' });
      expect(JSON.parse(newest.canonical)).not.toHaveProperty('actorKeyId');
      // The new fields are covered by the hash: editing one breaks the chain there.
      await ds.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      await ds.query(`UPDATE audit_event SET client_request_id = 'forged' WHERE sequence = 4`);
      await ds.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      expect(await audit.integrity(ctx)).toMatchObject({ ok: false, firstBrokenSequence: 4 });
    } finally {
      await ds.destroy();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { withDatabase } from '../../src/db/database';
import { createApp } from '../../src/server/app';

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
    const ds = createDataSource(withDatabase(server, name), { poolSize: 1 });
    await ds.initialize();
    const tables = async () => (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`)).map((r: any) => r.table_name);
    try {
      const applied = await ds.runMigrations();
      expect(applied.length).toBe(ds.migrations.length);
      expect(await ds.showMigrations()).toBe(false);
      expect(await tables()).toEqual(expect.arrayContaining(['api_key', 'attribute_definition', 'audit_event', 'icp_version', 'segment']));
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
      expect(await tables()).toEqual([]);
      expect(await ds.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'audit_event%' OR proname LIKE 'icp_version%'`)).toEqual([]);
      const app = await createApp({ dataSource: ds });
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

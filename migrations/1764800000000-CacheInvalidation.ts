import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['api_key', 'segment', 'icp_version', 'attribute_definition'];

/**
 * Every process keeps caches of these tables; a change to any of them is announced on the
 * `fitgraph_cache` channel with the table's name. The NOTIFY is sent by the writing transaction,
 * so it reaches listeners exactly when (and only if) the change commits, whatever wrote it.
 */
export class CacheInvalidation1764800000000 implements MigrationInterface {
  name = 'CacheInvalidation1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_cache_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('fitgraph_cache', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await q.query(`CREATE TRIGGER ${table}_cache_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION notify_cache_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP TRIGGER ${table}_cache_change ON ${table}`);
    await q.query('DROP FUNCTION notify_cache_change()');
  }
}

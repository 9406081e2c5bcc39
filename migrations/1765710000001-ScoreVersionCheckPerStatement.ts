import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * account_score.version_id is checked once per statement instead of once per row. The foreign
 * key ran a lookup and a lock of the version row for every score row inserted: 153-165 ms of
 * 434-678 ms for 10,000 rows (EXPLAIN ANALYZE), a third of the insert, paid by every publish and
 * by time-driven rescoring for each row they write. The trigger below does what the key did for
 * inserts, per distinct version: it locks the versions named FOR KEY SHARE (as the key's check
 * did, so a transaction holding a version FOR UPDATE still waits for, or is waited for by, the
 * writers of its scores) and refuses a version that does not exist (foreign_key_violation).
 * The key's other duties need nothing: versions are never deleted nor their ids changed
 * (icp_version_guard), and a score row's version_id never changes (account_score_guard).
 */
export class ScoreVersionCheckPerStatement1765710000001 implements MigrationInterface {
  name = 'ScoreVersionCheckPerStatement1765710000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION account_score_version_exists() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        named int;
        found int;
      BEGIN
        SELECT count(DISTINCT version_id) INTO named FROM added;
        SELECT count(*) INTO found FROM (
          SELECT 1 FROM icp_version v WHERE v.id IN (SELECT version_id FROM added) FOR KEY SHARE OF v) locked;
        IF found < named THEN
          RAISE EXCEPTION 'a score row names a version that does not exist' USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER account_score_version_exists AFTER INSERT ON account_score
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION account_score_version_exists();
      ALTER TABLE account_score DROP CONSTRAINT account_score_version_fk;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE account_score ADD CONSTRAINT account_score_version_fk FOREIGN KEY (version_id) REFERENCES icp_version (id);
      DROP TRIGGER account_score_version_exists ON account_score;
      DROP FUNCTION account_score_version_exists();
    `);
  }
}

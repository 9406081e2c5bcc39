import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scores that change with time alone: a current score row keeps the next instant at which the
 * passing of time changes its result (next_change_at), and background work rescores the rows
 * whose instant has passed. The guard lets a current row be rescheduled (its next_change_at
 * moved, when new attributes give the same result with another window) besides being closed;
 * history stays append-only.
 */
export class ScoreNextChange1764900000000 implements MigrationInterface {
  name = 'ScoreNextChange1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE account_score ADD COLUMN next_change_at timestamptz;
      -- Due rows of one (live) version, soonest first. Per version, so that the rows of superseded
      -- versions, which are never rescored, are never walked over.
      CREATE INDEX account_score_due_idx ON account_score (version_id, next_change_at)
        WHERE valid_to IS NULL AND next_change_at IS NOT NULL;

      CREATE OR REPLACE FUNCTION account_score_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        probe account_score;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'account_score rows are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        probe := NEW;
        probe.valid_to := OLD.valid_to;
        probe.next_change_at := OLD.next_change_at;
        IF OLD.valid_to IS NULL AND probe IS NOT DISTINCT FROM OLD THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a score row can only be closed once (valid_to) or, while current, rescheduled (next_change_at)' USING ERRCODE = 'restrict_violation';
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION account_score_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        probe account_score;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'account_score rows are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        probe := NEW;
        probe.valid_to := OLD.valid_to;
        IF OLD.valid_to IS NULL AND probe IS NOT DISTINCT FROM OLD THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'a score row can only be closed once (valid_to)' USING ERRCODE = 'restrict_violation';
      END $$;
      DROP INDEX account_score_due_idx;
      ALTER TABLE account_score DROP COLUMN next_change_at;
    `);
  }
}

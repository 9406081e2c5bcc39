import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A publish prepares the draft's scores straight into account_score, under the draft's
 * version_id (readers only read published versions' rows), so that its flip copies nothing.
 * While their version is a draft, such rows are scaffolding: rewritten in place (an upsert during
 * the preparation scores its account again), deleted (an account that left the segment, a
 * cancelled or failed publish). Once the version is published they are history like any other
 * row: closed once, rescheduled while current, never deleted. A prepared row not backfilled is
 * valid from '-infinity': from the version's effectiveAt, which readers take instead (the flip
 * instant is not known while preparing). The staging table is no longer needed.
 */
export class PreparedScores1765500000000 implements MigrationInterface {
  name = 'PreparedScores1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION account_score_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        probe account_score;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          probe := NEW;
          probe.valid_to := OLD.valid_to;
          probe.next_change_at := OLD.next_change_at;
          IF OLD.valid_to IS NULL AND probe IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
          END IF;
        END IF;
        -- Rows of a draft (a publish preparing it) are not history yet; they stay in their version.
        IF (TG_OP = 'DELETE' OR NEW.version_id = OLD.version_id)
           AND EXISTS (SELECT 1 FROM icp_version v WHERE v.id = OLD.version_id AND v.status = 'DRAFT') THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'account_score rows are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        RAISE EXCEPTION 'a score row can only be closed once (valid_to) or, while current, rescheduled (next_change_at)' USING ERRCODE = 'restrict_violation';
      END $$;
      DROP TABLE publish_staged_score;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publish_staged_score (
        job_id uuid NOT NULL,
        account_id uuid NOT NULL,
        account_xmin text NOT NULL,
        score numeric(5, 2) NOT NULL,
        tier text NOT NULL,
        outcomes text NOT NULL,
        computed_at timestamptz NOT NULL,
        next_change_at timestamptz,
        CONSTRAINT publish_staged_score_pk PRIMARY KEY (job_id, account_id)
      );
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
}

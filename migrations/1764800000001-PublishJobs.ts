import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publishing as a job: the draft's scores are prepared in batches (committed one by one, shared
 * by workers) into a staging table while the previous version stays live; one short transaction
 * then copies them into account_score and flips the versions.
 */
export class PublishJobs1764800000001 implements MigrationInterface {
  name = 'PublishJobs1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publish_job (
        id uuid PRIMARY KEY,
        segment_id uuid NOT NULL CONSTRAINT publish_job_segment_fk REFERENCES segment (id),
        version_id uuid NOT NULL CONSTRAINT publish_job_version_fk REFERENCES icp_version (id),
        state text NOT NULL CONSTRAINT publish_job_state_valid
          CHECK (state IN ('QUEUED', 'PREPARING', 'FLIPPING', 'DONE', 'FAILED', 'CANCELLED')),
        notes text,
        -- false: the publish keeps the draft's own notes (publishVersion without notes).
        notes_given boolean NOT NULL,
        effective_at timestamptz,
        requested_by text NOT NULL,
        requested_by_key_id text,
        requested_by_role text NOT NULL,
        requested_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        accounts_total integer,
        accounts_scored integer NOT NULL DEFAULT 0,
        result jsonb,
        error text
      );
      -- At most one unfinished publish per segment: a second one is refused (CONFLICT).
      CREATE UNIQUE INDEX publish_job_one_unfinished_uq ON publish_job (segment_id) WHERE state IN ('QUEUED', 'PREPARING', 'FLIPPING');
      CREATE INDEX publish_job_requested_idx ON publish_job (requested_at DESC, id DESC);
      CREATE INDEX publish_job_segment_idx ON publish_job (segment_id, requested_at DESC);

      -- Ranges of member ids, [first_id, next batch's first_id); claimed with FOR UPDATE SKIP LOCKED.
      CREATE TABLE publish_batch (
        job_id uuid NOT NULL CONSTRAINT publish_batch_job_fk REFERENCES publish_job (id),
        seq integer NOT NULL,
        first_id uuid NOT NULL,
        next_id uuid,
        -- Who scored it (host:pid), and how many members; null while to do.
        done_by text,
        scored integer,
        CONSTRAINT publish_batch_pk PRIMARY KEY (job_id, seq)
      );

      -- Scores under the draft, invisible to every reader; account_xmin tells which accounts
      -- were written after they were scored (they are scored again in the flip).
      CREATE TABLE publish_staged_score (
        job_id uuid NOT NULL,
        account_id uuid NOT NULL,
        account_xmin text NOT NULL,
        score numeric(5, 2) NOT NULL,
        tier text NOT NULL,
        outcomes text NOT NULL,
        computed_at timestamptz NOT NULL,
        -- Added by ScoreNextChange's era of the engine: when time alone changes this result.
        next_change_at timestamptz,
        CONSTRAINT publish_staged_score_pk PRIMARY KEY (job_id, account_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE publish_staged_score; DROP TABLE publish_batch; DROP TABLE publish_job;');
  }
}

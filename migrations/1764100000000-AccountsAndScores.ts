import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and their scores. A score row is one result of one account under one version,
 * valid from a moment until the next different result (valid_to); the current rows of the
 * live version are what front-ends read. `outcomes` rebuilds the explanation exactly.
 */
export class AccountsAndScores1764100000000 implements MigrationInterface {
  name = 'AccountsAndScores1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE account (
        id uuid PRIMARY KEY,
        external_id text NOT NULL CONSTRAINT account_external_id_not_blank CHECK (btrim(external_id) <> ''),
        name text NOT NULL CONSTRAINT account_name_not_blank CHECK (btrim(name) <> ''),
        domain text,
        attributes jsonb NOT NULL DEFAULT '{}' CONSTRAINT account_attributes_object CHECK (jsonb_typeof(attributes) = 'object'),
        explicit_segments text[] NOT NULL DEFAULT '{}',
        -- Segments the account belongs to (membership rules or explicit), kept by the service.
        segment_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT account_external_id_uq UNIQUE (external_id)
      );
      CREATE INDEX account_segment_ids_idx ON account USING gin (segment_ids);
      CREATE INDEX account_name_trgm_idx ON account USING gin (lower(name) gin_trgm_ops);
      CREATE INDEX account_domain_idx ON account (lower(domain));

      -- Derived rows, written only by upserts and publishes for accounts they just read (accounts are
      -- never deleted). No foreign keys to account and segment: their per-row checks would lock a
      -- million account rows on every publish. version_id keeps its key and implies the segment.
      CREATE TABLE account_score (
        account_id uuid NOT NULL,
        segment_id uuid NOT NULL,
        version_id uuid NOT NULL CONSTRAINT account_score_version_fk REFERENCES icp_version (id),
        score numeric(5, 2) NOT NULL CONSTRAINT account_score_range CHECK (score >= 0 AND score <= 100),
        tier text NOT NULL CONSTRAINT account_score_tier_valid
          CHECK (tier IN ('PERFECT', 'STRONG', 'MODERATE', 'WEAK', 'DISQUALIFIED')),
        outcomes text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        computed_at timestamptz NOT NULL,
        CONSTRAINT account_score_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      );
      -- One current result per account and version.
      CREATE UNIQUE INDEX account_score_current_uq ON account_score (version_id, account_id) WHERE valid_to IS NULL;
      -- The ranked list of a version: score, highest first, then account id.
      CREATE INDEX account_score_rank_idx ON account_score (version_id, score DESC, account_id) WHERE valid_to IS NULL;
      -- An account's history in a segment, newest first ("what tier on date D").
      CREATE INDEX account_score_history_idx ON account_score (account_id, segment_id, valid_from DESC);

      -- History is only ever closed, never rewritten.
      CREATE FUNCTION account_score_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE TRIGGER account_score_guard BEFORE UPDATE OR DELETE ON account_score
        FOR EACH ROW EXECUTE FUNCTION account_score_guard();
      CREATE TRIGGER account_score_no_truncate BEFORE TRUNCATE ON account_score
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE account_score;
      DROP FUNCTION account_score_guard();
      DROP TABLE account;
    `);
  }
}

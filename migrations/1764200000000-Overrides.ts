import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manual overrides of an account's fit. Never edited or deleted: only their status fields
 * move (revoked, expiry recorded, flagged for review), and a trigger enforces it.
 */
export class Overrides1764200000000 implements MigrationInterface {
  name = 'Overrides1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fit_override (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT fit_override_account_fk REFERENCES account (id),
        segment_id uuid NOT NULL CONSTRAINT fit_override_segment_fk REFERENCES segment (id),
        version_id uuid NOT NULL CONSTRAINT fit_override_version_fk REFERENCES icp_version (id),
        computed_score numeric(5, 2) NOT NULL,
        computed_tier text NOT NULL,
        tier text NOT NULL CONSTRAINT fit_override_tier_valid
          CHECK (tier IN ('PERFECT', 'STRONG', 'MODERATE', 'WEAK', 'DISQUALIFIED')),
        score numeric(5, 2) CONSTRAINT fit_override_score_range CHECK (score >= 0 AND score <= 100),
        justification text NOT NULL CONSTRAINT fit_override_justification_length CHECK (char_length(btrim(justification)) >= 30),
        category text NOT NULL CONSTRAINT fit_override_category_valid
          CHECK (category IN ('STRATEGIC_ACCOUNT', 'DATA_QUALITY', 'PARTNER_REFERRAL', 'EXISTING_RELATIONSHIP', 'OTHER')),
        created_by text NOT NULL CONSTRAINT fit_override_actor_not_blank CHECK (btrim(created_by) <> ''),
        created_by_key_id text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_by text,
        revoked_at timestamptz,
        revoke_reason text,
        -- When the expiry was written to the audit trail; the override stopped applying at expires_at already.
        expiry_recorded_at timestamptz,
        needs_review boolean NOT NULL DEFAULT false,
        review_version_id uuid CONSTRAINT fit_override_review_version_fk REFERENCES icp_version (id),
        flagged_at timestamptz,
        CONSTRAINT fit_override_expiry_after_creation CHECK (expires_at IS NULL OR expires_at > created_at),
        CONSTRAINT fit_override_tier_changes CHECK (tier <> computed_tier),
        CONSTRAINT fit_override_revocation_complete CHECK (
          (revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL)),
        CONSTRAINT fit_override_review_complete CHECK (needs_review = (flagged_at IS NOT NULL))
      );
      -- One open override per account and segment: a concurrent second one fails here.
      CREATE UNIQUE INDEX fit_override_open_uq ON fit_override (account_id, segment_id)
        WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL;
      CREATE INDEX fit_override_segment_idx ON fit_override (segment_id, created_at DESC);
      CREATE INDEX fit_override_created_idx ON fit_override (created_at DESC, id DESC);
      CREATE INDEX fit_override_expiry_idx ON fit_override (expires_at)
        WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL AND expires_at IS NOT NULL;

      -- Each group of status fields moves once, from empty to complete, and a closed override
      -- (revoked, or its expiry recorded) never moves again.
      CREATE FUNCTION fit_override_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        probe fit_override;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'overrides are never deleted (override %)', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        probe := NEW;
        probe.revoked_by := OLD.revoked_by;
        probe.revoked_at := OLD.revoked_at;
        probe.revoke_reason := OLD.revoke_reason;
        probe.expiry_recorded_at := OLD.expiry_recorded_at;
        probe.needs_review := OLD.needs_review;
        probe.review_version_id := OLD.review_version_id;
        probe.flagged_at := OLD.flagged_at;
        IF probe IS DISTINCT FROM OLD
           OR OLD.revoked_at IS NOT NULL OR OLD.expiry_recorded_at IS NOT NULL
           OR (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at AND NEW.expiry_recorded_at IS DISTINCT FROM OLD.expiry_recorded_at)
           OR (NEW.expiry_recorded_at IS NOT NULL AND (OLD.expires_at IS NULL OR OLD.expires_at > NEW.expiry_recorded_at))
           OR (NEW.revoked_at IS NOT NULL AND OLD.expires_at IS NOT NULL AND OLD.expires_at <= NEW.revoked_at)
           OR (OLD.needs_review AND (NEW.needs_review IS DISTINCT FROM OLD.needs_review
                OR NEW.review_version_id IS DISTINCT FROM OLD.review_version_id OR NEW.flagged_at IS DISTINCT FROM OLD.flagged_at)) THEN
          RAISE EXCEPTION 'override % can only change its status fields, once each, while open', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fit_override_guard BEFORE UPDATE OR DELETE ON fit_override
        FOR EACH ROW EXECUTE FUNCTION fit_override_guard();
      CREATE TRIGGER fit_override_no_truncate BEFORE TRUNCATE ON fit_override
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE fit_override;
      DROP FUNCTION fit_override_guard();
    `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key that revoked an override, beside its name in revoked_by (as created_by_key_id is beside
 * created_by). It moves with the other revocation fields, once, so the guard lets it through with them.
 */
export class OverrideRevokerKey1764700000001 implements MigrationInterface {
  name = 'OverrideRevokerKey1764700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE fit_override
        ADD COLUMN revoked_by_key_id uuid CONSTRAINT fit_override_revoked_by_key_fk REFERENCES api_key (id),
        ADD CONSTRAINT fit_override_revoker_key_only_when_revoked CHECK (revoked_by_key_id IS NULL OR revoked_at IS NOT NULL);
      CREATE OR REPLACE FUNCTION fit_override_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        probe fit_override;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'overrides are never deleted (override %)', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        probe := NEW;
        probe.revoked_by := OLD.revoked_by;
        probe.revoked_by_key_id := OLD.revoked_by_key_id;
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
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION fit_override_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
      ALTER TABLE fit_override DROP CONSTRAINT fit_override_revoker_key_only_when_revoked, DROP COLUMN revoked_by_key_id;
    `);
  }
}

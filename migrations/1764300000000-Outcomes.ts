import { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads and opportunities imported from the CRM, attributed to tiers by the reports. */
export class Outcomes1764300000000 implements MigrationInterface {
  name = 'Outcomes1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lead (
        id uuid PRIMARY KEY,
        external_id text NOT NULL CONSTRAINT lead_external_id_uq UNIQUE,
        account_id uuid NOT NULL CONSTRAINT lead_account_fk REFERENCES account (id),
        created_at timestamptz NOT NULL,
        converted_at timestamptz,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT lead_conversion_after_creation CHECK (converted_at IS NULL OR converted_at >= created_at)
      );
      CREATE INDEX lead_created_idx ON lead (created_at);
      CREATE INDEX lead_account_idx ON lead (account_id, created_at);

      CREATE TABLE opportunity (
        id uuid PRIMARY KEY,
        external_id text NOT NULL CONSTRAINT opportunity_external_id_uq UNIQUE,
        account_id uuid NOT NULL CONSTRAINT opportunity_account_fk REFERENCES account (id),
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        outcome text NOT NULL CONSTRAINT opportunity_outcome_valid CHECK (outcome IN ('OPEN', 'WON', 'LOST')),
        amount numeric(16, 2) CONSTRAINT opportunity_amount_not_negative CHECK (amount >= 0),
        recorded_at timestamptz NOT NULL,
        CONSTRAINT opportunity_closed_after_creation CHECK (closed_at IS NULL OR closed_at >= created_at),
        CONSTRAINT opportunity_closed_iff_outcome CHECK ((outcome = 'OPEN') = (closed_at IS NULL))
      );
      CREATE INDEX opportunity_created_idx ON opportunity (created_at);
      CREATE INDEX opportunity_account_idx ON opportunity (account_id, created_at);
      -- Attribution looks up the override in force when a lead or opportunity was created.
      CREATE INDEX fit_override_history_idx ON fit_override (account_id, segment_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX fit_override_history_idx;
      DROP TABLE opportunity;
      DROP TABLE lead;
    `);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts written before membership_changes_at existed (1765400000000) have it null whether or
 * not a WITHIN_DAYS membership rule will change them, so time never re-evaluated them. Rows
 * present now are marked unchecked; rows written from now on are checked (an upsert computes the
 * instant). The time job checks the unchecked ones once, in batches (the partial index finds
 * them and is empty once they are all done). An upsert of an unchecked account leaves it
 * unchecked: checking it again is harmless.
 */
export class MembershipChecked1765910000000 implements MigrationInterface {
  name = 'MembershipChecked1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE account ADD COLUMN membership_checked boolean NOT NULL DEFAULT false;
      ALTER TABLE account ALTER COLUMN membership_checked SET DEFAULT true;
      CREATE INDEX account_membership_unchecked_idx ON account (id) WHERE NOT membership_checked;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX account_membership_unchecked_idx;
      ALTER TABLE account DROP COLUMN membership_checked;
    `);
  }
}

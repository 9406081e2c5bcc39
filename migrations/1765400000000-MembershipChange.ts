import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Memberships that change with time alone: a segment's rule may test a date WITHIN_DAYS, so an
 * account joins or leaves the segment when a window ends (or a future date enters it). The
 * account keeps the next instant at which that may happen, and background work evaluates its
 * membership again then (as score rows keep next_change_at).
 */
export class MembershipChange1765400000000 implements MigrationInterface {
  name = 'MembershipChange1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE account ADD COLUMN membership_changes_at timestamptz;
      CREATE INDEX account_membership_due_idx ON account (membership_changes_at) WHERE membership_changes_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX account_membership_due_idx;
      ALTER TABLE account DROP COLUMN membership_changes_at;
    `);
  }
}

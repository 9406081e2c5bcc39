import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account_score guard runs its PL/pgSQL only for updates it may refuse. Closing a current row
 * (valid_to) and moving a current row's next_change_at are the updates time-driven rescoring
 * makes to every due row (a whole segment at once when windows end together), and a PL/pgSQL
 * call per row cost about as much as a tenth of the close; a WHEN clause tells them apart in the
 * executor. Every other update (a draft's rewrite, or anything to refuse) and every delete still
 * goes to the function, unchanged. The WHEN clause names the columns that must not change: a new
 * column of account_score must be added to it (test/e2e/immutability.e2e.test.ts checks the list).
 * A delete trigger cannot read NEW, so deletes get a trigger of their own.
 */
export class ScoreGuardWhen1765710000000 implements MigrationInterface {
  name = 'ScoreGuardWhen1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER account_score_guard ON account_score;
      CREATE TRIGGER account_score_guard BEFORE UPDATE ON account_score FOR EACH ROW
        WHEN (OLD.valid_to IS NOT NULL
              OR (NEW.account_id, NEW.segment_id, NEW.version_id, NEW.score, NEW.tier, NEW.outcomes, NEW.valid_from, NEW.computed_at)
                 IS DISTINCT FROM
                 (OLD.account_id, OLD.segment_id, OLD.version_id, OLD.score, OLD.tier, OLD.outcomes, OLD.valid_from, OLD.computed_at))
        EXECUTE FUNCTION account_score_guard();
      CREATE TRIGGER account_score_guard_delete BEFORE DELETE ON account_score FOR EACH ROW EXECUTE FUNCTION account_score_guard();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER account_score_guard_delete ON account_score;
      DROP TRIGGER account_score_guard ON account_score;
      CREATE TRIGGER account_score_guard BEFORE UPDATE OR DELETE ON account_score
        FOR EACH ROW EXECUTE FUNCTION account_score_guard();
    `);
  }
}

import type { Sql } from './sql';

/**
 * Plans `declare` (a statement over a whole segment) so that its cost cannot grow with the
 * square of the segment, whatever the statistics say. A cursor is planned for its first tenth
 * by default (cursor_tuple_fraction), which favours a nested loop; with the estimates of a
 * table analysed before a bulk load (a few rows where there are 200,000) that nested loop
 * rescans all of account_score for every account: 4.5 minutes instead of 5 s for 200,000. We
 * read every row, so the plan is made for all of them, and without nested loops: a hash or
 * merge join is linear whatever the estimates. Statistics are also refreshed before the
 * publish (db/statistics.ts); this holds even when they are not. JIT is off as well: a nested
 * loop the plan cannot avoid (a scalar subquery's index probe) is costed at the penalty that
 * disables it, which sends the statement through JIT compilation with inlining and optimisation,
 * seconds of compiling for a statement that runs in a fraction of that. Only this statement is
 * planned so: the settings go back to the session's for the rest of the transaction.
 */
export async function planAsBulk<T>(db: Sql, declare: () => Promise<T>): Promise<T> {
  const [before] = await db.query(
    `SELECT current_setting('enable_nestloop') AS nestloop, current_setting('cursor_tuple_fraction') AS fraction,
            current_setting('jit') AS jit,
            set_config('enable_nestloop', 'off', true), set_config('cursor_tuple_fraction', '1', true), set_config('jit', 'off', true)`,
  );
  const result = await declare();
  await db.query(
    `SELECT set_config('enable_nestloop', $1, true), set_config('cursor_tuple_fraction', $2, true), set_config('jit', $3, true)`,
    [before.nestloop, before.fraction, before.jit],
  );
  return result;
}

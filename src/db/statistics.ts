/**
 * Planner statistics kept fresh by the code. Autovacuum lags a bulk load by a minute or more
 * (and is off on some servers); a plan made with the statistics of a table a hundredth of its
 * size can grow with the square of the rows (a publish right after an import ran for minutes
 * instead of seconds). So every bulk path, before it plans its statements, ANALYZEs the tables
 * it reads when a tenth of their rows changed since the last ANALYZE (autovacuum's rule of
 * thumb), and the rescoring cursor is in addition planned so that it cannot go quadratic even
 * with wrong estimates (db/bulk-plan.ts). The check costs one catalog read; the ANALYZE
 * samples at most 30,000 rows per table (well under a second on a million).
 */
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logger';

/** Changed rows since the last ANALYZE that make a table's statistics stale: the larger of both. */
const STALE_FRACTION = 0.1;
const STALE_MIN_ROWS = 500;

export type AnalysedTable = 'account' | 'account_score' | 'fit_override' | 'lead' | 'opportunity';

/**
 * For a path whose statements all find their rows by a unique key (upserts): only the table's
 * size matters there, so its statistics are stale once as many rows changed as it had when
 * last analysed (it at most doubled), and the planner never takes a large table for a small
 * one. An import from nothing then ANALYZEs about log2(rows / 500) times rather than at every
 * tenth of growth. Readers that plan joins and aggregates refresh with the default first.
 */
export const SIZE_ONLY = 1;

/**
 * ANALYZEs the tables among `tables` whose statistics are stale, i.e. at least `fraction` of
 * their rows (default a tenth) changed since the last ANALYZE; returns their names.
 */
export async function refreshStaleStatistics(
  em: EntityManager,
  tables: readonly AnalysedTable[],
  log: Logger,
  fraction = STALE_FRACTION,
): Promise<string[]> {
  // Inside a transaction ANALYZE would hold its lock until the end; the outer caller refreshes instead.
  if (em.queryRunner?.isTransactionActive) return [];
  try {
    // The counter itself rather than pg_stat_user_tables, which computes some twenty counters
    // for every table of the database (a few ms on every upsert batch).
    const stale: Array<{ relname: AnalysedTable }> = await em.query(
      `SELECT c.relname FROM unnest($1::text[]) AS t(name) JOIN pg_class c ON c.oid = to_regclass(quote_ident(t.name))
       WHERE pg_stat_get_mod_since_analyze(c.oid) >= greatest($2::float8, $3::float8 * greatest(c.reltuples, 0))`,
      [tables, STALE_MIN_ROWS, fraction],
    );
    if (stale.length === 0) return [];
    const names = stale.map((t) => t.relname).filter((t) => tables.includes(t));
    // SKIP_LOCKED: a table another session is analysing right now is left to it.
    await em.query(`ANALYZE (SKIP_LOCKED) ${names.map((t) => `"${t}"`).join(', ')}`);
    return names;
  } catch (err) {
    // Stale statistics make a statement slower, never wrong: the work goes on.
    log.warn({ err, tables }, 'refreshing planner statistics failed');
    return [];
  }
}

/**
 * Reads of fits: an account's current score row beside the override in force, and the fits a
 * publish changed, composed from the score store's and the override store's fragments.
 */
import { Conditions } from '../db/conditions';
import type { Sql } from '../db/sql';
import type { Override } from '../model/override.types';
import { joinOverrideInForce, overrideInForceExists, prefixedOverride, prefixedOverrideColumns } from './override-store';
import { aliasedScoreColumns, currentScoreOf, rankedPage, toScoreRow, type RankPosition, type ScoreRow } from './score-store';

/** What an account's fit needs from the database: its current score row and the override in force. */
export interface FitRow {
  row: ScoreRow;
  override: Override | null;
}

/** The current score rows of these (version, segment, account) keys with the override in force at `now`, in one statement. */
export async function currentFits(
  db: Sql,
  keys: ReadonlyArray<{ versionId: string; segmentId: string; accountId: string }>,
  now: Date,
): Promise<FitRow[]> {
  const s = currentScoreOf('s', 'k.version_id', 'k.account_id');
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT ${aliasedScoreColumns('s')}, ${prefixedOverrideColumns('o')}
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(version_id, segment_id, account_id)
         JOIN ${s.table} ON ${s.on}
         ${joinOverrideInForce('o', 'k.segment_id', 'k.account_id', '$4')}`,
    [keys.map((k) => k.versionId), keys.map((k) => k.segmentId), keys.map((k) => k.accountId), now],
  );
  return rows.map((r) => ({ row: toScoreRow(r as never), override: prefixedOverride(r, 'o') }));
}

/** The fits a publish changed: current rows of `versionId` against those of `previousId` (null: none was live) in `segmentId`. */
export interface ChangedFitsQuery {
  versionId: string;
  previousId: string | null;
  segmentId: string;
  /** Overrides in force at this instant keep their account's effective tier: those accounts are left out. */
  at: Date;
}

/**
 * Current rows `s` of the version whose tier differs from the account's current row under the
 * previous version (or which have none there), without an override in force: the effective
 * tier changed. One anti-join probe per row read, on the current-row index of the previous version.
 */
function changedFitConditions(q: ChangedFitsQuery): Conditions {
  const c = new Conditions().add('s.version_id = ?::uuid', q.versionId).add('s.valid_to IS NULL');
  const previous = currentScoreOf('p', `${c.bind(q.previousId)}::uuid`, 's.account_id');
  c.add(`NOT EXISTS (SELECT 1 FROM ${previous.table} WHERE ${previous.on} AND p.tier = s.tier)`);
  const [segment, at] = [c.bind(q.segmentId), c.bind(q.at)];
  return c.add(`NOT ${overrideInForceExists(`${segment}::uuid`, 's.account_id', `${at}::timestamptz`)}`);
}

/** A page of the changed fits' score rows in ranking order (score highest first, then account id); see rankedPage. */
export async function changedFitRows(
  db: Sql,
  q: ChangedFitsQuery,
  page: { cursor: RankPosition | null; bound: RankPosition | null; limit: number; backward: boolean },
): Promise<ScoreRow[]> {
  const rows: Array<Record<string, unknown>> = await rankedPage(
    db,
    { select: aliasedScoreColumns('s'), from: 'account_score s', alias: 's.', conditions: () => changedFitConditions(q) },
    page,
  );
  return rows.map((r) => toScoreRow(r as never));
}

export async function countChangedFits(db: Sql, q: ChangedFitsQuery): Promise<number> {
  const c = changedFitConditions(q);
  return (await db.query(`SELECT count(*)::int AS n FROM account_score s ${c.where}`, c.params))[0].n;
}

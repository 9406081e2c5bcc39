/**
 * Reads of fits: an account's current score row beside the override in force, composed from the
 * score store's and the override store's fragments.
 */
import type { Sql } from '../db/sql';
import type { Override } from '../model/override.types';
import { joinOverrideInForce, prefixedOverride, prefixedOverrideColumns } from './override-store';
import { aliasedScoreColumns, currentScoreOf, toScoreRow, type ScoreRow } from './score-store';

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

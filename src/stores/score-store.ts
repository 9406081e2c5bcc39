/**
 * Reads and writes score rows with set-based SQL: one statement per batch, never per row.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { instantArray, instantText, numberArray, textArray, uuidArray } from '../db/array-params';
import { type Conditions } from '../db/conditions';
import type { Sql } from '../db/sql';
import { unreadFields } from './unread-fields';
import { isMemberOf } from './account-store';
import { attributesProjection } from './account-store';
import { hasUnfinishedPublish } from './publish-job-store';
import { isLiveVersion } from './version-store';
import type { FitTier } from '../model/icp-definition';

export interface ScoreRow {
  accountId: string;
  segmentId: string;
  versionId: string;
  score: number;
  tier: FitTier;
  outcomes: string;
  /**
   * Null: from its version's effectiveAt (a row a publish prepared before the instant it took
   * effect was known, stored as '-infinity'); readers show the version's effectiveAt.
   */
  validFrom: Date | null;
  validTo: Date | null;
  computedAt: Date;
  /** Current rows: when time alone changes the result next (background work rescores then); null: never. */
  nextChangeAt: Date | null;
}

/** A row to insert: current unless `validTo` is given (a result that time already replaced). */
export type NewScore = Omit<ScoreRow, 'validTo' | 'validFrom'> & { validFrom: Date; validTo?: Date | null };

interface RawScoreRow {
  account_id: string;
  segment_id: string;
  version_id: string;
  score: string;
  tier: FitTier;
  outcomes: string;
  valid_from: Date | number;
  valid_to: Date | null;
  computed_at: Date;
  next_change_at: Date | null;
}

export const SCORE_COLUMNS = 'account_id, segment_id, version_id, score, tier, outcomes, valid_from, valid_to, computed_at, next_change_at';

/** What a ranking shows of a current row (`toRankingRow`): the account, its score and its tier. */
export const RANKING_COLUMNS = 'account_id, score, tier';
const RANKING_ONLY = unreadFields('score row', ['outcomes', 'validFrom', 'validTo', 'computedAt', 'nextChangeAt']);

/**
 * A current row of `versionId` in `segmentId` read by RANKING_COLUMNS, for a page whose
 * selection reads no computed Score; its other fields were not read and throw when read
 * (unread-fields.ts).
 */
export function toRankingRow(r: Pick<RawScoreRow, 'account_id' | 'score' | 'tier'>, segmentId: string, versionId: string): ScoreRow {
  const row = Object.create(RANKING_ONLY) as ScoreRow;
  row.accountId = r.account_id;
  row.segmentId = segmentId;
  row.versionId = versionId;
  row.score = Number(r.score);
  row.tier = r.tier;
  return row;
}

export function toScoreRow(r: RawScoreRow): ScoreRow {
  return {
    accountId: r.account_id,
    segmentId: r.segment_id,
    versionId: r.version_id,
    score: Number(r.score),
    tier: r.tier,
    outcomes: r.outcomes,
    // '-infinity' reaches us as the number -Infinity.
    validFrom: r.valid_from instanceof Date ? r.valid_from : null,
    validTo: r.valid_to,
    computedAt: r.computed_at,
    nextChangeAt: r.next_change_at,
  };
}

/**
 * For other stores' statements (SQL expressions as arguments): the current score row of
 * (`versionId`, `accountId`) as `alias`, a `FROM`/`JOIN` item (`table`) and its condition (`on`).
 */
export const currentScoreOf = (alias: string, versionId: string, accountId: string): { table: string; on: string } => ({
  table: `account_score ${alias}`,
  on: `${alias}.version_id = ${versionId} AND ${alias}.account_id = ${accountId} AND ${alias}.valid_to IS NULL`,
});

/** `columns` (SCORE_COLUMNS by default) of `alias` (`s.account_id, s.segment_id, …`), to read a score row beside others in one statement. */
export const aliasedScoreColumns = (alias: string, columns = SCORE_COLUMNS): string =>
  columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');

/**
 * The members of a segment with the attributes the definition reads and their tier under the
 * previous version (a whole-segment statement: run it under planAsBulk, db/bulk-plan.ts).
 */
export function rescoreQuery(segmentId: string, previousVersionId: string | null, keys: string[]): { sql: string; params: unknown[] } {
  const projection = attributesProjection('a', keys, 3);
  return {
    sql: `SELECT a.id, ${projection.sql} AS attributes, prev.tier AS previous
          FROM account a
          LEFT JOIN account_score prev ON prev.account_id = a.id AND prev.version_id = $2 AND prev.valid_to IS NULL
          WHERE ${isMemberOf('a', '$1')}`,
    params: [segmentId, previousVersionId, ...projection.params],
  };
}

const CHUNK = 20_000;
/** Below this many rows a plain INSERT is cheaper than setting up a COPY. */
const COPY_FROM = 2_000;

/** The connection of the transaction `db` is bound to, to stream a COPY on it. */
function transactionClient(db: Sql & Pick<EntityManager, 'queryRunner'>): PoolClient | null {
  const runner = db.queryRunner as (typeof db.queryRunner & { databaseConnection?: PoolClient }) | undefined;
  return runner?.isTransactionActive && runner.databaseConnection ? runner.databaseConnection : null;
}

/**
 * ISO text of instants, each formatted once: a batch's rows share a few instants (computedAt, a
 * window's end), and toISOString on every one of them was a tenth of the batch's time in Node.
 */
function isoCache(): (d: Date) => string {
  const seen = new Map<number, string>();
  return (d) => {
    const t = d.getTime();
    let text = seen.get(t);
    if (text === undefined) seen.set(t, (text = instantText(d)));
    return text;
  };
}

/** COPY text format; our values hold no tabs, newlines or backslashes (uuids, numbers, codes, ISO times). */
function* copyLines(rows: NewScore[]): Generator<string> {
  const iso = isoCache();
  const instant = (d: Date | null | undefined): string => (d ? iso(d) : '\\N');
  for (let i = 0; i < rows.length; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(i + 1000, rows.length); j++) {
      const r = rows[j];
      chunk += `${r.accountId}\t${r.segmentId}\t${r.versionId}\t${r.score}\t${r.tier}\t${r.outcomes}\t${iso(r.validFrom)}\t${instant(r.validTo)}\t${iso(r.computedAt)}\t${instant(r.nextChangeAt)}\n`;
    }
    yield chunk;
  }
}

const INSERT_COLUMNS = 'account_id, segment_id, version_id, score, tier, outcomes, valid_from, valid_to, computed_at, next_change_at';

/**
 * Inserts score rows: with COPY on the transaction's connection for bulk work (a publish
 * writes up to millions), else in chunks of one `INSERT … SELECT FROM unnest(…)` each.
 */
export async function insertScores(db: Sql & Pick<EntityManager, 'queryRunner'>, rows: NewScore[]): Promise<void> {
  const client = rows.length >= COPY_FROM ? transactionClient(db) : null;
  if (client) {
    await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`COPY account_score (${INSERT_COLUMNS}) FROM STDIN`)));
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO account_score (${INSERT_COLUMNS})
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[],
         $9::timestamptz[], $10::timestamptz[])`,
      [
        uuidArray(chunk.map((r) => r.accountId)),
        uuidArray(chunk.map((r) => r.segmentId)),
        uuidArray(chunk.map((r) => r.versionId)),
        numberArray(chunk.map((r) => r.score)),
        textArray(chunk.map((r) => r.tier)),
        textArray(chunk.map((r) => r.outcomes)),
        instantArray(chunk.map((r) => r.validFrom)),
        instantArray(chunk.map((r) => r.validTo)),
        instantArray(chunk.map((r) => r.computedAt)),
        instantArray(chunk.map((r) => r.nextChangeAt)),
      ],
    );
  }
}

/** Ends the current rows of these (version, account) pairs, each at its own instant. */
export async function closeScores(db: Sql, rows: Array<{ versionId: string; accountId: string; at: Date }>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.query(
      `UPDATE account_score s SET valid_to = greatest(s.valid_from, c.at)
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS c(version_id, account_id, at)
       WHERE s.version_id = c.version_id AND s.account_id = c.account_id AND s.valid_to IS NULL`,
      [uuidArray(chunk.map((p) => p.versionId)), uuidArray(chunk.map((p) => p.accountId)), instantArray(chunk.map((p) => p.at))],
    );
  }
}

/** Current rows of these accounts under these versions. */
export async function currentScores(db: Sql, accountIds: string[], versionIds: string[]): Promise<ScoreRow[]> {
  if (accountIds.length === 0 || versionIds.length === 0) return [];
  const rows: RawScoreRow[] = await db.query(
    `SELECT ${SCORE_COLUMNS} FROM account_score
     WHERE account_id = ANY($1::uuid[]) AND version_id = ANY($2::uuid[]) AND valid_to IS NULL`,
    [uuidArray(accountIds), uuidArray(versionIds)],
  );
  return rows.map(toScoreRow);
}

/** Moves the next_change_at of current rows (same result, another instant at which time changes it). */
export async function rescheduleScores(
  db: Sql,
  rows: Array<{ versionId: string; accountId: string; nextChangeAt: Date | null }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.query(
      `UPDATE account_score s SET next_change_at = c.next_change_at
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS c(version_id, account_id, next_change_at)
       WHERE s.version_id = c.version_id AND s.account_id = c.account_id AND s.valid_to IS NULL
         AND s.next_change_at IS DISTINCT FROM c.next_change_at`,
      [uuidArray(chunk.map((r) => r.versionId)), uuidArray(chunk.map((r) => r.accountId)), instantArray(chunk.map((r) => r.nextChangeAt))],
    );
  }
}

/** A due score row, locked, with what its account needs for rescoring. */
export interface DueScore {
  accountId: string;
  score: number;
  tier: FitTier;
  outcomes: string;
  /** Null: from its version's effectiveAt (as ScoreRow.validFrom). */
  validFrom: Date | null;
  nextChangeAt: Date;
  /** Physical address of the locked row: stable while the lock is held, the cheapest way to close it. */
  tid: string;
  attributes: Record<string, unknown>;
  /** Whether the account is still a member of the version's segment. */
  member: boolean;
}

/** Epoch milliseconds, as node-postgres parses a float8 into a number: a tenth of the cost of parsing a timestamp's text. */
const epochMs = (column: string) => `floor(extract(epoch from ${column}) * 1000)::float8`;

/**
 * Current rows of a live version whose next_change_at has passed, soonest first, locked for
 * this transaction with their accounts (FOR SHARE: an upsert of the account waits until this
 * commits). Rows or accounts another transaction holds are skipped, so several processes share
 * the work without waiting on each other, and an account an upsert is changing is left to it.
 * `attributes` holds the account's attributes that `keys` name (the ones the version reads).
 * Accounts whose membership time changes by `now` are left out: their membership goes first.
 * Only the columns rescoring reads cross the wire (a whole segment may be due at once: parsing
 * the version's and segment's ids, the null valid_to and computed_at of every row cost Node
 * more than the database spends finding and locking it).
 */
export async function lockDueScores(
  db: Sql,
  version: { id: string; segmentId: string },
  now: Date,
  limit: number,
  keys: readonly string[],
): Promise<DueScore[]> {
  const attributes = attributesProjection('a', keys, 5);
  const rows: Array<{
    tid: string;
    account_id: string;
    score: string;
    tier: FitTier;
    outcomes: string;
    valid_from: number;
    next_change_at: number;
    attributes: Record<string, unknown>;
    member: boolean;
  }> = await db.query(
    `SELECT s.ctid::text AS tid, s.account_id, s.score, s.tier, s.outcomes, ${epochMs('s.valid_from')} AS valid_from,
       ${epochMs('s.next_change_at')} AS next_change_at, ${attributes.sql} AS attributes, $4::uuid = ANY(a.segment_ids) AS member
     FROM account_score s JOIN account a ON a.id = s.account_id
     WHERE s.version_id = $1 AND s.valid_to IS NULL AND s.next_change_at IS NOT NULL AND s.next_change_at <= $2
       AND (a.membership_changes_at IS NULL OR a.membership_changes_at > $2)
     ORDER BY s.next_change_at LIMIT $3
     FOR UPDATE OF s SKIP LOCKED FOR SHARE OF a SKIP LOCKED`,
    [version.id, now, limit, version.segmentId, ...attributes.params],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    score: Number(r.score),
    tier: r.tier,
    outcomes: r.outcomes,
    // '-infinity' (a prepared row) arrives as -Infinity.
    validFrom: Number.isFinite(r.valid_from) ? new Date(r.valid_from) : null,
    nextChangeAt: new Date(r.next_change_at),
    tid: r.tid,
    attributes: r.attributes,
    member: r.member,
  }));
}

/**
 * Ends rows locked by lockDueScores, each at its own instant (when time changed its result).
 * The arrays go as literals (db/array-params.ts; tids hold a comma, so they go as texts).
 */
export async function closeScoresAt(db: Sql, rows: Array<{ tid: string; at: Date }>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.query(
      `UPDATE account_score s SET valid_to = greatest(s.valid_from, c.at)
       FROM unnest($1::tid[], $2::timestamptz[]) AS c(tid, at)
       WHERE s.ctid = ANY($1::tid[]) AND s.ctid = c.tid AND s.valid_to IS NULL`,
      [textArray(chunk.map((r) => r.tid)), instantArray(chunk.map((r) => r.at))],
    );
  }
}

/** The soonest nextChangeAt among the current scores of live versions (one index probe per live version), or null. */
export async function soonestChange(db: Sql): Promise<Date | null> {
  const [row] = await db.query(
    `SELECT min(soonest) AS at FROM icp_version v CROSS JOIN LATERAL (
       SELECT s.next_change_at AS soonest FROM account_score s
       WHERE s.version_id = v.id AND s.valid_to IS NULL AND s.next_change_at IS NOT NULL
       ORDER BY s.next_change_at LIMIT 1) first
     WHERE ${isLiveVersion('v')}`,
  );
  return row?.at ?? null;
}

/**
 * The newest `first` score rows of each (account, segment), newest first: rows of published
 * versions only (a draft's rows are a publish's preparation), a prepared row valid from its
 * version's effectiveAt.
 */
export async function scoreHistory(
  db: Sql,
  keys: ReadonlyArray<{ accountId: string; segmentId: string; first: number }>,
): Promise<ScoreRow[][]> {
  const rows: ScoreRow[] = (
    await db.query(
      `SELECT ${SCORE_COLUMNS} FROM (
           SELECT s.account_id, s.segment_id, s.version_id, s.score, s.tier, s.outcomes, greatest(s.valid_from, v.effective_at) AS valid_from,
                  s.valid_to, s.computed_at, s.next_change_at,
                  row_number() OVER (PARTITION BY s.account_id, s.segment_id
                                     ORDER BY greatest(s.valid_from, v.effective_at) DESC, s.computed_at DESC) AS n
           FROM account_score s JOIN unnest($1::uuid[], $2::uuid[]) AS k(account_id, segment_id) USING (account_id, segment_id)
           JOIN icp_version v ON v.id = s.version_id AND v.status <> 'DRAFT'
         ) ranked WHERE n <= $3 ORDER BY valid_from DESC, computed_at DESC`,
      [keys.map((k) => k.accountId), keys.map((k) => k.segmentId), Math.max(...keys.map((k) => k.first))],
    )
  ).map(toScoreRow);
  return keys.map((k) => rows.filter((r) => r.accountId === k.accountId && r.segmentId === k.segmentId).slice(0, k.first));
}

/** A place in a ranking: a cursor's (score, account id). */
export interface RankPosition {
  score: string;
  accountId: string;
}

/**
 * Conditions keeping the rows that rank before `at` (`side` 'before') or after it. The score
 * range comes first, so the ranking index stops there; the account id only settles equal scores.
 */
export function addRankBound(c: Conditions, at: RankPosition, side: 'before' | 'after', alias = ''): Conditions {
  const [score, id] = [`${alias}score`, `${alias}account_id`];
  return side === 'before'
    ? c.add(`${score} >= ?::numeric AND (${score} > ?::numeric OR ${id} < ?::uuid)`, at.score, at.score, at.accountId)
    : c.add(`${score} <= ?::numeric AND (${score} < ?::numeric OR ${id} > ?::uuid)`, at.score, at.score, at.accountId);
}

/**
 * `limit` rows of `FROM` ranked (score highest first, then account id) after `cursor`, or before
 * it going `backward` (read in reverse), not past `bound` (the other cursor). Next to a cursor they
 * are two pure ranges of a ranking index: the rest of the cursor's score (by account id), then the
 * lower scores (forward) or the higher ones (backward). A single `score < s OR (score = s AND
 * account_id > a)` condition gives the index no starting point and scans from the top.
 */
export async function rankedPage<R>(
  db: Sql,
  read: { select: string; from: string; alias: string; conditions: () => Conditions },
  page: { cursor: RankPosition | null; bound: RankPosition | null; limit: number; backward: boolean },
): Promise<R[]> {
  const { sql, conditions } = rankedPageSql(read, page);
  return db.query(sql, conditions.params);
}

/** The statement of rankedPage, and the conditions holding its parameters (another statement may embed it and bind more). */
export function rankedPageSql(
  read: { select: string; from: string; alias: string; conditions: () => Conditions },
  page: {
    cursor: RankPosition | null;
    /** The cursor as SQL expressions instead (a statement reading the pages of several cursors). */
    cursorAt?: { score: string; accountId: string } | null;
    bound: RankPosition | null;
    limit: number;
    backward: boolean;
  },
): { sql: string; conditions: Conditions } {
  const { cursor, bound, limit, backward } = page;
  // The page size is written into the text, not bound: a prepared statement's generic plan
  // assumes a LIMIT parameter keeps a tenth of the rows, and PostgreSQL would then plan every
  // execution again (db/prepared.ts). It is an integer checked here, never text from a client.
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`page limit must be a whole number (got ${limit})`);
  const n = String(limit);
  const [score, id] = [`${read.alias}score`, `${read.alias}account_id`];
  const order = backward ? `ORDER BY ${score} ASC, ${id} DESC` : `ORDER BY ${score} DESC, ${id} ASC`;
  const c = read.conditions();
  if (bound) addRankBound(c, bound, backward ? 'after' : 'before', read.alias);
  const base = c.where;
  const after = page.cursorAt ?? (cursor ? { score: c.bind(cursor.score), accountId: c.bind(cursor.accountId) } : null);
  if (!after) return { sql: `SELECT ${read.select} FROM ${read.from} ${base} ${order} LIMIT ${n}`, conditions: c };
  const [at, atId] = [after.score, after.accountId];
  const [sameScore, otherScores] = backward ? [`${id} < `, `${score} > `] : [`${id} > `, `${score} < `];
  const orderInside = backward ? `ORDER BY ${id} DESC` : `ORDER BY ${id} ASC`;
  return {
    sql: `SELECT * FROM (
       (SELECT ${read.select} FROM ${read.from} ${base} AND ${score} = ${at}::numeric AND ${sameScore}${atId}::uuid ${orderInside} LIMIT ${n})
       UNION ALL
       (SELECT ${read.select} FROM ${read.from} ${base} AND ${otherScores}${at}::numeric ${order} LIMIT ${n})
     ) page ORDER BY score ${backward ? 'ASC' : 'DESC'}, account_id ${backward ? 'DESC' : 'ASC'} LIMIT ${n}`,
    conditions: c,
  };
}

/** Current accounts per computed tier under a version. */
export function tierCountsOf(db: Sql, versionId: string): Promise<Array<{ tier: FitTier; n: number }>> {
  return db.query('SELECT tier, count(*)::int AS n FROM account_score WHERE version_id = $1 AND valid_to IS NULL GROUP BY 1', [versionId]);
}

/** A draft's score of one member, as a publish prepares it. */
export type DraftScore = Pick<ScoreRow, 'accountId' | 'score' | 'tier' | 'outcomes' | 'computedAt' | 'nextChangeAt'>;

/**
 * Writes (or rewrites) current rows of the draft `versionId` for these members: a publish's
 * preparation, made live by the flip without copying. Valid from `validFrom` (a backfilled
 * effectiveAt), else from '-infinity': the version's effectiveAt, known only at the flip.
 */
export async function writeDraftScores(
  db: Sql,
  draft: { versionId: string; segmentId: string; validFrom: Date | null },
  rows: DraftScore[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO account_score AS s (account_id, segment_id, version_id, score, tier, outcomes, valid_from, computed_at, next_change_at)
       SELECT r.account_id, $1, $2, r.score, r.tier, r.outcomes, coalesce($3::timestamptz, '-infinity'), r.computed_at, r.next_change_at
       FROM unnest($4::uuid[], $5::numeric[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
            AS r(account_id, score, tier, outcomes, computed_at, next_change_at)
       ON CONFLICT (version_id, account_id) WHERE valid_to IS NULL DO UPDATE SET score = excluded.score, tier = excluded.tier,
         outcomes = excluded.outcomes, valid_from = excluded.valid_from, computed_at = excluded.computed_at, next_change_at = excluded.next_change_at`,
      [
        draft.segmentId,
        draft.versionId,
        draft.validFrom,
        chunk.map((r) => r.accountId),
        chunk.map((r) => r.score),
        chunk.map((r) => r.tier),
        chunk.map((r) => r.outcomes),
        chunk.map((r) => r.computedAt),
        chunk.map((r) => r.nextChangeAt),
      ],
    );
  }
}

/** Deletes the draft's rows of these accounts (they left the segment while a publish prepared it). */
export async function deleteDraftScores(db: Sql, versionId: string, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.query('DELETE FROM account_score WHERE version_id = $1 AND account_id = ANY($2::uuid[])', [versionId, [...accountIds]]);
}

/**
 * Deletes every row of the draft `versionId` unless a publish of it is unfinished (then they are
 * its preparation): what a cancelled or failed publish prepared. Returns how many.
 */
export async function deleteAbandonedDraftScores(db: Sql, versionId: string): Promise<number> {
  const [, deleted] = await db.query(
    `DELETE FROM account_score s USING icp_version v
     WHERE s.version_id = $1 AND v.id = s.version_id AND v.status = 'DRAFT' AND NOT ${hasUnfinishedPublish('$1')}`,
    [versionId],
  );
  return deleted;
}

/** Deletes every row of the draft `versionId` (its publish is starting over: nothing of an earlier one may remain). */
export async function clearDraftScores(db: Sql, versionId: string): Promise<void> {
  await db.query('DELETE FROM account_score WHERE version_id = $1', [versionId]);
}

/** Accounts whose current row of the version changes by time alone at or before `at` (an index probe). */
export async function dueAccountIds(db: Sql, versionId: string, at: Date): Promise<string[]> {
  const rows: Array<{ account_id: string }> = await db.query(
    `SELECT account_id FROM account_score WHERE version_id = $1 AND valid_to IS NULL AND next_change_at IS NOT NULL AND next_change_at <= $2`,
    [versionId, at],
  );
  return rows.map((r) => r.account_id);
}

/**
 * For other stores' statements: whether `alias` (a row of the version `versionId`, published by
 * the publish job `jobId`) is one of the rows its publish prepared, which the flip made current.
 * Prepared rows are valid from the backfilled effectiveAt, or from -infinity, and were computed
 * by the flip's instant at the latest; the flip leaves them for good (a later change closes them,
 * never rewrites them). The instant tells them from the first row of an account created after
 * the flip, which is valid from a backfilled effectiveAt too.
 */
export const preparedRow = (alias: string, versionId: string, jobId: string): string =>
  `${alias}.valid_from = coalesce((SELECT j.effective_at FROM publish_job j WHERE j.id = ${jobId}), '-infinity')
   AND ${alias}.computed_at <= (SELECT pv.published_at FROM icp_version pv WHERE pv.id = ${versionId})`;

/**
 * The tier migration of a publish, from the rows its flip left for good: the new version's
 * prepared rows (preparedRow) by their tier, against the account's current row under
 * `previousId` (a superseded version's rows are never written again). The same counts whenever
 * it runs after the flip. A whole-segment statement: run it under planAsBulk.
 */
export function tierMigration(
  db: Sql,
  publish: { versionId: string; previousId: string | null; jobId: string },
): Promise<Array<{ from: string | null; to: string; accounts: number }>> {
  return db.query(
    `SELECT prev.tier AS "from", s.tier AS "to", count(*)::int AS accounts
     FROM account_score s
     LEFT JOIN account_score prev ON prev.account_id = s.account_id AND prev.version_id = $2 AND prev.valid_to IS NULL
     WHERE s.version_id = $1 AND ${preparedRow('s', '$1', '$3')} GROUP BY 1, 2`,
    [publish.versionId, publish.previousId, publish.jobId],
  );
}

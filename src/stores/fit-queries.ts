/**
 * Reads of fits: an account's current score row beside the override in force, a segment's
 * ranking, and the fits a publish changed, composed from the score, override and account
 * stores' fragments.
 */
import { Conditions } from '../db/conditions';
import { queryPrepared } from '../db/prepared';
import type { Sql } from '../db/sql';
import type { Account } from '../model/account.types';
import type { FitTier } from '../model/icp-definition';
import type { Override } from '../model/override.types';
import { accountNameColumns, accountTextColumns, toAccountName, toLazyAccount } from './account-store';
import {
  inForceAt,
  joinOverrideInForce,
  lateralOverrideInForce,
  overrideInForceExists,
  prefixedOverride,
  prefixedOverrideColumns,
  toOverrideRow,
} from './override-store';
import {
  addRankBound,
  aliasedScoreColumns,
  currentScoreOf,
  rankedPage,
  rankedPageSql,
  RANKING_COLUMNS,
  SCORE_COLUMNS,
  toRankingRow,
  toScoreRow,
  type RankPosition,
  type ScoreRow,
} from './score-store';

/** What an account's fit needs from the database: its current score row and the override in force. */
export interface FitRow {
  row: ScoreRow;
  override: Override | null;
}

/** A score row read by `aliasedScoreColumns` beside its override read by `prefixedOverrideColumns('o')`. */
const toFitRow = (r: Record<string, unknown>): FitRow => ({ row: toScoreRow(r as never), override: prefixedOverride(r, 'o') });

/** The current score rows of these (version, segment, account) keys with the override in force at `now`, in one statement. */
export async function currentFits(
  db: Sql,
  keys: ReadonlyArray<{ versionId: string; segmentId: string; accountId: string }>,
  now: Date,
): Promise<FitRow[]> {
  const s = currentScoreOf('s', 'k.version_id', 'k.account_id');
  // Prepared: an explained lookup's statement, as often as the account's own (loaders.ts).
  const rows = await queryPrepared(
    db,
    `SELECT ${aliasedScoreColumns('s')}, ${prefixedOverrideColumns('o')}
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(version_id, segment_id, account_id)
         JOIN ${s.table} ON ${s.on}
         ${joinOverrideInForce('o', 'k.segment_id', 'k.account_id', '$4')}`,
    [keys.map((k) => k.versionId), keys.map((k) => k.segmentId), keys.map((k) => k.accountId), now],
  );
  return rows.map(toFitRow);
}

/** An account by id with its current score rows, as accountsWithFits reads it. */
export interface AccountWithFits {
  account: Account | null;
  /** The rows of the (version, segment) pairs that have a current row. */
  fits: FitRow[];
}

/** accountsWithFits' text, built once: a lookup is the hottest read there is. */
let accountsWithFitsSql: string | undefined;

/**
 * Accounts by id, each with its current score rows under these (version, segment) pairs and the
 * overrides in force at its lookup's own instant, in one statement: an explained lookup
 * (`account(id:) { fit(…) }`) otherwise reads the account, then its score, and lookups arriving
 * together share it (use-cases/read-batches.ts). Answers in the order of `lookups`.
 */
export async function accountsWithFits(
  db: Sql,
  lookups: ReadonlyArray<{ accountId: string; at: Date }>,
  pairs: ReadonlyArray<{ versionId: string; segmentId: string }>,
): Promise<AccountWithFits[]> {
  // Prepared, as the two statements it replaces (loaders.ts); per lookup, one row per pair with a
  // score, or one without. The score rows and the override are probed per account (LATERAL; the
  // OFFSET 0 keeps PostgreSQL from flattening the subquery into a join it could hash), whatever
  // number of lookups the generic plan assumes.
  accountsWithFitsSql ??= `SELECT q.n, ${accountTextColumns('a', 'a_')}, ${aliasedScoreColumns('s')}, ${prefixedOverrideColumns('o')}
     FROM account a
     JOIN unnest($1::uuid[], $2::timestamptz[]) WITH ORDINALITY AS q(id, at, n) ON a.id = q.id
     LEFT JOIN LATERAL (SELECT s.* FROM unnest($3::uuid[], $4::uuid[]) AS k(version_id, segment_id)
                        JOIN account_score s ON s.version_id = k.version_id AND s.account_id = a.id AND s.valid_to IS NULL
                        OFFSET 0) s ON true
     ${lateralOverrideInForce('o', 's.segment_id', 'a.id', 'q.at')}`;
  const rows = await queryPrepared(db, accountsWithFitsSql, [
    lookups.map((l) => l.accountId),
    lookups.map((l) => l.at),
    pairs.map((p) => p.versionId),
    pairs.map((p) => p.segmentId),
  ]);
  const found: AccountWithFits[] = lookups.map(() => ({ account: null, fits: [] }));
  for (const r of rows) {
    const answer = found[Number(r.n) - 1];
    answer.account ??= toLazyAccount(r, 'a_');
    if (r.account_id !== null) answer.fits.push(toFitRow(r));
  }
  return found;
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
 * previous version (or which have none there), without an override in force: the effective tier
 * changed. A page (`probe`) compares each row it reads with a scalar subquery, one probe of the
 * previous version's current-row index, so the plan walks the ranking index in order and stops at
 * its LIMIT (an anti-join, which the planner expects to keep almost nothing, would read and hash
 * both versions whole and sort them, or walk the ranking through another index); a count and a
 * sparse page (`join`) read every row anyway, so they let the planner hash them.
 */
function changedFitConditions(q: ChangedFitsQuery, form: 'probe' | 'join'): Conditions {
  const c = new Conditions().add('s.version_id = ?::uuid', q.versionId).add('s.valid_to IS NULL');
  const previous = currentScoreOf('p', `${c.bind(q.previousId)}::uuid`, 's.account_id');
  c.add(
    form === 'probe'
      ? `s.tier IS DISTINCT FROM (SELECT p.tier FROM ${previous.table} WHERE ${previous.on})`
      : `NOT EXISTS (SELECT 1 FROM ${previous.table} WHERE ${previous.on} AND p.tier = s.tier)`,
  );
  const [segment, at] = [c.bind(q.segmentId), c.bind(q.at)];
  return c.add(`NOT ${overrideInForceExists(`${segment}::uuid`, 's.account_id', `${at}::timestamptz`)}`);
}

/**
 * A page of the changed fits' score rows in ranking order (score highest first, then account id);
 * see rankedPage. `sparse`: few rows changed, so walking the ranking would read most of it before
 * filling a page; the page then gathers the whole window first (a materialized CTE, planned
 * without the LIMIT, so both versions are read once and hashed, as the count does) and sorts it.
 */
export async function changedFitRows(
  db: Sql,
  q: ChangedFitsQuery,
  page: { cursor: RankPosition | null; bound: RankPosition | null; limit: number; backward: boolean },
  sparse = false,
): Promise<ScoreRow[]> {
  let rows: Array<Record<string, unknown>>;
  if (sparse) {
    const c = changedFitConditions(q, 'join');
    // Past the cursor in the direction of reading, short of the bound.
    if (page.cursor) addRankBound(c, page.cursor, page.backward ? 'before' : 'after', 's.');
    if (page.bound) addRankBound(c, page.bound, page.backward ? 'after' : 'before', 's.');
    const order = page.backward ? 'score ASC, account_id DESC' : 'score DESC, account_id ASC';
    rows = await db.query(
      `WITH changed AS MATERIALIZED (SELECT ${aliasedScoreColumns('s')} FROM account_score s ${c.where})
       SELECT * FROM changed ORDER BY ${order} LIMIT ${c.bind(page.limit)}`,
      c.params,
    );
  } else {
    rows = await rankedPage(
      db,
      { select: aliasedScoreColumns('s'), from: 'account_score s', alias: 's.', conditions: () => changedFitConditions(q, 'probe') },
      page,
    );
  }
  return rows.map((r) => toScoreRow(r as never));
}

export async function countChangedFits(db: Sql, q: ChangedFitsQuery): Promise<number> {
  const c = changedFitConditions(q, 'join');
  return (await db.query(`SELECT count(*)::int AS n FROM account_score s ${c.where}`, c.params))[0].n;
}

/** Which current rows of a version a ranking reads (the accounts overridden then are ranked apart). */
export interface RankingQuery {
  versionId: string;
  /** Leaves out accounts with an override in force in this segment at this instant. */
  exceptOverridden: { segmentId: string; at: Date };
  tiers?: readonly FitTier[];
  minScore?: number;
  maxScore?: number;
}

/** A ranking without its instant: what the pages of one statement (fitsPages) share. */
export type RankingShape = Omit<RankingQuery, 'exceptOverridden'> & { exceptOverridden: { segmentId: string } };

/** The ranking's conditions at instant `at` (an SQL expression: a bound parameter, or a column of a statement reading several pages). */
function rankingConditions(q: RankingShape, at: string, c = new Conditions()): Conditions {
  c.add('account_score.version_id = ?', q.versionId).add('account_score.valid_to IS NULL');
  c.add(`NOT ${overrideInForceExists(c.bind(q.exceptOverridden.segmentId), 'account_score.account_id', at)}`);
  if (q.tiers) c.add('account_score.tier = ANY(?::text[])', q.tiers);
  if (q.minScore != null) c.add('account_score.score >= ?', q.minScore);
  if (q.maxScore != null) c.add('account_score.score <= ?', q.maxScore);
  return c;
}

/** How many rows the ranking has under `q`. */
export async function countRankedScores(db: Sql, q: RankingQuery): Promise<number> {
  const c = new Conditions();
  rankingConditions(q, c.bind(q.exceptOverridden.at), c);
  return (await db.query(`SELECT count(*)::int AS n FROM account_score ${c.where}`, c.params))[0].n;
}

/** A page of a segment's fits: ranked rows, the overridden ones (all in force), and their accounts. */
export interface FitsPageRows {
  /** Current rows without an override in force, in the window of the page. */
  ranked: ScoreRow[];
  /** Every current row with an override in force (ranked apart, by effective score), with it. */
  overridden: FitRow[];
  /** The accounts of both, for the page's `account` fields. */
  accounts: Account[];
}

/**
 * What a page of `fits` reads of its rows. A page that shows rankings (scores, tiers, names)
 * reads the score rows' account, score and tier and the accounts' names: the score rows' history
 * columns and the accounts' attributes, arrays and instants are most of a row's bytes, and
 * reading them cost about half of the statement's CPU in PostgreSQL and in pg here.
 */
export interface FitsPageReads {
  /** 'ranking': RANKING_COLUMNS only (the other fields of the rows throw when read). */
  scores: 'full' | 'ranking';
  /** 'names': id, external id, name and domain only (likewise). */
  accounts: 'full' | 'names';
}

export const FULL_FITS_PAGE: FitsPageReads = { scores: 'full', accounts: 'full' };

/** Where a page of `fits` starts and the instant of its overrides: what differs between the pages of one statement. */
export interface FitsPageAt {
  cursor: RankPosition | null;
  at: Date;
}

/** The page of `fits` a statement reads, but for its cursor and instant (FitsPageAt). */
export interface FitsPageShape {
  bound: RankPosition | null;
  limit: number;
  backward: boolean;
  ranked: boolean;
  overridden: boolean;
  /** Whether the pages start after a cursor (the statement's text differs). */
  cursor: boolean;
}

/**
 * The statement of fitsPages: its text, and its parameters from $4 on (the pages' cursors and
 * instants are $1-$3). Pages whose statements have the same text and the same parameters can
 * be read by one of them.
 */
export interface FitsPageStatement {
  text: string;
  shared: unknown[];
  full: boolean;
  names: boolean;
  segmentId: string;
  versionId: string;
}

/**
 * One statement for pages of `fits` of one shape, each from its own cursor and at its own
 * instant: up to `limit` ranked rows between the cursor and `bound` (see rankedPage; `ranked`
 * false: none), the rows overridden at the page's instant (`overridden` false: none), and the
 * accounts of both, read as `reads` says.
 */
export function fitsPageStatement(q: RankingShape, page: FitsPageShape, reads: FitsPageReads = FULL_FITS_PAGE): FitsPageStatement {
  const full = reads.scores === 'full';
  const columns = full ? SCORE_COLUMNS : RANKING_COLUMNS;
  // $1-$3: the pages' cursors and instants, read as columns of `q` below.
  const reserved = () => {
    const c = new Conditions();
    for (let i = 0; i < 3; i++) c.bind(null);
    return c;
  };
  const ranked = page.ranked
    ? rankedPageSql(
        { select: columns, from: 'account_score', alias: '', conditions: () => rankingConditions(q, 'q.at', reserved()) },
        { ...page, cursor: null, cursorAt: page.cursor ? { score: 'q.cursor_score', accountId: 'q.cursor_id' } : null },
      )
    : null;
  const c = ranked?.conditions ?? reserved();
  const parts = ranked ? [`(${ranked.sql})`] : [];
  const segmentId = c.bind(q.exceptOverridden.segmentId);
  if (page.overridden) {
    parts.push(`(SELECT ${aliasedScoreColumns('s', columns)} FROM fit_override f
       JOIN account_score s ON s.version_id = ${c.bind(q.versionId)} AND s.account_id = f.account_id AND s.valid_to IS NULL
       WHERE f.segment_id = ${segmentId} AND ${inForceAt('f', 'q.at')})`);
  }
  const names = reads.accounts === 'names';
  const text = parts.length
    ? // The override as one jsonb value: a page has few, and twenty null columns per row cost parsing.
      `SELECT q.n, ${aliasedScoreColumns('x', columns)}, CASE WHEN o.id IS NULL THEN NULL ELSE to_jsonb(o) END AS override,
            ${names ? accountNameColumns('a', 'a_') : accountTextColumns('a', 'a_')}
     FROM unnest($1::numeric[], $2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS q(cursor_score, cursor_id, at, n)
     CROSS JOIN LATERAL (${parts.join(' UNION ALL ')}) x
     JOIN account a ON a.id = x.account_id
     ${lateralOverrideInForce('o', segmentId, 'x.account_id', 'q.at')}`
    : '';
  return { text, shared: c.params.slice(3), full, names, segmentId: q.exceptOverridden.segmentId, versionId: q.versionId };
}

/** Reads the pages of `statement`, one per entry of `pages`, in one statement. */
export async function fitsPages(db: Sql, statement: FitsPageStatement, pages: readonly FitsPageAt[]): Promise<FitsPageRows[]> {
  const results: FitsPageRows[] = pages.map(() => ({ ranked: [], overridden: [], accounts: [] }));
  if (!statement.text) return results;
  const { full, names } = statement;
  // Prepared (db/prepared.ts): planning it cost more than running it, on every page.
  const rows = await queryPrepared(db, statement.text, [
    pages.map((p) => p.cursor?.score ?? null),
    pages.map((p) => p.cursor?.accountId ?? null),
    pages.map((p) => p.at),
    ...statement.shared,
  ]);
  for (const r of rows) {
    const result = results[Number(r.n) - 1];
    const row = full ? toScoreRow(r as never) : toRankingRow(r as never, statement.segmentId, statement.versionId);
    const override = r.override ? toOverrideRow(r.override as Record<string, unknown>) : null;
    if (override) result.overridden.push({ row, override });
    else result.ranked.push(row);
    result.accounts.push(names ? toAccountName(r, 'a_') : toLazyAccount(r, 'a_'));
  }
  return results;
}

/** One page of `fits` (fitsPages with one page): `q`'s instant and `page.cursor`. */
export async function fitsPage(
  db: Sql,
  q: RankingQuery,
  page: { cursor: RankPosition | null; bound: RankPosition | null; limit: number; backward: boolean; ranked: boolean; overridden: boolean },
  reads: FitsPageReads = FULL_FITS_PAGE,
): Promise<FitsPageRows> {
  const statement = fitsPageStatement(q, { ...page, cursor: page.cursor !== null }, reads);
  const [rows] = await fitsPages(db, statement, [{ cursor: page.cursor, at: q.exceptOverridden.at }]);
  return rows;
}

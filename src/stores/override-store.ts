/**
 * The fit_override table: its columns, row mapping and every statement on it. Overrides are never
 * edited or deleted (revocation and expiry are states), so the writes here only fill in states.
 */
import type { Sql } from '../db/sql';
import { Conditions } from '../db/conditions';
import type { FitTier } from '../model/icp-definition';
import type { OverrideCategory, Override } from '../model/override.types';
import { currentScoreOf } from './score-store';

export const OVERRIDE_COLUMNS = `id, account_id, segment_id, version_id, computed_score, computed_tier, tier, score, justification, category,
  created_by, created_by_key_id, created_at, expires_at, revoked_by, revoked_by_key_id, revoked_at, revoke_reason, expiry_recorded_at, needs_review`;

/**
 * The one definition of an override in force at `instant` (an SQL expression: `$3` for now,
 * `x.created_at` for history): made by then, not revoked by then, not expired by then (whether
 * or not the expiry was recorded yet). `alias` is the table alias, or '' for none.
 */
export function inForceAt(alias: string, instant: string): string {
  const o = alias ? `${alias}.` : '';
  return (
    `${o}created_at <= ${instant} AND (${o}revoked_at IS NULL OR ${o}revoked_at > ${instant})` +
    ` AND (${o}expires_at IS NULL OR ${o}expires_at > ${instant})`
  );
}

/**
 * For other stores' statements (SQL expressions as arguments): whether an override of
 * (`segmentId`, `accountId`) is in force at `instant`.
 */
export const overrideInForceExists = (segmentId: string, accountId: string, instant: string): string =>
  `EXISTS (SELECT 1 FROM fit_override o WHERE o.segment_id = ${segmentId} AND o.account_id = ${accountId} AND ${inForceAt('o', instant)})`;

/**
 * For other stores' statements: `LEFT JOIN` the override in force on (`segmentId`, `accountId`) at
 * `instant` as `alias`, its columns selected as `${alias}_<column>` by `prefixedColumns`.
 */
export const joinOverrideInForce = (alias: string, segmentId: string, accountId: string, instant: string): string =>
  `LEFT JOIN fit_override ${alias} ON ${alias}.segment_id = ${segmentId} AND ${alias}.account_id = ${accountId}
              AND ${inForceAt(alias, instant)}`;

/**
 * As joinOverrideInForce, for statements that read many rows each at its own instant (the hot
 * reads of read-batches.ts): a `LEFT JOIN LATERAL` that probes the account's overrides
 * (fit_override_history_idx) once per row, whatever number of rows a generic plan assumes, rather
 * than a join the planner may turn into a scan of every override. At most one override is in force
 * at an instant (fit_override_open_uq), so LIMIT 1 drops nothing.
 */
export const lateralOverrideInForce = (alias: string, segmentId: string, accountId: string, instant: string): string =>
  `LEFT JOIN LATERAL (SELECT * FROM fit_override ${alias} WHERE ${alias}.segment_id = ${segmentId} AND ${alias}.account_id = ${accountId}
              AND ${inForceAt(alias, instant)} ORDER BY ${alias}.created_at DESC LIMIT 1) ${alias} ON true`;

/** Override columns of `alias` prefixed `${alias}_`, to read an override beside another row in one statement. */
export const prefixedOverrideColumns = (alias: string): string =>
  OVERRIDE_COLUMNS.split(',')
    .map((c) => `${alias}.${c.trim()} AS ${alias}_${c.trim()}`)
    .join(', ');

/** The override read by `prefixedOverrideColumns(alias)` from `row`, or null when none joined. */
export function prefixedOverride(row: Record<string, unknown>, alias: string): Override | null {
  if (!row[`${alias}_id`]) return null;
  const prefix = `${alias}_`;
  return toOverrideRow(
    Object.fromEntries(
      Object.entries(row)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    ),
  );
}

/** Rows come from pg (Date) or from jsonb aggregates (ISO strings). */
const asDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v as string));

export function toOverrideRow(r: Record<string, any>): Override {
  return {
    id: r.id,
    accountId: r.account_id,
    segmentId: r.segment_id,
    versionId: r.version_id,
    computedScore: Number(r.computed_score),
    computedTier: r.computed_tier,
    tier: r.tier,
    score: r.score === null ? null : Number(r.score),
    justification: r.justification,
    category: r.category,
    createdBy: r.created_by,
    createdByKeyId: r.created_by_key_id ?? null,
    createdAt: asDate(r.created_at)!,
    expiresAt: asDate(r.expires_at),
    revokedBy: r.revoked_by,
    revokedByKeyId: r.revoked_by_key_id ?? null,
    revokedAt: asDate(r.revoked_at),
    revokeReason: r.revoke_reason,
    expiryRecordedAt: asDate(r.expiry_recorded_at),
    needsReview: r.needs_review,
  };
}

/** Who acts on an override: the key's name and id (null when fitgraph itself acts). */
export interface OverrideActor {
  name: string;
  keyId: string | null;
}

export interface NewOverride {
  id: string;
  accountId: string;
  segmentId: string;
  versionId: string;
  computedScore: number;
  computedTier: FitTier;
  tier: FitTier;
  score: number | null;
  justification: string;
  category: OverrideCategory;
  createdBy: OverrideActor;
  createdAt: Date;
  expiresAt: Date | null;
}

/** Inserts an override; a second open one of the account and segment violates `fit_override_open_uq`. */
export async function insertOverride(db: Sql, o: NewOverride): Promise<void> {
  await db.query(
    `INSERT INTO fit_override (id, account_id, segment_id, version_id, computed_score, computed_tier, tier, score,
       justification, category, created_by, created_by_key_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      o.id,
      o.accountId,
      o.segmentId,
      o.versionId,
      o.computedScore,
      o.computedTier,
      o.tier,
      o.score,
      o.justification,
      o.category,
      o.createdBy.name,
      o.createdBy.keyId,
      o.createdAt,
      o.expiresAt,
    ],
  );
}

export async function overrideById(db: Sql, id: string): Promise<Override | null> {
  const [row] = await db.query(`SELECT ${OVERRIDE_COLUMNS} FROM fit_override WHERE id = $1`, [id]);
  return row ? toOverrideRow(row) : null;
}

/** The override, locked for this transaction (a revocation waits for another). */
export async function lockOverride(db: Sql, id: string): Promise<Override | null> {
  const [row] = await db.query(`SELECT ${OVERRIDE_COLUMNS} FROM fit_override WHERE id = $1 FOR UPDATE`, [id]);
  return row ? toOverrideRow(row) : null;
}

export async function overridesByIds(db: Sql, ids: readonly string[]): Promise<Override[]> {
  return (await db.query(`SELECT ${OVERRIDE_COLUMNS} FROM fit_override WHERE id = ANY($1::uuid[])`, [[...ids]])).map(toOverrideRow);
}

/** The override in force on each (segment, account) at its instant, or null: one per item, in order. */
export async function overridesInForce(
  db: Sql,
  items: ReadonlyArray<{ segmentId: string; accountId: string; at: Date }>,
): Promise<Array<Override | null>> {
  if (items.length === 0) return [];
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT ${prefixedOverrideColumns('o')}
     FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS c(segment_id, account_id, at, n)
     ${joinOverrideInForce('o', 'c.segment_id', 'c.account_id', 'c.at')}
     ORDER BY c.n`,
    [items.map((i) => i.segmentId), items.map((i) => i.accountId), items.map((i) => i.at)],
  );
  return rows.map((r) => prefixedOverride(r, 'o'));
}

/** Every override of these accounts, newest first. */
export async function overridesOfAccounts(db: Sql, accountIds: readonly string[]): Promise<Override[]> {
  return (
    await db.query(`SELECT ${OVERRIDE_COLUMNS} FROM fit_override WHERE account_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`, [
      [...accountIds],
    ])
  ).map(toOverrideRow);
}

/** Overrides alive at some time in [from, to): made before `to`, and made, revoked or expiring from `from` on. */
export async function overridesOfPeriod(db: Sql, from: Date, to: Date): Promise<Override[]> {
  return (
    await db.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM fit_override
     WHERE created_at < $2 AND (created_at >= $1 OR revoked_at >= $1 OR expires_at >= $1) ORDER BY created_at, id`,
      [from, to],
    )
  ).map(toOverrideRow);
}

/** The segment's overrides in force at some time in [from, to) (made before `to`, not revoked or expired by `from`), newest first. */
export async function overridesOfSegmentDuring(db: Sql, segmentId: string, from: Date, to: Date): Promise<Override[]> {
  return (
    await db.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM fit_override
     WHERE segment_id = $1 AND created_at < $3 AND (revoked_at IS NULL OR revoked_at > $2) AND (expires_at IS NULL OR expires_at > $2)
     ORDER BY created_at DESC`,
      [segmentId, from, to],
    )
  ).map(toOverrideRow);
}

export async function revokeOverride(db: Sql, id: string, by: OverrideActor, at: Date, reason: string): Promise<void> {
  await db.query('UPDATE fit_override SET revoked_by = $2, revoked_by_key_id = $3, revoked_at = $4, revoke_reason = $5 WHERE id = $1', [
    id,
    by.name,
    by.keyId,
    at,
    reason,
  ]);
}

/** Marks as recorded the expiries that passed by `now` (of one account and segment, or all) and returns those overrides. */
export async function markExpiriesRecorded(db: Sql, now: Date, scope?: { accountId: string; segmentId: string }): Promise<Override[]> {
  return (
    await db.query(
      `UPDATE fit_override SET expiry_recorded_at = $1
         WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL AND expires_at <= $1 ${scope ? 'AND account_id = $2 AND segment_id = $3' : ''}
         RETURNING ${OVERRIDE_COLUMNS}`,
      scope ? [now, scope.accountId, scope.segmentId] : [now],
    )
  )[0].map(toOverrideRow);
}

/**
 * Flags for review the overrides in force at `now` in the segment whose account's current score
 * under `versionId` is in another tier than the `computedTier` the override was made against.
 * `accountIds` limits it to those accounts.
 */
export async function flagForReview(
  db: Sql,
  args: { segmentId: string; versionId: string; now: Date; accountIds?: readonly string[] },
): Promise<Array<{ id: string; computedTier: FitTier; newTier: FitTier }>> {
  const s = currentScoreOf('s', '$2', 'o.account_id');
  const [flagged] = await db.query(
    `UPDATE fit_override o SET needs_review = true, review_version_id = $2, flagged_at = $3
     FROM ${s.table}
     WHERE o.segment_id = $1 AND ${inForceAt('o', '$3')} AND NOT o.needs_review
       AND ${s.on} AND s.tier <> o.computed_tier
       ${args.accountIds ? 'AND o.account_id = ANY($4::uuid[])' : ''}
     RETURNING o.id, o.computed_tier, s.tier AS new_tier`,
    args.accountIds ? [args.segmentId, args.versionId, args.now, args.accountIds] : [args.segmentId, args.versionId, args.now],
  );
  return toFlagged(flagged);
}

const toFlagged = (rows: Array<{ id: string; computed_tier: FitTier; new_tier: FitTier }>) =>
  rows.map((f) => ({ id: f.id, computedTier: f.computed_tier, newTier: f.new_tier }));

/**
 * As flagForReview, against computed tiers the caller knows (time's last step, which a later
 * change in the same transaction may already have replaced) rather than the current rows.
 */
export async function flagForReviewAgainst(
  db: Sql,
  args: { segmentId: string; versionId: string; now: Date; tiers: ReadonlyArray<{ accountId: string; tier: FitTier }> },
): Promise<Array<{ id: string; computedTier: FitTier; newTier: FitTier }>> {
  const [flagged] = await db.query(
    `UPDATE fit_override o SET needs_review = true, review_version_id = $2, flagged_at = $3
     FROM unnest($4::uuid[], $5::text[]) AS t(account_id, tier)
     WHERE o.segment_id = $1 AND ${inForceAt('o', '$3')} AND NOT o.needs_review
       AND o.account_id = t.account_id AND t.tier <> o.computed_tier
     RETURNING o.id, o.computed_tier, t.tier AS new_tier`,
    [args.segmentId, args.versionId, args.now, args.tiers.map((t) => t.accountId), args.tiers.map((t) => t.tier)],
  );
  return toFlagged(flagged);
}

/** What a list of overrides is filtered by (`status` at `now`). */
export interface OverrideQuery {
  segmentId?: string;
  accountId?: string;
  createdBy?: string;
  needsReview?: boolean;
  from?: Date;
  to?: Date;
  status?: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
}

function conditionsOf(q: OverrideQuery, now: Date): Conditions {
  const c = new Conditions();
  if (q.segmentId) c.add('segment_id = ?', q.segmentId);
  if (q.accountId) c.add('account_id = ?', q.accountId);
  if (q.createdBy) c.add('created_by = ?', q.createdBy);
  if (q.needsReview != null) c.add('needs_review = ?', q.needsReview);
  if (q.from) c.add('created_at >= ?', q.from);
  if (q.to) c.add('created_at < ?', q.to);
  if (q.status === 'REVOKED') c.add('revoked_at IS NOT NULL');
  if (q.status === 'ACTIVE') c.add(inForceAt('', c.bind(now)));
  if (q.status === 'EXPIRED') c.add('revoked_at IS NULL AND expires_at <= ?', now);
  return c;
}

/**
 * One page of the filtered overrides, newest first (oldest first going `backward`), after the
 * `cursor` (createdAt, id), with one row more than `size` to tell whether another page follows.
 */
export async function overridePage(
  db: Sql,
  q: OverrideQuery,
  now: Date,
  page: { cursor: unknown[] | null; bound: unknown[] | null; backward: boolean; size: number },
): Promise<Override[]> {
  const c = conditionsOf(q, now);
  // Newest first: after a row (forward from the cursor, or short of a backward read's bound) is older.
  const beyond = (key: unknown[], cmp: '<' | '>') =>
    c.add(`(created_at ${cmp} ?::timestamptz OR (created_at = ?::timestamptz AND id ${cmp} ?::uuid))`, key[0], key[0], key[1]);
  if (page.cursor) beyond(page.cursor, page.backward ? '>' : '<');
  if (page.bound) beyond(page.bound, page.backward ? '<' : '>');
  const order = page.backward ? 'ASC' : 'DESC';
  return (
    await db.query(
      `SELECT ${OVERRIDE_COLUMNS} FROM fit_override ${c.where} ORDER BY created_at ${order}, id ${order} LIMIT ${c.bind(page.size + 1)}`,
      c.params,
    )
  ).map(toOverrideRow);
}

export async function countOverrides(db: Sql, q: OverrideQuery, now: Date): Promise<number> {
  const c = conditionsOf(q, now);
  return (await db.query(`SELECT count(*)::int AS n FROM fit_override ${c.where}`, c.params))[0].n;
}

/**
 * The outbox: the only code that reads or writes `outbox_event`. Events are appended in the
 * transaction of the change they describe (callers pass its entity manager), so there is no
 * change without its event and no event without its change. The table's trigger orders them by
 * commit; readers page through them by sequence.
 */
import type { Sql } from '../db/sql';
import type { EventType, FitChangeCause, OutboxEvent } from '../model/delivery';
import type { FitSnapshot } from '../model/delivery.types';
import { overrideInForceExists } from './override-store';
import { currentScoreOf } from './score-store';

/** One change of an account's effective tier in a segment. */
export interface TierChange {
  accountId: string;
  segmentId: string;
  versionId: string;
  before: FitSnapshot | null;
  after: FitSnapshot;
  cause: FitChangeCause;
  occurredAt: Date;
}

/** An account that left a segment: its last fit there, and no fit after. */
export interface FitRemoval {
  accountId: string;
  segmentId: string;
  versionId: string;
  before: FitSnapshot;
  cause: FitChangeCause;
  occurredAt: Date;
}

interface RawEvent {
  sequence: string;
  id: string;
  type: EventType;
  segment_id: string;
  account_id: string | null;
  version_id: string | null;
  occurred_at: Date;
  data: Record<string, unknown>;
}

const COLUMNS = 'sequence, id, type, segment_id, account_id, version_id, occurred_at, data';

const toEvent = (r: RawEvent): OutboxEvent => ({
  sequence: Number(r.sequence),
  id: r.id,
  type: r.type,
  segmentId: r.segment_id,
  accountId: r.account_id,
  versionId: r.version_id,
  occurredAt: r.occurred_at,
  data: r.data,
});

/** The JSON a FIT_CHANGED event carries; the CRM's ids (externalId, segment key) beside ours. */
const FIT_CHANGED_DATA = (c: string, before: string, after: string, cause: string) => `jsonb_build_object(
  'accountId', ${c}.account_id, 'accountExternalId', a.external_id, 'segmentId', ${c}.segment_id, 'segmentKey', g.key,
  'versionId', ${c}.version_id, 'before', ${before}, 'after', ${after}, 'cause', ${cause})`;

const snapshotSql = (alias: string, overridden: string) =>
  `jsonb_build_object('score', ${alias}.score, 'tier', ${alias}.tier, 'overridden', ${overridden})`;

/**
 * Drops the changes of computed tiers that an override in force (at the change's instant) hides:
 * the effective tier stays the override's, so there is no change to tell.
 */
export async function withoutOverridden(db: Sql, changes: TierChange[]): Promise<TierChange[]> {
  if (changes.length === 0) return changes;
  const rows: Array<{ n: string }> = await db.query(
    `SELECT c.n FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS c(account_id, segment_id, at, n)
     WHERE ${overrideInForceExists('c.segment_id', 'c.account_id', 'c.at')}`,
    [changes.map((c) => c.accountId), changes.map((c) => c.segmentId), changes.map((c) => c.occurredAt)],
  );
  const hidden = new Set(rows.map((r) => Number(r.n) - 1));
  return changes.filter((_, i) => !hidden.has(i));
}

/** Appends FIT_CHANGED events, in the order given. */
export async function appendFitChanges(db: Sql, changes: TierChange[]): Promise<void> {
  if (changes.length === 0) return;
  const json = (s: FitSnapshot | null) => (s ? JSON.stringify({ score: s.score, tier: s.tier, overridden: s.overridden }) : null);
  await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data)
     SELECT 'FIT_CHANGED', c.segment_id, c.account_id, c.version_id, c.occurred_at,
            ${FIT_CHANGED_DATA('c', 'c.before', 'c.after', 'c.cause')}
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::jsonb[], $6::jsonb[], $7::text[])
          WITH ORDINALITY AS c(account_id, segment_id, version_id, occurred_at, before, after, cause, n)
     JOIN account a ON a.id = c.account_id
     JOIN segment g ON g.id = c.segment_id
     ORDER BY c.n`,
    [
      changes.map((c) => c.accountId),
      changes.map((c) => c.segmentId),
      changes.map((c) => c.versionId),
      changes.map((c) => c.occurredAt),
      changes.map((c) => json(c.before)),
      changes.map((c) => json(c.after)),
      changes.map((c) => c.cause),
    ],
  );
}

/** Appends FIT_REMOVED events (data as FIT_CHANGED's, with `after` null), in the order given. */
export async function appendFitRemovals(db: Sql, removals: FitRemoval[]): Promise<void> {
  if (removals.length === 0) return;
  await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data)
     SELECT 'FIT_REMOVED', c.segment_id, c.account_id, c.version_id, c.occurred_at,
            ${FIT_CHANGED_DATA('c', 'c.before', `'null'::jsonb`, 'c.cause')}
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::jsonb[], $6::text[])
          WITH ORDINALITY AS c(account_id, segment_id, version_id, occurred_at, before, cause, n)
     JOIN account a ON a.id = c.account_id
     JOIN segment g ON g.id = c.segment_id
     ORDER BY c.n`,
    [
      removals.map((c) => c.accountId),
      removals.map((c) => c.segmentId),
      removals.map((c) => c.versionId),
      removals.map((c) => c.occurredAt),
      removals.map((c) => JSON.stringify({ score: c.before.score, tier: c.before.tier, overridden: c.before.overridden })),
      removals.map((c) => c.cause),
    ],
  );
}

/**
 * After a publish has made the new version's scores current (and before it commits): one
 * FIT_CHANGED per member whose effective tier differs between the previous version's current
 * score and the new one. Accounts with an override in force keep the override's tier, so they do
 * not change. Set-based: a publish may change hundreds of thousands of tiers. The two versions'
 * current rows are joined (a whole-segment statement: run it under planAsBulk); the account's and
 * segment's keys are looked up by primary key for the changed rows only, never by reading the
 * whole account table.
 */
export async function appendPublishFitChanges(
  db: Sql,
  args: { segmentId: string; previousVersionId: string | null; versionId: string; at: Date },
): Promise<number> {
  const previous = currentScoreOf('p', '$2', 'n.account_id');
  const rows: unknown[] = await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data)
     SELECT 'FIT_CHANGED', $1, n.account_id, $3, $4,
            jsonb_build_object(
              'accountId', n.account_id, 'accountExternalId', (SELECT a.external_id FROM account a WHERE a.id = n.account_id),
              'segmentId', $1::uuid, 'segmentKey', (SELECT g.key FROM segment g WHERE g.id = $1), 'versionId', $3::uuid,
              'before', CASE WHEN p.account_id IS NULL THEN NULL ELSE ${snapshotSql('p', 'false')} END,
              'after', ${snapshotSql('n', 'false')},
              'cause', 'VERSION_PUBLISHED')
     FROM account_score n
     LEFT JOIN ${previous.table} ON ${previous.on}
     WHERE n.version_id = $3 AND n.valid_to IS NULL
       AND p.tier IS DISTINCT FROM n.tier
       AND NOT ${overrideInForceExists('$1', 'n.account_id', '$4')}
     ORDER BY n.account_id
     RETURNING 1`,
    [args.segmentId, args.previousVersionId, args.versionId, args.at],
  );
  return rows.length;
}

/** Appends one event that is not a fit change (a version published, an override's life). */
export async function appendEvent(
  db: Sql,
  event: {
    type: Exclude<EventType, 'FIT_CHANGED'>;
    segmentId: string;
    accountId?: string | null;
    versionId?: string | null;
    occurredAt: Date;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [event.type, event.segmentId, event.accountId ?? null, event.versionId ?? null, event.occurredAt, JSON.stringify(event.data)],
  );
}

/** The highest sequence committed so far (0 for an empty outbox). */
export async function lastSequence(db: Sql): Promise<number> {
  const [{ n }] = await db.query('SELECT coalesce(max(sequence), 0)::text AS n FROM outbox_event');
  return Number(n);
}

/** Events after `sequence`, oldest first, optionally of some types and segments. */
export async function eventsAfter(
  db: Sql,
  sequence: number,
  filter: { types?: readonly EventType[]; segmentIds?: readonly string[] | null },
  limit: number,
): Promise<OutboxEvent[]> {
  const rows: RawEvent[] = await db.query(
    `SELECT ${COLUMNS} FROM outbox_event
     WHERE sequence > $1 AND ($2::text[] IS NULL OR type = ANY($2)) AND ($3::uuid[] IS NULL OR segment_id = ANY($3))
     ORDER BY sequence LIMIT $4`,
    [sequence, filter.types ?? null, filter.segmentIds ?? null, limit],
  );
  return rows.map(toEvent);
}

/** Events by id, in sequence order. */
export async function eventsByIds(db: Sql, ids: readonly string[]): Promise<OutboxEvent[]> {
  const rows: RawEvent[] = await db.query(`SELECT ${COLUMNS} FROM outbox_event WHERE id = ANY($1::uuid[]) ORDER BY sequence`, [ids]);
  return rows.map(toEvent);
}

/** An event as webhooks and the README describe it. */
export function eventPayload(e: OutboxEvent): { id: string; type: EventType; occurredAt: string; data: Record<string, unknown> } {
  return { id: e.id, type: e.type, occurredAt: e.occurredAt.toISOString(), data: e.data };
}

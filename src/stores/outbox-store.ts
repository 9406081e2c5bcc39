/**
 * The outbox: the only code that reads or writes `outbox_event`. Events are appended in the
 * transaction of the change they describe (callers pass its entity manager), so there is no
 * change without its event and no event without its change. The table's trigger orders them by
 * commit; readers page through them by sequence.
 */
import { instantArray, textArray, uuidArray } from '../db/array-params';
import type { Sql } from '../db/sql';
import type { EventPayload, EventType, FitChangeCause, OutboxEvent, StreamPosition } from '../model/delivery';
import type { FitSnapshot } from '../model/delivery.types';
import { overrideInForceExists } from './override-store';
import { currentScoreOf, preparedRow } from './score-store';

/** One change of an account's effective tier in a segment. */
export interface TierChange {
  accountId: string;
  segmentId: string;
  versionId: string;
  before: FitSnapshot | null;
  after: FitSnapshot;
  cause: FitChangeCause;
  occurredAt: Date;
  /** The account's externalId when the caller has it at hand (an upsert): the event need not read it from `account`. */
  accountExternalId?: string;
}

/** An account that left a segment: its last fit there, and no fit after. */
export interface FitRemoval {
  accountId: string;
  segmentId: string;
  versionId: string;
  before: FitSnapshot;
  cause: FitChangeCause;
  occurredAt: Date;
  /** As TierChange's. */
  accountExternalId?: string;
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
  fit_changes_follow: boolean;
}

const COLUMNS = 'sequence, id, type, segment_id, account_id, version_id, occurred_at, data, fit_changes_follow';

const toEvent = (r: RawEvent): OutboxEvent => ({
  sequence: Number(r.sequence),
  id: r.id,
  type: r.type,
  segmentId: r.segment_id,
  accountId: r.account_id,
  versionId: r.version_id,
  occurredAt: r.occurred_at,
  data: r.data,
  fitChangesFollow: r.fit_changes_follow,
});

/** The JSON a FIT_CHANGED event carries; the CRM's ids (externalId, segment key) beside ours. */
const FIT_CHANGED_DATA = (c: string, externalId: string, before: string, after: string, cause: string) => `jsonb_build_object(
  'accountId', ${c}.account_id, 'accountExternalId', ${externalId}, 'segmentId', ${c}.segment_id, 'segmentKey', g.key,
  'versionId', ${c}.version_id, 'before', ${before}, 'after', ${after}, 'cause', ${cause})`;

/**
 * Where the events of `changes` take their accounts' externalIds from: the changes themselves
 * when every one carries it (an upsert's: joining `account` back cost it an index lookup per
 * event), else `account`. `param` is the number of the statement's parameter holding them.
 */
function externalIdsOf(changes: ReadonlyArray<{ accountExternalId?: string }>, param: number) {
  const given = changes.every((c) => c.accountExternalId !== undefined);
  return given
    ? {
        sql: 'c.external_id',
        from: `, $${param}::text[]`,
        column: ', external_id',
        join: '',
        params: [textArray(changes.map((c) => c.accountExternalId!))],
      }
    : { sql: 'a.external_id', from: '', column: '', join: 'JOIN account a ON a.id = c.account_id', params: [] };
}

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
    [
      uuidArray(changes.map((c) => c.accountId)),
      uuidArray(changes.map((c) => c.segmentId)),
      instantArray(changes.map((c) => c.occurredAt)),
    ],
  );
  const hidden = new Set(rows.map((r) => Number(r.n) - 1));
  return changes.filter((_, i) => !hidden.has(i));
}

/** Appends FIT_CHANGED events, in the order given. */
export async function appendFitChanges(db: Sql, changes: TierChange[]): Promise<void> {
  if (changes.length === 0) return;
  const json = (s: FitSnapshot | null) => (s ? JSON.stringify({ score: s.score, tier: s.tier, overridden: s.overridden }) : null);
  const externalIds = externalIdsOf(changes, 8);
  await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data)
     SELECT 'FIT_CHANGED', c.segment_id, c.account_id, c.version_id, c.occurred_at,
            ${FIT_CHANGED_DATA('c', externalIds.sql, 'c.before', 'c.after', 'c.cause')}
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::jsonb[], $6::jsonb[], $7::text[]${externalIds.from})
          WITH ORDINALITY AS c(account_id, segment_id, version_id, occurred_at, before, after, cause${externalIds.column}, n)
     ${externalIds.join}
     JOIN segment g ON g.id = c.segment_id
     ORDER BY c.n`,
    [
      uuidArray(changes.map((c) => c.accountId)),
      uuidArray(changes.map((c) => c.segmentId)),
      uuidArray(changes.map((c) => c.versionId)),
      instantArray(changes.map((c) => c.occurredAt)),
      textArray(changes.map((c) => json(c.before))),
      textArray(changes.map((c) => json(c.after))),
      textArray(changes.map((c) => c.cause)),
      ...externalIds.params,
    ],
  );
}

/** Appends FIT_REMOVED events (data as FIT_CHANGED's, with `after` null), in the order given. */
export async function appendFitRemovals(db: Sql, removals: FitRemoval[]): Promise<void> {
  if (removals.length === 0) return;
  const externalIds = externalIdsOf(removals, 7);
  await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data)
     SELECT 'FIT_REMOVED', c.segment_id, c.account_id, c.version_id, c.occurred_at,
            ${FIT_CHANGED_DATA('c', externalIds.sql, 'c.before', `'null'::jsonb`, 'c.cause')}
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::jsonb[], $6::text[]${externalIds.from})
          WITH ORDINALITY AS c(account_id, segment_id, version_id, occurred_at, before, cause${externalIds.column}, n)
     ${externalIds.join}
     JOIN segment g ON g.id = c.segment_id
     ORDER BY c.n`,
    [
      removals.map((c) => c.accountId),
      removals.map((c) => c.segmentId),
      removals.map((c) => c.versionId),
      removals.map((c) => c.occurredAt),
      removals.map((c) => JSON.stringify({ score: c.before.score, tier: c.before.tier, overridden: c.before.overridden })),
      removals.map((c) => c.cause),
      ...externalIds.params,
    ],
  );
}

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Accounts a page of a publish's fit changes looks at: a bounded statement whatever the changes. */
const FIT_CHANGES_SCAN = 2000;

/** FIT_CHANGED data of a publish's change (`k`: the new score, `p`: the previous version's), as written events carry it. */
const FIT_CHANGED_DATA_OF_PUBLISH = `jsonb_build_object(
  'accountId', k.account_id, 'accountExternalId', k.external_id, 'segmentId', g.id, 'segmentKey', g.key, 'versionId', $2::uuid,
  'before', CASE WHEN p.account_id IS NULL THEN NULL ELSE ${snapshotSql('p', 'false')} END,
  'after', ${snapshotSql('k', 'false')}, 'cause', 'VERSION_PUBLISHED')`;

/**
 * Appends one event that is not a fit change (a version published, an override's life).
 * `fitChangesFollow`: a publish's VERSION_PUBLISHED, followed in the stream by the FIT_CHANGED
 * events of every tier it changed (fitChangesOfPublish), which are not written as rows.
 */
export async function appendEvent(
  db: Sql,
  event: {
    type: Exclude<EventType, 'FIT_CHANGED'>;
    segmentId: string;
    accountId?: string | null;
    versionId?: string | null;
    occurredAt: Date;
    data: Record<string, unknown>;
    fitChangesFollow?: boolean;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO outbox_event (type, segment_id, account_id, version_id, occurred_at, data, fit_changes_follow)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [
      event.type,
      event.segmentId,
      event.accountId ?? null,
      event.versionId ?? null,
      event.occurredAt,
      JSON.stringify(event.data),
      event.fitChangesFollow ?? false,
    ],
  );
}

/** The highest sequence committed so far (0 for an empty outbox). */
export async function lastSequence(db: Sql): Promise<number> {
  const [{ n }] = await db.query('SELECT coalesce(max(sequence), 0)::text AS n FROM outbox_event');
  return Number(n);
}

/** A filter of the stream: some types (null: all) and some segments (null: all). */
export interface StreamFilter {
  types?: readonly EventType[] | null;
  segmentIds?: readonly string[] | null;
}

/**
 * The event stream after `from`, as every reader sees it: the outbox's events in the order they
 * committed, each publish's VERSION_PUBLISHED followed by the FIT_CHANGED events of the tiers it
 * changed (in account id order), filtered by type and segment. At most `limit` events, give or
 * take one page of a publish's changes, and none after the sequence `upTo` when given (readers
 * that read the outbox's end first). `next` is the position after what was read: past the
 * events the filter left out too, and up to `upTo` when nothing else is there. `scan`: accounts
 * per statement reading a publish's changes (tests make it small).
 */
export async function streamAfter(
  db: Sql,
  from: StreamPosition,
  filter: StreamFilter,
  limit: number,
  upTo?: number,
  options: { scan?: number } = {},
): Promise<{ events: OutboxEvent[]; next: StreamPosition }> {
  const wanted = (type: EventType) => !filter.types || filter.types.includes(type);
  const events: OutboxEvent[] = [];
  // Reads a publish's changes after `after` until the limit; the position where it stopped.
  const changesOf = async (publish: OutboxEvent, after: string): Promise<StreamPosition> => {
    let cursor: string | null = after;
    while (cursor !== null && events.length < limit) {
      const page = await fitChangesOfPublish(db, publish, cursor, options.scan);
      events.push(...page.events);
      cursor = page.lastAccountId;
    }
    return { sequence: publish.sequence, inFitChangesAfter: cursor };
  };
  let at = from;
  if (at.inFitChangesAfter !== null) {
    const [publish] = (await db.query(`SELECT ${COLUMNS} FROM outbox_event WHERE sequence = $1`, [at.sequence])).map(toEvent);
    // The filter may have changed since the reader stopped inside these changes (a webhook updated).
    const stillWanted = publish && wanted('FIT_CHANGED') && (!filter.segmentIds || filter.segmentIds.includes(publish.segmentId));
    at = stillWanted ? await changesOf(publish, at.inFitChangesAfter) : { sequence: at.sequence, inFitChangesAfter: null };
    if (at.inFitChangesAfter !== null) return { events, next: at };
  }
  const room = limit - events.length;
  if (room <= 0 || (upTo !== undefined && at.sequence >= upTo)) return { events, next: at };
  // A publish's event is read for its changes also by a reader that does not want the event itself.
  const rows: RawEvent[] = await db.query(
    `SELECT ${COLUMNS} FROM outbox_event
     WHERE sequence > $1 AND ($5::bigint IS NULL OR sequence <= $5)
       AND ($2::text[] IS NULL OR type = ANY($2) OR ($6 AND fit_changes_follow)) AND ($3::uuid[] IS NULL OR segment_id = ANY($3))
     ORDER BY sequence LIMIT $4`,
    [at.sequence, filter.types ?? null, filter.segmentIds ?? null, room, upTo ?? null, wanted('FIT_CHANGED')],
  );
  for (const event of rows.map(toEvent)) {
    if (wanted(event.type)) events.push(event);
    at = { sequence: event.sequence, inFitChangesAfter: null };
    if (event.fitChangesFollow && wanted('FIT_CHANGED')) {
      at = await changesOf(event, NIL_UUID);
      if (at.inFitChangesAfter !== null) return { events, next: at };
    }
    if (events.length >= limit) return { events, next: at };
  }
  if (rows.length < room && upTo !== undefined) at = { sequence: upTo, inFitChangesAfter: null };
  return { events, next: at };
}

/** Events by id, in sequence order. */
export async function eventsByIds(db: Sql, ids: readonly string[]): Promise<OutboxEvent[]> {
  const rows: RawEvent[] = await db.query(`SELECT ${COLUMNS} FROM outbox_event WHERE id = ANY($1::uuid[]) ORDER BY sequence`, [ids]);
  return rows.map(toEvent);
}

/** An event as webhooks and the README describe it. */
export function eventPayload(e: OutboxEvent): EventPayload {
  return { id: e.id, type: e.type, occurredAt: e.occurredAt.toISOString(), data: e.data };
}

/**
 * The FIT_CHANGED events that follow a publish's VERSION_PUBLISHED event (`fit_changes_follow`),
 * in account id order after `afterAccountId`, from at most `scan` accounts (members or not).
 * Exactly what the flip changed, read from rows the flip left for good: the new version's
 * prepared rows (valid from its backfilled effectiveAt, or from -infinity: an upsert after the
 * flip closes them but never rewrites them) against the superseded version's current rows (no
 * write touches a version once superseded), effective tiers (an override in force at the flip
 * hides the change). So the same events come out whenever, and however often, they are read.
 * Each event's id is derived from the version and the account: a redelivery repeats it.
 * `lastAccountId` is where the next page starts; null when none is left.
 */
export async function fitChangesOfPublish(
  db: Sql,
  publish: OutboxEvent,
  afterAccountId: string,
  scan = FIT_CHANGES_SCAN,
): Promise<{ events: OutboxEvent[]; lastAccountId: string | null }> {
  // Accounts are walked by primary key (a plan no statistics can turn into a scan of the
  // whole table: the new version is always too new for the planner's statistics), each probing
  // its prepared row through the score history index.
  const rows: Array<{ scanned: string; changed: boolean; id: string; data: Record<string, unknown> }> = await db.query(
    `WITH a AS (SELECT id, external_id FROM account WHERE id > $4 ORDER BY id LIMIT $6),
     k AS (SELECT a.id AS account_id, a.external_id, n.score, n.tier FROM a
           LEFT JOIN LATERAL (
             SELECT x.score, x.tier FROM account_score x
             WHERE x.account_id = a.id AND x.segment_id = $1 AND x.version_id = $2
               AND ${preparedRow('x', '$2', '$5')}
             LIMIT 1) n ON true)
     SELECT k.account_id AS scanned,
            k.tier IS NOT NULL AND p.tier IS DISTINCT FROM k.tier AND NOT ${overrideInForceExists('$1', 'k.account_id', '$7')} AS changed,
            md5($2 || ':' || k.account_id)::uuid AS id,
            CASE WHEN k.tier IS NOT NULL THEN ${FIT_CHANGED_DATA_OF_PUBLISH} END AS data
     FROM k
     LEFT JOIN ${currentScoreOf('p', '$3', 'k.account_id').table} ON ${currentScoreOf('p', '$3', 'k.account_id').on}
     JOIN segment g ON g.id = $1
     ORDER BY k.account_id`,
    [
      publish.segmentId,
      publish.versionId,
      (publish.data.supersededVersionId as string | null) ?? null,
      afterAccountId,
      (publish.data.publishJobId as string | null) ?? null,
      scan,
      publish.occurredAt,
    ],
  );
  const events = rows
    .filter((r) => r.changed)
    .map((r): OutboxEvent => ({
      sequence: publish.sequence,
      id: r.id,
      type: 'FIT_CHANGED',
      segmentId: publish.segmentId,
      accountId: r.scanned,
      versionId: publish.versionId,
      occurredAt: publish.occurredAt,
      data: r.data,
    }));
  return { events, lastAccountId: rows.length < scan ? null : rows[rows.length - 1].scanned };
}

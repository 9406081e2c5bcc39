/**
 * The audit_event table: an append-only hash chain. Rows are only inserted; sequence, time,
 * previous hash and hash are assigned by the database trigger (migrations: audit_event_chain),
 * and the chain is verified by recomputing `audit_event_hash` / `audit_event_canonical` there.
 */
import type { Sql } from '../db/sql';
import { Conditions } from '../db/conditions';
import type { AuditEvent } from '../model/audit-event.types';

interface AuditRow {
  id: string;
  sequence: string;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  justification: string | null;
  request_id: string | null;
  actor_key_id: string | null;
  client_request_id: string | null;
  previous_hash: string | null;
  hash: string;
}

const toEvent = (r: AuditRow): AuditEvent => ({
  id: r.id,
  sequence: Number(r.sequence),
  occurredAt: r.occurred_at,
  actor: r.actor,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  justification: r.justification,
  requestId: r.request_id,
  actorKeyId: r.actor_key_id,
  clientRequestId: r.client_request_id,
  previousHash: r.previous_hash,
  hash: r.hash,
});

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** What a caller writes; the trigger fills in the rest. */
export interface NewAuditEvent {
  actor: string;
  actorKeyId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  justification: string | null;
  requestId: string | null;
  clientRequestId: string | null;
}

export async function insertAuditEvent(db: Sql, e: NewAuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_event (actor, actor_key_id, action, entity_type, entity_id, before, after, justification, request_id, client_request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10)`,
    [
      e.actor,
      e.actorKeyId,
      e.action,
      e.entityType,
      e.entityId,
      json(e.before),
      json(e.after),
      e.justification,
      e.requestId,
      e.clientRequestId,
    ],
  );
}

/** What a list of events is filtered by; occurred in [from, to). */
export interface AuditQuery {
  actor?: string | null;
  actorKeyId?: string | null;
  action?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function conditionsOf(q: AuditQuery): Conditions {
  const c = new Conditions();
  if (q.actor) c.add('actor = ?', q.actor);
  if (q.actorKeyId) c.add('actor_key_id = ?', q.actorKeyId);
  if (q.action) c.add('action = ?', q.action);
  if (q.entityType) c.add('entity_type = ?', q.entityType);
  if (q.entityId) c.add('entity_id = ?', q.entityId);
  if (q.from) c.add('occurred_at >= ?', q.from);
  if (q.to) c.add('occurred_at < ?', q.to);
  return c;
}

/**
 * One page of the filtered events, newest first (oldest first going `backward`), after the
 * `cursor` (sequence), with one row more than `size` to tell whether another page follows.
 */
export async function auditEventPage(
  db: Sql,
  q: AuditQuery,
  page: { cursor: unknown[] | null; bound: unknown[] | null; backward: boolean; size: number },
): Promise<AuditEvent[]> {
  const c = conditionsOf(q);
  // Newest first: the cursor's side, then (when both cursors are given) the bound's.
  if (page.cursor) c.add(page.backward ? 'sequence > ?' : 'sequence < ?', page.cursor[0]);
  if (page.bound) c.add(page.backward ? 'sequence < ?' : 'sequence > ?', page.bound[0]);
  const rows: AuditRow[] = await db.query(
    `SELECT * FROM audit_event ${c.where} ORDER BY sequence ${page.backward ? 'ASC' : 'DESC'} LIMIT ${c.bind(page.size + 1)}`,
    c.params,
  );
  return rows.map(toEvent);
}

export async function countAuditEvents(db: Sql, q: AuditQuery): Promise<number> {
  const c = conditionsOf(q);
  return (await db.query(`SELECT count(*)::int AS n FROM audit_event ${c.where}`, c.params))[0].n;
}

/**
 * Walks the whole chain in one statement: each row's hash against its content, its link to the
 * previous row, and gaps. `firstBroken` is the first sequence where any of them fails, or null.
 */
export async function verifyAuditChain(db: Sql): Promise<{ checked: number; firstBroken: number | null }> {
  const [row] = (await db.query(`
      WITH chain AS (
        SELECT sequence, hash, previous_hash, audit_event_hash(a) AS expected,
               lag(sequence) OVER w AS prev_sequence, lag(hash) OVER w AS prev_hash
        FROM audit_event a
        WINDOW w AS (ORDER BY sequence)
      )
      SELECT count(*)::int AS checked,
             min(sequence) FILTER (
               WHERE hash IS DISTINCT FROM expected
                  OR previous_hash IS DISTINCT FROM prev_hash
                  OR sequence <> coalesce(prev_sequence, 0) + 1) AS first_broken
      FROM chain`)) as Array<{ checked: number; first_broken: string | null }>;
  return { checked: row.checked, firstBroken: row.first_broken === null ? null : Number(row.first_broken) };
}

/** An event as exported: its fields as the canonical text writes them, and that text. */
export interface ExportedEvent {
  sequence: number;
  id: string;
  occurredAt: string;
  actor: string;
  actorKeyId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  justification: string | null;
  requestId: string | null;
  clientRequestId: string | null;
  before: unknown;
  after: unknown;
  previousHash: string | null;
  hash: string;
  /** The exact text the hash covers (after the previous hash), as the database canonicalised it. */
  canonical: string;
}

/** The events that occurred in [from, to), in sequence order, each with its canonical text. */
export async function exportedEventsOfPeriod(db: Sql, from: Date, to: Date): Promise<ExportedEvent[]> {
  const rows = await db.query(
    `SELECT sequence, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at, actor, actor_key_id, action,
            entity_type, entity_id, justification, request_id, client_request_id, before, after, previous_hash, hash, audit_event_canonical(a) AS canonical
     FROM audit_event a WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY sequence`,
    [from, to],
  );
  return rows.map((r: Record<string, any>) => ({
    sequence: Number(r.sequence),
    id: r.id,
    occurredAt: r.occurred_at,
    actor: r.actor,
    actorKeyId: r.actor_key_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    justification: r.justification,
    requestId: r.request_id,
    clientRequestId: r.client_request_id,
    before: r.before,
    after: r.after,
    previousHash: r.previous_hash,
    hash: r.hash,
    canonical: r.canonical,
  }));
}

/** The hash of the event at `sequence`, or null when there is none. */
export async function auditHashAt(db: Sql, sequence: number): Promise<string | null> {
  const [row] = await db.query('SELECT hash FROM audit_event WHERE sequence = $1', [sequence]);
  return row?.hash ?? null;
}

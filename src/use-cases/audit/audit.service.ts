import type { AppContext } from '../context';
import { assertInTransaction } from '../transaction';
import { listScope, pageRequest, toPage, withDeferredCount, type Page, type PageArgs } from '../../common/pagination';
import { isUuid } from '../../common/ids';
import { Conditions } from '../../db/conditions';
import { BadUserInputError } from '../../errors/domain-errors';
import type { AuditEvent, AuditFilter, AuditIntegrity } from '../../model/audit-event.types';

export interface AuditEntry {
  /** `entity.verb`, e.g. `version.published`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  justification?: string | null;
}

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

export class AuditService {
  /**
   * Appends one event in the caller's transaction: if the change rolls back, so does its
   * event, and if the event cannot be written, the change fails. Sequence, time and hash are
   * assigned by the database trigger.
   */
  async record(ctx: AppContext, entry: AuditEntry): Promise<void> {
    assertInTransaction(ctx, 'An audit event');
    await ctx.em.query(
      `INSERT INTO audit_event (actor, actor_key_id, action, entity_type, entity_id, before, after, justification, request_id, client_request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10)`,
      [
        ctx.principal.name,
        ctx.principal.keyId,
        entry.action,
        entry.entityType,
        entry.entityId,
        json(entry.before),
        json(entry.after),
        entry.justification ?? null,
        ctx.requestId,
        ctx.clientRequestId ?? null,
      ],
    );
  }

  /** Newest first, filtered, cursor-paginated by sequence. */
  async list(ctx: AppContext, filter: AuditFilter | null | undefined, page: PageArgs): Promise<Page<AuditEvent>> {
    const request = pageRequest(listScope('auditEvents', { filter }), page, ['integer']);
    if (filter?.from && filter?.to && filter.from > filter.to) {
      throw BadUserInputError.forField('filter.to', 'must not be before filter.from');
    }
    const c = new Conditions();
    if (filter?.actor) c.add('actor = ?', filter.actor);
    if (filter?.actorKeyId) {
      if (!isUuid(filter.actorKeyId)) throw BadUserInputError.forField('filter.actorKeyId', 'must be an API key id');
      c.add('actor_key_id = ?', filter.actorKeyId);
    }
    if (filter?.action) c.add('action = ?', filter.action);
    if (filter?.entityType) c.add('entity_type = ?', filter.entityType);
    if (filter?.entityId) c.add('entity_id = ?', filter.entityId);
    if (filter?.from) c.add('occurred_at >= ?', filter.from);
    if (filter?.to) c.add('occurred_at < ?', filter.to);
    const filtered = c.snapshot();
    if (request.cursor) c.add(request.backward ? 'sequence > ?' : 'sequence < ?', request.cursor[0]);
    const rows: AuditRow[] = await ctx.em.query(
      `SELECT * FROM audit_event ${c.where} ORDER BY sequence ${request.backward ? 'ASC' : 'DESC'} LIMIT ${c.bind(request.size + 1)}`,
      c.params,
    );
    return withDeferredCount(
      toPage(rows, request, (r) => [Number(r.sequence)], toEvent),
      async () => (await ctx.em.query(`SELECT count(*)::int AS n FROM audit_event ${filtered.where}`, filtered.params))[0].n,
    );
  }

  /** Walks the whole chain in the database: each row's hash, its link to the previous row, and gaps. */
  async integrity(ctx: AppContext): Promise<AuditIntegrity> {
    const [row] = (await ctx.em.query(`
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
    const firstBroken = row.first_broken === null ? null : Number(row.first_broken);
    return { ok: firstBroken === null, checkedEvents: row.checked, firstBrokenSequence: firstBroken };
  }
}

export const auditService = new AuditService();

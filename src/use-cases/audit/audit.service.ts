import type { AppContext } from '../context';
import { assertInTransaction } from '../transaction';
import { listScope, pageRequest, toPage, withDeferredCount, type Page, type PageArgs } from '../../common/pagination';
import { isUuid } from '../../common/ids';
import { BadUserInputError } from '../../errors/domain-errors';
import type { AuditEvent, AuditFilter, AuditIntegrity } from '../../model/audit-event.types';
import { auditEventPage, countAuditEvents, insertAuditEvent, verifyAuditChain } from '../../stores/audit-store';

export interface AuditEntry {
  /** `entity.verb`, e.g. `version.published`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  justification?: string | null;
}

export class AuditService {
  /**
   * Appends one event in the caller's transaction: if the change rolls back, so does its
   * event, and if the event cannot be written, the change fails. Sequence, time and hash are
   * assigned by the database trigger.
   */
  async record(ctx: AppContext, entry: AuditEntry): Promise<void> {
    assertInTransaction(ctx, 'An audit event');
    await insertAuditEvent(ctx.em, {
      actor: ctx.principal.name,
      actorKeyId: ctx.principal.keyId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
      justification: entry.justification ?? null,
      requestId: ctx.requestId,
      clientRequestId: ctx.clientRequestId ?? null,
    });
  }

  /** Newest first, filtered, cursor-paginated by sequence. */
  async list(ctx: AppContext, filter: AuditFilter | null | undefined, page: PageArgs): Promise<Page<AuditEvent>> {
    const request = pageRequest(listScope('auditEvents', { filter }), page, ['integer']);
    if (filter?.from && filter?.to && filter.from > filter.to) {
      throw BadUserInputError.forField('filter.to', 'must not be before filter.from');
    }
    if (filter?.actorKeyId && !isUuid(filter.actorKeyId)) throw BadUserInputError.forField('filter.actorKeyId', 'must be an API key id');
    const q = filter ?? {};
    const events = await auditEventPage(ctx.em, q, request);
    return withDeferredCount(
      toPage(
        events,
        request,
        (e) => [e.sequence],
        (e) => e,
      ),
      () => countAuditEvents(ctx.em, q),
    );
  }

  /** Walks the whole chain in the database: each row's hash, its link to the previous row, and gaps. */
  async integrity(ctx: AppContext): Promise<AuditIntegrity> {
    const { checked, firstBroken } = await verifyAuditChain(ctx.em);
    return { ok: firstBroken === null, checkedEvents: checked, firstBrokenSequence: firstBroken };
  }
}

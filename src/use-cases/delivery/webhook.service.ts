/**
 * Webhooks as ADMIN manages them: each change audited in its transaction; the signing secret
 * returned once; URLs checked against private networks (see url-guard.ts).
 */
import type { AuditService } from '../audit/audit.service';
import { isUuid } from '../../common/ids';
import { listScope, pageRequest, toPage, withDeferredCount, type Page, type PageArgs } from '../../common/pagination';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import { BadUserInputError, NotFoundError } from '../../errors/domain-errors';
import { newWebhookSecret } from '../../domain/delivery/signature';
import { SEALED_PREFIX, openSecret, sealSecret } from '../../domain/delivery/secret-box';
import { webhookUrlProblem } from './url-guard';
import { deliveryStore, webhookStore } from '../../stores/webhook-store';
import { segmentsByKeys } from '../../stores/segment-store';
import type { DeliveryRow, DeliveryStatus, WebhookRow } from '../../model/delivery';
import type { WebhookInput } from '../../model/delivery.types';

const MAX_DESCRIPTION = 500;

const webhookView = (w: WebhookRow) => ({
  id: w.id,
  url: w.url,
  description: w.description,
  events: w.events,
  segmentIds: w.segmentIds,
  active: w.active,
});

export class WebhookService {
  constructor(
    private readonly audit: AuditService,
    private readonly allowPrivate: () => boolean,
    private readonly secretKey: () => Buffer | null,
  ) {}

  private key(): Buffer {
    const key = this.secretKey();
    // The API and the workers do not start without one (secret-key.bootstrap.ts); a CLI might.
    if (!key) throw new Error('FITGRAPH_SECRET_KEY is not set: webhook signing secrets cannot be stored');
    return key;
  }

  private async checked(ctx: AppContext, input: WebhookInput) {
    const problem = await webhookUrlProblem(input.url.trim(), this.allowPrivate());
    if (problem) throw BadUserInputError.forField('input.url', problem);
    if (input.events.length === 0) throw BadUserInputError.forField('input.events', 'must name at least one event type');
    const description = input.description?.trim() || null;
    if (description && description.length > MAX_DESCRIPTION) {
      throw BadUserInputError.forField('input.description', `must be at most ${MAX_DESCRIPTION} characters`);
    }
    let segmentIds: string[] | null = null;
    if (input.segmentKeys) {
      const keys = [...new Set(input.segmentKeys)];
      const segments = await segmentsByKeys(ctx.em, keys);
      const missing = keys.find((k) => !segments.some((s) => s.key === k));
      if (missing !== undefined) throw BadUserInputError.forField('input.segmentKeys', `segment "${missing}" not found`);
      segmentIds = segments.map((s) => s.id);
    }
    return { url: input.url.trim(), description, events: [...new Set(input.events)], segmentIds, active: input.active ?? true };
  }

  /** ADMIN; audited. The secret is in the answer and nowhere else, ever: the database keeps it sealed. */
  async create(ctx: AppContext, input: WebhookInput): Promise<{ webhook: WebhookRow; secret: string }> {
    const fields = await this.checked(ctx, input);
    const key = this.key();
    return runInTransaction(ctx, async (tx) => {
      const secret = newWebhookSecret();
      const webhook = await webhookStore.insert(tx.em, {
        ...fields,
        storedSecret: sealSecret(key, secret),
        createdBy: tx.principal.name,
        createdByKeyId: tx.principal.keyId,
        at: tx.clock.now(),
      });
      await this.audit.record(tx, {
        action: 'webhook.created',
        entityType: 'Webhook',
        entityId: webhook.id,
        after: webhookView(webhook),
      });
      return { webhook, secret };
    });
  }

  async update(ctx: AppContext, id: string, input: WebhookInput): Promise<WebhookRow> {
    const fields = await this.checked(ctx, input);
    return runInTransaction(ctx, async (tx) => {
      const before = await this.lock(tx, id);
      const webhook = await webhookStore.update(tx.em, id, { ...fields, at: tx.clock.now() });
      await this.audit.record(tx, {
        action: 'webhook.updated',
        entityType: 'Webhook',
        entityId: id,
        before: webhookView(before),
        after: webhookView(webhook),
      });
      return webhook;
    });
  }

  async delete(ctx: AppContext, id: string): Promise<boolean> {
    return runInTransaction(ctx, async (tx) => {
      const before = await this.lock(tx, id);
      await webhookStore.markDeleted(tx.em, id, tx.clock.now());
      await this.audit.record(tx, { action: 'webhook.deleted', entityType: 'Webhook', entityId: id, before: webhookView(before) });
      return true;
    });
  }

  /**
   * Seals the secrets stored in clear (webhooks created before secrets were sealed), at start-up.
   * Each stays the same secret, so receivers need no change. Returns how many were sealed.
   */
  async sealStoredSecrets(ctx: AppContext): Promise<number> {
    const key = this.key();
    return runInTransaction(ctx, async (tx) => {
      const clear = await webhookStore.withClearSecrets(tx.em, SEALED_PREFIX);
      for (const w of clear) await webhookStore.storeSealedSecret(tx.em, w.id, sealSecret(key, openSecret(key, w.storedSecret)));
      return clear.length;
    });
  }

  /** The webhook a delivery was made for, deleted or not. */
  ofDelivery(ctx: AppContext, delivery: DeliveryRow): Promise<WebhookRow | null> {
    return webhookStore.find(ctx.em, delivery.webhookId, { includeDeleted: true });
  }

  list(ctx: AppContext): Promise<WebhookRow[]> {
    return webhookStore.listLive(ctx.em);
  }

  /** Sends a delivery again at once, whatever its status: it goes back to the head of its webhook's line. */
  async redeliver(ctx: AppContext, deliveryId: string): Promise<DeliveryRow> {
    return runInTransaction(ctx, async (tx) => {
      const delivery = isUuid(deliveryId) ? await deliveryStore.find(tx.em, deliveryId) : null;
      if (!delivery) throw new NotFoundError(`deliveryId: delivery ${deliveryId} not found`, { field: 'deliveryId' });
      await deliveryStore.requeue(tx.em, delivery.id, tx.clock.now());
      await this.audit.record(tx, {
        action: 'webhook.redelivered',
        entityType: 'WebhookDelivery',
        entityId: delivery.id,
        before: { status: delivery.status, attempts: delivery.attempts },
        after: { status: 'PENDING' },
      });
      return (await deliveryStore.find(tx.em, delivery.id))!;
    });
  }

  /** Newest first; Relay paging both ways. */
  async deliveries(ctx: AppContext, args: { webhookId: string; status: DeliveryStatus | null } & PageArgs): Promise<Page<DeliveryRow>> {
    const webhook = isUuid(args.webhookId) ? await webhookStore.find(ctx.em, args.webhookId, { includeDeleted: true }) : null;
    if (!webhook) throw new NotFoundError(`webhookId: webhook ${args.webhookId} not found`, { field: 'webhookId' });
    const request = pageRequest(listScope('webhookDeliveries', { webhookId: webhook.id, status: args.status }), args, ['instant', 'uuid']);
    const rows = await deliveryStore.page(ctx.em, {
      webhookId: webhook.id,
      status: args.status,
      limit: request.size + 1,
      backward: request.backward,
      cursor: request.cursor as [string, string] | null,
      bound: request.bound as [string, string] | null,
    });
    const page = toPage(
      rows,
      request,
      (d) => [d.createdAt.toISOString(), d.id],
      (d) => d,
    );
    return withDeferredCount(page, () => deliveryStore.count(ctx.em, webhook.id, args.status));
  }

  private async lock(tx: AppContext, id: string): Promise<WebhookRow> {
    const webhook = isUuid(id) ? await webhookStore.find(tx.em, id, { forUpdate: true }) : null;
    if (!webhook) throw new NotFoundError(`id: webhook ${id} not found`, { field: 'id' });
    return webhook;
  }
}

/**
 * The only code that reads or writes `webhook` and `webhook_delivery`: endpoints, their cursor in
 * the outbox, and every delivery with its attempts.
 */
import { Channel, notify } from '../db/notifications';
import type { Sql } from '../db/sql';
import type { DeliveryRow, DeliveryStatus, EventPayload, EventType, StreamPosition, WebhookRow } from '../model/delivery';

const WEBHOOK_COLUMNS = `id, url, description, events, segment_ids, active, secret, last_sequence, last_account_id, created_by, created_by_key_id,
  created_at, updated_at, deleted_at`;
const DELIVERY_COLUMNS = `id, webhook_id, event_ids, events, first_sequence, status, attempts, last_status_code, last_error, next_attempt_at,
  delivered_at, created_at`;

const toWebhook = (r: Record<string, any>): WebhookRow => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events,
  segmentIds: r.segment_ids,
  active: r.active,
  storedSecret: r.secret,
  lastSequence: Number(r.last_sequence),
  lastAccountId: r.last_account_id,
  createdBy: r.created_by,
  createdByKeyId: r.created_by_key_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export const toDelivery = (r: Record<string, any>): DeliveryRow => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventIds: r.event_ids,
  events: r.events,
  firstSequence: Number(r.first_sequence),
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  deliveredAt: r.delivered_at,
  createdAt: r.created_at,
});

export interface NewWebhook {
  url: string;
  description: string | null;
  events: EventType[];
  segmentIds: string[] | null;
  active: boolean;
  /** Sealed by the caller: the store never sees the secret in clear. */
  storedSecret: string;
  createdBy: string;
  createdByKeyId: string | null;
  at: Date;
}

export const webhookStore = {
  /** A new endpoint starts after the newest event: it receives what happens from now on. */
  async insert(db: Sql, w: NewWebhook): Promise<WebhookRow> {
    const [row] = await db.query(
      `INSERT INTO webhook (url, description, events, segment_ids, active, secret, last_sequence, created_by, created_by_key_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT coalesce(max(sequence), 0) FROM outbox_event), $7, $8, $9, $9)
       RETURNING ${WEBHOOK_COLUMNS}`,
      [w.url, w.description, w.events, w.segmentIds, w.active, w.storedSecret, w.createdBy, w.createdByKeyId, w.at],
    );
    return toWebhook(row);
  },

  async update(
    db: Sql,
    id: string,
    w: Pick<NewWebhook, 'url' | 'description' | 'events' | 'segmentIds' | 'active' | 'at'>,
  ): Promise<WebhookRow> {
    const [[row]] = await db.query(
      `UPDATE webhook SET url = $2, description = $3, events = $4, segment_ids = $5, active = $6, updated_at = $7
       WHERE id = $1 AND deleted_at IS NULL RETURNING ${WEBHOOK_COLUMNS}`,
      [id, w.url, w.description, w.events, w.segmentIds, w.active, w.at],
    );
    return toWebhook(row);
  },

  /** Deleted endpoints keep their deliveries readable; they are never sent to again. */
  async markDeleted(db: Sql, id: string, at: Date): Promise<void> {
    await db.query('UPDATE webhook SET deleted_at = $2, active = false, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL', [id, at]);
  },

  async find(db: Sql, id: string, opts: { forUpdate?: boolean; includeDeleted?: boolean } = {}): Promise<WebhookRow | null> {
    const [row] = await db.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhook WHERE id = $1 ${opts.includeDeleted ? '' : 'AND deleted_at IS NULL'} ${opts.forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ? toWebhook(row) : null;
  },

  async findMany(db: Sql, ids: readonly string[]): Promise<WebhookRow[]> {
    return (await db.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook WHERE id = ANY($1::uuid[])`, [ids])).map(toWebhook);
  },

  async listLive(db: Sql): Promise<WebhookRow[]> {
    return (await db.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook WHERE deleted_at IS NULL ORDER BY created_at, id`)).map(toWebhook);
  },

  /** Active endpoints whose cursor is behind the outbox (or inside a publish's changes): events wait to be put into deliveries. */
  async behind(db: Sql): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `SELECT id FROM webhook WHERE active AND deleted_at IS NULL
         AND (last_account_id IS NOT NULL OR last_sequence < (SELECT coalesce(max(sequence), 0) FROM outbox_event))`,
    );
    return rows.map((r) => r.id);
  },

  /** Webhooks (deleted ones too) whose secret is stored in clear: written before secrets were sealed. */
  async withClearSecrets(db: Sql, sealedPrefix: string): Promise<Array<{ id: string; storedSecret: string }>> {
    const rows: Array<{ id: string; secret: string }> = await db.query(
      `SELECT id, secret FROM webhook WHERE NOT starts_with(secret, $1) ORDER BY id FOR UPDATE`,
      [sealedPrefix],
    );
    return rows.map((r) => ({ id: r.id, storedSecret: r.secret }));
  },

  /** Replaces a stored secret by its sealed form (the secret itself does not change). */
  async storeSealedSecret(db: Sql, id: string, sealed: string): Promise<void> {
    await db.query('UPDATE webhook SET secret = $2 WHERE id = $1', [id, sealed]);
  },

  /** Moves the cursor to `to` (the caller holds the row FOR UPDATE and read the cursor under it). */
  async advance(db: Sql, id: string, to: StreamPosition): Promise<void> {
    await db.query('UPDATE webhook SET last_sequence = $2, last_account_id = $3 WHERE id = $1', [id, to.sequence, to.inFitChangesAfter]);
  },
};

export const deliveryStore = {
  async insert(db: Sql, d: { id: string; webhookId: string; events: EventPayload[]; firstSequence: number; at: Date }): Promise<void> {
    await db.query(
      `INSERT INTO webhook_delivery (id, webhook_id, event_ids, events, first_sequence, status, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, 'PENDING', $6, $6)`,
      [d.id, d.webhookId, d.events.map((e) => e.id), JSON.stringify(d.events), d.firstSequence, d.at],
    );
  },

  async find(db: Sql, id: string): Promise<DeliveryRow | null> {
    const [row] = await db.query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery WHERE id = $1`, [id]);
    return row ? toDelivery(row) : null;
  },

  /** The webhook's oldest pending delivery: deliveries of one webhook go out in order, one at a time. */
  async oldestPending(db: Sql, webhookId: string): Promise<DeliveryRow | null> {
    const [row] = await db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery WHERE webhook_id = $1 AND status = 'PENDING' ORDER BY first_sequence, created_at, id LIMIT 1`,
      [webhookId],
    );
    return row ? toDelivery(row) : null;
  },

  /** Webhooks with a pending delivery due by `now`. */
  async webhooksDue(db: Sql, now: Date): Promise<string[]> {
    const rows: Array<{ webhook_id: string }> = await db.query(
      `SELECT DISTINCT d.webhook_id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
       WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND w.active AND w.deleted_at IS NULL`,
      [now],
    );
    return rows.map((r) => r.webhook_id);
  },

  async recordAttempt(
    db: Sql,
    id: string,
    outcome: {
      status: DeliveryStatus;
      statusCode: number | null;
      error: string | null;
      nextAttemptAt: Date | null;
      deliveredAt: Date | null;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE webhook_delivery SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4,
         next_attempt_at = $5, delivered_at = coalesce($6, delivered_at)
       WHERE id = $1`,
      [id, outcome.status, outcome.statusCode, outcome.error, outcome.nextAttemptAt, outcome.deliveredAt],
    );
  },

  /** Puts a delivery back at the head of its webhook's line, whatever its status. */
  async requeue(db: Sql, id: string, at: Date): Promise<void> {
    await db.query(`UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = $2 WHERE id = $1`, [id, at]);
    // Wakes the workers at commit, as a new event would.
    await notify(db, Channel.OUTBOX);
  },

  /** Newest first, keyset-paginated by (createdAt, id); backward pages are read oldest first. */
  async page(
    db: Sql,
    args: {
      webhookId: string;
      status: DeliveryStatus | null;
      limit: number;
      backward: boolean;
      cursor: [string, string] | null;
      bound: [string, string] | null;
    },
  ): Promise<DeliveryRow[]> {
    // Newest first: past the cursor in the direction of reading, short of the bound (the other cursor).
    const cmp = args.backward ? '>' : '<';
    const boundCmp = args.backward ? '<' : '>';
    const order = args.backward ? 'ASC' : 'DESC';
    const rows = await db.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery
       WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) ${cmp} ($3::timestamptz, $4::uuid))
         AND ($6::timestamptz IS NULL OR (created_at, id) ${boundCmp} ($6::timestamptz, $7::uuid))
       ORDER BY created_at ${order}, id ${order} LIMIT $5`,
      [
        args.webhookId,
        args.status,
        args.cursor?.[0] ?? null,
        args.cursor?.[1] ?? null,
        args.limit,
        args.bound?.[0] ?? null,
        args.bound?.[1] ?? null,
      ],
    );
    return rows.map(toDelivery);
  },

  async count(db: Sql, webhookId: string, status: DeliveryStatus | null): Promise<number> {
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM webhook_delivery WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)`,
      [webhookId, status],
    );
    return n;
  },
};

/**
 * Delivery of the outbox to webhooks, by the background workers. Two steps, each safe to run
 * again and in several processes:
 * 1. `assignEvents` puts a webhook's new events (in outbox order, filtered by its types and
 *    segments) into deliveries of up to 100, and moves its cursor, in one transaction;
 * 2. `sendDue` posts the webhook's oldest pending delivery, then the next, and stops at the first
 *    that fails (retried later with a growing back-off), so a webhook receives in order. A 2xx marks
 *    it DELIVERED; a worker killed before that leaves it PENDING, and it is sent again (at least once).
 */
import http from 'node:http';
import https from 'node:https';
import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../common/clock';
import { eventPayload, eventsByIds, lastSequence, streamAfter } from '../../stores/outbox-store';
import { signatureHeader } from '../../domain/delivery/signature';
import { openSecret, SecretKeyMismatchError } from '../../domain/delivery/secret-box';
import { guardedLookup } from './url-guard';
import { HOUR } from '../../common/dates';
import { deliveryStore, webhookStore } from '../../stores/webhook-store';
import type { DeliveryRow } from '../../model/delivery';

/** At most this many events in one POST. */
export const EVENTS_PER_DELIVERY = 100;
/** A receiver must answer within this time. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RETRY_DELAY_MS = HOUR;

export interface DeliverySettings {
  allowPrivate: boolean;
  retryBaseMs: number;
  retryHours: number;
  /** Opens the webhooks' sealed signing secrets (FITGRAPH_SECRET_KEY). */
  secretKey: Buffer | null;
  clock: Clock;
}

/**
 * Moves new events of one webhook into deliveries, each keeping its events as they are sent;
 * returns how many deliveries it made. A publish's FIT_CHANGED events are read from its score
 * rows a few thousand at a time: the webhook's cursor can stop inside them (at an account).
 */
export async function assignEvents(ds: DataSource, webhookId: string, clock: Clock): Promise<number> {
  let made = 0;
  for (;;) {
    const more = await ds.transaction(async (em) => {
      const webhook = await webhookStore.find(em, webhookId, { forUpdate: true });
      if (!webhook || !webhook.active) return false;
      // Read the outbox's end first: every event up to it has committed (see the outbox's trigger).
      const upTo = await lastSequence(em);
      const from = { sequence: webhook.lastSequence, inFitChangesAfter: webhook.lastAccountId };
      if (from.inFitChangesAfter === null && upTo <= from.sequence) return false;
      const { events, next } = await streamAfter(
        em,
        from,
        { types: webhook.events, segmentIds: webhook.segmentIds },
        EVENTS_PER_DELIVERY * 50,
        upTo,
      );
      const now = clock.now();
      for (let i = 0; i < events.length; i += EVENTS_PER_DELIVERY) {
        const batch = events.slice(i, i + EVENTS_PER_DELIVERY);
        await deliveryStore.insert(em, {
          id: uuidv7(),
          webhookId,
          events: batch.map(eventPayload),
          firstSequence: batch[0].sequence,
          at: now,
        });
        made++;
      }
      await webhookStore.advance(em, webhookId, next);
      return next.inFitChangesAfter !== null || next.sequence < upTo;
    });
    if (!more) return made;
  }
}

/**
 * Puts new outbox events into deliveries for every webhook that is behind, then returns the
 * webhooks with a delivery due now (each gets a send of its own).
 */
export async function dispatch(ds: DataSource, clock: Clock): Promise<string[]> {
  for (const id of await webhookStore.behind(ds.manager)) await assignEvents(ds, id, clock);
  return deliveryStore.webhooksDue(ds.manager, clock.now());
}

/** When the webhook's oldest pending delivery is next tried, or null when none waits. */
export async function nextAttemptAt(ds: DataSource, webhookId: string): Promise<Date | null> {
  return (await deliveryStore.oldestPending(ds.manager, webhookId))?.nextAttemptAt ?? null;
}

/** After `attempts` failed attempts, how long to wait: doubling from the base, at most an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

export interface PostResult {
  statusCode: number | null;
  error: string | null;
}

/** One POST, answered within the timeout or counted as failed; the body of the answer is ignored. */
export function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'fitgraph-webhooks',
          ...headers,
        },
        lookup: guardedLookup(allowPrivate),
        timeout: DELIVERY_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ statusCode: res.statusCode ?? null, error: null }));
        res.on('error', (err) => resolve({ statusCode: res.statusCode ?? null, error: err.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`)));
    request.on('error', (err) => resolve({ statusCode: null, error: err.message.slice(0, 500) }));
    request.end(body);
  });
}

/** The request a delivery makes: the body (as signed) and its headers. */
export async function deliveryRequest(ds: DataSource, delivery: DeliveryRow, secret: string, at: Date) {
  // Deliveries made before they kept their events read them from the outbox.
  const events = delivery.events ?? (await eventsByIds(ds.manager, delivery.eventIds)).map(eventPayload);
  const body = JSON.stringify({ deliveryId: delivery.id, webhookId: delivery.webhookId, events });
  return { body, headers: { 'fitgraph-signature': signatureHeader(secret, body, at), 'fitgraph-delivery': delivery.id } };
}

/**
 * Sends the webhook's due deliveries in order. Returns how many were delivered. Run with the
 * webhook's exclusive key held, so one webhook is never sent to twice at once.
 */
export async function sendDue(ds: DataSource, webhookId: string, settings: DeliverySettings): Promise<number> {
  let delivered = 0;
  for (;;) {
    const webhook = await webhookStore.find(ds.manager, webhookId);
    if (!webhook || !webhook.active) return delivered;
    const delivery = await deliveryStore.oldestPending(ds.manager, webhookId);
    const now = settings.clock.now();
    // The head of the line waits out its back-off; the ones behind it wait for it (order per webhook).
    if (!delivery || (delivery.nextAttemptAt && delivery.nextAttemptAt > now)) return delivered;
    let result: PostResult;
    try {
      const secret = openSecret(settings.secretKey, webhook.storedSecret);
      const { body, headers } = await deliveryRequest(ds, delivery, secret, now);
      result = await post(webhook.url, body, headers, settings.allowPrivate);
    } catch (err) {
      // A key that cannot open the secret (another FITGRAPH_SECRET_KEY) fails the attempt where
      // webhookDeliveries shows it, and the delivery is retried once the key is put right.
      if (!(err instanceof SecretKeyMismatchError)) throw err;
      result = { statusCode: null, error: err.message };
    }
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const after = settings.clock.now();
    if (ok) {
      await deliveryStore.recordAttempt(ds.manager, delivery.id, {
        status: 'DELIVERED',
        statusCode: result.statusCode,
        error: null,
        nextAttemptAt: null,
        deliveredAt: after,
      });
      delivered++;
      continue;
    }
    const error = result.error ?? `answered HTTP ${result.statusCode}`;
    const next = new Date(after.getTime() + retryDelayMs(delivery.attempts + 1, settings.retryBaseMs));
    const giveUpAt = delivery.createdAt.getTime() + settings.retryHours * HOUR;
    if (next.getTime() > giveUpAt) {
      // Retries exhausted: FAILED (redeliverWebhook sends it again); the line moves on.
      await deliveryStore.recordAttempt(ds.manager, delivery.id, {
        status: 'FAILED',
        statusCode: result.statusCode,
        error,
        nextAttemptAt: null,
        deliveredAt: null,
      });
      continue;
    }
    await deliveryStore.recordAttempt(ds.manager, delivery.id, {
      status: 'PENDING',
      statusCode: result.statusCode,
      error,
      nextAttemptAt: next,
      deliveredAt: null,
    });
    return delivered;
  }
}

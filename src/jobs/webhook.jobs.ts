import { dispatch, nextAttemptAt, sendDue } from '../use-cases/delivery/webhook-delivery';
import type { JobDefinition } from '../queue/workers';
import { QueueName, type WebhookDeliverPayload } from '../queue/queue-names';

/**
 * Puts new outbox events into deliveries for every webhook, then queues a send for each webhook
 * with a delivery due. Queued by every commit that writes events (the outbox notifies, see
 * outbox-listener.ts) and every minute, for retries that come due and as a safety net.
 */
export const webhookDispatchJob: JobDefinition = {
  queue: QueueName.WEBHOOK_DISPATCH,
  policy: 'stately',
  every: '* * * * *',
  exclusiveKey: () => QueueName.WEBHOOK_DISPATCH,
  async run(ds, _data, job) {
    for (const webhookId of await dispatch(ds, job.clock)) {
      await job.queue.nudge(QueueName.WEBHOOK_DELIVER, { webhookId }, webhookId);
    }
  },
};

/**
 * Sends one webhook's due deliveries in order. One job per webhook at a time (stately queue and
 * an exclusive key), and webhooks in parallel: a slow or dead receiver holds only its own line.
 */
export const webhookDeliverJob: JobDefinition<WebhookDeliverPayload> = {
  queue: QueueName.WEBHOOK_DELIVER,
  policy: 'stately',
  exclusiveKey: (data) => `webhook:${data.webhookId}`,
  async run(ds, data, job) {
    const delivered = await sendDue(ds, data.webhookId, {
      allowPrivate: job.config.webhookAllowPrivate,
      retryBaseMs: job.config.webhookRetryBaseMs,
      retryHours: job.config.webhookRetryHours,
      secretKey: job.config.secretKey,
      clock: job.clock,
    });
    if (delivered) job.log.info({ webhookId: data.webhookId, delivered }, 'webhook deliveries sent');
    // A retry that came due is picked up by the next dispatch (every minute, or at the next event).
    const next = await nextAttemptAt(ds, data.webhookId);
    if (next && next.getTime() - job.clock.now().getTime() < 60_000) {
      await job.queue.boss.send(QueueName.WEBHOOK_DISPATCH, {}, { startAfter: next, singletonKey: `retry:${data.webhookId}` });
    }
  },
};

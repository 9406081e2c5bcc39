/**
 * The queues of fitgraph's background work and what a job on each carries. Senders (use cases,
 * the outbox listener, jobs that queue their follow-ups) and the handlers in jobs/ name a queue
 * through these, so a queue's name is written once; the queue itself knows no handler.
 */
export const QueueName = {
  OVERRIDE_EXPIRIES: 'override-expiries',
  TIME_RESCORING: 'time-rescoring',
  PUBLISH: 'publish',
  WEBHOOK_DISPATCH: 'webhook-dispatch',
  WEBHOOK_DELIVER: 'webhook-deliver',
} as const;

/** A queued publish: the publish_job row its runs prepare and flip. */
export interface PublishPayload {
  jobId: string;
}

/** The webhook whose due deliveries a run sends, in order. */
export interface WebhookDeliverPayload {
  webhookId: string;
}

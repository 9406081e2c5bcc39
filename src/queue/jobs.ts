import { overrideExpiriesJob } from '../jobs/override-expiries.job';
import { timeRescoringJob } from '../jobs/time-rescoring.job';
import { publishJob } from '../jobs/publish.job';
import { webhookDeliverJob, webhookDispatchJob } from '../jobs/webhook.jobs';
import type { QueueSpec } from './job-queue';
import type { JobDefinition } from './workers';

/** Every kind of background work, each on its own queue. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of definitions whose payload types differ
export const JOBS: readonly JobDefinition<any>[] = [
  overrideExpiriesJob,
  timeRescoringJob,
  publishJob,
  webhookDispatchJob,
  webhookDeliverJob,
];

export const QUEUES: readonly QueueSpec[] = JOBS.map((j) => ({ name: j.queue, policy: j.policy }));

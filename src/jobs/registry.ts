import type { QueueSpec } from '../queue/job-queue';
import type { JobDefinition } from '../queue/workers';
import { overrideExpiriesJob } from './override-expiries.job';
import { publishJob } from './publish.job';
import { timeRescoringJob } from './time-rescoring.job';
import { webhookDeliverJob, webhookDispatchJob } from './webhook.jobs';

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

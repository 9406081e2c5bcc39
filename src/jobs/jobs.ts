import { overrideExpiriesJob } from './override-expiries.job';
import { timeRescoringJob } from './time-rescoring.job';
import { publishJob } from './publish.job';
import { webhookDeliverJob, webhookDispatchJob } from './webhook.jobs';
import type { QueueSpec } from './job-queue';
import type { JobDefinition } from './workers';

/** Every kind of background work, each on its own queue. */
export const JOBS: readonly JobDefinition<any>[] = [overrideExpiriesJob, timeRescoringJob, publishJob, webhookDispatchJob, webhookDeliverJob];

export const QUEUES: readonly QueueSpec[] = JOBS.map((j) => ({ name: j.queue, policy: j.policy }));

import type { AuditService } from '../use-cases/audit/audit.service';
import type { OverrideService } from '../use-cases/overrides/override.service';
import type { PublishJobService } from '../use-cases/publishing/publish-job.service';
import type { QueueSpec } from '../queue/job-queue';
import type { JobDefinition } from '../queue/workers';
import { overrideExpiriesJob } from './override-expiries.job';
import { publishJob } from './publish.job';
import { timeRescoringJob } from './time-rescoring.job';
import { webhookDeliverJob, webhookDispatchJob } from './webhook.jobs';

/** The services background jobs call. */
export interface JobServices {
  audit: AuditService;
  overrides: OverrideService;
  publishJobs: PublishJobService;
}

/** Every kind of background work, each on its own queue. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of definitions whose payload types differ
export function backgroundJobs(services: JobServices): readonly JobDefinition<any>[] {
  return [overrideExpiriesJob(services), timeRescoringJob(services), publishJob(services), webhookDispatchJob, webhookDeliverJob];
}

export const queuesOf = (jobs: readonly JobDefinition<object>[]): QueueSpec[] => jobs.map((j) => ({ name: j.queue, policy: j.policy }));

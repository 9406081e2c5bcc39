import { PUBLISH_QUEUE, type PublishJobService } from '../use-cases/publishing/publish-job.service';
import { createSystemContext } from '../use-cases/system-context';
import type { JobDefinition } from '../queue/workers';

/**
 * Prepares (and flips) a publish. Several runs of one publish go on at once on purpose: they
 * share its batches through row locks, so no exclusive key here.
 */
export const publishJob = (services: { publishJobs: PublishJobService }): JobDefinition<{ jobId: string }> => ({
  queue: PUBLISH_QUEUE,
  policy: 'standard',
  async run(ds, data, job) {
    const ctx = { ...createSystemContext(ds, job.log), requestId: `job-${job.jobId}`, log: job.log };
    await services.publishJobs.run(ctx, data.jobId);
  },
});

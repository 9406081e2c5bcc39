import type { PublishJobService } from '../use-cases/publishing/publish-job.service';
import { jobContext } from './job-context';
import type { JobDefinition } from '../queue/workers';
import { QueueName, type PublishPayload } from '../queue/queue-names';

/**
 * Prepares (and flips) a publish. Several runs of one publish go on at once on purpose: they
 * share its batches through row locks, so no exclusive key here.
 */
export const publishJob = (services: { publishJobs: PublishJobService }): JobDefinition<PublishPayload> => ({
  queue: QueueName.PUBLISH,
  policy: 'standard',
  async run(ds, data, job) {
    const ctx = jobContext(ds, job);
    await services.publishJobs.run(ctx, data.jobId);
  },
});

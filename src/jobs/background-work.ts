import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { JobQueue } from '../queue/job-queue';
import { backgroundJobs, queuesOf, type JobServices } from './registry';
import { listenToOutbox } from './outbox-listener';
import { startWorkers, type Workers } from '../queue/workers';

export interface BackgroundWork {
  queue: JobQueue;
  /** Null when this process only sends jobs (FITGRAPH_IN_PROCESS_WORKERS=false). */
  workers: Workers | null;
  /** Lets running jobs finish (up to `timeoutMs`), then closes the queue. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Opens the shared job queue (migrating its schema when needed) and, when `runWorkers`, works
 * every queue in this process. A process that only sends jobs leaves maintenance and cron
 * schedules to the processes that run workers.
 */
export interface BackgroundWorkOptions {
  url: string;
  dataSource: DataSource;
  config: Readonly<Config>;
  /** Work the queues in this process too (otherwise only send jobs). */
  runWorkers: boolean;
  log: Logger;
  services: JobServices;
  metrics: Metrics;
  clock: Clock;
}

export async function startBackgroundWork(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const { url, dataSource: ds, config: cfg, runWorkers, log, services, metrics, clock } = options;
  const jobs = backgroundJobs(services);
  const queue = await JobQueue.open({ url, queues: queuesOf(jobs), timeoutSeconds: cfg.jobTimeoutSeconds, maintains: runWorkers, log });
  const workers = runWorkers
    ? await startWorkers(queue, ds, jobs, { concurrency: cfg.workerConcurrency, config: cfg, log, metrics, clock })
    : null;
  services.publishJobs.useQueue(queue);
  const outbox = runWorkers ? await listenToOutbox(url, queue, log) : null;
  if (runWorkers) {
    // Catch up at once rather than at the next cron minute (e.g. expiries due while nothing ran).
    for (const job of jobs) if (job.every) await queue.send(job.queue, {});
  }
  return {
    queue,
    workers,
    stop: async (timeoutMs) => {
      services.publishJobs.useQueue(null);
      await outbox?.stop();
      await queue.stop(timeoutMs);
    },
  };
}

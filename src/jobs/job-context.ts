import type { DataSource } from 'typeorm';
import type { AppContext } from '../use-cases/context';
import { createSystemContext } from '../use-cases/system-context';
import type { JobRun } from '../queue/workers';

/** The context a job's work runs in: the system's principal, the job's id as request id, its logger and its fitgraph's clock. */
export function jobContext(ds: DataSource, job: JobRun): AppContext {
  return { ...createSystemContext(ds, job.log, undefined, job.clock), requestId: `job-${job.jobId}`, log: job.log };
}

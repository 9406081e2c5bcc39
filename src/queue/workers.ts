/**
 * Worker loops: each job definition's queue is worked by `concurrency` loops in this process.
 * Every run is logged with its job id, counted in /metrics, and holds a PostgreSQL advisory
 * lock on its exclusive key for its whole length, so two runs of the same work never overlap
 * in any process: not when a retry of a slow job starts while the first run still goes on,
 * and not when a cron fires twice. A worker that dies drops its connection and with it the lock.
 */
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Job, JobQueue, QueueSpec } from './job-queue';
import { LockNamespace } from '../db/advisory-locks';

export interface JobRun {
  jobId: string;
  config: Readonly<Config>;
  /** 0 on the first run; a retried job (failed, or its worker lost) counts up. */
  retryCount: number;
  log: Logger;
  /** The queue the job came from, for work that schedules its own follow-up. */
  queue: JobQueue;
  /** The time the job reads: the clock of the fitgraph that runs the workers (tests drive it). */
  clock: Clock;
}

export interface JobDefinition<T extends object = object> {
  queue: string;
  /** 'singleton' lets one job of the queue run at a time in the cluster; 'standard' as many as workers. */
  policy: QueueSpec['policy'];
  /** A cron expression (UTC) for periodic jobs. */
  every?: string;
  /** Runs with equal keys never overlap, in any process; without one, the job coordinates its runs itself. */
  exclusiveKey?(data: T): string;
  /** The work. It must be safe to run again: a job whose worker was lost is retried. */
  run(ds: DataSource, data: T, job: JobRun): Promise<void>;
}

export interface Workers {
  /** Lets running jobs finish (up to `timeoutMs`) and stops fetching new ones. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Runs `work` while this session holds the key's lock; waits for another holder to finish. */
export async function exclusively<T>(ds: DataSource, key: string, work: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [LockNamespace.JOB_KEY, key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LockNamespace.JOB_KEY, key]);
    }
  } finally {
    await runner.release();
  }
}

export async function startWorkers(
  queue: JobQueue,
  ds: DataSource,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of definitions whose payload types differ
  definitions: readonly JobDefinition<any>[],
  options: { concurrency: number; config: Readonly<Config>; log: Logger; metrics: Metrics; clock: Clock },
): Promise<Workers> {
  const { log } = options;
  for (const def of definitions) {
    const handler = (job: Job<object>) =>
      runJob(ds, def, job, { queue, config: options.config, clock: options.clock }, log, options.metrics);
    for (let i = 0; i < options.concurrency; i++) await queue.work(def.queue, handler);
    if (def.every) await queue.boss.schedule(def.queue, def.every, {}, { tz: 'UTC' });
  }
  log.info({ queues: definitions.map((d) => d.queue), concurrency: options.concurrency }, 'workers started');
  return { stop: (timeoutMs) => queue.stop(timeoutMs) };
}

async function runJob(
  ds: DataSource,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of definitions whose payload types differ
  def: JobDefinition<any>,
  job: Job<object>,
  env: Pick<JobRun, 'queue' | 'config' | 'clock'>,
  parent: Logger,
  metrics: Metrics,
): Promise<void> {
  const log = parent.child({ jobId: job.id, queue: def.queue });
  const started = process.hrtime.bigint();
  metrics.jobsRunning.inc({ queue: def.queue });
  log.info({ retryCount: job.retryCount }, 'job started');
  try {
    const work = () => def.run(ds, job.data, { jobId: job.id, retryCount: job.retryCount, log, ...env });
    await (def.exclusiveKey ? exclusively(ds, def.exclusiveKey(job.data), work) : work());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics.jobsFinished.inc({ queue: def.queue, outcome: 'completed' });
    log.info({ ms: Math.round(seconds * 1000) }, 'job completed');
  } catch (err) {
    metrics.jobsFinished.inc({ queue: def.queue, outcome: 'failed' });
    log.error({ err, retryCount: job.retryCount, retryLimit: job.retryLimit }, 'job failed');
    throw err; // pg-boss records the failure and retries within the queue's retry limit
  } finally {
    metrics.jobsRunning.dec({ queue: def.queue });
    metrics.jobSeconds.observe({ queue: def.queue }, Number(process.hrtime.bigint() - started) / 1e9);
  }
}

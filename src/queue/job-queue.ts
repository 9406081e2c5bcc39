/**
 * The job queue every process shares: pg-boss on the application's PostgreSQL. pg-boss keeps
 * its tables in the `pgboss` schema and migrates them itself at start (under its own advisory
 * lock, so several processes may start at once): its schema belongs to the library version
 * installed, and copying its DDL into our migrations would freeze it there.
 *
 * What the queue guarantees, and what we add on top (see workers.ts):
 * - a job is fetched by one worker (FOR UPDATE SKIP LOCKED);
 * - a job whose worker died stays `active` until `jobTimeoutSeconds` pass, then pg-boss's
 *   maintenance (every process running workers does it, one at a time) retries it elsewhere;
 * - "never twice at once" also when a slow job outlives its timeout: workers.ts holds a
 *   PostgreSQL advisory lock per job key for the whole run, released by the server if the
 *   worker's connection dies.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Client, Pool, type QueryResult } from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import { LockNamespace } from '../db/advisory-locks';
import type { Sql } from '../db/sql';

export interface JobQueueOptions {
  url: string;
  /** Queues this process sends to or works on; created when missing. */
  queues: readonly QueueSpec[];
  /** How long a job may run before it counts as lost (its worker died) and is retried. */
  timeoutSeconds: number;
  /** Run maintenance (expiring lost jobs, archiving) and cron schedules: processes with workers do. */
  maintains: boolean;
  log: Logger;
}

export type Job<T> = PgBoss.JobWithMetadata<T>;

/**
 * 'singleton': at most one active job per queue (and singleton key) in the whole cluster;
 * 'stately': besides, at most one waiting (a second send while one waits is dropped: it would
 * do the same work).
 */
export interface QueueSpec {
  name: string;
  policy: 'standard' | 'singleton' | 'stately';
}

export const JOB_SCHEMA = 'pgboss';

/** The shared queue's jobs by queue and state; none before the queue's schema exists. */
export async function jobCounts(db: Sql): Promise<Array<{ queue: string; state: string; jobs: number }>> {
  const [{ installed }] = await db.query(`SELECT to_regclass('${JOB_SCHEMA}.job') IS NOT NULL AS installed`);
  if (!installed) return [];
  return db.query(`SELECT name AS queue, state::text AS state, count(*)::int AS jobs FROM ${JOB_SCHEMA}.job GROUP BY 1, 2`);
}

/**
 * pg-boss's connection pool, ours rather than pg-boss's so that stopping can wait for every
 * statement pg-boss still has in flight before closing it. pg-boss's own stop closes its pool
 * as soon as no job runs, but a worker's fetch in flight at that moment still returns jobs:
 * they ran after stop() had returned (against a closing application), and their completion
 * went nowhere, leaving them `active` until their timeout.
 */
class QueueConnections {
  private readonly pool: Pool;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(url: string, log: Logger) {
    this.pool = new Pool({ connectionString: url, application_name: 'fitgraph-jobs', max: 4 });
    this.pool.on('error', (err: Error & { code?: string }) =>
      log.error({ err: { message: err.message, code: err.code } }, 'job queue connection error'),
    );
  }

  /**
   * pg-boss's database interface. Once closed it answers `undefined`, as pg-boss's own does and
   * pg-boss expects (a late completion is then a no-op; an empty result would throw in it).
   */
  executeSql = (text: string, values?: unknown[]): Promise<QueryResult> => {
    if (this.closed) return Promise.resolve(undefined as unknown as QueryResult);
    const query = this.pool.query(text, values);
    this.inFlight.add(query);
    void query.then(
      () => this.inFlight.delete(query),
      () => this.inFlight.delete(query),
    );
    return query;
  };

  get busy(): Promise<unknown>[] {
    return [...this.inFlight];
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.end();
  }
}

export class JobQueue {
  private stopping = false;
  private stopped: Promise<void> | undefined;
  /** Job handlers running in this process, which stopping waits for. */
  private readonly running = new Set<Promise<unknown>>();
  /** Rejected at the end of the drain, for pg-boss to let go of the jobs still running. */
  private readonly abandoned: Promise<never>;
  private abandon: () => void = () => undefined;

  private constructor(
    readonly boss: PgBoss,
    readonly timeoutSeconds: number,
    private readonly connections: QueueConnections,
    private readonly log: Logger,
  ) {
    this.abandoned = new Promise<never>((_, reject) => {
      this.abandon = () => reject(new Error('abandoned: still running when its process stopped'));
    });
    this.abandoned.catch(() => undefined); // only pg-boss listens, and only while jobs run
  }

  static async open(options: JobQueueOptions): Promise<JobQueue> {
    const connections = new QueueConnections(options.url, options.log);
    const boss = new PgBoss({
      db: connections,
      schema: JOB_SCHEMA,
      migrate: true,
      supervise: options.maintains,
      schedule: options.maintains,
      // A lost job is noticed within timeout + one maintenance pass.
      maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.floor(options.timeoutSeconds / 2))),
      monitorStateIntervalSeconds: 60,
      archiveCompletedAfterSeconds: 24 * 3600,
      deleteAfterDays: 7,
    });
    // Only what an operator needs: pg's errors carry the whole client as enumerable properties.
    boss.on('error', (err: Error & { code?: string }) =>
      options.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'job queue error'),
    );
    await boss.start();
    const queue = new JobQueue(boss, options.timeoutSeconds, connections, options.log);
    // Creating a queue creates and attaches a partition: two processes doing it at once deadlock,
    // so processes starting together take turns (a session advisory lock on a short-lived connection).
    const turn = new Client({ connectionString: options.url, application_name: 'fitgraph-jobs-setup' });
    await turn.connect();
    try {
      await turn.query('SELECT pg_advisory_lock($1, hashtext($2))', [LockNamespace.JOB_KEY, 'job-queue-setup']);
      for (const { name, policy } of options.queues) {
        const settings = { name, policy, expireInSeconds: options.timeoutSeconds, retryLimit: 5, retryDelay: 5, retryBackoff: true };
        await boss.createQueue(name, settings);
        // A queue keeps the settings it was created with; the latest deployment's config wins.
        await boss.updateQueue(name, settings);
      }
    } finally {
      await turn.end(); // releases the lock
    }
    return queue;
  }

  /** Queues a job unless an equal one (same singleton key) already waits on a stately queue. */
  async nudge(queue: string, data: object, singletonKey: string): Promise<void> {
    await this.boss.send(queue, data, { singletonKey });
  }

  /** Queues a job; returns its id. */
  async send(queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<string> {
    const id = await this.boss.send(queue, data, options);
    if (!id) throw new Error(`queue ${queue} refused the job`);
    return id;
  }

  async job<T>(queue: string, id: string): Promise<Job<T> | null> {
    return this.boss.getJobById<T>(queue, id, { includeArchive: true });
  }

  /**
   * Works `queue` with one polling loop, one job at a time. A job fetched once this process is
   * stopping is not started: it goes back to the queue as it was, its try not counted.
   */
  async work<T>(queue: string, handler: (job: Job<T>) => Promise<void>): Promise<void> {
    await this.boss.work<T>(queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, ([job]) => {
      if (this.stopping) return this.handBack(queue, job.id);
      const run = handler(job);
      this.running.add(run);
      const done = () => this.running.delete(run);
      void run.then(done, done);
      // At the deadline pg-boss hears the job failed (it was marked so) and its loop ends.
      return Promise.race([run, this.abandoned]);
    });
  }

  /**
   * Puts a fetched job back as waiting, due now, and not counting the fetch as a try (the next
   * fetch counts one only when started_on is set). pg-boss's completion of it then finds it no
   * longer active and does nothing. On a stately queue an equal job may already wait in that
   * state; this one then fails its try, as pg-boss would have it, and the equal one does the work.
   */
  private async handBack(queue: string, id: string): Promise<void> {
    this.log.info({ jobId: id, queue }, 'job handed back: this process is stopping');
    try {
      await this.connections.executeSql(
        `UPDATE ${JOB_SCHEMA}.job SET state = 'retry', started_on = NULL, start_after = now(), output = $3
          WHERE name = $1 AND id = $2 AND state = 'active'`,
        [queue, id, { message: HANDED_BACK }],
      );
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new Error(HANDED_BACK);
      throw err;
    }
  }

  /**
   * Stops fetching and waits up to `timeoutMs` for running jobs; jobs still running then are
   * marked failed, so they are retried within seconds (the queue's retry delay) rather than
   * after their timeout. Returns once no job of this process runs (or at the deadline) and
   * pg-boss has no statement in flight, so the caller may close what the jobs use. Calling it
   * again returns the same stop.
   */
  stop(timeoutMs = 10_000): Promise<void> {
    this.stopped ??= this.shutDown(timeoutMs);
    return this.stopped;
  }

  private async shutDown(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const deadline = Date.now() + timeoutMs;
    try {
      await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
      // What pg-boss does not wait for: a fetch in flight (its job is handed back, with one more
      // statement) and a job that outlives the timeout.
      await settle(() => [...this.running, ...this.connections.busy], deadline);
      if (this.running.size > 0) {
        this.log.warn({ jobs: this.running.size }, 'jobs still running at the end of the drain: abandoned');
        this.abandon();
      }
      // pg-boss's own statements are short: give them their time even past the deadline.
      await settle(() => this.connections.busy, Date.now() + 5_000);
    } finally {
      await this.connections.close();
    }
  }
}

const HANDED_BACK = 'handed back: the worker that fetched it was stopping';

/**
 * Waits until `pending` stays empty over a turn of the event loop (what settles may start more
 * in its callbacks), or until the deadline.
 */
async function settle(pending: () => Promise<unknown>[], deadline: number): Promise<void> {
  for (let now = pending(); Date.now() < deadline; now = pending()) {
    if (now.length === 0) {
      await nextTurn();
      if (pending().length === 0) return;
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, deadline - Date.now())));
    await Promise.race([Promise.allSettled(now), late]);
    clearTimeout(timer);
  }
}

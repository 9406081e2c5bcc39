/**
 * The job queue in one process: override expiries run as a queued job, runs of the same key
 * never overlap, failures are retried and visible (logs with the job id, /metrics).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startBackgroundWork, type BackgroundWork } from '../../src/jobs/background-work';
import { JobQueue } from '../../src/queue/job-queue';
import { startWorkers, type JobDefinition, type Workers } from '../../src/queue/workers';
import { logSink } from '../../src/logger';
import { graphql } from '../gql';
import type { TimedFitQuery } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/wait';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
let background: BackgroundWork;
const timedFit = graphql(`
  query TimedFit($id: ID!) { account(id: $id) { fit(segmentKey: "timed") { score tier computed { validFrom nextChangeAt } } } }
`);
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';

async function waitForJob(queue: JobQueue, name: string, id: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.job(name, id);
    if (job && ['completed', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job?.state} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  background = await startBackgroundWork({
    url: t.databaseUrl,
    dataSource: t.ds,
    config: { ...t.config, jobTimeoutSeconds: 30, workerConcurrency: 2 },
    runWorkers: true,
    log: t.log,
    services: t.services,
    metrics: t.fitgraph.metrics,
    clock: t.fitgraph.clock,
  });
});
afterAll(async () => {
  await background.stop(2000);
  await t.close();
});

describe('override expiries on the queue', () => {
  it("records an override's expiry in the audit trail once, however many times the job runs", async () => {
    await t.data(createSegment, {
      input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
    });
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'a1', name: 'A1', attributes: { industry: 'retail' } }],
    });
    const draft = (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft;
    await t.data(publishVersion, { id: draft.id });
    const accountId = (await t.sql<{ id: string }>(`SELECT id FROM account WHERE external_id = 'a1'`))[0].id;
    const expiresAt = new Date(Date.now() + 1500);
    const manager = await t.keyFor('SALES_MANAGER');
    const created = (
      await t.data(
        overrideFit,
        {
          input: {
            accountId,
            segmentKey: 'core',
            tier: 'STRONG',
            category: 'STRATEGIC_ACCOUNT',
            justification: WHY,
            expiresAt: expiresAt.toISOString(),
          },
        },
        { key: manager },
      )
    ).overrideFit;
    await sleep(Math.max(0, expiresAt.getTime() - Date.now()) + 50);

    const ids = await Promise.all([1, 2, 3].map(() => background.queue.send('override-expiries', {})));
    const jobs = await Promise.all(ids.map((id) => waitForJob(background.queue, 'override-expiries', id)));
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
    const events = await t.sql(`SELECT actor, entity_id, request_id FROM audit_event WHERE action = 'override.expired'`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'system', entity_id: created.id });
    expect(ids.map((id) => `job-${id}`)).toContain(events[0].request_id);
  });

  it('is scheduled every minute by the processes that run workers', async () => {
    const schedules = await background.queue.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual([
      ['override-expiries', '* * * * *'],
      ['time-rescoring', '* * * * *'],
      ['webhook-dispatch', '* * * * *'],
    ]);
  });
});

describe('time-driven rescoring on the queue', () => {
  it('rescores a score when its window ends, valid from exactly then, with a run queued for that instant', async () => {
    await t.data(createSegment, {
      input: { key: 'timed', name: 'Timed', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
    });
    const draft = (
      await t.data(createDraft, {
        segmentKey: 'timed',
        definition: {
          dimensions: [
            {
              dimension: 'BEHAVIORAL',
              weight: 100,
              criteria: [{ attribute: 'lastEngagedAt', operator: 'WITHIN_DAYS', value: 30, points: 1 }],
            },
          ],
        },
      })
    ).createDraft;
    await t.data(publishVersion, { id: draft.id });
    // Engaged 30 days ago less 3 s: in the window (score 100) until 3 s from now; out 1 ms after that (score 0).
    const engagedAt = new Date(Date.now() - 30 * 86_400_000 + 3000);
    const windowEnd = new Date(engagedAt.getTime() + 30 * 86_400_000 + 1);
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'timed-1', name: 'Timed 1', attributes: { industry: 'saas', lastEngagedAt: engagedAt.toISOString() } }],
    });
    const accountId = (await t.sql<{ id: string }>(`SELECT id FROM account WHERE external_id = 'timed-1'`))[0].id;
    expect((await t.data(timedFit, { id: accountId })).account?.fit).toMatchObject({
      score: 100,
      computed: { nextChangeAt: windowEnd.toISOString() },
    });
    // A run now (as the minute's cron would) finds nothing due yet and queues one for the window's end.
    await waitForJob(background.queue, 'time-rescoring', await background.queue.send('time-rescoring', {}));
    let fit: NonNullable<TimedFitQuery['account']>['fit'] = null;
    for (const until = windowEnd.getTime() + 20_000; Date.now() < until; await sleep(200)) {
      fit = (await t.data(timedFit, { id: accountId })).account!.fit;
      if (fit!.score === 0) break;
    }
    const seenAt = Date.now();
    expect(fit).toEqual({ score: 0, tier: 'WEAK', computed: { validFrom: windowEnd.toISOString(), nextChangeAt: null } });
    // Well within a minute of the instant (a worker polls every second).
    expect(seenAt - windowEnd.getTime()).toBeLessThan(15_000);
    const history = await t.sql<{ valid_from: Date; valid_to: Date | null }>(
      `SELECT valid_from, valid_to FROM account_score WHERE account_id = $1 AND version_id = $2 ORDER BY valid_from`,
      [accountId, draft.id],
    );
    expect(history.map((h) => [h.valid_to?.toISOString() ?? null])).toEqual([[windowEnd.toISOString()], [null]]);
  });
});

describe('workers', () => {
  const runs: Array<{ id: string; start: number; end: number }> = [];
  let flaky: Workers;
  let queue: JobQueue;
  const lines: string[] = [];
  let previous: { target: typeof logSink.target; level: string };

  beforeAll(async () => {
    const exclusive: JobDefinition<{ n: number }> = {
      queue: 'test-exclusive',
      policy: 'standard',
      exclusiveKey: () => 'same-work',
      async run(_ds, _data, job) {
        const start = Date.now();
        await sleep(150);
        runs.push({ id: job.jobId, start, end: Date.now() });
      },
    };
    const failsOnce: JobDefinition = {
      queue: 'test-fails-once',
      policy: 'standard',
      exclusiveKey: (d) => JSON.stringify(d),
      async run(_ds, _data, job) {
        if (job.retryCount === 0) throw new Error('the first run fails on purpose');
      },
    };
    queue = await JobQueue.open({
      url: t.databaseUrl,
      queues: [
        { name: exclusive.queue, policy: 'standard' },
        { name: failsOnce.queue, policy: 'standard' },
      ],
      timeoutSeconds: 30,
      maintains: false,
      log: t.log,
    });
    await queue.boss.updateQueue(failsOnce.queue, {
      name: failsOnce.queue,
      policy: 'standard',
      retryLimit: 2,
      retryDelay: 1,
      expireInSeconds: 30,
    });
    previous = { target: logSink.target, level: t.log.level };
    logSink.target = { write: (line: string) => lines.push(line) };
    t.log.level = 'info';
    flaky = await startWorkers(queue, t.ds, [exclusive, failsOnce], {
      concurrency: 3,
      clock: t.fitgraph.clock,
      config: t.config,
      log: t.log,
      metrics: t.fitgraph.metrics,
    });
  });
  afterAll(async () => {
    await flaky.stop(2000);
    logSink.target = previous.target;
    t.log.level = previous.level;
  });

  it('never runs two jobs with the same key at once, even with free workers', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map((n) => queue.send('test-exclusive', { n })));
    await Promise.all(ids.map((id) => waitForJob(queue, 'test-exclusive', id)));
    expect(runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    const ordered = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i].start).toBeGreaterThanOrEqual(ordered[i - 1].end);
  });

  it('retries a failed job, logs the failure with the job id, and counts both in /metrics', async () => {
    const id = await queue.send('test-fails-once', { attempt: 'x' });
    const job = await waitForJob(queue, 'test-fails-once', id);
    expect(job).toMatchObject({ state: 'completed', retryCount: 1 });
    const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'job failed' && l.jobId === id);
    expect(failed).toMatchObject({
      queue: 'test-fails-once',
      level: 50,
      err: expect.objectContaining({ message: 'the first run fails on purpose' }),
    });

    const metricsUrl = t.url.replace('/graphql', '/metrics');
    expect((await fetch(metricsUrl)).status).toBe(401);
    const viewer = await t.keyFor('VIEWER');
    const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${viewer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    const figure = (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(body)?.[1]);
    expect(figure('fitgraph_jobs_finished_total{queue="test-fails-once",outcome="failed"}')).toBe(1);
    expect(figure('fitgraph_jobs_finished_total{queue="test-fails-once",outcome="completed"}')).toBe(1);
    expect(figure('fitgraph_jobs_finished_total{queue="test-exclusive",outcome="completed"}')).toBe(4);
    expect(figure('fitgraph_queue_jobs{queue="test-exclusive",state="completed"}')).toBe(4);
    expect(figure('fitgraph_queue_jobs{queue="override-expiries",state="completed"}')).toBeGreaterThanOrEqual(3);
    expect(figure('fitgraph_http_requests_total{path="/metrics",status="401"}')).toBeGreaterThanOrEqual(1);
    expect(figure('fitgraph_http_requests_total{path="/graphql",status="200"}')).toBeGreaterThanOrEqual(1);
  });
});

describe('stopping', () => {
  const open = () =>
    JobQueue.open({
      url: t.databaseUrl,
      queues: [{ name: 'test-stopping', policy: 'standard' }],
      timeoutSeconds: 30,
      maintains: false,
      log: t.log,
    });

  it('hands back, untried, a job that a fetch in flight returns after stop began, and returns once that is recorded', async () => {
    const queue = await open();
    const id = await queue.send('test-stopping', {});
    // Hold the worker's first fetch on a lock of the queue's table: it is in flight while stop runs.
    const [{ partition }] = await t.sql<{ partition: string }>(
      `SELECT partition_name AS partition FROM pgboss.queue WHERE name = 'test-stopping'`,
    );
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    let stopped: Promise<number> | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE pgboss.${partition} IN EXCLUSIVE MODE`);
      const ran: string[] = [];
      await queue.work('test-stopping', async (job) => {
        ran.push(job.id);
      });
      await until('the fetch waiting on the lock', async () => {
        const waiting = await t.sql(
          `SELECT 1 FROM pg_stat_activity
            WHERE application_name = 'fitgraph-jobs' AND wait_event_type = 'Lock' AND query LIKE '%SKIP LOCKED%'`,
        );
        return waiting.length > 0;
      });
      let stoppedAt = 0;
      stopped = queue.stop(10_000).then(() => (stoppedAt = Date.now()));
      await sleep(1500); // pg-boss's own stop is over by then (it waits for running jobs only)
      expect(stoppedAt).toBe(0);
      const releasedAt = Date.now();
      await blocker.query('COMMIT');
      await stopped;
      expect(stoppedAt).toBeGreaterThanOrEqual(releasedAt);
      expect(ran).toEqual([]);
      const [job] = await t.sql(`SELECT state::text, retry_count, started_on, output FROM pgboss.job WHERE id = $1`, [id]);
      expect(job).toEqual({
        state: 'retry',
        retry_count: 0,
        started_on: null,
        output: { message: 'handed back: the worker that fetched it was stopping' },
      });
    } finally {
      await blocker.end();
      await (stopped ?? queue.stop(0));
    }

    // The next worker runs it as a first try.
    const next = await open();
    const runs: number[] = [];
    try {
      await next.work('test-stopping', async (job) => {
        runs.push(job.retryCount);
      });
      expect(await waitForJob(next, 'test-stopping', id)).toMatchObject({ state: 'completed', retryCount: 0 });
      expect(runs).toEqual([0]);
    } finally {
      await next.stop(2000);
    }
  });

  it('lets a job run to the deadline, then lets go of it: the job is retried and stop returns', async () => {
    const queue = await open();
    let release = () => undefined as void;
    const running = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    await queue.work('test-stopping', async () => {
      started = true;
      await running;
    });
    const id = await queue.send('test-stopping', { slow: true });
    await until('the slow job running', () => started);
    const t0 = Date.now();
    try {
      await queue.stop(1500);
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(1500);
      expect(took).toBeLessThan(5000);
      const [job] = await t.sql(`SELECT state::text, retry_count, output FROM pgboss.job WHERE id = $1`, [id]);
      // Failed by pg-boss's loop, which let go of it, not only by pg-boss's drain timeout.
      expect(job).toEqual({
        state: 'retry',
        retry_count: 0,
        output: expect.objectContaining({ message: 'abandoned: still running when its process stopped' }),
      });
    } finally {
      release();
    }
  });
});

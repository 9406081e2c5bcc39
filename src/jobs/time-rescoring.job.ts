import type { AuditService } from '../use-cases/audit/audit.service';
import { nextChangeAt, rescoreAllDue } from '../use-cases/scoring/time-rescoring';
import { jobContext } from './job-context';
import type { JobDefinition } from '../queue/workers';
import { QueueName } from '../queue/queue-names';

/** Each run stops after this long and queues the next one, so a large backlog never holds one job past its timeout. */
const BUDGET_MS = 30_000;
/** The cron runs every minute; an instant closer than this gets a run of its own at that instant. */
const CRON_MS = 60_000;

/**
 * Rescores the scores whose nextChangeAt has passed, as of exactly that instant (see
 * rescoreDueAccounts). Every minute by cron; each run also queues a run at the soonest coming
 * nextChangeAt when that is before the next minute (unless a run is queued already), and at
 * once when it left rows due, so fits show a change within seconds of its instant. Runs are safe to repeat and to overlap
 * (due rows are taken with SKIP LOCKED); the exclusive key only saves doubled effort.
 */
export const timeRescoringJob = (services: { audit: AuditService }): JobDefinition => ({
  queue: QueueName.TIME_RESCORING,
  policy: 'standard',
  every: '* * * * *',
  exclusiveKey: () => QueueName.TIME_RESCORING,
  async run(ds, _data, job) {
    const ctx = jobContext(ds, job);
    const done = await rescoreAllDue(services, ctx, { budgetMs: BUDGET_MS });
    if (done.due) job.log.info({ ...done }, 'time-driven rescoring');
    const now = ctx.clock.now();
    const next = await nextChangeAt(ctx);
    if (!next) return;
    const wait = next.getTime() - now.getTime();
    if (wait >= CRON_MS) return; // the cron comes first
    if (wait <= 0 && done.due === 0) return; // due rows this run could not take (an upsert holds them): the cron retries
    // One queued run is enough: the follow-ups of overlapping runs must not multiply.
    if ((await job.queue.boss.getQueueSize(QueueName.TIME_RESCORING, { before: 'active' })) > 0) return;
    await job.queue.send(QueueName.TIME_RESCORING, {}, wait > 0 ? { startAfter: next } : {});
  },
});

/**
 * Publishing without stopping the world. A publish is a job: `start` checks the draft and queues
 * it; `run` (worker loops, or publishVersion in the request) prepares the draft's scores in
 * batches of member ids committed one by one, straight into account_score under the draft's
 * version (any number of runs share the batches through FOR UPDATE SKIP LOCKED; a run that dies
 * leaves its batch to the others), while upserts and reads go on under the live version. Upserts
 * during the preparation also score their accounts under the draft (draft-scoring.ts), so the
 * prepared rows are current when the batches are done. Then one short transaction, the flip
 * (publish-flip.ts), supersedes the live version and publishes the draft, whose rows thereby
 * become the current ones, flags overrides and writes the outbox and audit events. Readers read
 * published versions' rows only: until the flip commits nothing of the job is visible, and a
 * cancelled or failed job's rows are deleted. This file is the job's orchestration: which
 * transaction runs when.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as uuidv7 } from 'uuid';
import type { AuditService } from '../audit/audit.service';
import type { Role } from '../../model/role';
import { isUuid } from '../../common/ids';
import { checkPageSize } from '../../common/pagination';
import type { Config } from '../../config';
import type { AppContext } from '../context';
import { liftTimeouts } from '../../db/data-source';
import { PgCode, pgCode } from '../../db/database-errors';
import { refreshStaleStatistics } from '../../db/statistics';
import { runInTransaction } from '../transaction';
import { ConflictError, NotFoundError } from '../../errors/domain-errors';
import type { JobQueue } from '../../queue/job-queue';
import { QueueName, type PublishPayload } from '../../queue/queue-names';
import { attributesRead } from '../../domain/scoring/scorer-cache';
import type { SegmentService } from '../segments/segment.service';
import * as versionStore from '../../stores/version-store';
import { type VersionService, type PublishArgs } from '../versions/version.service';
import type { PublishResult } from '../../model/version.types';
import {
  batchMembers,
  claimBatch,
  finishBatch,
  finishPublishJob,
  insertPublishJob,
  lockEarlierJobs,
  lockUnfinishedJob,
  markPreparing,
  pendingBatches,
  planBatches,
  publishJobById,
  publishJobsOf,
} from '../../stores/publish-job-store';
import { clearDraftScores, deleteAbandonedDraftScores, writeDraftScores } from '../../stores/score-store';
import { holdAccountWrites } from '../../stores/account-store';
import { UNFINISHED, type PublishJob } from '../../model/publish-job.types';
import { LockNamespace, tryTransactionLock } from '../../db/advisory-locks';
import { scoreMembers } from './member-scoring';
import { checkEffectiveAt, makeLive, summarizePublish } from './publish-flip';
import { RunLease } from './run-lease';
import { checkVersionNotes } from '../../domain/definitions/version-notes';

/** How many worker runs a queued publish asks for (they share its batches). */
const PARALLEL_RUNS = 2;
const WORKER = `${os.hostname()}:${process.pid}`;

export class PublishJobService {
  /** The job queue this process opened, once it has (a process without one runs its publishes itself). */
  private queue: JobQueue | null = null;

  constructor(
    private readonly versions: VersionService,
    private readonly segments: SegmentService,
    private readonly audit: AuditService,
    config: Pick<Config, 'publishBatchSize'>,
  ) {
    this.batchSize = config.publishBatchSize;
  }

  /** Publishes started from now on are also sent to `queue`'s workers; null: no queue (it was stopped). */
  useQueue(queue: JobQueue | null): void {
    this.queue = queue;
  }

  /** Members per batch: one transaction each, small enough to redo cheaply, big enough to amortise (tests lower it). */
  batchSize: number;

  /**
   * Checks the draft as publishVersion does and queues its publish. At most one unfinished
   * publish per segment: a second one is CONFLICT.
   */
  async start(ctx: AppContext, args: PublishArgs, lease?: RunLease): Promise<PublishJob> {
    const notes = checkVersionNotes(args.notes);
    let orphan: PublishJob | null = null;
    const job = await runInTransaction(ctx, async (tx) => {
      const draft = await this.versions.getById(tx, args.id);
      if (draft.status !== 'DRAFT')
        throw new ConflictError(`version ${draft.number} is already ${draft.status}: only drafts can be published`);
      checkEffectiveAt(args.effectiveAt, tx.clock.now(), await this.versions.liveVersion(tx, draft.segmentId));
      if (lease) {
        // publishVersion of a draft whose publish lost its run (its process was killed) takes it over.
        const unfinished = await lockUnfinishedJob(tx.em, draft.segmentId, draft.id);
        if (unfinished) {
          const free = await tryTransactionLock(tx.em, LockNamespace.PUBLISH_RUN, unfinished);
          if (!free) throw new ConflictError('another version of this segment is being published; try again once it is done');
          orphan = await publishJobById(tx.em, unfinished);
          return orphan!;
        }
      }
      const id = uuidv7();
      // Held before the job exists for anyone else: a second publishVersion of this draft sees a live run.
      await lease?.acquire(id);
      try {
        await insertPublishJob(tx.em, {
          id,
          segmentId: draft.segmentId,
          versionId: draft.id,
          notes: notes ?? null,
          notesGiven: notes !== undefined,
          effectiveAt: args.effectiveAt ?? null,
          requestedBy: tx.principal.name,
          requestedByKeyId: tx.principal.keyId,
          requestedByRole: tx.principal.role,
          requestedAt: tx.clock.now(),
        });
      } catch (err) {
        if (pgCode(err) === PgCode.uniqueViolation) {
          throw new ConflictError('another version of this segment is being published; try again once it is done');
        }
        throw err;
      }
      return (await publishJobById(tx.em, id))!;
    });
    if (orphan) {
      ctx.log.warn({ publishJobId: job.id }, 'taking over a publish whose run was lost');
      await lease!.acquire(job.id);
      return job;
    }
    // Workers pick it up; publishVersion also runs it itself, so a process without a queue still publishes.
    const queue = this.queue;
    if (queue) {
      for (let i = 0; i < PARALLEL_RUNS; i++)
        await queue
          .send(QueueName.PUBLISH, { jobId: job.id } satisfies PublishPayload)
          .catch((err) => ctx.log.error({ err, publishJobId: job.id }, 'queueing a publish failed'));
    }
    return job;
  }

  /** publishVersion: starts the same job, runs it here (workers may share the batches), waits for it. */
  async publish(ctx: AppContext, args: PublishArgs): Promise<PublishResult> {
    const lease = new RunLease(ctx.em.connection);
    let job: PublishJob;
    try {
      job = await this.start(ctx, args, lease);
      await this.run(ctx, job.id, lease);
    } finally {
      await lease.release();
    }
    const done = (await publishJobById(ctx.em, job.id))!;
    // Another process may have made it live: this request's answer and the next ones here show it.
    ctx.loaders.wrote();
    if (done.state === 'DONE') return (await this.result(ctx, done))!;
    if (done.state === 'CANCELLED') throw new ConflictError(`the publish of this version was cancelled`);
    throw new Error(`publish ${job.id} ${done.state}: ${done.error ?? 'unknown error'}`);
  }

  async get(ctx: AppContext, id: string): Promise<PublishJob | null> {
    return isUuid(id) ? publishJobById(ctx.em, id) : null;
  }

  async list(ctx: AppContext, segmentKey: string | null | undefined, first: number): Promise<PublishJob[]> {
    checkPageSize(first);
    const segmentId = segmentKey ? (await this.segments.getByKey(ctx, segmentKey)).id : null;
    return publishJobsOf(ctx.em, segmentId, first);
  }

  /** Stops a job that has not begun its flip; the draft stays a draft and its prepared scores go. */
  async cancel(ctx: AppContext, jobId: string): Promise<PublishJob> {
    const job = await runInTransaction(ctx, async (tx) => {
      // Waits for a running flip (FOR UPDATE), not for batches in flight (FOR KEY SHARE): they see the
      // cancel at their next claim, and whatever they staged meanwhile is cleared then.
      const current = isUuid(jobId) ? await publishJobById(tx.em, jobId, 'FOR NO KEY UPDATE') : null;
      if (!current) throw new NotFoundError(`jobId: publish job ${jobId} not found`, { field: 'jobId' });
      if (!UNFINISHED.includes(current.state) || current.state === 'FLIPPING') {
        throw new ConflictError(`jobId: the publish is ${current.state} and can no longer be cancelled`, { field: 'jobId' });
      }
      await finishPublishJob(tx.em, jobId, 'CANCELLED', tx.clock.now());
      await this.audit.record(tx, {
        action: 'publish.cancelled',
        entityType: 'PublishJob',
        entityId: jobId,
        before: { state: current.state, versionId: current.versionId },
        after: { state: 'CANCELLED' },
      });
      return (await publishJobById(tx.em, jobId))!;
    });
    await this.clearAbandoned(ctx, job);
    return job;
  }

  /**
   * Deletes what an ended (cancelled, failed) job prepared, once its batches in flight are done
   * (they hold its row FOR KEY SHARE): the draft's rows, unless another publish of it has begun.
   */
  private async clearAbandoned(ctx: AppContext, job: Pick<PublishJob, 'id' | 'versionId'>): Promise<void> {
    await runInTransaction(ctx, async (tx) => {
      await liftTimeouts(tx.em);
      await publishJobById(tx.em, job.id, 'FOR UPDATE');
      const deleted = await deleteAbandonedDraftScores(tx.em, job.versionId);
      if (deleted) tx.log.info({ publishJobId: job.id, deleted }, 'prepared scores of an ended publish deleted');
    });
  }

  /** The PublishResult of a DONE job. */
  async result(ctx: AppContext, job: PublishJob): Promise<PublishResult | null> {
    const stored = job.stored;
    if (job.state !== 'DONE' || !stored) return null;
    return {
      version: await versionStore.existingVersion(ctx.em, job.versionId),
      superseded: stored.supersededId ? await versionStore.existingVersion(ctx.em, stored.supersededId) : null,
      accountsScored: stored.accountsScored,
      tierChanges: stored.tierChanges,
      overridesFlagged: stored.overridesFlagged,
    };
  }

  /**
   * Drives a job as far as it can go: plans its batches, scores batches until none is left
   * (waiting for batches other runs hold), then flips. Safe to call from any number of
   * processes at once, and again after a crash. A failure marks the job FAILED and rethrows.
   * Returns how long the flip and then the count of its tier migration took (ms) when this run
   * flipped, else null.
   */
  async run(ctx: AppContext, jobId: string, held?: RunLease): Promise<{ flipMs: number; summaryMs: number } | null> {
    const lease = held ?? new RunLease(ctx.em.connection);
    try {
      if (!held) await lease.acquire(jobId);
      // Statistics first, outside any transaction (ANALYZE would hold its lock): a publish right
      // after an import plans its whole-segment statements with the imported rows counted.
      await refreshStaleStatistics(ctx.em, ['account', 'account_score', 'fit_override'], ctx.log);
      await this.plan(ctx, jobId);
      for (;;) {
        while (await this.scoreNextBatch(ctx, jobId));
        const job = await publishJobById(ctx.em, jobId);
        if (!job) return null;
        if (job.state === 'CANCELLED' || job.state === 'FAILED') {
          await this.clearAbandoned(ctx, job); // a batch may have committed after the cancel
          return null;
        }
        // Flipped by another run, or by a run lost before the tier migration was counted: DONE once counted.
        if (job.state === 'FLIPPING') await this.summarize(ctx, jobId);
        if (job.state !== 'PREPARING') return null;
        if ((await pendingBatches(ctx.em, jobId)) === 0) break;
        await sleep(100); // another run holds the last batches
      }
      return await this.flip(ctx, jobId);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await finishPublishJob(ctx.em, jobId, 'FAILED', ctx.clock.now(), { error: message })
        .then(async (failed) => {
          const job = failed ? await publishJobById(ctx.em, jobId) : null;
          if (job) await this.clearAbandoned(ctx, job);
        })
        .catch((e: unknown) => ctx.log.error({ err: e, publishJobId: jobId }, 'marking a publish FAILED failed'));
      throw err;
    } finally {
      if (!held) await lease.release();
    }
  }

  /**
   * Plans the batches, then opens them (PREPARING) in a short transaction that waits for the
   * upserts in flight (SHARE on account): every upsert that commits later sees the job preparing
   * and scores its accounts under the draft as well; the batches read the earlier ones' writes.
   * Nothing of an earlier publish of the draft remains: its batches in flight are waited for,
   * its rows deleted.
   */
  private async plan(ctx: AppContext, jobId: string): Promise<void> {
    const members = await runInTransaction(ctx, async (tx) => {
      await liftTimeouts(tx.em); // bulk work, also when publishVersion runs it in a request
      const job = await publishJobById(tx.em, jobId, 'FOR UPDATE');
      if (job?.state !== 'QUEUED') return null;
      await lockEarlierJobs(tx.em, job.versionId, jobId);
      await clearDraftScores(tx.em, job.versionId);
      return planBatches(tx.em, jobId, job.segmentId, this.batchSize);
    });
    if (members === null) return;
    await runInTransaction(ctx, async (tx) => {
      const job = await publishJobById(tx.em, jobId, 'FOR UPDATE');
      if (job?.state !== 'QUEUED') return;
      await holdAccountWrites(tx.em);
      // Rows an upsert of an earlier publish's time wrote since (a few, if any).
      await clearDraftScores(tx.em, job.versionId);
      await markPreparing(tx.em, jobId, tx.clock.now(), members);
      tx.log.info({ publishJobId: jobId, members }, 'publish preparing');
    });
  }

  /** One batch in one transaction; false when none is left to claim or the job is no longer preparing. */
  private async scoreNextBatch(ctx: AppContext, jobId: string): Promise<boolean> {
    return runInTransaction(ctx, async (tx) => {
      await liftTimeouts(tx.em);
      // FOR KEY SHARE: the flip (FOR UPDATE) waits for this batch; other runs' batches and a cancel do not.
      const job = await publishJobById(tx.em, jobId, 'FOR KEY SHARE');
      if (job?.state !== 'PREPARING') return false;
      const batch = await claimBatch(tx.em, jobId);
      if (!batch) return false;
      const version = await versionStore.existingVersion(tx.em, job.versionId);
      const members = await batchMembers(tx.em, job.segmentId, attributesRead(version), batch);
      const rows = scoreMembers(version, tx.clock.now(), members);
      await writeDraftScores(tx.em, { versionId: version.id, segmentId: job.segmentId, validFrom: job.effectiveAt }, rows);
      await finishBatch(tx.em, jobId, batch.seq, WORKER, rows.length);
      return true;
    });
  }

  /** The one short transaction that makes the version live; nothing when another run flipped it already. */
  private async flip(ctx: AppContext, jobId: string): Promise<{ flipMs: number; summaryMs: number } | null> {
    const started = Date.now();
    const requester = await publishJobById(ctx.em, jobId);
    if (!requester) return null;
    // Audited as the person who asked for the publish, whichever process flips it.
    const asRequester: AppContext = {
      ...ctx,
      principal: { keyId: requester.requestedByKeyId, name: requester.requestedBy, role: requester.requestedByRole as Role },
    };
    const flipped = await runInTransaction(asRequester, async (tx) => {
      return makeLive({ versions: this.versions, audit: this.audit }, tx, jobId);
    });
    const flipMs = Date.now() - started;
    // Also when another run flipped it first: the job is DONE when this returns (publishVersion waits for that).
    await this.summarize(ctx, jobId);
    if (!flipped) return null;
    const summaryMs = Date.now() - started - flipMs;
    ctx.log.info({ publishJobId: jobId, flipMs, summaryMs }, 'publish done');
    return { flipMs, summaryMs };
  }

  /** Counts the tier migration of a flipped publish and marks it DONE (see summarizePublish). */
  private async summarize(ctx: AppContext, jobId: string): Promise<void> {
    await runInTransaction(ctx, (tx) => summarizePublish(tx, jobId));
  }
}

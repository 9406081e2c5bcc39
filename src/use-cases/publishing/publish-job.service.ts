/**
 * Publishing without stopping the world. A publish is a job: `start` checks the draft and queues
 * it; `run` (worker loops, or publishVersion in the request) prepares the draft's scores in
 * batches of member ids committed one by one into publish_staged_score (any number of runs
 * share the batches through FOR UPDATE SKIP LOCKED; a run that dies leaves its batch to the
 * others), while upserts and reads go on under the live version; then one short transaction
 * scores again the members written since their batch (their row version changed), supersedes
 * the live version, publishes the draft, makes the prepared scores current, flags overrides and
 * writes the audit event. Until that commits nothing of the job is visible to readers.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuditService } from '../audit/audit.service';
import type { Role } from '../../model/role';
import { isUuid } from '../../common/ids';
import { checkPageSize } from '../../common/pagination';
import { config } from '../../config';
import type { AppContext } from '../context';
import { liftTimeouts } from '../../db/data-source';
import { PgCode, pgCode } from '../../db/database-errors';
import { refreshStaleStatistics } from '../../db/statistics';
import { runInTransaction } from '../transaction';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors/domain-errors';
import { JobQueue } from '../../queue/job-queue';
import { flagOverridesForReview } from '../overrides/review-flags';
import { appendEvent, appendPublishFitChanges } from '../../stores/outbox-store';
import { planAsBulk } from '../../db/bulk-plan';
import { attributesRead, scorerFor } from '../scoring/scorer-cache';
import type { NewScore } from '../../stores/score-store';
import { TierMigrationCounter } from '../../domain/scoring/tier-migration';
import type { SegmentService } from '../segments/segment.service';
import type { FitTier } from '../../model/icp-definition';
import { IcpVersion } from '../../model/icp-version.entity';
import { type VersionService, type PublishArgs } from '../versions/version.service';
import type { PublishResult } from '../../model/version.types';
import { publishJobStore } from '../../stores/publish-job-store';
import { UNFINISHED, type PublishJob, type StoredPublishResult } from '../../model/publish-job.types';
import { LockNamespace } from '../../db/advisory-locks';

/** How many worker runs a queued publish asks for (they share its batches). */
const PARALLEL_RUNS = 2;
export const PUBLISH_QUEUE = 'publish';
const MAX_NOTES = 5000;
const WORKER = `${os.hostname()}:${process.pid}`;
/** Members with no staged score, or one computed from an older version of their row (written since). */
const LATE_MEMBERS =
  'NOT EXISTS (SELECT 1 FROM publish_staged_score s WHERE s.job_id = $3 AND s.account_id = a.id AND s.account_xmin = a.xmin::text)';

function checkNotes(notes: string | null | undefined): string | null | undefined {
  if (notes === undefined || notes === null) return notes;
  if (notes.length > MAX_NOTES) throw BadUserInputError.forField('notes', `must be at most ${MAX_NOTES} characters`);
  return notes.trim() || null;
}

const versionView = (v: IcpVersion) => ({
  id: v.id,
  segmentId: v.segmentId,
  number: v.number,
  status: v.status,
  revision: v.revision,
  contentHash: v.contentHash,
  notes: v.notes,
  basedOnId: v.basedOnId,
  effectiveAt: v.effectiveAt,
});

/** Checks a requested effectiveAt against now and the live version (backfills must not reach into the future or before it). */
function checkEffectiveAt(effectiveAt: Date | null | undefined, now: Date, live: IcpVersion | null): void {
  if (!effectiveAt) return;
  if (effectiveAt.getTime() > now.getTime()) throw BadUserInputError.forField('effectiveAt', 'must not be in the future');
  if (live?.effectiveAt && effectiveAt.getTime() <= live.effectiveAt.getTime()) {
    throw BadUserInputError.forField(
      'effectiveAt',
      `must be later than the live version's effectiveAt (${live.effectiveAt.toISOString()})`,
    );
  }
}

/** Scores members of the segment picked by `where` (over `a`, account, with params from $3) under the version. */
async function scoreMembers(em: AppContext['em'], version: IcpVersion, segmentId: string, now: Date, where: string, params: unknown[]) {
  const keys = attributesRead(version);
  const first = 3 + params.length;
  const projection =
    keys.length <= 50
      ? `jsonb_build_object(${keys.map((_, i) => `$${first + i}::text, a.attributes -> $${first + i}::text`).join(', ')})`
      : 'a.attributes';
  const members: Array<{ id: string; xmin: string; attributes: Record<string, unknown> }> = await em.query(
    `SELECT a.id, a.xmin::text AS xmin, ${projection} AS attributes FROM account a
     WHERE a.segment_ids @> ARRAY[$1::uuid] AND $2::boolean AND ${where}`,
    [segmentId, true, ...params, ...(keys.length <= 50 ? keys : [])],
  );
  const scorer = scorerFor(version);
  const rows: NewScore[] = members.map((m) => ({
    accountId: m.id,
    segmentId,
    versionId: version.id,
    ...scorer.evaluate(m.attributes, now),
    validFrom: now,
    computedAt: now,
  }));
  return { rows, xmins: members.map((m) => m.xmin) };
}

/**
 * A run's hold on its job: a shared advisory lock on a session of its own for as long as it
 * runs, released by the server when its process dies. A job whose lease nobody holds has no
 * live run (its process was killed): publishVersion of the same draft may take it over.
 */
class RunLease {
  private runner: QueryRunner | null = null;
  constructor(private readonly ds: DataSource) {}

  async acquire(jobId: string): Promise<void> {
    this.runner ??= this.ds.createQueryRunner();
    await this.runner.connect();
    await this.runner.query('SELECT pg_advisory_lock_shared($1, hashtext($2))', [LockNamespace.PUBLISH_RUN, jobId]);
  }

  async release(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    // Ending the session drops every advisory lock it holds.
    if (runner)
      await runner
        .query('SELECT pg_advisory_unlock_all()')
        .catch(() => undefined)
        .finally(() => runner.release());
  }
}

export class PublishJobService {
  constructor(
    private readonly versions: VersionService,
    private readonly segments: SegmentService,
    private readonly audit: AuditService,
  ) {}

  /** Members per batch: one transaction each, small enough to redo cheaply, big enough to amortise (tests lower it). */
  batchSize = config.publishBatchSize;

  /**
   * Checks the draft as publishVersion does and queues its publish. At most one unfinished
   * publish per segment: a second one is CONFLICT.
   */
  async start(ctx: AppContext, args: PublishArgs, lease?: RunLease): Promise<PublishJob> {
    const notes = checkNotes(args.notes);
    let orphan: PublishJob | null = null;
    const job = await runInTransaction(ctx, async (tx) => {
      const draft = await this.versions.getById(tx, args.id);
      if (draft.status !== 'DRAFT')
        throw new ConflictError(`version ${draft.number} is already ${draft.status}: only drafts can be published`);
      checkEffectiveAt(args.effectiveAt, tx.clock.now(), await this.versions.liveVersion(tx, draft.segmentId));
      if (lease) {
        // publishVersion of a draft whose publish lost its run (its process was killed) takes it over.
        const [unfinished] = await tx.em.query(
          `SELECT id FROM publish_job WHERE segment_id = $1 AND version_id = $2 AND state IN ('QUEUED', 'PREPARING', 'FLIPPING') FOR UPDATE`,
          [draft.segmentId, draft.id],
        );
        if (unfinished) {
          const [{ free }] = await tx.em.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS free', [
            LockNamespace.PUBLISH_RUN,
            unfinished.id,
          ]);
          if (!free) throw new ConflictError('another version of this segment is being published; try again once it is done');
          orphan = await publishJobStore.get(tx.em, unfinished.id);
          return orphan!;
        }
      }
      const id = uuidv7();
      // Held before the job exists for anyone else: a second publishVersion of this draft sees a live run.
      await lease?.acquire(id);
      try {
        await publishJobStore.insert(tx.em, {
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
      return (await publishJobStore.get(tx.em, id))!;
    });
    if (orphan) {
      ctx.log.warn({ publishJobId: job.id }, 'taking over a publish whose run was lost');
      await lease!.acquire(job.id);
      return job;
    }
    // Workers pick it up; publishVersion also runs it itself, so a process without a queue still publishes.
    const queue = JobQueue.shared();
    if (queue) {
      for (let i = 0; i < PARALLEL_RUNS; i++)
        await queue
          .send(PUBLISH_QUEUE, { jobId: job.id })
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
    const done = (await publishJobStore.get(ctx.em, job.id))!;
    if (done.state === 'DONE') return (await this.result(ctx, done))!;
    if (done.state === 'CANCELLED') throw new ConflictError(`the publish of this version was cancelled`);
    throw new Error(`publish ${job.id} ${done.state}: ${done.error ?? 'unknown error'}`);
  }

  async get(ctx: AppContext, id: string): Promise<PublishJob | null> {
    return isUuid(id) ? publishJobStore.get(ctx.em, id) : null;
  }

  async list(ctx: AppContext, segmentKey: string | null | undefined, first: number): Promise<PublishJob[]> {
    checkPageSize(first);
    const segmentId = segmentKey ? (await this.segments.getByKey(ctx, segmentKey)).id : null;
    return publishJobStore.list(ctx.em, segmentId, first);
  }

  /** Stops a job that has not begun its flip; the draft stays a draft and its staged scores go. */
  async cancel(ctx: AppContext, jobId: string): Promise<PublishJob> {
    const job = await runInTransaction(ctx, async (tx) => {
      // Waits for a running flip (FOR UPDATE), not for batches in flight (FOR KEY SHARE): they see the
      // cancel at their next claim, and whatever they staged meanwhile is cleared then.
      const current = isUuid(jobId) ? await publishJobStore.get(tx.em, jobId, 'FOR NO KEY UPDATE') : null;
      if (!current) throw new NotFoundError(`jobId: publish job ${jobId} not found`, { field: 'jobId' });
      if (!UNFINISHED.includes(current.state) || current.state === 'FLIPPING') {
        throw new ConflictError(`jobId: the publish is ${current.state} and can no longer be cancelled`, { field: 'jobId' });
      }
      await publishJobStore.finish(tx.em, jobId, 'CANCELLED', tx.clock.now());
      await this.audit.record(tx, {
        action: 'publish.cancelled',
        entityType: 'PublishJob',
        entityId: jobId,
        before: { state: current.state, versionId: current.versionId },
        after: { state: 'CANCELLED' },
      });
      return (await publishJobStore.get(tx.em, jobId))!;
    });
    await publishJobStore.clearStaging(ctx.em, jobId);
    return job;
  }

  /** The PublishResult of a DONE job. */
  async result(ctx: AppContext, job: PublishJob): Promise<PublishResult | null> {
    const stored = job.stored;
    if (job.state !== 'DONE' || !stored) return null;
    const repo = ctx.em.getRepository(IcpVersion);
    return {
      version: await repo.findOneByOrFail({ id: job.versionId }),
      superseded: stored.supersededId ? await repo.findOneByOrFail({ id: stored.supersededId }) : null,
      accountsScored: stored.accountsScored,
      tierChanges: stored.tierChanges,
      overridesFlagged: stored.overridesFlagged,
    };
  }

  /**
   * Drives a job as far as it can go: plans its batches, scores batches until none is left
   * (waiting for batches other runs hold), then flips. Safe to call from any number of
   * processes at once, and again after a crash. A failure marks the job FAILED and rethrows.
   * Returns how long the flip took (ms) when this run flipped, else null.
   */
  async run(ctx: AppContext, jobId: string, held?: RunLease): Promise<number | null> {
    const lease = held ?? new RunLease(ctx.em.connection);
    try {
      if (!held) await lease.acquire(jobId);
      // Statistics first, outside any transaction (ANALYZE would hold its lock): a publish right
      // after an import plans its whole-segment statements with the imported rows counted.
      await refreshStaleStatistics(ctx.em, ['account', 'account_score', 'fit_override']);
      await this.plan(ctx, jobId);
      for (;;) {
        while (await this.scoreNextBatch(ctx, jobId));
        const job = await publishJobStore.get(ctx.em, jobId);
        if (!job) return null;
        if (job.state === 'CANCELLED' || job.state === 'FAILED') {
          await publishJobStore.clearStaging(ctx.em, jobId); // a batch may have committed after the cancel
          return null;
        }
        if (job.state !== 'PREPARING') return null;
        if ((await publishJobStore.pendingBatches(ctx.em, jobId)) === 0) break;
        await sleep(100); // another run holds the last batches
      }
      // Members written during the preparation are scored again before the flip, so that the
      // flip (which upserts wait for) only has those written in the last moments left to do.
      await refreshStaleStatistics(ctx.em, ['publish_staged_score']);
      await this.catchUp(ctx, jobId);
      return await this.flip(ctx, jobId);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await publishJobStore
        .finish(ctx.em, jobId, 'FAILED', ctx.clock.now(), { error: message })
        .then(async (failed) => {
          if (failed) await publishJobStore.clearStaging(ctx.em, jobId);
        })
        .catch((e: unknown) => ctx.log.error({ err: e, publishJobId: jobId }, 'marking a publish FAILED failed'));
      throw err;
    } finally {
      if (!held) await lease.release();
    }
  }

  private async plan(ctx: AppContext, jobId: string): Promise<void> {
    await runInTransaction(ctx, async (tx) => {
      await liftTimeouts((sql) => tx.em.query(sql)); // bulk work, also when publishVersion runs it in a request
      const job = await publishJobStore.get(tx.em, jobId, 'FOR UPDATE');
      if (job?.state !== 'QUEUED') return;
      const members = await publishJobStore.plan(tx.em, jobId, job.segmentId, this.batchSize, tx.clock.now());
      tx.log.info({ publishJobId: jobId, members }, 'publish preparing');
    });
  }

  /** One batch in one transaction; false when none is left to claim or the job is no longer preparing. */
  private async scoreNextBatch(ctx: AppContext, jobId: string): Promise<boolean> {
    return runInTransaction(ctx, async (tx) => {
      await liftTimeouts((sql) => tx.em.query(sql));
      // FOR KEY SHARE: the flip (FOR UPDATE) waits for this batch; other runs' batches and a cancel do not.
      const job = await publishJobStore.get(tx.em, jobId, 'FOR KEY SHARE');
      if (job?.state !== 'PREPARING') return false;
      const batch = await publishJobStore.claimBatch(tx.em, jobId);
      if (!batch) return false;
      const version = await tx.em.getRepository(IcpVersion).findOneByOrFail({ id: job.versionId });
      const { rows, xmins } = await scoreMembers(
        tx.em,
        version,
        job.segmentId,
        tx.clock.now(),
        'a.id >= $3 AND ($4::uuid IS NULL OR a.id < $4)',
        [batch.firstId, batch.nextId],
      );
      await publishJobStore.stage(tx.em, jobId, rows, xmins);
      await publishJobStore.finishBatch(tx.em, jobId, batch.seq, WORKER, rows.length);
      return true;
    });
  }

  private async catchUp(ctx: AppContext, jobId: string): Promise<void> {
    await runInTransaction(ctx, async (tx) => {
      await liftTimeouts((sql) => tx.em.query(sql));
      const job = await publishJobStore.get(tx.em, jobId, 'FOR KEY SHARE');
      if (job?.state !== 'PREPARING') return;
      const version = await tx.em.getRepository(IcpVersion).findOneByOrFail({ id: job.versionId });
      const late = await planAsBulk(tx.em, () => scoreMembers(tx.em, version, job.segmentId, tx.clock.now(), LATE_MEMBERS, [jobId]));
      await publishJobStore.stage(tx.em, jobId, late.rows, late.xmins);
    });
  }

  /** The one short transaction that makes the version live; nothing when another run flipped it already. */
  private async flip(ctx: AppContext, jobId: string): Promise<number | null> {
    const started = Date.now();
    const requester = await publishJobStore.get(ctx.em, jobId);
    if (!requester) return null;
    // Audited as the person who asked for the publish, whichever process flips it.
    const asRequester: AppContext = {
      ...ctx,
      principal: { keyId: requester.requestedByKeyId, name: requester.requestedBy, role: requester.requestedByRole as Role },
    };
    const flipped = await runInTransaction(asRequester, async (tx) => {
      await liftTimeouts((sql) => tx.em.query(sql));
      const job = await publishJobStore.get(tx.em, jobId, 'FOR UPDATE');
      if (job?.state !== 'PREPARING' || (await publishJobStore.pendingBatches(tx.em, jobId)) > 0) return false;
      await tx.em.query(`UPDATE publish_job SET state = 'FLIPPING' WHERE id = $1`, [jobId]);
      // Upserts wait for this short transaction (and then score under the new version).
      await tx.em.query('LOCK TABLE account IN SHARE MODE');
      const [{ locked }] = await tx.em.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [
        LockNamespace.PUBLISH,
        job.segmentId,
      ]);
      if (!locked) throw new ConflictError('another version of this segment is being published; try again once it is done');
      const repo = tx.em.getRepository(IcpVersion);
      const draft = await repo.createQueryBuilder('v').setLock('pessimistic_write').where('v.id = :id', { id: job.versionId }).getOne();
      if (!draft || draft.discardedAt || draft.status !== 'DRAFT')
        throw new ConflictError('the draft was discarded or published while its publish was prepared');
      const now = tx.clock.now();
      // Members written (or joined) since their batch was scored: scored again, now, under the lock.
      // Whole-segment statements are planned without nested loops (linear whatever the estimates).
      const late = await planAsBulk(tx.em, () => scoreMembers(tx.em, draft, job.segmentId, now, LATE_MEMBERS, [jobId]));
      await publishJobStore.stage(tx.em, jobId, late.rows, late.xmins);

      const live = await this.versions.liveVersion(tx, job.segmentId);
      checkEffectiveAt(job.effectiveAt, now, live);
      const effectiveAt = job.effectiveAt ?? now;
      if (live) await tx.em.query(`UPDATE icp_version SET status = 'SUPERSEDED', superseded_at = $2 WHERE id = $1`, [live.id, now]);
      await tx.em.query(
        `UPDATE icp_version SET status = 'PUBLISHED', published_at = $2, published_by = $3, effective_at = $4, notes = $5, updated_at = $2 WHERE id = $1`,
        [draft.id, now, tx.principal.name, effectiveAt, job.notesGiven ? job.notes : draft.notes],
      );
      const moves = await planAsBulk(tx.em, () =>
        publishJobStore.promote(tx.em, {
          jobId,
          segmentId: job.segmentId,
          versionId: draft.id,
          previousId: live?.id ?? null,
          validFrom: effectiveAt,
        }),
      );
      const migration = new TierMigrationCounter();
      for (const m of moves) migration.add(m.from as FitTier | null, m.to as FitTier, m.accounts);
      const tierChanges = migration.moves();
      const accountsScored = moves.reduce((sum, m) => sum + m.accounts, 0);
      const overridesFlagged = await flagOverridesForReview({ audit: this.audit }, tx, job.segmentId, draft.id);
      const version = await repo.findOneByOrFail({ id: draft.id });
      const superseded = live ? await repo.findOneByOrFail({ id: live.id }) : null;
      // The outbox, in the flip's transaction: the version, then every effective tier it changed.
      await appendEvent(tx.em, {
        type: 'VERSION_PUBLISHED',
        segmentId: job.segmentId,
        versionId: version.id,
        occurredAt: now,
        data: {
          versionId: version.id,
          segmentId: job.segmentId,
          number: version.number,
          effectiveAt: effectiveAt.toISOString(),
          supersededVersionId: live?.id ?? null,
          accountsScored,
          tierChanges,
          publishJobId: jobId,
        },
      });
      await planAsBulk(tx.em, () =>
        appendPublishFitChanges(tx.em, { segmentId: job.segmentId, previousVersionId: live?.id ?? null, versionId: draft.id, at: now }),
      );
      await this.audit.record(tx, {
        action: 'version.published',
        entityType: 'IcpVersion',
        entityId: version.id,
        before: superseded ? { live: versionView(superseded) } : { live: null },
        after: {
          ...versionView(version),
          publishedAt: version.publishedAt,
          backfilled: job.effectiveAt != null,
          accountsScored,
          tierChanges,
          overridesFlagged,
          publishJobId: jobId,
        },
      });
      const result: StoredPublishResult = { supersededId: live?.id ?? null, accountsScored, tierChanges, overridesFlagged };
      await publishJobStore.finish(tx.em, jobId, 'DONE', now, { result });
      tx.log.info({ publishJobId: jobId, accountsScored, lateAccounts: late.rows.length }, 'publish flipped');
      return true;
    });
    if (!flipped) return null;
    const flipMs = Date.now() - started;
    ctx.log.info({ publishJobId: jobId, flipMs }, 'publish done');
    await publishJobStore.clearStaging(ctx.em, jobId);
    return flipMs;
  }
}

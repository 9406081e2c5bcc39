/**
 * The SQL of publish_job and publish_batch: jobs and their batches of member ids (the scores
 * they prepare are account_score rows of the draft: score-store.ts).
 */
import type { Sql } from '../db/sql';
import { isMemberOf } from './account-store';
import { attributesProjection } from './account-store';
import { PublishJob, type PublishState, type StoredPublishResult } from '../model/publish-job.types';

const JOB_COLUMNS = `j.id, j.segment_id, j.version_id, j.state, j.notes, j.notes_given, j.effective_at, j.requested_by,
  j.requested_by_key_id, j.requested_by_role, j.requested_at, j.started_at, j.finished_at, j.accounts_total, j.result, j.error,
  CASE WHEN j.state IN ('PREPARING', 'FLIPPING') THEN (SELECT coalesce(sum(b.scored), 0)::int FROM publish_batch b WHERE b.job_id = j.id)
       ELSE j.accounts_scored END AS accounts_scored`;

interface JobRow {
  id: string;
  segment_id: string;
  version_id: string;
  state: PublishState;
  notes: string | null;
  notes_given: boolean;
  effective_at: Date | null;
  requested_by: string;
  requested_by_key_id: string | null;
  requested_by_role: string;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  accounts_total: number | null;
  accounts_scored: number;
  result: StoredPublishResult | null;
  error: string | null;
}

function toJob(r: JobRow): PublishJob {
  return Object.assign(new PublishJob(), {
    id: r.id,
    segmentId: r.segment_id,
    versionId: r.version_id,
    state: r.state,
    notes: r.notes,
    notesGiven: r.notes_given,
    effectiveAt: r.effective_at,
    requestedBy: r.requested_by,
    requestedByKeyId: r.requested_by_key_id,
    requestedByRole: r.requested_by_role,
    requestedAt: r.requested_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    accountsTotal: r.accounts_total,
    accountsScored: r.accounts_scored,
    stored: r.result,
    error: r.error,
  });
}

/** A member of the segment to score: its id and the attributes asked for. */
export interface Member {
  id: string;
  attributes: Record<string, unknown>;
}

/**
 * For other stores' statements: the condition that the version `versionId` (an SQL expression)
 * has a publish that has not ended (its prepared score rows belong to that publish).
 */
export const hasUnfinishedPublish = (versionId: string): string =>
  `EXISTS (SELECT 1 FROM publish_job j WHERE j.version_id = ${versionId} AND j.state IN ('QUEUED', 'PREPARING', 'FLIPPING'))`;

/**
 * The segment's members picked by `where` (over `a`, account, with `params` from $3), share-locked
 * until the transaction ends: an upsert of one of them waits, then scores it again under the
 * draft; one that committed first is read as it wrote it (and no longer picked if it left).
 * Locked in id order, as upserts write accounts: the two never deadlock.
 */
function members(db: Sql, segmentId: string, keys: readonly string[], where: string, params: unknown[]): Promise<Member[]> {
  const projection = attributesProjection('a', keys, 3 + params.length);
  return db.query(
    `SELECT a.id, ${projection.sql} AS attributes FROM account a
     WHERE ${isMemberOf('a', '$1')} AND $2::boolean AND ${where} ORDER BY a.id FOR SHARE`,
    [segmentId, true, ...params, ...projection.params],
  );
}

export async function insertPublishJob(
  db: Sql,
  job: Omit<PublishJob, 'state' | 'startedAt' | 'finishedAt' | 'accountsTotal' | 'accountsScored' | 'stored' | 'error'>,
): Promise<void> {
  await db.query(
    `INSERT INTO publish_job (id, segment_id, version_id, state, notes, notes_given, effective_at, requested_by, requested_by_key_id, requested_by_role, requested_at)
     VALUES ($1, $2, $3, 'QUEUED', $4, $5, $6, $7, $8, $9, $10)`,
    [
      job.id,
      job.segmentId,
      job.versionId,
      job.notes,
      job.notesGiven,
      job.effectiveAt,
      job.requestedBy,
      job.requestedByKeyId,
      job.requestedByRole,
      job.requestedAt,
    ],
  );
}

export async function publishJobById(
  db: Sql,
  id: string,
  lock: '' | 'FOR UPDATE' | 'FOR NO KEY UPDATE' | 'FOR KEY SHARE' = '',
): Promise<PublishJob | null> {
  const [row] = await db.query(`SELECT ${JOB_COLUMNS} FROM publish_job j WHERE j.id = $1 ${lock}`, [id]);
  return row ? toJob(row) : null;
}

export async function publishJobsOf(db: Sql, segmentId: string | null, first: number): Promise<PublishJob[]> {
  const rows = await db.query(
    `SELECT ${JOB_COLUMNS} FROM publish_job j WHERE ($1::uuid IS NULL OR j.segment_id = $1) ORDER BY j.requested_at DESC, j.id DESC LIMIT $2`,
    [segmentId, first],
  );
  return rows.map(toJob);
}

/** The id of the unfinished job of this draft, locked for this transaction, or null. */
export async function lockUnfinishedJob(db: Sql, segmentId: string, versionId: string): Promise<string | null> {
  const [unfinished] = await db.query(
    `SELECT id FROM publish_job WHERE segment_id = $1 AND version_id = $2 AND state IN ('QUEUED', 'PREPARING', 'FLIPPING') FOR UPDATE`,
    [segmentId, versionId],
  );
  return unfinished?.id ?? null;
}

/**
 * Splits the segment's members by id into batches of `size` (again, for a job whose planning was
 * interrupted); returns the number of members. The batches cover every id (the first from the
 * smallest uuid, the last to no end): an account that joins later is in one of them.
 */
export async function planBatches(db: Sql, jobId: string, segmentId: string, size: number): Promise<number> {
  await db.query('DELETE FROM publish_batch WHERE job_id = $1', [jobId]);
  const [{ members }] = await db.query(
    `WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM account WHERE ${isMemberOf('', '$2')}),
     planned AS (
       INSERT INTO publish_batch (job_id, seq, first_id, next_id)
       SELECT $1, ((n - 1) / $3)::int, CASE WHEN n = 1 THEN '00000000-0000-0000-0000-000000000000'::uuid ELSE id END,
              lead(id) OVER (ORDER BY id)
       FROM m WHERE (n - 1) % $3 = 0
       RETURNING 1)
     SELECT (SELECT count(*) FROM m)::int AS members, (SELECT count(*) FROM planned)::int AS batches`,
    [jobId, segmentId, size],
  );
  return members;
}

/** Batches may be claimed from now on. */
export async function markPreparing(db: Sql, jobId: string, at: Date, members: number): Promise<void> {
  await db.query(`UPDATE publish_job SET state = 'PREPARING', started_at = $2, accounts_total = $3 WHERE id = $1`, [jobId, at, members]);
}

/**
 * Locks the earlier (ended) jobs of the version until the transaction ends: waits for their
 * batches still in flight, and any later batch of theirs sees them ended and writes nothing.
 */
export async function lockEarlierJobs(db: Sql, versionId: string, jobId: string): Promise<void> {
  await db.query('SELECT id FROM publish_job WHERE version_id = $1 AND id <> $2 FOR UPDATE', [versionId, jobId]);
}

/** The jobs whose batches are being scored: their segment, draft and backfilled effectiveAt. */
export async function preparingJobs(db: Sql): Promise<Array<{ segmentId: string; versionId: string; effectiveAt: Date | null }>> {
  const rows: Array<{ segment_id: string; version_id: string; effective_at: Date | null }> = await db.query(
    `SELECT segment_id, version_id, effective_at FROM publish_job WHERE state = 'PREPARING'`,
  );
  return rows.map((r) => ({ segmentId: r.segment_id, versionId: r.version_id, effectiveAt: r.effective_at }));
}

/** The next batch nobody holds, locked until the caller's transaction ends. */
export async function claimBatch(db: Sql, jobId: string): Promise<{ seq: number; firstId: string; nextId: string | null } | null> {
  const [row] = await db.query(
    `SELECT seq, first_id, next_id FROM publish_batch WHERE job_id = $1 AND done_by IS NULL ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [jobId],
  );
  return row ? { seq: row.seq, firstId: row.first_id, nextId: row.next_id } : null;
}

export async function finishBatch(db: Sql, jobId: string, seq: number, by: string, scored: number): Promise<void> {
  await db.query('UPDATE publish_batch SET done_by = $3, scored = $4 WHERE job_id = $1 AND seq = $2', [jobId, seq, by, scored]);
}

export async function pendingBatches(db: Sql, jobId: string): Promise<number> {
  const [{ pending }] = await db.query('SELECT count(*)::int AS pending FROM publish_batch WHERE job_id = $1 AND done_by IS NULL', [jobId]);
  return pending;
}

/** The flip has begun: the job can no longer be cancelled. */
export async function markFlipping(db: Sql, jobId: string): Promise<void> {
  await db.query(`UPDATE publish_job SET state = 'FLIPPING' WHERE id = $1`, [jobId]);
}

/** The flip made the version live (the job stays FLIPPING until its tier migration is counted): what it knows of the result. */
export async function markFlipped(
  db: Sql,
  jobId: string,
  partial: Pick<StoredPublishResult, 'supersededId' | 'overridesFlagged'>,
): Promise<void> {
  await db.query(`UPDATE publish_job SET result = $2 WHERE id = $1 AND state = 'FLIPPING'`, [jobId, partial]);
}

/** The members of the batch [firstId, nextId), with the attributes `keys` name, share-locked. */
export function batchMembers(
  db: Sql,
  segmentId: string,
  keys: readonly string[],
  batch: { firstId: string; nextId: string | null },
): Promise<Member[]> {
  return members(db, segmentId, keys, 'a.id >= $3 AND ($4::uuid IS NULL OR a.id < $4)', [batch.firstId, batch.nextId]);
}

/** These accounts if they are members of the segment, with the attributes `keys` name, share-locked. */
export function membersByIds(db: Sql, segmentId: string, keys: readonly string[], ids: readonly string[]): Promise<Member[]> {
  return members(db, segmentId, keys, 'a.id = ANY($3::uuid[])', [[...ids]]);
}

export async function finishPublishJob(
  db: Sql,
  jobId: string,
  state: 'DONE' | 'FAILED' | 'CANCELLED',
  at: Date,
  extra: { result?: StoredPublishResult; error?: string } = {},
): Promise<boolean> {
  const [, affected] = await db.query(
    `UPDATE publish_job SET state = $2, finished_at = $3, result = $4, error = $5,
       accounts_scored = coalesce($6, (SELECT coalesce(sum(b.scored), 0)::int FROM publish_batch b WHERE b.job_id = $1))
     WHERE id = $1 AND CASE WHEN $2 = 'DONE' THEN state = 'FLIPPING' ELSE state IN ('QUEUED', 'PREPARING') END RETURNING id`,
    [jobId, state, at, extra.result ?? null, extra.error ?? null, extra.result?.accountsScored ?? null],
  );
  return affected > 0;
}

/**
 * The segment table. A segment's key is unique and never changes; `versions_created` hands out
 * version numbers and never decreases, so a discarded draft's number is never reused.
 */
import type { Sql } from '../db/sql';
import type { CriterionSpec } from '../model/icp-definition';
import type { Segment } from '../model/segment.types';

export const SEGMENT_COLUMNS = 'id, key, name, description, membership, versions_created, created_at, created_by';

export interface SegmentRow {
  id: string;
  key: string;
  name: string;
  description: string | null;
  membership: CriterionSpec[];
  versions_created: number;
  created_at: Date;
  created_by: string;
}

export function toSegment(r: SegmentRow): Segment {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    membership: r.membership,
    versionsCreated: r.versions_created,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export type NewSegment = Pick<Segment, 'key' | 'name' | 'description' | 'membership' | 'createdAt' | 'createdBy'>;

/** Every segment, by key. */
export async function listSegments(db: Sql): Promise<Segment[]> {
  const rows: SegmentRow[] = await db.query(`SELECT ${SEGMENT_COLUMNS} FROM segment ORDER BY key`);
  return rows.map(toSegment);
}

export async function segmentByKey(db: Sql, key: string): Promise<Segment | null> {
  const [row]: SegmentRow[] = await db.query(`SELECT ${SEGMENT_COLUMNS} FROM segment WHERE key = $1`, [key]);
  return row ? toSegment(row) : null;
}

/** Segments by id, in no particular order (one statement). */
export async function segmentsByIds(db: Sql, ids: readonly string[]): Promise<Segment[]> {
  const rows: SegmentRow[] = await db.query(`SELECT ${SEGMENT_COLUMNS} FROM segment WHERE id = ANY($1::uuid[])`, [[...ids]]);
  return rows.map(toSegment);
}

/** Segments by key, in no particular order (one statement); unknown keys are left out. */
export async function segmentsByKeys(db: Sql, keys: readonly string[]): Promise<Segment[]> {
  const rows: SegmentRow[] = await db.query(`SELECT ${SEGMENT_COLUMNS} FROM segment WHERE key = ANY($1::text[])`, [[...keys]]);
  return rows.map(toSegment);
}

export async function segmentKeyExists(db: Sql, key: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM segment WHERE key = $1 LIMIT 1', [key]);
  return rows.length > 0;
}

/** True when no segment exists yet. */
export async function noSegments(db: Sql): Promise<boolean> {
  const [row]: Array<{ empty: boolean }> = await db.query('SELECT NOT EXISTS (SELECT 1 FROM segment) AS empty');
  return row.empty === true;
}

/** Inserts a segment and returns it as given (with its new id); a taken key violates `segment_key_uq`. */
export async function insertSegment(db: Sql, s: NewSegment): Promise<Segment> {
  const [{ id }]: Array<{ id: string }> = await db.query(
    `INSERT INTO segment (key, name, description, membership, versions_created, created_at, created_by)
     VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id`,
    [s.key, s.name, s.description, JSON.stringify(s.membership), s.createdAt, s.createdBy],
  );
  return { id, ...s, versionsCreated: 0 };
}

/** The next version number of the segment; the row stays locked until the transaction ends. */
export async function takeVersionNumber(db: Sql, segmentId: string): Promise<number> {
  const [[{ versions_created: number }]]: [Array<{ versions_created: number }>, number] = await db.query(
    'UPDATE segment SET versions_created = versions_created + 1 WHERE id = $1 RETURNING versions_created',
    [segmentId],
  );
  return number;
}

/**
 * Holds segments still for the rest of the transaction: a segment being created (ROW EXCLUSIVE)
 * finishes first, and none is created until the transaction ends.
 */
export async function lockSegmentsShared(db: Sql): Promise<void> {
  await db.query('LOCK TABLE segment IN SHARE MODE');
}

/**
 * The icp_version table: the versions of each segment's ICP. Drafts are edited in place under an
 * optimistic revision; published and superseded rows are immutable (a trigger enforces it). A
 * segment's live version is its one PUBLISHED row: every lookup of it goes through `LIVE` here.
 */
import type { Sql } from '../db/sql';
import type { VersionStatus } from '../model/enums';
import type { IcpDefinitionSpec } from '../model/icp-definition';
import type { IcpVersion } from '../model/icp-version.types';

export const VERSION_COLUMNS = `id, segment_id, number, status, revision, definition, content_hash, notes, based_on_id, created_by,
  created_at, updated_at, discarded_at, published_by, published_at, effective_at, superseded_at`;

/** The condition that makes a version its segment's live one. */
const LIVE = `status = 'PUBLISHED'`;

/** For other stores' statements: the condition that `alias`, an icp_version row, is its segment's live version. */
export const isLiveVersion = (alias: string): string => `${alias}.${LIVE}`;

/** For other stores' statements: `LEFT JOIN` the live version of the segment `segmentId` (an SQL expression) as `alias`. */
export const joinLiveVersion = (alias: string, segmentId: string): string =>
  `LEFT JOIN icp_version ${alias} ON ${alias}.segment_id = ${segmentId} AND ${isLiveVersion(alias)}`;

export interface VersionRow {
  id: string;
  segment_id: string;
  number: number;
  status: VersionStatus;
  revision: number;
  definition: IcpDefinitionSpec;
  content_hash: string;
  notes: string | null;
  based_on_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  discarded_at: Date | null;
  published_by: string | null;
  published_at: Date | null;
  effective_at: Date | null;
  superseded_at: Date | null;
}

export function toVersion(r: VersionRow): IcpVersion {
  return {
    id: r.id,
    segmentId: r.segment_id,
    number: r.number,
    status: r.status,
    revision: r.revision,
    definition: r.definition,
    contentHash: r.content_hash,
    notes: r.notes,
    basedOnId: r.based_on_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    discardedAt: r.discarded_at,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    effectiveAt: r.effective_at,
    supersededAt: r.superseded_at,
  };
}

async function selectVersions(db: Sql, where: string, params: unknown[]): Promise<IcpVersion[]> {
  const rows: VersionRow[] = await db.query(`SELECT ${VERSION_COLUMNS} FROM icp_version WHERE ${where}`, params);
  return rows.map(toVersion);
}

/** The version, discarded or not; null when there is none. */
export async function versionById(db: Sql, id: string): Promise<IcpVersion | null> {
  const [version] = await selectVersions(db, 'id = $1', [id]);
  return version ?? null;
}

/** The version, which the caller knows exists (it holds a reference to it). */
export async function existingVersion(db: Sql, id: string): Promise<IcpVersion> {
  const version = await versionById(db, id);
  if (!version) throw new Error(`icp_version ${id} does not exist`);
  return version;
}

/** Versions by id, discarded ones included, in no particular order (one statement). */
export async function versionsByIds(db: Sql, ids: readonly string[]): Promise<IcpVersion[]> {
  return selectVersions(db, 'id = ANY($1::uuid[])', [[...ids]]);
}

/** The segment's live version, or null when it has none. */
export async function liveVersionOf(db: Sql, segmentId: string): Promise<IcpVersion | null> {
  const [version] = await selectVersions(db, `segment_id = $1 AND ${LIVE}`, [segmentId]);
  return version ?? null;
}

/** The live versions of these segments (every segment's when none are named), in no particular order. */
export async function liveVersions(db: Sql, segmentIds?: readonly string[]): Promise<IcpVersion[]> {
  return segmentIds ? selectVersions(db, `segment_id = ANY($1::uuid[]) AND ${LIVE}`, [[...segmentIds]]) : selectVersions(db, LIVE, []);
}

/**
 * Ids of the live versions no one is replacing, by id, each row share-locked until the
 * transaction ends: a publish holds its live version's row until it commits, and that segment
 * is skipped rather than waited for.
 */
export async function shareLiveVersionIdsSkippingLocked(db: Sql): Promise<string[]> {
  const rows: Array<{ id: string }> = await db.query(`SELECT id FROM icp_version WHERE ${LIVE} ORDER BY id FOR SHARE SKIP LOCKED`);
  return rows.map((r) => r.id);
}

/**
 * The version's status, its row share-locked until the transaction ends: a publish superseding
 * it (which locks it for update) either waits for the caller or has already changed the status.
 */
export async function shareVersionStatus(db: Sql, id: string): Promise<VersionStatus | null> {
  const [row]: Array<{ status: VersionStatus }> = await db.query('SELECT status FROM icp_version WHERE id = $1 FOR SHARE', [id]);
  return row?.status ?? null;
}

/** The version, its row locked for update until the transaction ends; null when there is none. */
export async function lockVersion(db: Sql, id: string): Promise<IcpVersion | null> {
  const [version] = await selectVersions(db, 'id = $1 FOR UPDATE', [id]);
  return version ?? null;
}

/** The segments' versions but discarded drafts, by number (one statement). */
export async function versionsOfSegments(db: Sql, segmentIds: readonly string[]): Promise<IcpVersion[]> {
  return selectVersions(db, 'segment_id = ANY($1::uuid[]) AND discarded_at IS NULL ORDER BY number', [[...segmentIds]]);
}

/** The segment's versions that took effect (published or superseded), by effectiveAt. */
export async function effectiveVersionsOf(db: Sql, segmentId: string): Promise<IcpVersion[]> {
  return selectVersions(db, 'segment_id = $1 AND effective_at IS NOT NULL ORDER BY effective_at', [segmentId]);
}

export type NewDraft = Pick<
  IcpVersion,
  'segmentId' | 'number' | 'definition' | 'contentHash' | 'notes' | 'basedOnId' | 'createdBy' | 'createdAt'
>;

/** Inserts a draft at revision 1 and returns it as given (with its new id). */
export async function insertDraft(db: Sql, d: NewDraft): Promise<IcpVersion> {
  const [{ id }]: Array<{ id: string }> = await db.query(
    `INSERT INTO icp_version (segment_id, number, status, revision, definition, content_hash, notes, based_on_id, created_by, created_at, updated_at)
     VALUES ($1, $2, 'DRAFT', 1, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [d.segmentId, d.number, JSON.stringify(d.definition), d.contentHash, d.notes, d.basedOnId, d.createdBy, d.createdAt],
  );
  return {
    id,
    ...d,
    status: 'DRAFT',
    revision: 1,
    updatedAt: d.createdAt,
    discardedAt: null,
    publishedAt: null,
    publishedBy: null,
    effectiveAt: null,
    supersededAt: null,
  };
}

/** A draft's new definition: the revision goes up by one. */
export async function updateDraft(
  db: Sql,
  id: string,
  change: { definition: IcpDefinitionSpec; contentHash: string; notes: string | null; updatedAt: Date },
): Promise<void> {
  await db.query(
    `UPDATE icp_version SET definition = $2, content_hash = $3, revision = revision + 1, notes = $4, updated_at = $5 WHERE id = $1`,
    [id, change.definition, change.contentHash, change.notes, change.updatedAt],
  );
}

export async function discardDraft(db: Sql, id: string, at: Date): Promise<void> {
  await db.query('UPDATE icp_version SET discarded_at = $2 WHERE id = $1', [id, at]);
}

/** The live version stops being live (another one is published in the same transaction). */
export async function supersedeVersion(db: Sql, id: string, at: Date): Promise<void> {
  await db.query(`UPDATE icp_version SET status = 'SUPERSEDED', superseded_at = $2 WHERE id = $1`, [id, at]);
}

/** A draft becomes its segment's live version (the one before it is superseded first). */
export async function publishDraft(
  db: Sql,
  id: string,
  p: { at: Date; by: string; effectiveAt: Date; notes: string | null },
): Promise<void> {
  await db.query(
    `UPDATE icp_version SET status = 'PUBLISHED', published_at = $2, published_by = $3, effective_at = $4, notes = $5, updated_at = $2 WHERE id = $1`,
    [id, p.at, p.by, p.effectiveAt, p.notes],
  );
}

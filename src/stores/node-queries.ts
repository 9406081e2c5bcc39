/**
 * Read-only lookups across the tables of every GraphQL type with a UUID row id (Relay's
 * `node(id:)`). UUIDs do not repeat across tables, so an id names at most one row.
 */
import type { Sql } from '../db/sql';

/** Types whose objects have a UUID row id; a Fit's id is derived (see domain/scoring/fit-id.ts). */
export type NodeTypeName = 'Account' | 'Segment' | 'IcpVersion' | 'Override' | 'Opportunity' | 'ApiKey';

/**
 * The type of each id that names a row, in one statement; ids that name none are left out.
 * Discarded drafts are gone for readers, as in icpVersion.
 */
export async function nodeTypesOf(db: Sql, ids: readonly string[]): Promise<Array<{ id: string; type: NodeTypeName }>> {
  return db.query(
    `SELECT id, 'Account' AS type FROM account WHERE id = ANY($1::uuid[])
         UNION ALL SELECT id, 'Segment' FROM segment WHERE id = ANY($1::uuid[])
         UNION ALL SELECT id, 'IcpVersion' FROM icp_version WHERE id = ANY($1::uuid[]) AND discarded_at IS NULL
         UNION ALL SELECT id, 'Override' FROM fit_override WHERE id = ANY($1::uuid[])
         UNION ALL SELECT id, 'Opportunity' FROM opportunity WHERE id = ANY($1::uuid[])
         UNION ALL SELECT id, 'ApiKey' FROM api_key WHERE id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

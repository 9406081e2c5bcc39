import type { EntityManager } from 'typeorm';
import type { IcpVersion } from '../../model/icp-version.entity';

/** Every attribute a version's criteria and disqualifiers read. */
export function attributesRead(version: IcpVersion): string[] {
  const { dimensions, disqualifiers } = version.definition;
  return [...new Set([...dimensions.flatMap((d) => d.criteria.map((c) => c.attribute)), ...disqualifiers.map((q) => q.attribute)])];
}

/**
 * The SQL of an account's attributes reduced to `keys`, with parameters numbered from `first`.
 * Only the attributes a definition reads cross the wire: parsing a million full documents in
 * Node costs more than scoring them. (jsonb_build_object takes at most 50 pairs; beyond, all.)
 */
export function attributesProjection(alias: string, keys: readonly string[], first: number): { sql: string; params: string[] } {
  if (keys.length > 50) return { sql: `${alias}.attributes`, params: [] };
  return {
    sql: `jsonb_build_object(${keys.map((_, i) => `$${i + first}::text, ${alias}.attributes -> $${i + first}::text`).join(', ')})`,
    params: [...keys],
  };
}

/** The members of a segment with the attributes the definition reads and their tier under the previous version. */
export function rescoreQuery(segmentId: string, previousVersionId: string | null, keys: string[]): { sql: string; params: unknown[] } {
  const projection = attributesProjection('a', keys, 3);
  return {
    sql: `SELECT a.id, ${projection.sql} AS attributes, prev.tier AS previous
          FROM account a
          LEFT JOIN account_score prev ON prev.account_id = a.id AND prev.version_id = $2 AND prev.valid_to IS NULL
          WHERE a.segment_ids @> ARRAY[$1::uuid]`,
    params: [segmentId, previousVersionId, ...projection.params],
  };
}

/**
 * Plans `declare` (a statement over a whole segment) so that its cost cannot grow with the
 * square of the segment, whatever the statistics say. A cursor is planned for its first tenth
 * by default (cursor_tuple_fraction), which favours a nested loop; with the estimates of a
 * table analysed before a bulk load (a few rows where there are 200,000) that nested loop
 * rescans all of account_score for every account: 4.5 minutes instead of 5 s for 200,000. We
 * read every row, so the plan is made for all of them, and without nested loops: a hash or
 * merge join is linear whatever the estimates. Statistics are also refreshed before the
 * publish (src/db/statistics.ts); this holds even when they are not. Only this statement is
 * planned so: the settings go back to the session's for the rest of the transaction.
 */
export async function planAsBulk<T>(em: EntityManager, declare: () => Promise<T>): Promise<T> {
  const [before] = await em.query(
    `SELECT current_setting('enable_nestloop') AS nestloop, current_setting('cursor_tuple_fraction') AS fraction,
            set_config('enable_nestloop', 'off', true), set_config('cursor_tuple_fraction', '1', true)`,
  );
  const result = await declare();
  await em.query(`SELECT set_config('enable_nestloop', $1, true), set_config('cursor_tuple_fraction', $2, true)`, [
    before.nestloop,
    before.fraction,
  ]);
  return result;
}

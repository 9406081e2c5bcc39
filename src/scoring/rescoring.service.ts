import type { EntityManager } from 'typeorm';
import type { AppContext } from '../context';
import { liftTimeouts } from '../db/data-source';
import { assertInTransaction } from '../db/transaction';
import type { Segment } from '../segments/segment.entity';
import type { FitTier } from '../versions/icp-definition';
import type { IcpVersion } from '../versions/icp-version.entity';
import { scorerFor } from './scorer-cache';
import { insertScores, type NewScore } from './score-store';
import { TierMigration, type TierMove } from './tier-migration';

export interface RescoreResult {
  accountsScored: number;
  tierChanges: TierMove[];
}

const FETCH = 20_000;

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
            set_config('enable_nestloop', 'off', true), set_config('cursor_tuple_fraction', '1', true)`);
  const result = await declare();
  await em.query(`SELECT set_config('enable_nestloop', $1, true), set_config('cursor_tuple_fraction', $2, true)`, [before.nestloop, before.fraction]);
  return result;
}

/**
 * Scores every member of the segment under the version being published, inside the publish
 * transaction: readers keep seeing the previous version and its scores until it commits,
 * and a failure leaves both in place. Streams members through a server-side cursor.
 */
export async function rescoreSegment(
  tx: AppContext,
  args: { segment: Segment; version: IcpVersion; previous: IcpVersion | null; validFrom: Date },
): Promise<RescoreResult> {
  assertInTransaction(tx, 'Rescoring');
  // A segment's whole membership is bulk work: no statement or lock timeout for this transaction.
  await liftTimeouts((sql) => tx.em.query(sql));
  // Upserts wait until the publish commits (and then score under the new version), up to their
  // lock timeout; the cursor's snapshot below therefore holds every committed attribute change.
  await tx.em.query('LOCK TABLE account IN SHARE MODE');
  const scorer = scorerFor(args.version);
  const now = tx.clock.now();
  const migration = new TierMigration();
  let scored = 0;
  const keys = attributesRead(args.version);
  const { sql, params } = rescoreQuery(args.segment.id, args.previous?.id ?? null, keys);
  await planAsBulk(tx.em, () => tx.em.query(`DECLARE rescore NO SCROLL CURSOR FOR ${sql}`, params));
  for (;;) {
    const batch: Array<{ id: string; attributes: Record<string, unknown>; previous: FitTier | null }> =
      await tx.em.query(`FETCH ${FETCH} FROM rescore`);
    if (batch.length === 0) break;
    const rows: NewScore[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const a = batch[i];
      const result = scorer.evaluate(a.attributes, now);
      rows[i] = { accountId: a.id, segmentId: args.segment.id, versionId: args.version.id, ...result, validFrom: args.validFrom, computedAt: now };
      migration.add(a.previous, result.tier);
    }
    await insertScores(tx.em, rows);
    scored += batch.length;
  }
  // Not in a finally: after a failed FETCH the transaction is aborted, and CLOSE would hide the cause.
  await tx.em.query('CLOSE rescore');
  return { accountsScored: scored, tierChanges: migration.moves() };
}

import type { AppContext } from '../context';
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
 * Scores every member of the segment under the version being published, inside the publish
 * transaction: readers keep seeing the previous version and its scores until it commits,
 * and a failure leaves both in place. Streams members through a server-side cursor.
 */
export async function rescoreSegment(
  tx: AppContext,
  args: { segment: Segment; version: IcpVersion; previous: IcpVersion | null; validFrom: Date },
): Promise<RescoreResult> {
  assertInTransaction(tx, 'Rescoring');
  // Upserts wait until the publish commits (and then score under the new version);
  // the cursor's snapshot below therefore holds every committed attribute change.
  await tx.em.query('LOCK TABLE account IN SHARE MODE');
  const scorer = scorerFor(args.version);
  const now = tx.clock.now();
  const migration = new TierMigration();
  let scored = 0;
  // Only the attributes the definition reads cross the wire: parsing a million full documents
  // in Node costs more than scoring them. (jsonb_build_object takes at most 50 pairs.)
  const keys = attributesRead(args.version);
  const projection = keys.length <= 50
    ? `jsonb_build_object(${keys.map((_, i) => `$${i + 3}::text, a.attributes -> $${i + 3}::text`).join(', ')})`
    : 'a.attributes';
  await tx.em.query(
    `DECLARE rescore NO SCROLL CURSOR FOR
       SELECT a.id, ${projection} AS attributes, prev.tier AS previous
       FROM account a
       LEFT JOIN account_score prev ON prev.account_id = a.id AND prev.version_id = $2 AND prev.valid_to IS NULL
       WHERE a.segment_ids @> ARRAY[$1::uuid]`,
    [args.segment.id, args.previous?.id ?? null, ...(keys.length <= 50 ? keys : [])]);
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

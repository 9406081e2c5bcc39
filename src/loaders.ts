import DataLoader from 'dataloader';
import { In, IsNull, type EntityManager } from 'typeorm';
import { Account } from './accounts/account.entity';
import { systemClock, type Clock } from './context';
import { OVERRIDE_COLUMNS, toOverrideRow } from './overrides/override-rows';
import type { OverrideRow } from './overrides/override.types';
import type { OpportunityRow } from './outcomes/outcome.types';
import { SCORE_COLUMNS, toScoreRow, type ScoreRow } from './scoring/score-store';
import { Segment } from './segments/segment.entity';
import { IcpVersion } from './versions/icp-version.entity';

/** Rows grouped back into key order: one `IN (…)` query per batch. */
function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): Array<R | null> {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

/** Per-request loaders: batching and caching never outlive one request. */
export function createLoaders(em: EntityManager, clock: Clock = systemClock) {
  return {
    accountById: new DataLoader<string, Account | null>(async (ids) =>
      byKey(ids, await em.getRepository(Account).findBy({ id: In([...ids]) }), (a) => a.id)),
    segmentByKey: new DataLoader<string, Segment | null>(async (keys) =>
      byKey(keys, await em.getRepository(Segment).findBy({ key: In([...keys]) }), (s) => s.key)),
    /** Current score row by `${versionId}:${accountId}`. */
    currentScore: new DataLoader<string, ScoreRow | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':'));
      const rows: ScoreRow[] = (await em.query(
        `SELECT ${SCORE_COLUMNS} FROM account_score s
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(version_id, account_id) USING (version_id, account_id)
         WHERE s.valid_to IS NULL`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])])).map(toScoreRow);
      return byKey(keys, rows, (r) => `${r.versionId}:${r.accountId}`);
    }),
    /** The override in force now, by `${segmentId}:${accountId}`. */
    activeOverride: new DataLoader<string, OverrideRow | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':'));
      const rows: OverrideRow[] = (await em.query(
        `SELECT ${OVERRIDE_COLUMNS} FROM fit_override o
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(segment_id, account_id) USING (segment_id, account_id)
         WHERE o.revoked_at IS NULL AND (o.expires_at IS NULL OR o.expires_at > $3)`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1]), clock.now()])).map(toOverrideRow);
      return byKey(keys, rows, (o) => `${o.segmentId}:${o.accountId}`);
    }),
    /** Every override of these accounts, newest first. */
    overridesByAccount: new DataLoader<string, OverrideRow[]>(async (ids) =>
      groupByKey(ids, (await em.query(
        `SELECT ${OVERRIDE_COLUMNS} FROM fit_override WHERE account_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`, [[...ids]]))
        .map(toOverrideRow), (o: OverrideRow) => o.accountId)),
    opportunitiesByAccount: new DataLoader<string, OpportunityRow[]>(async (ids) =>
      groupByKey(ids, (await em.query(
        `SELECT id, external_id, account_id, created_at, closed_at, outcome, amount FROM opportunity
         WHERE account_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`, [[...ids]])).map((r: any): OpportunityRow => ({
        id: r.id, externalId: r.external_id, accountId: r.account_id, createdAt: r.created_at, closedAt: r.closed_at,
        outcome: r.outcome, amount: r.amount === null ? null : Number(r.amount),
      })), (o: OpportunityRow) => o.accountId)),
    /** The newest `first` score rows of accounts in one segment. */
    scoreHistory: new DataLoader<{ accountId: string; segmentId: string; first: number }, ScoreRow[], string>(async (keys) => {
      const rows: ScoreRow[] = (await em.query(
        `SELECT ${SCORE_COLUMNS} FROM (
           SELECT s.*, row_number() OVER (PARTITION BY s.account_id, s.segment_id ORDER BY s.valid_from DESC, s.computed_at DESC) AS n
           FROM account_score s JOIN unnest($1::uuid[], $2::uuid[]) AS k(account_id, segment_id) USING (account_id, segment_id)
         ) ranked WHERE n <= $3 ORDER BY valid_from DESC, computed_at DESC`,
        [keys.map((k) => k.accountId), keys.map((k) => k.segmentId), Math.max(...keys.map((k) => k.first))])).map(toScoreRow);
      return keys.map((k) => rows.filter((r) => r.accountId === k.accountId && r.segmentId === k.segmentId).slice(0, k.first));
    }, { cacheKeyFn: (k) => `${k.accountId}:${k.segmentId}:${k.first}` }),
    segmentById: new DataLoader<string, Segment | null>(async (ids) =>
      byKey(ids, await em.getRepository(Segment).findBy({ id: In([...ids]) }), (s) => s.id)),
    versionById: new DataLoader<string, IcpVersion | null>(async (ids) =>
      byKey(ids, await em.getRepository(IcpVersion).findBy({ id: In([...ids]) }), (v) => v.id)),
    liveVersionBySegmentId: new DataLoader<string, IcpVersion | null>(async (ids) =>
      byKey(ids, await em.getRepository(IcpVersion).findBy({ segmentId: In([...ids]), status: 'PUBLISHED' }), (v) => v.segmentId)),
    versionsBySegmentId: new DataLoader<string, IcpVersion[]>(async (ids) =>
      groupByKey(ids, await em.getRepository(IcpVersion).find({
        where: { segmentId: In([...ids]), discardedAt: IsNull() }, order: { number: 'ASC' },
      }), (v) => v.segmentId)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

import DataLoader from 'dataloader';
import { In, IsNull, type EntityManager } from 'typeorm';
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
export function createLoaders(em: EntityManager) {
  return {
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

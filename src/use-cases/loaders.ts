import DataLoader from 'dataloader';
import type { Sql } from '../db/sql';
import type { Account } from '../model/account.types';
import { accountsByIds } from '../stores/account-store';
import { nodeTypesOf, type NodeTypeName } from '../stores/node-queries';
import { attributeCatalogue } from '../stores/attribute-store';
import type { ApiKey } from '../model/api-key.types';
import { apiKeysByIds } from '../stores/api-key-store';
import { systemClock, type Clock } from '../common/clock';
import { overridesByIds, overridesOfAccounts } from '../stores/override-store';
import { currentFits, type FitRow } from '../stores/fit-queries';
import type { Override } from '../model/override.types';
import type { Opportunity } from '../model/outcome.types';
import { opportunitiesByIds, opportunitiesOfAccounts } from '../stores/outcome-store';
import { scoreHistory, type ScoreRow } from '../stores/score-store';
import type { Segment } from '../model/segment.types';
import { segmentsByIds, segmentsByKeys } from '../stores/segment-store';
import type { AttributeCatalogue } from '../model/icp-definition';
import type { IcpVersion } from '../model/icp-version.types';
import { liveVersions, versionsByIds, versionsOfSegments } from '../stores/version-store';
import type { ProcessCache } from '../db/process-cache';
import type { ReadCaches } from './read-caches';

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

/**
 * A loader's batch through a process cache whose keys carry `prefix`: hits from it, the rest
 * loaded in one statement. `load` answers by prefixed key and may add the same rows under other
 * keys of the cache.
 */
async function through<V>(
  cache: ProcessCache<string, V> | undefined,
  prefix: string,
  keys: readonly string[],
  load: (missing: string[]) => Promise<Map<string, V>>,
): Promise<Array<V | null>> {
  const prefixed = keys.map((k) => `${prefix}${k}`);
  const loadPrefixed = (missing: string[]) => load(missing.map((k) => k.slice(prefix.length)));
  const values = cache
    ? await cache.getMany(prefixed, loadPrefixed)
    : await loadPrefixed(prefixed).then((m) => prefixed.map((k) => m.get(k)));
  return values.map((v) => v ?? null);
}

/**
 * Per-request loaders: batching and caching never outlive one request. Loaders that return the
 * same rows under another key prime each other, so a row fetched once is not fetched again.
 * Segments and versions also go through the process's `caches` when given; `wrote()` drops
 * what this request has loaded or cached of them once its transaction commits.
 */
export function createLoaders(em: Sql, clock: Clock = systemClock, caches?: ReadCaches) {
  const segmentEntries = (rows: Segment[]) => {
    for (const s of rows) {
      segmentById.prime(s.id, s);
      segmentByKey.prime(s.key, s);
    }
    return new Map(rows.flatMap((s) => [[`id:${s.id}`, s] as const, [`key:${s.key}`, s] as const]));
  };
  const segmentById: DataLoader<string, Segment | null> = new DataLoader((ids) =>
    through(caches?.segments, 'id:', ids, async (missing) => segmentEntries(await segmentsByIds(em, missing))),
  );
  const segmentByKey: DataLoader<string, Segment | null> = new DataLoader((keys) =>
    through(caches?.segments, 'key:', keys, async (missing) => segmentEntries(await segmentsByKeys(em, missing))),
  );
  const versionById: DataLoader<string, IcpVersion | null> = new DataLoader((ids) =>
    through(caches?.versions, 'id:', ids, async (missing) => new Map((await versionsByIds(em, missing)).map((v) => [`id:${v.id}`, v]))),
  );
  const liveVersionBySegmentId = new DataLoader<string, IcpVersion | null>((ids) =>
    through(caches?.versions, 'live:', ids, async (missing) => {
      const rows = await liveVersions(em, missing);
      for (const v of rows) versionById.prime(v.id, v);
      const live = new Map(rows.map((v) => [v.segmentId, v]));
      // A segment without a live version is cached as such (a publish empties the cache); an unknown id is not.
      const none = missing.filter((id) => !live.has(id));
      const known = new Set((await segmentById.loadMany(none)).flatMap((s) => (s && !(s instanceof Error) ? [s.id] : [])));
      return new Map<string, IcpVersion | null>([
        ...rows.flatMap((v) => [[`live:${v.segmentId}`, v] as const, [`id:${v.id}`, v] as const]),
        ...none.filter((id) => known.has(id)).map((id) => [`live:${id}`, null] as const),
      ]);
    }),
  );
  return {
    /** This request's transaction committed: segments and versions are read again (and the process's copies dropped). */
    wrote(): void {
      caches?.wrote();
      for (const loader of [segmentById, segmentByKey, versionById, liveVersionBySegmentId]) loader.clearAll();
    },
    segmentById,
    segmentByKey,
    versionById,
    liveVersionBySegmentId,
    /** Current score row and active override by `${versionId}:${segmentId}:${accountId}`, in one statement. */
    fitRow: new DataLoader<string, FitRow | null>(async (keys) => {
      const parts = keys.map((k) => k.split(':'));
      const fits = await currentFits(
        em,
        parts.map(([versionId, segmentId, accountId]) => ({ versionId, segmentId, accountId })),
        clock.now(),
      );
      return byKey(keys, fits, (f) => `${f.row.versionId}:${f.row.segmentId}:${f.row.accountId}`);
    }),
    accountById: new DataLoader<string, Account | null>(async (ids) => byKey(ids, await accountsByIds(em, ids), (a) => a.id)),
    /** Every override of these accounts, newest first. */
    overridesByAccount: new DataLoader<string, Override[]>(async (ids) =>
      groupByKey(ids, await overridesOfAccounts(em, ids), (o: Override) => o.accountId),
    ),
    opportunitiesByAccount: new DataLoader<string, Opportunity[]>(async (ids) =>
      groupByKey(ids, await opportunitiesOfAccounts(em, ids), (o: Opportunity) => o.accountId),
    ),
    opportunityById: new DataLoader<string, Opportunity | null>(async (ids) =>
      byKey(ids, await opportunitiesByIds(em, ids), (o: Opportunity) => o.id),
    ),
    overrideById: new DataLoader<string, Override | null>(async (ids) => byKey(ids, await overridesByIds(em, ids), (o: Override) => o.id)),
    apiKeyById: new DataLoader<string, ApiKey | null>(async (ids) => byKey(ids, await apiKeysByIds(em, ids), (k) => k.id)),
    /** The attribute catalogue, read once per request (key 'all'). */
    attributeCatalogue: new DataLoader<'all', AttributeCatalogue>(async (keys) => {
      const catalogue = await attributeCatalogue(em);
      return keys.map(() => catalogue);
    }),
    /** The type of each id, across the tables of every type with a UUID id, in one statement. */
    nodeTypeById: new DataLoader<string, NodeTypeName | null>(async (ids) =>
      byKey(ids, await nodeTypesOf(em, ids), (r) => r.id).map((r) => r?.type ?? null),
    ),
    /** The newest `first` score rows of accounts in one segment. */
    scoreHistory: new DataLoader<{ accountId: string; segmentId: string; first: number }, ScoreRow[], string>(
      async (keys) => scoreHistory(em, keys),
      { cacheKeyFn: (k) => `${k.accountId}:${k.segmentId}:${k.first}` },
    ),
    versionsBySegmentId: new DataLoader<string, IcpVersion[]>(async (ids) =>
      groupByKey(ids, await versionsOfSegments(em, ids), (v) => v.segmentId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

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
 * Per-request loaders: batching and caching never outlive one request. Loaders that return the
 * same rows under another key prime each other, so a row fetched once is not fetched again.
 */
export function createLoaders(em: Sql, clock: Clock = systemClock) {
  const segmentById: DataLoader<string, Segment | null> = new DataLoader(async (ids) => {
    const rows = await segmentsByIds(em, ids);
    for (const s of rows) segmentByKey.prime(s.key, s);
    return byKey(ids, rows, (s) => s.id);
  });
  const segmentByKey: DataLoader<string, Segment | null> = new DataLoader(async (keys) => {
    const rows = await segmentsByKeys(em, keys);
    for (const s of rows) segmentById.prime(s.id, s);
    return byKey(keys, rows, (s) => s.key);
  });
  const versionById = new DataLoader<string, IcpVersion | null>(async (ids) => byKey(ids, await versionsByIds(em, ids), (v) => v.id));
  const liveVersionBySegmentId = new DataLoader<string, IcpVersion | null>(async (ids) => {
    const rows = await liveVersions(em, ids);
    for (const v of rows) versionById.prime(v.id, v);
    return byKey(ids, rows, (v) => v.segmentId);
  });
  return {
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

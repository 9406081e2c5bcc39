import { ProcessCache, type CacheBus } from '../db/process-cache';
import type { IcpVersion } from '../model/icp-version.types';
import type { Segment } from '../model/segment.types';

/**
 * What nearly every read names and seldom changes, kept per process so that a `fits` page or an
 * explained `account.fit` reads only its own rows: segments (by key and by id), versions by id
 * (a published version's content never changes) and each segment's live version (null: none
 * yet). Another process's change empties them when its NOTIFY arrives (db/process-cache.ts);
 * this process's own writes empty them as their transaction commits (`wrote`), so a client
 * reads its writes at once. Unknown keys are never stored.
 */
export class ReadCaches {
  /** Segments under `key:<key>` and `id:<id>`. */
  readonly segments: ProcessCache<string, Segment>;
  /** Versions under `id:<id>`, and each segment's live version (or null) under `live:<segment id>`. */
  readonly versions: ProcessCache<string, IcpVersion | null>;

  constructor(bus: CacheBus) {
    this.segments = new ProcessCache(bus, ['segment']);
    this.versions = new ProcessCache(bus, ['icp_version']);
  }

  /** A transaction of this process committed: what it changed must not be served from here. */
  wrote(): void {
    this.segments.clear();
    this.versions.clear();
  }
}

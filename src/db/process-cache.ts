/**
 * Per-process caches of a few tables, kept coherent across processes by the database: a trigger
 * on each table NOTIFYs `fitgraph_cache` with the table's name when a change commits (migration
 * CacheInvalidation), and one listening connection per process empties the caches of that table.
 *
 * Caches serve only while the listener is connected. When its connection drops, every cache is
 * emptied and bypassed (each read goes to the database) until it listens again: a change
 * committed meanwhile cannot be missed. A load that started before an invalidation is not stored.
 */
import { Client } from 'pg';
import type { Logger } from '../logger';

export const CACHE_CHANNEL = 'fitgraph_cache';
export type CachedTable = 'api_key' | 'segment' | 'icp_version' | 'attribute_definition';

export class ProcessCache<K, V> {
  private readonly entries = new Map<K, V>();
  private generation = 0;

  constructor(readonly tables: readonly CachedTable[], private readonly maxEntries = 10_000) {
    cacheBus.register(this);
  }

  /** The cached value, or `load()`'s (stored when defined and nothing was invalidated meanwhile). */
  async get(key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (!cacheBus.listening) return load();
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && generation === this.generation && cacheBus.listening) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
      this.entries.set(key, value);
    }
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

class CacheBus {
  private readonly caches = new Set<ProcessCache<unknown, unknown>>();
  private client: Client | null = null;
  private url: string | null = null;
  private log: Logger | null = null;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = 250;
  /** True while this process listens: only then may caches serve. */
  listening = false;

  register(cache: ProcessCache<any, any>): void {
    this.caches.add(cache);
  }

  /** Starts listening on `url`'s database; reconnects by itself until `stop()`. */
  async start(url: string, log: Logger): Promise<void> {
    this.url = url;
    this.log = log;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.url = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.drop();
  }

  private async connect(): Promise<void> {
    if (!this.url) return;
    const client = new Client({ connectionString: this.url, application_name: 'fitgraph-cache', keepAlive: true });
    client.on('notification', (msg) => this.invalidate(msg.payload as CachedTable));
    client.on('error', (err) => this.onLost(client, err));
    client.on('end', () => this.onLost(client, null));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch (err) {
      this.onLost(client, err);
      return;
    }
    if (this.client !== client) return; // stopped or replaced meanwhile
    this.retryMs = 250;
    // Anything cached before (there is nothing: caches are empty while not listening) is dropped anyway.
    for (const cache of this.caches) cache.clear();
    this.listening = true;
  }

  private invalidate(table: CachedTable): void {
    for (const cache of this.caches) if (cache.tables.includes(table)) cache.clear();
  }

  private onLost(client: Client, err: unknown): void {
    if (this.client !== client) return; // an older connection's late event
    const wasListening = this.listening;
    this.drop();
    if (!this.url) return;
    if (wasListening) this.log?.warn({ err: err instanceof Error ? { message: err.message } : undefined }, 'cache listener lost: caches emptied and bypassed until it reconnects');
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  private drop(): void {
    this.listening = false;
    for (const cache of this.caches) cache.clear();
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
    }
  }
}

/** The one listener of this process. */
export const cacheBus = new CacheBus();

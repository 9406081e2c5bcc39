/**
 * Per-process caches of a few tables, kept coherent across processes by the database: a trigger
 * on each table NOTIFYs `fitgraph_cache` with the table's name when a change commits (migration
 * CacheInvalidation), and one listening connection per process empties the caches of that table.
 *
 * Caches serve only while the listener is connected. When its connection drops, every cache is
 * emptied and bypassed (each read goes to the database) until it listens again: a change
 * committed meanwhile cannot be missed. A load that started before an invalidation is not stored.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { Channel, listen, notify } from './notifications';

const LISTENER_NAME = 'fitgraph-cache';
export type CachedTable = 'api_key' | 'segment' | 'icp_version' | 'attribute_definition';

export class ProcessCache<K, V> {
  private readonly entries = new Map<K, V>();
  private generation = 0;

  constructor(
    private readonly bus: CacheBus,
    readonly tables: readonly CachedTable[],
    private readonly maxEntries = 10_000,
  ) {
    bus.register(this);
  }

  /** The cached value, or `load()`'s (stored when defined and nothing was invalidated meanwhile). */
  async get(key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (!this.bus.listening) return load();
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && generation === this.generation && this.bus.listening) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
      this.entries.set(key, value);
    }
    return value;
  }

  /**
   * Values of `keys` (undefined where `load` gives none), loading the missing ones with one
   * call to `load`; everything it returns is stored as `get` stores it, also entries under
   * other keys (the same row by another key).
   */
  async getMany(keys: readonly K[], load: (missing: K[]) => Promise<Map<K, V>>): Promise<Array<V | undefined>> {
    if (!this.bus.listening) {
      const loaded = await load([...keys]);
      return keys.map((k) => loaded.get(k));
    }
    const hits = new Map<K, V>();
    for (const k of keys) if (this.entries.has(k)) hits.set(k, this.entries.get(k) as V);
    const missing = keys.filter((k) => !hits.has(k));
    const generation = this.generation;
    const loaded = missing.length ? await load(missing) : new Map<K, V>();
    if (generation === this.generation && this.bus.listening) {
      for (const [key, value] of loaded) {
        if (value === undefined) continue;
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
        this.entries.set(key, value);
      }
    }
    return keys.map((k) => (hits.has(k) ? hits.get(k) : loaded.get(k)));
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The listener of one fitgraph (built by the composition root), and the caches it keeps coherent. */
export class CacheBus {
  private readonly caches = new Set<ProcessCache<unknown, unknown>>();
  private client: Client | null = null;
  private url: string | null = null;
  private log: Logger | null = null;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = 250;
  private readonly waiting = new Map<string, { expected: number; acks: number; done: () => void }>();
  /** True while this process listens: only then may caches serve. */
  listening = false;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of definitions whose payload types differ
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
    const client = new Client({ connectionString: this.url, application_name: LISTENER_NAME, keepAlive: true });
    client.on('notification', (msg) => this.onNotification(client, msg.channel, msg.payload ?? ''));
    client.on('error', (err) => this.onLost(client, err));
    client.on('end', () => this.onLost(client, null));
    this.client = client;
    try {
      await client.connect();
      await listen(client, Channel.CACHE, Channel.CACHE_ACK);
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

  /**
   * Announces a change of `table` from inside its transaction, for changes that must be seen by
   * every process once the caller answers (a revoked key): `acknowledged()` then waits until
   * every process listening now has emptied its caches of that table.
   */
  async announce(em: EntityManager, table: CachedTable): Promise<{ acknowledged(timeoutMs?: number): Promise<void> }> {
    const token = randomUUID();
    const [{ listeners }] = await em.query(
      `SELECT count(*)::int AS listeners FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [LISTENER_NAME],
    );
    // Waiting starts now: an early acknowledgement is counted too.
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const entry = { expected: listeners, acks: 0, done: () => done() };
    if (listeners > 0) this.waiting.set(token, entry);
    else done();
    await notify(em, Channel.CACHE, `${table}:${token}`);
    return {
      acknowledged: async (timeoutMs = 2000) => {
        const timer = setTimeout(() => {
          this.log?.warn({ table, listeners, acks: entry.acks }, 'not every process acknowledged a cache invalidation in time');
          done();
        }, timeoutMs);
        await finished;
        clearTimeout(timer);
        this.waiting.delete(token);
      },
    };
  }

  private onNotification(client: Client, channel: string, payload: string): void {
    if (channel === Channel.CACHE_ACK) {
      const entry = this.waiting.get(payload);
      if (entry && ++entry.acks >= entry.expected) entry.done();
      return;
    }
    const [table, token] = payload.split(':') as [CachedTable, string | undefined];
    for (const cache of this.caches) if (cache.tables.includes(table)) cache.clear();
    if (token) void notify(client, Channel.CACHE_ACK, token).catch(() => undefined);
  }

  private onLost(client: Client, err: unknown): void {
    if (this.client !== client) return; // an older connection's late event
    const wasListening = this.listening;
    this.drop();
    if (!this.url) return;
    if (wasListening)
      this.log?.warn(
        { err: err instanceof Error ? { message: err.message } : undefined },
        'cache listener lost: caches emptied and bypassed until it reconnects',
      );
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

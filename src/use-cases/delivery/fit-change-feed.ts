/**
 * FIT_CHANGED events as they commit, for subscriptions in this process. One connection per
 * process LISTENs on the outbox's channel (its trigger notifies at commit, whichever process
 * wrote); each notification reads the events after the last one seen, in order. When the
 * listening connection drops, the feed reconnects and catches up from where it was: nothing is
 * skipped, whatever process committed the change.
 */
import { EventEmitter, on } from 'node:events';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { Channel, listen } from '../../db/notifications';
import type { Logger } from '../../logger';
import { lastSequence, streamAfter } from '../../stores/outbox-store';
import { isUuid } from '../../common/ids';
import type { OutboxEvent, StreamPosition } from '../../model/delivery';

export class FitChangeFeed {
  private readonly emitter = new EventEmitter();
  /** Where this process is in the stream: every event before it was emitted. */
  private position: StreamPosition = { sequence: 0, inFitChangesAfter: null };
  private client: PoolClient | null = null;
  private reading: Promise<void> = Promise.resolve();
  private again = false;
  private stopped = false;
  private started: Promise<void> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly log: Logger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Starts listening (once); events committed from now on are delivered. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.position = { sequence: await lastSequence(this.ds.manager), inFitChangesAfter: null };
      await this.listen();
    })();
    return this.started;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    try {
      const pool = (this.ds.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
      const client = await pool.connect();
      this.client = client;
      client.on('notification', () => this.read());
      client.on('error', (err) => this.reconnect(client, err));
      await listen(client, Channel.OUTBOX);
      this.read(); // catch up on what committed while not listening
    } catch (err) {
      this.reconnect(null, err);
    }
  }

  private reconnect(client: PoolClient | null, err: unknown): void {
    if (client && this.client === client) {
      this.client = null;
      client.release(true);
    }
    if (this.stopped) return;
    this.log.warn({ err }, 'fit change feed lost its connection; reconnecting');
    setTimeout(() => void this.listen(), 1000).unref();
  }

  /** Reads and emits what is new; a notification during a read causes one more read. */
  private read(): void {
    if (this.stopped) return;
    this.again = true;
    this.reading = this.reading
      .then(async () => {
        while (this.again && !this.stopped) {
          this.again = false;
          // Up to the outbox's end as it is now; only segments someone here listens to (a publish of
          // a million accounts is read from its score rows only where a subscriber waits for it).
          const upTo = await lastSequence(this.ds.manager);
          for (;;) {
            const from = this.position;
            // Listeners are per segment id (events.on also listens to 'error').
            const segmentIds = this.emitter.eventNames().map(String).filter(isUuid);
            const { events, next } = await streamAfter(this.ds.manager, from, { types: ['FIT_CHANGED'], segmentIds }, 1000, upTo);
            this.position = next;
            for (const e of events) this.emitter.emit(e.segmentId, e);
            if (next.sequence >= upTo && next.inFitChangesAfter === null) break;
          }
        }
      })
      .catch((err) => this.log.error({ err }, 'fit change feed could not read the outbox'));
  }

  /** The segment's changes from now on, until the iterator is returned (the client unsubscribes). */
  async *changes(segmentId: string, signal?: AbortSignal): AsyncGenerator<OutboxEvent> {
    await this.start();
    for await (const [event] of on(this.emitter, segmentId, { signal })) yield event as OutboxEvent;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.emitter.removeAllListeners();
    const client = this.client;
    this.client = null;
    client?.release(true);
  }
}

const feeds = new WeakMap<DataSource, FitChangeFeed>();

/** The feed of this process for a database; the first call creates it, logging to `log`. */
export function fitChangeFeed(ds: DataSource, log: Logger): FitChangeFeed {
  let feed = feeds.get(ds);
  if (!feed) {
    feed = new FitChangeFeed(ds, log);
    feeds.set(ds, feed);
  }
  return feed;
}

/** Stops this process's feed for a database, if one was started (the app's stop does). */
export async function stopFitChangeFeed(ds: DataSource): Promise<void> {
  await feeds.get(ds)?.stop();
  feeds.delete(ds);
}

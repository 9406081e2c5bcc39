/**
 * The NOTIFY channels processes talk over, named once. Migrations' triggers send on them too
 * (1764800000000-CacheInvalidation: `fitgraph_cache`; 1765300000000-Delivery: `fitgraph_outbox`),
 * so a name changed here needs a migration there.
 */
/** A connection or an entity manager: both run a statement with parameters. */
interface Session {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export const Channel = {
  /** A cached table changed (payload: the table's name, and a token when a process waits for acks). */
  CACHE: 'fitgraph_cache',
  /** A process emptied its caches for a token (revocation waits for every listener). */
  CACHE_ACK: 'fitgraph_cache_ack',
  /** Outbox events committed: webhook dispatch and the fitChanged feed read what is new. */
  OUTBOX: 'fitgraph_outbox',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/** Starts listening on `channels` on a dedicated connection (LISTEN takes no parameters; the names are ours). */
export async function listen(client: Session, ...channels: Channel[]): Promise<void> {
  await client.query(channels.map((c) => `LISTEN ${c}`).join('; '));
}

/** Sends `payload` on `channel`; inside a transaction it is delivered when the transaction commits. */
export async function notify(db: Session, channel: Channel, payload = ''): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

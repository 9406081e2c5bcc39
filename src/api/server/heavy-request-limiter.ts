/**
 * Counts the heavy requests (reports) running in this process, per API key and in total, so
 * that one key's flood cannot take every database connection and CPU slice from the others.
 * A request that would exceed either bound is refused at once rather than queued: a queue
 * would hold the flooding client's sockets and memory, and a refusal tells it when to retry.
 */
export type HeavyLimit = 'PER_KEY' | 'TOTAL';

export class HeavyRequestLimiter {
  private running = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    readonly maxPerKey: number,
    readonly maxTotal: number,
  ) {}

  /** A release function when a slot is free for `keyId`, else the bound that is reached. */
  tryAcquire(keyId: string): { release: () => void } | { refused: HeavyLimit } {
    const mine = this.byKey.get(keyId) ?? 0;
    if (mine >= this.maxPerKey) return { refused: 'PER_KEY' };
    if (this.running >= this.maxTotal) return { refused: 'TOTAL' };
    this.running++;
    this.byKey.set(keyId, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.byKey.get(keyId) ?? 1) - 1;
        if (left > 0) this.byKey.set(keyId, left);
        else this.byKey.delete(keyId);
      },
    };
  }

  /** Heavy requests running now, for tests and logs. */
  get inFlight(): number {
    return this.running;
  }
}

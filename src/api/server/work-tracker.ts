/**
 * Counts the work in flight in this process (HTTP requests, background sweeps), so that a
 * shutdown lets it finish before the database connections close, up to a deadline.
 */
export class WorkTracker {
  private active = 0;
  private waiters: Array<() => void> = [];
  /** Set once shutdown starts: readiness answers 503 and no new work is taken. */
  draining = false;

  get inFlight(): number {
    return this.active;
  }

  /** Marks one piece of work as started; call the returned function once when it ends. */
  enter(): () => void {
    this.active++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      if (this.active === 0) this.waiters.splice(0).forEach((wake) => wake());
    };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const leave = this.enter();
    try {
      return await work();
    } finally {
      leave();
    }
  }

  /** True once nothing is in flight, false if `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(wake);
    });
  }
}

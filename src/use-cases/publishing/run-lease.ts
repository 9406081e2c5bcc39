import type { DataSource, QueryRunner } from 'typeorm';
import { LockNamespace, lockShared, unlockAll } from '../../db/advisory-locks';

/**
 * A run's hold on its job: a shared advisory lock on a session of its own for as long as it
 * runs, released by the server when its process dies. A job whose lease nobody holds has no
 * live run (its process was killed): publishVersion of the same draft may take it over.
 */
export class RunLease {
  private runner: QueryRunner | null = null;
  constructor(private readonly ds: DataSource) {}

  async acquire(jobId: string): Promise<void> {
    this.runner ??= this.ds.createQueryRunner();
    await this.runner.connect();
    await lockShared(this.runner, LockNamespace.PUBLISH_RUN, jobId);
  }

  async release(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    // Ending the session drops every advisory lock it holds.
    if (runner)
      await unlockAll(runner)
        .catch(() => undefined)
        .finally(() => runner.release());
  }
}

import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Sql } from '../../db/sql';
import { accountsWithFits, type AccountWithFits } from '../../stores/fit-queries';

/** One explained lookup: an account by (lower-case) id, its fits under `pairs`, overrides in force `at`. */
export interface AccountLookup {
  accountId: string;
  at: Date;
  pairs: ReadonlyArray<{ versionId: string; segmentId: string }>;
}

/** Lookups one statement reads at most. */
const MAX_LOOKUPS_PER_STATEMENT = 100;

/**
 * Explained lookups that arrive together share one statement, whichever requests they come from.
 * Under load each turn of the event loop takes in many requests; read one by one, every lookup
 * paid a round trip of its own (a pool checkout, a write that wakes a backend, a parse of the
 * row description, a statement's start-up in PostgreSQL), more than the rows it reads.
 * A batch leaves at the end of the turn (setImmediate, after the turn's I/O callbacks), so a
 * lone lookup waits for nothing. Nothing is kept between batches (`cache: false`): each lookup
 * reads the rows as they are when its batch runs, after everything its request wrote had
 * committed. Inside a transaction a lookup runs on its own, on the transaction's connection,
 * to see that transaction's writes. One per fitgraph (services.ts).
 */
export class LookupBatcher {
  private readonly batchers = new WeakMap<Sql, DataLoader<AccountLookup, AccountWithFits>>();

  /** An account with its fits under `lookup.pairs`, read together with the lookups that arrive with it (outside a transaction). */
  lookUp(db: Sql, lookup: AccountLookup): Promise<AccountWithFits> {
    if ((db as Partial<EntityManager>).queryRunner) {
      return accountsWithFits(db, [lookup], lookup.pairs).then(([answer]) => answer);
    }
    let batcher = this.batchers.get(db);
    if (!batcher) this.batchers.set(db, (batcher = batcherOn(db)));
    return batcher.load(lookup);
  }
}

function batcherOn(db: Sql): DataLoader<AccountLookup, AccountWithFits> {
  return new DataLoader(
    async (lookups) => {
      // Lookups of the same segments (almost always all of them) share a statement.
      const groups = new Map<string, number[]>();
      lookups.forEach((l, i) => {
        const key = l.pairs.map((p) => `${p.versionId}:${p.segmentId}`).join(',');
        const group = groups.get(key);
        if (group) group.push(i);
        else groups.set(key, [i]);
      });
      const answers = new Array<AccountWithFits>(lookups.length);
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          const read = await accountsWithFits(
            db,
            indexes.map((i) => lookups[i]),
            lookups[indexes[0]].pairs,
          );
          indexes.forEach((i, k) => (answers[i] = read[k]));
        }),
      );
      return answers;
    },
    { cache: false, maxBatchSize: MAX_LOOKUPS_PER_STATEMENT, batchScheduleFn: (run) => setImmediate(run) },
  );
}

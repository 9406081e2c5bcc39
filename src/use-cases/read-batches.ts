import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { Sql } from '../db/sql';
import {
  accountsWithFits,
  fitsPages,
  type AccountWithFits,
  type FitsPageAt,
  type FitsPageRows,
  type FitsPageStatement,
} from '../stores/fit-queries';

/** One explained lookup: an account by (lower-case) id, its fits under `pairs`, overrides in force `at`. */
export interface AccountLookup {
  accountId: string;
  at: Date;
  pairs: ReadonlyArray<{ versionId: string; segmentId: string }>;
}

/** Lookups or pages one statement reads at most. */
const MAX_PER_STATEMENT = 100;

type Loader<K, V> = DataLoader<K, V>;

/**
 * The hot reads that arrive together share one statement, whichever requests they come from:
 * explained lookups (`account(id:) { fit(…) }`) and `fits` pages of one shape. Under load each
 * turn of the event loop takes in many requests; read one by one, every read paid a round trip
 * of its own (a pool checkout, a write that wakes a backend, a parse of the row description, a
 * statement's start-up in PostgreSQL), more than the rows it reads.
 * A batch leaves at the end of the turn (setImmediate, after the turn's I/O callbacks), so a
 * lone read waits for nothing. Nothing is kept between batches (`cache: false`): each read sees
 * the rows as they are when its batch runs, after everything its request wrote had committed,
 * and each keeps its own instant (the overrides in force then). Inside a transaction a read
 * runs on its own, on the transaction's connection, to see that transaction's writes.
 * One per fitgraph (services.ts).
 */
export class ReadBatches {
  private readonly lookups = new WeakMap<Sql, Loader<AccountLookup, AccountWithFits>>();
  private readonly pages = new WeakMap<Sql, Loader<{ statement: FitsPageStatement; page: FitsPageAt }, FitsPageRows>>();

  /** An account with its fits under `lookup.pairs`. */
  lookUp(db: EntityManager, lookup: AccountLookup): Promise<AccountWithFits> {
    if (inTransaction(db)) return accountsWithFits(db, [lookup], lookup.pairs).then(([answer]) => answer);
    const loader = loaderOf(this.lookups, db, () =>
      batchLoader(
        (l) => l.pairs.map((p) => `${p.versionId}:${p.segmentId}`).join(','),
        (group) => accountsWithFits(db, group, group[0].pairs),
      ),
    );
    return loader.load(lookup);
  }

  /** A page of `fits` read by `statement` (fitsPageStatement) from `page`'s cursor at its instant. */
  fitsPage(db: EntityManager, statement: FitsPageStatement, page: FitsPageAt): Promise<FitsPageRows> {
    if (inTransaction(db)) return fitsPages(db, statement, [page]).then(([rows]) => rows);
    const loader = loaderOf(this.pages, db, () =>
      batchLoader(
        // Pages share a statement when its text and its shared parameters are the same.
        (p) => `${p.statement.text}\u0000${JSON.stringify(p.statement.shared)}`,
        (group) =>
          fitsPages(
            db,
            group[0].statement,
            group.map((p) => p.page),
          ),
      ),
    );
    return loader.load({ statement, page });
  }
}

/** The loader of `db` in `loaders`, made by `make` the first time. */
function loaderOf<K, V>(loaders: WeakMap<Sql, Loader<K, V>>, db: Sql, make: () => Loader<K, V>): Loader<K, V> {
  let loader = loaders.get(db);
  if (!loader) loaders.set(db, (loader = make()));
  return loader;
}

/** As runInTransaction tells (transaction.ts). */
function inTransaction(db: EntityManager): boolean {
  return db.queryRunner?.isTransactionActive === true;
}

/** A loader that reads each turn's keys in one statement per group (`groupOf`), by `read`, answering in the keys' order. */
function batchLoader<K, V>(groupOf: (key: K) => string, read: (group: K[]) => Promise<V[]>): Loader<K, V> {
  return new DataLoader<K, V>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => {
        const name = groupOf(key);
        const group = groups.get(name);
        if (group) group.push(i);
        else groups.set(name, [i]);
      });
      const answers = new Array<V | Error>(keys.length);
      // A group's failure is its own: the keys of the other groups keep their answers.
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          try {
            const answered = await read(indexes.map((i) => keys[i]));
            indexes.forEach((i, k) => (answers[i] = answered[k]));
          } catch (err) {
            for (const i of indexes) answers[i] = err instanceof Error ? err : new Error(String(err));
          }
        }),
      );
      return answers;
    },
    { cache: false, maxBatchSize: MAX_PER_STATEMENT, batchScheduleFn: (run) => setImmediate(run) },
  );
}

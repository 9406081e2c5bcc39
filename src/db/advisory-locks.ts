/**
 * PostgreSQL advisory locks take two keys, (namespace, key); every namespace fitgraph uses is
 * named here so that two features never share one by accident. Each call site passes the
 * namespace as a parameter: `pg_advisory_xact_lock($1, hashtext($2))`.
 *
 * The audit chain's namespace is also taken in SQL by the triggers of migrations
 * 1764000000000-Registry (audit_event_chain) and 1765300000000-Delivery (outbox_event_order),
 * which cannot import this module: keep its number.
 */
import { textArray } from './array-params';
import type { Sql } from './sql';

export const LockNamespace = {
  /** Audit and outbox sequences, key 0: one lock for both logs so a change writing both cannot deadlock. */
  AUDIT_CHAIN: 1,
  /** A publish's flip, keyed by the segment: one version of a segment at a time. */
  PUBLISH: 2,
  /** Upserts of an account, keyed by its external id: concurrent upserts of one account queue up. */
  ACCOUNT_UPSERT: 3,
  /** Background work, keyed by the job's key (and the job queue's setup): one run per key at a time. */
  JOB_KEY: 4,
  /** A publish run's hold on its job, keyed by the job id (shared by its runs). */
  PUBLISH_RUN: 5,
} as const;

type Namespace = (typeof LockNamespace)[keyof typeof LockNamespace];

/** Takes the transaction-scoped lock (namespace, key) if it is free; false when another transaction holds it. */
export async function tryTransactionLock(db: Sql, namespace: Namespace, key: string): Promise<boolean> {
  const [{ locked }] = await db.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [namespace, key]);
  return locked;
}

/**
 * Takes the transaction-scoped locks (namespace, key) of every key, waiting for each, in hash
 * order: two transactions locking overlapping keys queue up instead of deadlocking.
 */
export async function lockTransactionKeys(db: Sql, namespace: Namespace, keys: readonly string[]): Promise<void> {
  await db.query(
    'SELECT pg_advisory_xact_lock($2, h) FROM (SELECT DISTINCT hashtext(x) AS h FROM unnest($1::text[]) x ORDER BY 1) ordered',
    [textArray(keys), namespace],
  );
}

/** Takes the session-scoped lock (namespace, key) in shared mode, waiting for an exclusive holder. */
export async function lockShared(db: Sql, namespace: Namespace, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_lock_shared($1, hashtext($2))', [namespace, key]);
}

/** Drops every session-scoped advisory lock the session holds. */
export async function unlockAll(db: Sql): Promise<void> {
  await db.query('SELECT pg_advisory_unlock_all()');
}

import { createHash } from 'node:crypto';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { PoolWithPreparedReads } from './data-source';
import type { Sql } from './sql';

/**
 * Distinct statement texts this process prepares at most; others run unnamed, as any statement.
 * Each connection keeps a plan per prepared text for its lifetime, so the set must stay bounded:
 * the hot reads have a handful of shapes (a fits page with or without a cursor, per page size and
 * filter, each read whole or narrow: fit-queries.ts), a few kilobytes of plan each.
 */
export const MAX_PREPARED_TEXTS = 64;

const names = new Map<string, string>();

/** The statement's name, the same in every connection of every process (a hash of its text); null once the set is full. */
function nameOf(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_PREPARED_TEXTS) return null;
    name = `fitgraph_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a hot read as a named prepared statement: each connection parses it once and then runs
 * its generic plan, planned once. Outside a transaction it runs on the pool's sibling for
 * prepared reads, whose sessions always take the generic plan (data-source.ts): left to choose,
 * PostgreSQL planned a fits page afresh on every request, 1.4 ms of planning for 0.3 ms of
 * running. Inside one (`db` bound to a transaction) it runs on the transaction's connection,
 * with PostgreSQL's choice. TypeORM's `query` cannot name a statement, so this takes the pg
 * client itself, with the same session settings (timeouts) and the same logger (tests count
 * statements), errors wrapped as TypeORM wraps them. A `db` that is not a TypeORM manager on
 * PostgreSQL gets a plain `query`.
 *
 * The text must keep its generic plan good for any parameters: no parameter whose value
 * decides the plan (a LIMIT written as a parameter makes the generic plan assume a tenth of the
 * rows); inline those.
 */
export async function queryPrepared<R = Record<string, unknown>>(db: Sql, text: string, values: unknown[]): Promise<R[]> {
  const em = db as Partial<EntityManager>;
  const ds: DataSource | undefined = em.connection;
  const name = ds?.options.type === 'postgres' ? nameOf(text) : null;
  if (!ds || !name) return db.query(text, values);
  const runner = em.queryRunner;
  // Outside a transaction: a session of the pool's sibling that always runs generic plans (data-source.ts).
  const pool = runner ? null : (ds.driver as unknown as { master?: Partial<PoolWithPreparedReads> }).master;
  const client = (pool?.preparedReads ? pool.preparedReads() : runner ? await runner.connect() : null) as {
    query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
  } | null;
  if (!client) return db.query(text, values);
  ds.logger.logQuery(text, values, runner);
  try {
    return (await client.query({ name, text, values })).rows;
  } catch (err) {
    ds.logger.logQueryError(err as Error, text, values, runner);
    throw new QueryFailedError(text, values, err as Error);
  }
}

import os from 'node:os';
import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { migrations } from '../../migrations';
import type { Config } from '../config';
import type { Sql } from './sql';
import { typeParsers } from './type-parsers';

/**
 * Interactive work (API requests) gets statement and lock timeouts, so that one slow or
 * blocked request answers an error instead of holding a connection for minutes. Bulk work
 * (migrations, imports, the demo seed, the benchmark's loads) runs without them: its
 * statements are long by nature. A publish's rescoring lifts them for its own transaction
 * (see `liftTimeouts`).
 */
export type Workload = 'interactive' | 'bulk';

type SessionConfig = Pick<Config, 'statementTimeoutMs' | 'lockTimeoutMs' | 'idleInTransactionTimeoutMs' | 'clientCheckIntervalMs'>;

/**
 * Names this process's sessions in pg_stat_activity, so that a draining process cancels its
 * own statements only and an operator sees which process a backend serves.
 */
export const applicationName = `fitgraph ${os.hostname()} ${process.pid}`.slice(0, 63);

/**
 * A pool whose every new connection asks PostgreSQL to check, while a statement runs, that
 * the client is still there: without it a killed process's backend runs its statement to the
 * end (minutes for a publish), holding its locks. The setting exists from PostgreSQL 14; the
 * WHERE keeps older servers working without it.
 *
 * Each pool also opens, on first use, a sibling for the hot reads' prepared statements
 * (`preparedReads`, see db/prepared.ts): the same sessions, except that a prepared statement
 * always runs its generic plan. PostgreSQL's own choice kept planning a fits page afresh on
 * every request (1.4 ms of planning for 0.3 ms of running at 200,000 accounts: its generic
 * estimate for `score = $n` is pessimistic), and the setting cannot be given per statement.
 * Every other statement keeps PostgreSQL's choice, as reports and bulk work need plans made
 * for their parameters.
 */
export interface PoolWithPreparedReads extends pg.Pool {
  preparedReads(): pg.Pool;
}

function poolCheckingClients(intervalMs: number): typeof pg {
  class CheckingPool extends pg.Pool implements PoolWithPreparedReads {
    private readonly given: pg.PoolConfig;
    private reads: CheckingPool | undefined;
    private closing = false;

    constructor(options?: pg.PoolConfig) {
      // Set before the pool hands the connection out (pg-pool waits for onConnect), so that no
      // query is sent to a client still busy with this one.
      const onConnect = (client: pg.ClientBase) =>
        client
          .query(
            `SELECT set_config('client_connection_check_interval', $1, false)
           WHERE current_setting('server_version_num')::int >= 140000`,
            [`${intervalMs}ms`],
          )
          .then(
            () => undefined,
            () => undefined, // a failure here surfaces on the client's next query
          );
      super(intervalMs > 0 ? { ...options, onConnect: onConnect as (client: pg.ClientBase) => void } : options);
      this.given = options ?? {};
    }

    preparedReads(): pg.Pool {
      if (this.closing) throw new Error('Cannot use a pool after calling end on the pool');
      if (!this.reads) {
        this.reads = new CheckingPool({
          ...this.given,
          options: `${this.given.options ?? ''} -c plan_cache_mode=force_generic_plan`.trim(),
        });
        // An idle session that dies (a restart, pg_terminate_backend) is reported as the pool's own
        // are, to TypeORM's handler: a pool 'error' nobody listens to would end the process.
        this.reads.on('error', (err, client) => this.emit('error', err, client));
      }
      return this.reads;
    }

    // TypeORM ends its pools with a callback; the sibling ends first, either way.
    override end(): Promise<void>;
    override end(callback: () => void): void;
    override end(callback?: () => void): Promise<void> | void {
      this.closing = true;
      const reads = this.reads;
      this.reads = undefined;
      const ended = (reads ? reads.end().catch(() => undefined) : Promise.resolve()).then(() => super.end());
      if (!callback) return ended;
      ended.then(() => callback(), callback as (err: unknown) => void);
    }
  }
  return Object.assign(Object.create(pg) as typeof pg, { Pool: CheckingPool });
}

/** Session settings sent at connection start-up (`-c name=value`), valid on every supported version. */
function startupOptions(workload: Workload, cfg: SessionConfig): string {
  const settings: Record<string, number> = { idle_in_transaction_session_timeout: cfg.idleInTransactionTimeoutMs };
  if (workload === 'interactive') {
    settings.statement_timeout = cfg.statementTimeoutMs;
    settings.lock_timeout = cfg.lockTimeoutMs;
  }
  return Object.entries(settings)
    .map(([name, ms]) => `-c ${name}=${ms}`)
    .join(' ');
}

export interface DataSourceOptions {
  poolSize?: number;
  logger?: Logger;
  workload?: Workload;
  config: SessionConfig;
}

/**
 * The application's DataSource: connections, transactions and migrations. It maps no entities
 * (stores write their SQL); the schema changes only through migrations, never synchronize.
 */
export function createDataSource(url: string, options: DataSourceOptions): DataSource {
  const cfg = options.config;
  return new DataSource({
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // A custom logger sees every statement (tests count them); otherwise TypeORM logs nothing.
    ...(options.logger ? { logger: options.logger, logging: true } : { logging: false }),
    poolSize: options.poolSize ?? 20,
    applicationName,
    driver: poolCheckingClients(cfg.clientCheckIntervalMs),
    extra: {
      options: startupOptions(options.workload ?? 'interactive', cfg),
      types: typeParsers,
      // A vanished server or a silently dropped connection (NAT, load balancer) is noticed.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  });
}

/** Applies pending migrations on a connection of their own without statement or lock timeouts. */
export async function migrateDatabase(url: string, config: SessionConfig): Promise<string[]> {
  const ds = createDataSource(url, { poolSize: 1, workload: 'bulk', config });
  await ds.initialize();
  try {
    return (await ds.runMigrations()).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * Bulk work inside an interactive transaction (a publish rescoring a whole segment): no
 * statement or lock timeout until the transaction ends. A vanished client is still noticed
 * (client_connection_check_interval) and an idle transaction still ended.
 */
export async function liftTimeouts(db: Sql): Promise<void> {
  await db.query(`SELECT set_config('statement_timeout', '0', true), set_config('lock_timeout', '0', true)`);
}

/**
 * A real fitgraph per test file: its own database cloned from the migrated template, the
 * real schema and server on an ephemeral port, and a small typed GraphQL client.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Client } from 'pg';
import type { DataSource, Logger } from 'typeorm';
import { apiKeyService } from '../../src/use-cases/auth/api-key.service';
import type { Role } from '../../src/model/role';
import type { AppContext, Clock } from '../../src/use-cases/context';
import { config, type Config } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { withDatabase } from '../../src/db/database';
import { createApp, type App } from '../../src/api/server/app';
import { createSystemContext } from '../../src/use-cases/system-context';

export interface GqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}
export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: GqlError[];
}

export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-24T12:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.FITGRAPH_TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Counts the SQL statements the app sends, for asserting that loaders batch. */
export class StatementCounter implements Logger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string): void {
    this.count++;
    this.statements.push(query);
  }
  reset(): void {
    this.count = 0;
    this.statements = [];
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface TestApp {
  statements: StatementCounter;
  ds: DataSource;
  app: App;
  url: string;
  databaseName: string;
  /** Connection URL of the test database, for queues and child processes. */
  databaseUrl: string;
  /** Secret of an ADMIN key. */
  adminKey: string;
  /** A system context on the test database (actor "system"). */
  system: AppContext;
  /** Sends one GraphQL operation over HTTP; `key` defaults to the admin key, null sends none. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { key?: string | null; headers?: Record<string, string> },
  ): Promise<GqlResponse<T>>;
  /** Like gql, but fails the test on any error and returns data. */
  data<T = any>(query: string, variables?: Record<string, unknown>, opts?: { key?: string | null }): Promise<T>;
  /** A new key of this role; returns its secret. Without a name: `<role>-key`, or `<role>-key-2`… once taken (names are unique). */
  keyFor(role: Role, name?: string): Promise<string>;
  sql<R = any>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function startTestApp(options: { clock?: Clock; config?: Partial<Config> } = {}): Promise<TestApp> {
  const serverUrl = process.env.FITGRAPH_TEST_SERVER_URL;
  const template = process.env.FITGRAPH_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('test/global-setup.ts did not run');
  const databaseName = `fitgraph_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${databaseName} TEMPLATE ${template}`);
  const statements = new StatementCounter();
  const cfg = { ...config, ...options.config };
  const ds = createDataSource(withDatabase(serverUrl, databaseName), { poolSize: 10, logger: statements, config: cfg });
  await ds.initialize();
  const system = createSystemContext(ds, undefined, options.clock);
  const { secret: adminKey } = await apiKeyService.create(system, 'test-admin', 'ADMIN');
  const app = await createApp({ dataSource: ds, clock: options.clock, config: cfg });
  const { server, url } = await app.listen(0);

  async function gql<T>(
    query: string,
    variables?: Record<string, unknown>,
    opts: { key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<GqlResponse<T>> {
    const key = opts.key === undefined ? adminKey : opts.key;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...opts.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: GqlError[] };
    return { status: res.status, headers: res.headers, data: body.data ?? undefined, errors: body.errors };
  }

  return {
    ds,
    app,
    url,
    databaseName,
    databaseUrl: withDatabase(serverUrl, databaseName),
    adminKey,
    system,
    gql,
    statements,
    async data<T>(query: string, variables?: Record<string, unknown>, opts?: { key?: string | null }) {
      const res = await gql<T>(query, variables, opts);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
      return res.data as T;
    },
    async keyFor(role: Role, name?: string) {
      return (
        name
          ? await apiKeyService.create(system, name, role)
          : await apiKeyService.createUnderFreeName(system, `${role.toLowerCase()}-key`, role)
      ).secret;
    },
    sql: (text, params) => ds.query(text, params),
    async close() {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
      await app.stop();
      await ds.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    },
  };
}

/** The error of a response that must have failed, with its code checked. */
export function expectError(res: GqlResponse, code: string): GqlError {
  if (!res.errors?.length) throw new Error(`expected a ${code} error, got data ${JSON.stringify(res.data)}`);
  const error = res.errors[0];
  if (error.extensions?.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(res.errors)}`);
  return error;
}

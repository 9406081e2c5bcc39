import path from 'node:path';
import { Client } from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface Database {
  url: string;
  /** The embedded server we started, or null for DATABASE_URL. */
  embedded: { dataDir: string; created: boolean; location: string } | null;
  stop(): Promise<void>;
}

const APP_DATABASE = 'fitgraph';

/** The same server's URL for another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in the data folder, started (and created) as needed. */
export async function openDatabase(cfg: Readonly<Config>, log: Logger): Promise<Database> {
  if (cfg.databaseUrl) return { url: cfg.databaseUrl, embedded: null, stop: async () => undefined };
  const dataDir = path.join(cfg.dataDir, 'pg');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: cfg.embeddedPgPort,
    onLog: (line) => log.debug({ postgres: line.trim() }, 'embedded postgres'),
  });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(server.url, APP_DATABASE),
    embedded: { dataDir: cfg.dataDir, created: server.created, location: server.location },
    stop: server.stop,
  };
}

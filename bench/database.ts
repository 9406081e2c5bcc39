/**
 * The benchmark's own database: `fitgraph_bench_<pid>` on DATABASE_URL's server, or on an
 * embedded PostgreSQL started here (as test/global-setup.ts does). `close()` drops the
 * database and stops/deletes the embedded server; it is idempotent so that the normal path,
 * a failure and a signal can all call it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../src/db/database';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded-postgres';

export interface BenchDatabase {
  /** Connection URL of the benchmark database. */
  url: string;
  name: string;
  /** 'DATABASE_URL' or 'embedded PostgreSQL'. */
  server: string;
  close(): Promise<void>;
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Last resort at process exit: embedded-postgres stops its servers on SIGINT/SIGTERM by itself
 * (async-exit-hook) and exits before our async cleanup ends, leaving the data folder behind.
 * Synchronous, as 'exit' handlers must be: stop a postmaster still running, delete the folder.
 */
function removeCluster(dir: string): void {
  if (!fs.existsSync(dir)) return;
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // no pid file, or the server is gone already
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let embedded: { server: EmbeddedServer; dir: string } | undefined;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-bench-'));
    fs.chmodSync(dir, 0o755); // the postgres system user must reach its data folder
    try {
      const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), ephemeral: true });
      embedded = { server, dir };
      serverUrl = server.url;
      process.once('exit', () => removeCluster(dir));
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const name = `fitgraph_bench_${process.pid}`;
  const stopEmbedded = async () => {
    if (!embedded) return;
    const { server, dir } = embedded;
    embedded = undefined;
    try {
      await server.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  } catch (err) {
    await stopEmbedded();
    throw err;
  }
  log(`database ${name} on ${embedded ? 'an embedded PostgreSQL' : 'DATABASE_URL'}`);

  let closed = false;
  return {
    url: withDatabase(serverUrl, name),
    name,
    server: embedded ? 'embedded PostgreSQL (fsync off)' : 'DATABASE_URL',
    async close() {
      if (closed) return;
      closed = true;
      try {
        // FORCE: a connection left open by a failed phase must not keep the database alive.
        await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        log(`database ${name} dropped`);
      } finally {
        await stopEmbedded();
      }
    },
  };
}

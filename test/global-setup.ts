/**
 * Runs once per `jest` run: finds a PostgreSQL server (DATABASE_URL, or an embedded one
 * started here), and migrates a template database that every test file clones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { readConfig } from '../src/config';
import { migrateDatabase } from '../src/db/data-source';
import { withDatabase } from '../src/db/database';
import { JOB_SCHEMA } from '../src/queue/job-queue';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded-postgres';

declare global {
  var __fitgraphEmbedded: { server: EmbeddedServer; dir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-test-'));
    fs.chmodSync(dir, 0o755); // the postgres system user must reach its data folder
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), ephemeral: true });
    globalThis.__fitgraphEmbedded = { server, dir };
    serverUrl = server.url;
    process.stdout.write(`\nTests use an embedded PostgreSQL (DATABASE_URL is unset)\n`);
  }
  const template = `fitgraph_tmpl_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  await migrateDatabase(withDatabase(serverUrl, template), readConfig());
  // The job queue's own schema, as its migrator would create it at start: suites that start a queue skip that work.
  const templateClient = new Client({ connectionString: withDatabase(serverUrl, template) });
  await templateClient.connect();
  await templateClient.query(PgBoss.getConstructionPlans(JOB_SCHEMA));
  await templateClient.end();

  process.env.FITGRAPH_TEST_SERVER_URL = serverUrl;
  process.env.FITGRAPH_TEST_TEMPLATE = template;
}

/**
 * `npm run bench:time [-- --accounts 30000 --rounds 2]`: only the time-driven rescoring figure
 * of `npm run bench`, beside the same COPY ceiling, without the phases before it (publishes
 * under upserts, reports, discovery, HTTP load). For comparing changes to the time-driven
 * rescoring back to back. Each round publishes a version again (untimed) so that every
 * member is due at one instant, then times the rescoring; the best and every round are printed.
 */
import os from 'node:os';
import 'reflect-metadata';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createFitgraph } from '../src/app/fitgraph';
import { readConfig } from '../src/config';
import { createDataSource, migrateDatabase } from '../src/db/data-source';
import { copyBaseline, copyRows, encodeAccounts } from './copy-baseline';
import { openBenchDatabase, type BenchDatabase } from './database';
import { int, sec } from './report';
import { prepareWindowsEndingTogether, timeTimeRescoring } from './time-rescoring';

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]) {
  const opts = { accounts: 30_000, rounds: 2 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '') as keyof typeof opts;
    const value = Number(argv[++i]);
    if (!(name in opts) || !Number.isInteger(value) || value < 1) {
      throw new Error(`usage: npm run bench:time -- [--accounts N] [--rounds N] (bad "${argv[i - 1]} ${argv[i] ?? ''}")`);
    }
    opts[name] = value;
  }
  return opts;
}

const resources: { db?: BenchDatabase; ds?: DataSource } = {};

async function cleanup(): Promise<void> {
  const { ds, db } = resources;
  resources.ds = resources.db = undefined;
  if (ds?.isInitialized) await ds.destroy().catch((err) => log(`data source close failed: ${err}`));
  await db?.close();
}

async function settle(ds: DataSource): Promise<void> {
  await ds.query('VACUUM account, account_score');
  await ds.query('CHECKPOINT').catch(() => undefined);
}

async function main(): Promise<void> {
  const config = readConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const opts = parseArgs(process.argv.slice(2));
  const loadAtStart = os.loadavg()[0];
  const db = (resources.db = await openBenchDatabase(log));
  await migrateDatabase(db.url, config);
  const ds = (resources.ds = createDataSource(db.url, { workload: 'bulk', config }));
  await ds.initialize();
  const fitgraph = createFitgraph(config, { dataSource: ds });
  const segment = await fitgraph.services.segments.create(fitgraph.system(), {
    key: 'bench',
    name: 'Benchmark',
    description: null,
    membership: [],
  });
  const data = encodeAccounts(opts.accounts, segment.id, new Date());
  const client = new Client({ connectionString: db.url });
  await client.connect();
  let copy: { seconds: number; rate: number };
  try {
    await ds.query('CHECKPOINT').catch(() => undefined);
    copy = await copyBaseline(client, data);
    await ds.query('CHECKPOINT').catch(() => undefined);
    await copyRows(client, 'account', data);
  } finally {
    await client.end();
  }
  out(`COPY of ${int(opts.accounts)} account rows into a scratch table: ${int(copy.rate)} rows/s (${sec(copy.seconds)})`);
  const rates: number[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    const windowEnd = await prepareWindowsEndingTogether(ds, fitgraph, segment, log);
    await settle(ds);
    const timed = await timeTimeRescoring(ds, fitgraph, windowEnd);
    rates.push(timed.rate);
    out(
      `round ${round}: time-driven rescoring of ${int(timed.accounts)} accounts (${int(timed.rowsWritten)} rows): ${int(timed.rate)} accounts/s (${sec(timed.seconds)}), ${(timed.rate / copy.rate).toFixed(2)} of COPY`,
    );
  }
  const best = Math.max(...rates);
  out(
    `best: ${int(best)} accounts/s = ${(best / copy.rate).toFixed(2)} of COPY (target 0.33); load average ${loadAtStart.toFixed(1)} at start / ${os.loadavg()[0].toFixed(1)} at end`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(cleanup, async (err) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanup();
    process.exitCode = 1;
  })
  .catch(() => undefined);

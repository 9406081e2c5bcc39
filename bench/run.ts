/**
 * `npm run bench [-- --accounts 1000000 --duration 10 --upsert 100000 --connections 50 --opportunities 200000]`
 *
 * Prints each figure beside its ceiling measured in the same run: publish rescoring and
 * upsertAccounts beside a plain COPY of the same rows, and time-driven rescoring of a segment
 * whose windows all end at one instant, likewise; fits pages and explained account
 * lookups beside `{ __typename }` on the same server. The reports (conversionComparison,
 * backtest) over the loaded accounts and `--opportunities` opportunities (with twice as many
 * leads) have absolute time targets instead. What the outbox costs: upserts and a publish with
 * it beside the same without it (outbox-cost.ts); webhook delivery: events per second from the
 * workers to a receiver in a child process, beside the same POSTs sent by a bare loop
 * (delivery.ts). Progress goes to stderr, figures to stdout.
 * The database is created here and dropped at the end, also on failure or Ctrl-C.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import 'reflect-metadata';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createFitgraph } from '../src/app/fitgraph';
import { readConfig } from '../src/config';
import { createDataSource, migrateDatabase } from '../src/db/data-source';
import { DEMO_SEGMENTS } from '../src/demo/icp-definitions.demo';
import { fitsCursor } from '../src/use-cases/scoring/fit.service';
import type { App } from '../src/api/server/app';
import type { CacheBus } from '../src/db/process-cache';
import { copyBaseline, copyRows, encodeAccounts } from './copy-baseline';
import { openBenchDatabase, type BenchDatabase } from './database';
import { timeDiscovery } from './discovery-timing';
import { runLoad, type LoadResult } from './http-load';
import { measurePgHttpCeiling } from './pg-http-ceiling';
import { timePublish } from './publish';
import { prepareWindowsEndingTogether, timeTimeRescoring } from './time-rescoring';
import { formatLine, int, ms, sec, verdict, type Figure, type Line } from './report';
import { gql, prepareOutcomes, timeReports } from './report-timing';
import { planBatches, upsertViaHttp, upsertViaService, type UpsertFigure } from './upsert';
import { BenchReceiver, timeDelivery } from './delivery';
import { countStream, timePublishOutboxCost, timeUpsertOutboxCost } from './outbox-cost';
import { DAY } from '../src/common/dates';

const SEGMENT = 'bench';
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]) {
  const opts = { accounts: 1_000_000, duration: 10, upsert: 100_000, connections: 50, opportunities: 200_000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '') as keyof typeof opts;
    const value = Number(argv[++i]);
    if (!(name in opts) || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `usage: npm run bench -- [--accounts N] [--duration S] [--upsert N] [--connections N] [--opportunities N] (bad "${argv[i - 1]} ${argv[i] ?? ''}")`,
      );
    }
    opts[name] = value;
  }
  // Four upsert runs (service and HTTP, 1 and 2 workers) update disjoint loaded accounts, in the
  // first half of them (the outbox's runs take the third quarter, the v2 publish's upserts the last).
  opts.upsert = Math.min(opts.upsert, 2 * Math.floor(opts.accounts / 8));
  if (opts.upsert < 2000) throw new Error('--accounts must be at least 8,000 (the upsert runs need 4 x 1,000 loaded accounts)');
  return opts;
}

const resources: {
  db?: BenchDatabase;
  ds?: DataSource;
  app?: App;
  server?: Server;
  receiver?: BenchReceiver;
  cacheBus?: CacheBus;
} = {};

async function cleanup(): Promise<void> {
  const { server, app, ds, db, receiver, cacheBus } = resources;
  resources.server = resources.app = resources.ds = resources.db = resources.receiver = resources.cacheBus = undefined;
  await receiver?.stop().catch((err) => log(`receiver stop failed: ${err}`));
  await cacheBus?.stop();
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await app?.stop().catch((err) => log(`app stop failed: ${err}`));
  if (ds?.isInitialized) await ds.destroy().catch((err) => log(`data source close failed: ${err}`));
  await db?.close();
}

async function checkpoint(ds: DataSource): Promise<void> {
  // Start each timed phase without the previous phase's dirty pages to flush (needs superuser
  // or pg_checkpoint on an external server; skipped when refused).
  await ds.query('CHECKPOINT').catch(() => undefined);
}

/**
 * Before a timed phase (but not between the load and the publishes, which a user runs back
 * to back): VACUUM what the previous phases wrote (up to millions of score rows), as
 * autovacuum would have done on a live system; otherwise autovacuum takes one of the two
 * cores in the middle of the next measurement. No ANALYZE: the code keeps the planner's
 * statistics fresh itself (src/db/statistics.ts), and the figures show whether it does.
 */
async function settle(ds: DataSource): Promise<void> {
  const t0 = Date.now();
  await ds.query('VACUUM account, account_score');
  await checkpoint(ds);
  log(`settle: VACUUM account, account_score + CHECKPOINT in ${sec((Date.now() - t0) / 1000)}`);
}

/**
 * Waits until the app's pools are idle: when autocannon stops, the server still holds the
 * requests it had queued, and they must neither count against the next run nor meet a
 * closed pool at cleanup.
 */
async function drained(ds: DataSource): Promise<void> {
  type Counts = { totalCount: number; idleCount: number; waitingCount: number };
  const master = (ds.driver as unknown as { master: Counts & { preparedReads(): Counts } }).master;
  // The hot reads queue on the pool's sibling for prepared reads (src/db/data-source.ts).
  const pools = [master, master.preparedReads()];
  const busy = () => pools.some((pool) => pool.waitingCount > 0 || pool.idleCount < pool.totalCount);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && busy()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // responses still being written
}

async function main(): Promise<void> {
  // Figures, not logs: the bench's own fitgraph logs warnings only unless LOG_LEVEL says otherwise.
  // The webhook receiver listens on 127.0.0.1.
  // Webhook secrets are sealed with FITGRAPH_SECRET_KEY; the bench's database is dropped at the end, so any key does.
  const config = readConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    FITGRAPH_WEBHOOK_ALLOW_PRIVATE: 'true',
    FITGRAPH_SECRET_KEY: process.env.FITGRAPH_SECRET_KEY || randomBytes(32).toString('hex'),
  });
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // Other work on the same cores skews every figure: the block at the end shows how busy the machine was.
  const loadAtStart = os.loadavg()[0];
  const db = (resources.db = await openBenchDatabase(log));
  await migrateDatabase(db.url, config);
  // Bulk: the settling VACUUMs below run longer than an interactive statement may.
  const ds = (resources.ds = createDataSource(db.url, { workload: 'bulk', config }));
  await ds.initialize();
  const fitgraph = createFitgraph(config, { dataSource: ds });
  // As `npm start` runs: the per-process caches serve only while this listener is connected.
  await fitgraph.cacheBus.start(db.url, fitgraph.log);
  resources.cacheBus = fitgraph.cacheBus;
  const { services } = fitgraph;
  const ctx = fitgraph.system();
  // Empty membership: every account belongs to the segment.
  const segment = await services.segments.create(ctx, { key: SEGMENT, name: 'Benchmark', description: null, membership: [] });
  const [{ server_version: pgVersion }] = await ds.query('SHOW server_version');
  log(
    `PostgreSQL ${pgVersion}; ${opts.accounts} accounts, upsert runs of ${opts.upsert}, HTTP ${opts.connections} connections x ${opts.duration} s`,
  );

  // 1. The COPY ceiling, then the same rows into `account` (setup, not a figure).
  const t = Date.now();
  let data: ReturnType<typeof encodeAccounts> | undefined = encodeAccounts(opts.accounts, segment.id, new Date());
  log(`encoded ${int(data.rows)} account rows (${int(data.bytes / 1e6)} MB of COPY text) in ${sec((Date.now() - t) / 1000)}`);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  let copy: { seconds: number; rate: number };
  try {
    await checkpoint(ds);
    copy = await copyBaseline(client, data);
    log(`COPY into scratch table: ${int(data.rows)} rows in ${sec(copy.seconds)} = ${int(copy.rate)} rows/s`);
    await checkpoint(ds);
    const loadSeconds = await copyRows(client, 'account', data);
    log(`setup: COPY into account (with its indexes): ${sec(loadSeconds)}`);
    data = undefined; // ~1 KB a row: let it go before the publishes
  } finally {
    await client.end();
  }
  const copyCeiling = `COPY ${int(copy.rate)} rows/s`;
  out(
    `COPY of ${int(opts.accounts)} account rows into a scratch table: ${int(copy.rate)} rows/s (${sec(copy.seconds)})  [the ceiling of figures 1 and 2]`,
  );

  // 2. Publish rescoring right after the load, as RevOps does after an import: no ANALYZE
  // or VACUUM in between, so the planner has no statistics of the fresh rows (v1 right after
  // the accounts' COPY, v2 right after v1 wrote a score per account).
  // v1 scores every account from nothing, v2 is a changed definition.
  // Backfilled effectiveAt (as the demo data): v1 from 180 days ago, v2 from 90 days ago, so
  // that the reports have one period per version.
  const demo = DEMO_SEGMENTS[0];
  const v1At = new Date(Date.now() - 180 * DAY);
  const v2At = new Date(Date.now() - 90 * DAY);
  await checkpoint(ds);
  // Right after the load, no ANALYZE (the publish refreshes statistics itself).
  // v1 (from nothing) by two runs sharing its batches, v2 by one run (publishVersion in a
  // request) while upsertAccounts batches of 100 update the last loaded accounts throughout.
  const v1 = await timePublish(fitgraph, SEGMENT, demo.live, 'bench v1', v1At, { runs: 2 });
  const duringCount = Math.min(20_000, Math.floor(opts.accounts / 4));
  const v2 = await timePublish(fitgraph, SEGMENT, demo.draft, demo.draftNotes, v2At, {
    runs: 1,
    upsertsDuring: { fromIndex: opts.accounts - duringCount, count: duringCount },
  });
  const publishLines: Figure[] = [v2, v1].map((p): Figure => ({
    label: `publish right after the load, no ANALYZE: preparation, ${p.runs} run${p.runs > 1 ? 's' : ''} (${int(p.accountsScored)} accounts, v${p.number}${p.number === 1 ? ', from nothing' : `, ${int(p.tierMoves)} change tier`})`,
    figure: `${int(p.rate)} accounts/s (${sec(p.seconds - p.flipSeconds - p.summarySeconds)})`,
    ceiling: copyCeiling,
    ratio: p.rate / copy.rate,
    minRatio: 1 / 3,
  }));
  for (const p of [v2, v1]) {
    publishLines.push({
      label: `publish flip (v${p.number}, one transaction)`,
      figure: sec(p.flipSeconds),
      seconds: p.flipSeconds,
      maxSeconds: 1,
    });
    publishLines.push({
      label: `after the flip (v${p.number}): its tier migration counted, then the job DONE (nothing waits for it)`,
      figure: sec(p.summarySeconds),
      fact: true,
    });
  }
  if (v2.upserts) {
    publishLines.push({
      label: `upsertAccounts batches of 100 during the v2 publish (${int(v2.upserts.batches)} batches), p99`,
      figure: `${int(v2.upserts.p99Ms)} ms (max ${int(v2.upserts.maxMs)} ms)`,
      seconds: v2.upserts.p99Ms / 1000,
      maxSeconds: 1,
    });
  }
  publishLines.forEach((l) => out(formatLine(l)));

  // 3. Reports over exactly the loaded accounts (before the upserts add more): outcomes
  // COPYed in v1's and v2's periods (setup), then conversionComparison and backtest timed.
  const outcomes = await prepareOutcomes(
    ds,
    db.url,
    { segmentId: segment.id, v1At, v2At, now: new Date(), opportunities: opts.opportunities },
    log,
  );
  await settle(ds);
  const app = (resources.app = await fitgraph.createApp());
  const server = (resources.server = await new Promise<Server>((resolve, reject) => {
    const s = app.http.listen(0, '127.0.0.1', () => resolve(s)).once('error', reject);
  }));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const { secret: writerKey } = await services.apiKeys.create(ctx, 'bench-revops', 'REVOPS');
  const { secret: readerKey } = await services.apiKeys.create(ctx, 'bench-viewer', 'VIEWER');
  const reportLines = await timeReports({
    fitgraph,
    url,
    readerKey,
    writerKey,
    segmentKey: SEGMENT,
    draft: DEMO_SEGMENTS[1].draft,
    opportunities: outcomes.opportunities,
    log,
  });
  // Discovery over the same accounts and outcomes (layer 08).
  reportLines.push(
    ...(await timeDiscovery({
      fitgraph,
      segmentKey: SEGMENT,
      scope: `${int(opts.accounts)} accounts, ${int(outcomes.opportunities)} opportunities`,
      log,
    })),
  );
  reportLines.forEach((l) => out(formatLine(l)));

  // 4. upsertAccounts, batches of 1,000: service with 1 and 2 workers, then HTTP likewise.
  const upserts: Array<{ via: string; workers: number; figure: UpsertFigure }> = [];
  const runs = [
    ['service', 1],
    ['service', 2],
    ['HTTP', 1],
    ['HTTP', 2],
  ] as const;
  for (const [run, [via, workers]] of runs.entries()) {
    const batches = planBatches({ loaded: opts.accounts, count: opts.upsert, run });
    await settle(ds);
    const figure =
      via === 'service' ? await upsertViaService(fitgraph, batches, workers) : await upsertViaHttp(url, writerKey, batches, workers);
    upserts.push({ via, workers, figure });
    log(
      `upsert ${via}, ${workers} worker(s): ${int(figure.created)} created, ${int(figure.updated)} updated, ${int(figure.unchanged)} unchanged, ${int(figure.rescored)} rescored in ${sec(figure.seconds)}`,
    );
  }
  const bestService = upserts.filter((u) => u.via === 'service').sort((a, b) => b.figure.rate - a.figure.rate)[0];
  const upsertLines: Line[] = upserts.map((u) => ({
    label: `upsertAccounts via ${u.via}, batches of 1,000, ${u.workers} worker${u.workers > 1 ? 's' : ''} (${int(u.figure.created)} new + ${int(u.figure.updated)} updated)`,
    figure: `${int(u.figure.rate)} accounts/s (${sec(u.figure.seconds)})`,
    ceiling: copyCeiling,
    ratio: u.figure.rate / copy.rate,
    minRatio: 1 / 5,
    info: u !== bestService,
  }));
  upsertLines.forEach((l) => out(formatLine(l)));

  // 5. HTTP reads under load: 50 connections; rotating ~50 cursors and ~1,000 account ids.
  await settle(ds);
  const [live] = await ds.query(`SELECT id FROM icp_version WHERE segment_id = $1 AND status = 'PUBLISHED'`, [segment.id]);
  const ranked: Array<{ score: string; account_id: string }> = await ds.query(
    `SELECT score::text, account_id FROM (
       SELECT score, account_id, row_number() OVER (ORDER BY score DESC, account_id) AS n
       FROM account_score WHERE version_id = $1 AND valid_to IS NULL) r
     WHERE n % $2 = 0 ORDER BY n LIMIT 49`,
    [live.id, Math.max(20, Math.floor(opts.accounts / 50))],
  );
  const cursors = [null, ...ranked.map((r) => fitsCursor(SEGMENT, null, Number(r.score), r.account_id))];
  const ids: Array<{ id: string }> = await ds.query('SELECT id FROM account TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT 1000');
  const FITS = `query($after: String) { fits(segmentKey: "${SEGMENT}", first: 20, after: $after) { edges { node { score tier account { name } } } } }`;
  const LOOKUP = `query($id: ID!) { account(id: $id) { fit(segmentKey: "${SEGMENT}") { score tier computed { score tier dimensions { dimension score criteria { attribute matched missing earned } } missingAttributes completeness disqualifiedBy } } } }`;
  const loads = {
    typename: [JSON.stringify({ query: '{ __typename }' })],
    fits: cursors.map((after) => JSON.stringify({ query: FITS, variables: { after } })),
    lookup: ids.map(({ id }) => JSON.stringify({ query: LOOKUP, variables: { id } })),
  };
  const probe = await gql(url, readerKey, loads.fits[1]);
  const probe2 = await gql(url, readerKey, loads.lookup[0]);
  if (probe.fits.edges.length !== 20 || !probe2.account?.fit?.computed) throw new Error('probe queries returned no data');
  const results = {} as Record<keyof typeof loads, LoadResult>;
  for (const name of ['typename', 'fits', 'lookup'] as const) {
    const base = { url, apiKey: readerKey, bodies: loads[name], connections: opts.connections };
    await runLoad({ ...base, durationSeconds: Math.min(3, opts.duration) }); // warm-up: JIT, pool, caches
    await drained(ds);
    const r = (results[name] = await runLoad({ ...base, durationSeconds: opts.duration }));
    await drained(ds);
    log(
      `${name}: ${int(r.requests)} requests, ${int(r.rps)} ok/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, non-2xx ${r.non2xx}, errors ${r.errors}, GraphQL errors ${r.graphqlErrors}`,
    );
    if (r.firstError) log(`  first GraphQL error: ${r.firstError}`);
  }
  // The machine's ceiling for a request that needs the database (not the stack's: no GraphQL, no key).
  await drained(ds);
  const plain = await measurePgHttpCeiling({
    databaseUrl: db.url,
    poolSize: 20,
    accountIds: ids.map((r) => r.id),
    connections: opts.connections,
    durationSeconds: opts.duration,
  });
  log(
    `node:http + pg: ${int(plain.requests)} requests, ${int(plain.rps)} ok/s, p50 ${ms(plain.p50)}, p99 ${ms(plain.p99)}, errors ${plain.errors + plain.non2xx}`,
  );
  const tn = results.typename;
  const ceiling = `__typename ${int(tn.rps)} req/s, p99 ${ms(tn.p99)}`;
  out(
    `ceilings under ${opts.connections} clients: plain node:http answering one primary-key SELECT through pg ${int(plain.rps)} req/s (p99 ${ms(plain.p99)}) [the machine's, for a request that needs the database]; the app's ${ceiling} [this stack's, for an authenticated request]`,
  );
  const shown = (r: LoadResult) =>
    `${int(r.rps)} req/s = ${Math.round((r.rps / tn.rps) * 100)} % of __typename, p99 ${ms(r.p99)}` +
    (r.errors + r.non2xx + r.graphqlErrors
      ? ` (failed: ${r.errors} timeouts/errors, ${r.non2xx} non-2xx, ${r.graphqlErrors} GraphQL errors)`
      : '');
  const httpLines: Line[] = [
    {
      label: `fits pages of 20 (${opts.connections} clients, ${opts.duration} s, ${cursors.length} cursors)`,
      figure: shown(results.fits),
      ceiling,
      ratio: results.fits.rps / tn.rps,
      minRatio: 0.4,
      p99: { value: results.fits.p99, max: 100 },
    },
    {
      label: `account fit with full explanation (${opts.connections} clients, ${opts.duration} s, ${ids.length} ids)`,
      figure: shown(results.lookup),
      ceiling,
      ratio: results.lookup.rps / tn.rps,
      minRatio: 0.5,
      p99: { value: results.lookup.p99, max: 100 },
    },
  ];
  httpLines.forEach((l) => out(formatLine(l)));

  // 6. What the outbox costs the upsert and the publish (the same work with and without its
  // statements), and delivery: a webhook created first collects the events of the runs with the
  // outbox while no worker runs; then the workers start and deliver them to a local receiver.
  await settle(ds);
  const receiver = (resources.receiver = await BenchReceiver.start());
  const hook = await services.webhooks.create(ctx, { url: receiver.url, events: ['FIT_CHANGED'], segmentKeys: [SEGMENT] });
  receiver.useSecret(hook.secret);
  const abCount = Math.min(opts.upsert, Math.floor(opts.accounts / 4));
  const [abOn, abOff] = [0, 1].map((run) =>
    planBatches({
      loaded: opts.accounts,
      count: abCount,
      run,
      updateStart: Math.floor(opts.accounts / 2),
      freshStart: opts.accounts + 2 * opts.upsert,
    }),
  );
  const upsertCost = await timeUpsertOutboxCost(fitgraph, ds, abOn, abOff, log);
  log(
    `outbox, upserts: with ${int(upsertCost.on.accounts)} accounts in ${sec(upsertCost.on.seconds)} (${int(upsertCost.on.events)} events; ANALYZE ${sec(upsertCost.on.analyzeSeconds)} more), without ${int(upsertCost.off.accounts)} in ${sec(upsertCost.off.seconds)} (ANALYZE ${sec(upsertCost.off.analyzeSeconds)} more)`,
  );
  await settle(ds);
  const publishCost = await timePublishOutboxCost(fitgraph, ds, SEGMENT, demo.live, demo.draft);
  log(
    `outbox, publishes: without (v${publishCost.off.number}, ${int(publishCost.off.tierMoves)} change tier) ${sec(publishCost.off.seconds)}, flip ${sec(publishCost.off.flipSeconds)}, ANALYZE ${sec(publishCost.off.analyzeSeconds)} more; with (v${publishCost.on.number}, ${int(publishCost.on.tierMoves)} change tier, ${int(publishCost.on.events)} events) ${sec(publishCost.on.seconds)}, flip ${sec(publishCost.on.flipSeconds)}, ANALYZE ${sec(publishCost.on.analyzeSeconds)} more`,
  );
  const due =
    (await countStream(ds, hook.webhook.lastSequence, { types: ['FIT_CHANGED'], segmentIds: [segment.id] })).get('FIT_CHANGED') ?? 0;
  await settle(ds);
  const delivery = await timeDelivery(fitgraph, ds, db.url, receiver, { id: hook.webhook.id, secret: hook.secret }, due);
  log(
    `delivery: ${int(delivery.events)} events in ${int(delivery.posts)} POSTs in ${sec(delivery.seconds)}; the same POSTs by a bare loop in ${sec(delivery.ceilingSeconds)}`,
  );
  await receiver.stop();
  resources.receiver = undefined;
  const outboxLines: Figure[] = [
    {
      label: `upsertAccounts with the outbox, batches of 1,000, 1 worker, alternating with the same without it (${int(upsertCost.on.accounts)} accounts, ${int(upsertCost.on.events)} events; ANALYZE left out of both)`,
      figure: `${int(upsertCost.on.rate)} accounts/s (${sec(upsertCost.on.seconds)})`,
      ceiling: `without the outbox ${int(upsertCost.off.rate)} accounts/s (${sec(upsertCost.off.seconds)})`,
      ratio: upsertCost.on.rate / upsertCost.off.rate,
      minRatio: 1 / 1.2,
    },
    {
      label: `publish with the outbox (v${publishCost.on.number}: one VERSION_PUBLISHED row, followed by ${int(publishCost.on.events)} FIT_CHANGED events read from the score rows), against the same publish back without it (ANALYZE left out of both)`,
      figure: `${sec(publishCost.on.seconds)} (flip ${sec(publishCost.on.flipSeconds)})`,
      ceiling: `without the outbox ${sec(publishCost.off.seconds)} (flip ${sec(publishCost.off.flipSeconds)})`,
      ratio: publishCost.off.seconds / publishCost.on.seconds,
      minRatio: 1 / 1.2,
    },
    {
      label: `reading that publish's ${int(publishCost.on.events)} FIT_CHANGED events from the stream, as a webhook's assignment does`,
      figure: `${sec(publishCost.on.readSeconds)} (${int(publishCost.on.events / Math.max(0.001, publishCost.on.readSeconds))} events/s)`,
      fact: true,
    },
    {
      label: `publish flip alone with the outbox (its VERSION_PUBLISHED row is written there)`,
      figure: sec(publishCost.on.flipSeconds),
      ceiling: `without the outbox ${sec(publishCost.off.flipSeconds)}`,
      ratio: publishCost.off.flipSeconds / publishCost.on.flipSeconds,
      minRatio: 1 / 1.2,
      info: true,
    },
    {
      label: `webhook delivery to a local receiver by the workers (${int(delivery.events)} FIT_CHANGED events in ${int(delivery.posts)} signed POSTs, from their start)`,
      figure: `${int(delivery.rate)} events/s (${sec(delivery.seconds)})`,
      ceiling: `the same POSTs by a bare loop ${int(delivery.ceilingRate)} events/s`,
      ratio: delivery.rate / delivery.ceilingRate,
      minRatio: 0.5,
      info: true,
    },
  ];
  outboxLines.forEach((l) => out(formatLine(l)));

  // 7. Time-driven rescoring: every member's engagement window ends at the same instant.
  const windowEnd = await prepareWindowsEndingTogether(ds, fitgraph, segment, log);
  await settle(ds);
  const timed = await timeTimeRescoring(ds, fitgraph, windowEnd);
  log(
    `time-driven rescoring: ${int(timed.accounts)} accounts due at ${windowEnd.toISOString()}, ${int(timed.rowsWritten)} rows written in ${sec(timed.seconds)}`,
  );
  const timeLines: Line[] = [
    {
      label: `time-driven rescoring (${int(timed.accounts)} accounts whose windows end at the same instant)`,
      figure: `${int(timed.rate)} accounts/s (${sec(timed.seconds)})`,
      ceiling: copyCeiling,
      ratio: timed.rate / copy.rate,
      minRatio: 1 / 3,
    },
  ];
  timeLines.forEach((l) => out(formatLine(l)));

  // The final block: every figure beside its ceiling, with its target.
  const all: Figure[] = [...publishLines, ...reportLines, ...upsertLines, ...httpLines, ...outboxLines, ...timeLines];
  out('');
  out(
    `=== fitgraph bench: ${int(opts.accounts)} accounts, ${db.server}, ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at start / ${os.loadavg()[0].toFixed(1)} at end, ${int((Date.now() - started) / 1000)} s in all ===`,
  );
  out(
    `ceilings: ${copyCeiling} (${int(opts.accounts)} rows into a scratch table, ${sec(copy.seconds)}); ${ceiling}; plain node:http + pg primary-key SELECT ${int(plain.rps)} req/s`,
  );
  all.forEach((l) => out(formatLine(l)));
  const judged = all.filter((l) => !('fact' in l) && !l.info);
  out(`targets met: ${judged.filter((l) => verdict(l).met).length} of ${judged.length}`);
}

let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (exiting) return;
    exiting = true;
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .catch((err) => {
    process.exitCode = 1;
    log(`failed: ${err instanceof Error ? err.stack : String(err)}`);
  })
  .finally(() =>
    cleanup().catch((err) => {
      process.exitCode = 1;
      log(`cleanup failed: ${err}`);
    }),
  );

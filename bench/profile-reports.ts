/**
 * `npx ts-node --transpile-only bench/profile-reports.ts [--accounts 1000000] [--opportunities 200000]`
 *
 * Where the report figures of run.ts spend their time. Builds the same data (accounts, v1 and
 * v2 published with backfilled effectiveAt, outcomes), then:
 *  1. conversionComparison and backtest through the service, every SQL statement timed
 *     (through a proxy of the entity manager), the rest being JavaScript;
 *  2. EXPLAIN (ANALYZE, BUFFERS) of each statement captured (server time alone);
 *  3. the pure parts of the comparison timed one by one on the same rows.
 * Diagnostics on stderr, not figures; the database is dropped at the end.
 */
import './quiet';
import 'reflect-metadata';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { DEMO_SEGMENTS } from '../src/demo/icp-definitions.demo';
import { attributedLeads, attributedOpportunities } from '../src/reports/attribution';
import { backtest } from '../src/reports/backtest.service';
import { compareMetrics, conversionMetrics } from '../src/reports/conversion-metrics';
import { spansOf, timeline } from '../src/reports/report-periods';
import { reportService } from '../src/reports/report.service';
import { bootstrapDifference, mannWhitneyPValue, mean, median } from '../src/reports/statistics';
import { segmentService } from '../src/segments/segment.service';
import { createSystemContext } from '../src/system-context';
import { versionService } from '../src/versions/version.service';
import { copyRows, encodeAccounts } from './copy-baseline';
import { openBenchDatabase, type BenchDatabase } from './database';
import { timePublish } from './publish';
import { sec } from './report';
import { prepareOutcomes } from './report-timing';

const SEGMENT = 'bench';
const DAY = 86_400_000;
const log = (line: string) => process.stderr.write(`[profile ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface Statement { sql: string; params: unknown[]; seconds: number; rows: number; start?: number; end?: number }

/** The entity manager with every `query` timed, also inside `transaction` callbacks. */
function timedManager(em: EntityManager, statements: Statement[]): EntityManager {
  return new Proxy(em, {
    get(target, prop) {
      if (prop === 'query') {
        return async (sql: string, params: unknown[] = []) => {
          const t = process.hrtime.bigint();
          const result = await target.query(sql, params);
          const end = process.hrtime.bigint();
          statements.push({ sql, params, seconds: Number(end - t) / 1e9, rows: Array.isArray(result) ? result.length : 0, start: Number(t) / 1e9, end: Number(end) / 1e9 });
          return result;
        };
      }
      if (prop === 'transaction') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: EntityManager) => Promise<unknown>;
          return (target.transaction as (...a: unknown[]) => Promise<unknown>)(...args, (tx: EntityManager) => work(timedManager(tx, statements)));
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function summarise(name: string, total: number, statements: Statement[]): void {
  // FETCHes of one cursor are summed into one line.
  const groups = new Map<string, { n: number; seconds: number; rows: number }>();
  for (const s of statements) {
    const key = oneLine(s.sql).slice(0, 110);
    const g = groups.get(key) ?? { n: 0, seconds: 0, rows: 0 };
    g.n++; g.seconds += s.seconds; g.rows += s.rows;
    groups.set(key, g);
  }
  // Statements may run side by side: the wall time spent with at least one open is their union.
  let inSql = 0;
  let reach = 0;
  for (const x of [...statements].sort((p, q) => p.start! - q.start!)) {
    inSql += Math.max(0, x.end! - Math.max(x.start!, reach));
    reach = Math.max(reach, x.end!);
  }
  const summed = statements.reduce((sum, x) => sum + x.seconds, 0);
  log(`${name}: ${sec(total)} in all, ${sec(inSql)} with SQL under way (query + transfer + row parsing; ${sec(summed)} summed over statements), ${sec(total - inSql)} in JavaScript alone`);
  for (const [key, g] of groups) if (g.seconds > 0.05) log(`  ${sec(g.seconds)}  ${g.n} x, ${g.rows} rows: ${key}`);
}

async function explain(client: Client, s: Statement): Promise<void> {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
  log(`EXPLAIN ANALYZE (took ${sec(s.seconds)} through the app, ${s.rows} rows): ${oneLine(s.sql).slice(0, 140)}`);
  for (const r of rows) process.stderr.write(`    ${r['QUERY PLAN']}\n`);
}

function time<T>(name: string, work: () => T): T {
  const t = process.hrtime.bigint();
  const result = work();
  log(`  ${sec(Number(process.hrtime.bigint() - t) / 1e9)}  ${name}`);
  return result;
}

async function main(): Promise<void> {
  const opts = { accounts: 1_000_000, opportunities: 200_000 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) (opts as Record<string, number>)[argv[i].replace(/^--/, '')] = Number(argv[i + 1]);
  const db: BenchDatabase = await openBenchDatabase(log);
  const ds = createDataSource(db.url);
  const client = new Client({ connectionString: db.url });
  try {
    await ds.initialize();
    await ds.runMigrations();
    const ctx = createSystemContext(ds);
    const segment = await segmentService.create(ctx, { key: SEGMENT, name: 'Benchmark', description: null, membership: [] });
    await client.connect();
    await copyRows(client, 'account', encodeAccounts(opts.accounts, segment.id, new Date()));
    await client.query('VACUUM (ANALYZE) account');
    const [v1At, v2At] = [new Date(Date.now() - 180 * DAY), new Date(Date.now() - 90 * DAY)];
    const demo = DEMO_SEGMENTS[0];
    await timePublish(ds, SEGMENT, demo.live, 'bench v1', v1At);
    await timePublish(ds, SEGMENT, demo.draft, demo.draftNotes, v2At);
    await prepareOutcomes(ds, db.url, { segmentId: segment.id, v1At, v2At, now: new Date(), opportunities: opts.opportunities }, log);
    await client.query('VACUUM (ANALYZE) account, account_score');
    log(`setup done: ${opts.accounts} accounts, ${opts.opportunities} opportunities`);

    // 1. The service calls, SQL timed (a warm-up call first, as the bench's median of 3 is warm).
    await reportService.conversionComparison(createSystemContext(ds), { segmentKey: SEGMENT });
    const comparisonSql: Statement[] = [];
    let t = process.hrtime.bigint();
    await reportService.conversionComparison({ ...createSystemContext(ds), em: timedManager(ds.manager, comparisonSql) }, { segmentKey: SEGMENT });
    summarise('conversionComparison', Number(process.hrtime.bigint() - t) / 1e9, comparisonSql);

    const draft = await versionService.createDraft(ctx, { segmentKey: SEGMENT, definition: DEMO_SEGMENTS[1].draft, notes: 'profile' });
    const backtestSql: Statement[] = [];
    t = process.hrtime.bigint();
    await backtest({ ...createSystemContext(ds), em: timedManager(ds.manager, backtestSql) }, draft.id);
    summarise('backtest', Number(process.hrtime.bigint() - t) / 1e9, backtestSql);

    // 2. Server time alone of the big statements.
    for (const s of comparisonSql.filter((x) => x.rows > 1000)) await explain(client, s);
    const scan = backtestSql.find((s) => /DECLARE/i.test(s.sql));
    if (scan) await explain(client, { ...scan, sql: scan.sql.replace(/^\s*DECLARE \w+ NO SCROLL CURSOR FOR/i, '') });
    for (const s of backtestSql.filter((x) => x.rows > 1000 && !/FETCH/i.test(x.sql))) await explain(client, s);

    // 3. The comparison's pure parts on the same rows (the after-period: v2's, the larger).
    const [live] = await ds.query(`SELECT effective_at FROM icp_version WHERE segment_id = $1 AND status = 'PUBLISHED'`, [segment.id]);
    const periods = [{ from: v1At, to: live.effective_at as Date }, { from: live.effective_at as Date, to: new Date() }];
    const spans = spansOf(await timeline(createSystemContext(ds), segment));
    const loaded = await Promise.all(periods.map(async (p) => ({
      leads: await attributedLeads(ds.manager, segment.id, spans, p.from, p.to),
      opportunities: await attributedOpportunities(ds.manager, segment.id, spans, p.from, p.to),
    })));
    log('pure parts of conversionComparison:');
    const [b, a] = loaded.map((l, i) => time(`conversionMetrics, period ${i + 1} (${l.leads.length} leads, ${l.opportunities.length} opportunities)`,
      () => conversionMetrics(l.leads, l.opportunities)));
    time('byTier: 5 tiers x 2 periods of filter + conversionMetrics', () => ['PERFECT', 'STRONG', 'MODERATE', 'WEAK', 'DISQUALIFIED'].map((tier) =>
      loaded.map((l) => conversionMetrics(l.leads.filter((x) => x.tier === tier), l.opportunities.filter((x) => x.tier === tier)))));
    time('compareMetrics (all of it)', () => compareMetrics(b, a));
    const [bc, ac, bd, ad] = [b.samples.cycleDays, a.samples.cycleDays, b.samples.dealSizes, a.samples.dealSizes];
    time(`bootstrapDifference(median) of cycle days, ${bc.length} vs ${ac.length} won, default options`, () => bootstrapDifference(bc, ac, median));
    time(`bootstrapDifference(mean) of deal sizes, ${bd.length} vs ${ad.length} won, default options`, () => bootstrapDifference(bd, ad, mean));
    time('mannWhitneyPValue of cycle days', () => mannWhitneyPValue(bc, ac));
    time('mannWhitneyPValue of deal sizes', () => mannWhitneyPValue(bd, ad));

    // 4. Experiments on this database only (nothing in src/ changes): the same attribution
    // without nested loops; with each version's id and period as parameters instead of the
    // window-function CTE (whose range join the planner cannot estimate); then aggregated in SQL.
    const big = comparisonSql.filter((x) => x.rows > 1000);
    const serverMs = async (sql: string, params: unknown[]) => {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      return Math.round(rows[0]['QUERY PLAN'][0]['Execution Time'] as number);
    };
    const each = async (name: string, list: Array<{ sql: string; params: unknown[] }>) => {
      const times = [];
      for (const x of list) times.push(await serverMs(x.sql, x.params));
      const wall = process.hrtime.bigint();
      for (const x of list) await client.query(x.sql, x.params);
      const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
      log(`experiment: ${name}: server ${times.join(' + ')} = ${times.reduce((p, q) => p + q, 0)} ms; one after another through pg with the rows: ${sec(seconds)}`);
    };
    await each('as the service runs them', big);
    await client.query('SET enable_nestloop = off');
    await each('the same with enable_nestloop off', big);
    await explain(client, big[big.length - 1]);
    await client.query('RESET enable_nestloop');
    const vs: Array<{ id: string; effective_at: Date }> = await ds.query(
      'SELECT id, effective_at FROM icp_version WHERE segment_id = $1 AND effective_at IS NOT NULL ORDER BY effective_at', [segment.id]);
    const direct = (table: string, columns: string) => `SELECT x.account_id, x.created_at, ${columns}, s.tier AS computed_tier,
        s.score::float8 AS computed_score, o.id AS override_id, coalesce(o.tier, s.tier) AS tier
      FROM ${table} x
      JOIN account_score s ON s.account_id = x.account_id AND s.segment_id = $1 AND s.version_id = $4
           AND s.valid_from <= x.created_at AND (s.valid_to IS NULL OR s.valid_to > x.created_at)
      LEFT JOIN fit_override o ON o.account_id = x.account_id AND o.segment_id = $1 AND o.created_at <= x.created_at
           AND (o.revoked_at IS NULL OR o.revoked_at > x.created_at) AND (o.expires_at IS NULL OR o.expires_at > x.created_at)
      WHERE x.created_at >= $2 AND x.created_at < $3`;
    const directList = vs.flatMap((v, i) => {
      const params = [segment.id, v.effective_at, vs[i + 1]?.effective_at ?? new Date(), v.id];
      return [{ sql: direct('lead', 'x.converted_at'), params }, { sql: direct('opportunity', 'x.closed_at, x.outcome, x.amount::float8 AS amount'), params }];
    });
    await each('version id and period as parameters (no CTE)', directList);
    await explain(client, { ...directList[2], seconds: 0, rows: 0 });
    const leadAgg = (sql: string) => `SELECT tier, count(*)::int AS leads, count(converted_at)::int AS converted FROM (${sql}) q GROUP BY ROLLUP (tier)`;
    const oppAgg = (sql: string) => `SELECT tier, count(*)::int AS opportunities, count(closed_at)::int AS closed,
        count(*) FILTER (WHERE outcome = 'WON')::int AS won, sum(amount) FILTER (WHERE outcome = 'WON') AS revenue,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 86400) FILTER (WHERE outcome = 'WON') AS median_cycle
      FROM (${sql}) q GROUP BY ROLLUP (tier)`;
    const wonSample = (sql: string) => `SELECT extract(epoch FROM closed_at - created_at)::float8 / 86400 AS cycle_days, amount FROM (${sql}) q WHERE outcome = 'WON'`;
    await each('same, aggregated by tier in SQL (ROLLUP, medians included) + the won samples for the tests',
      directList.flatMap((x, i) => (i % 2 ? [{ sql: oppAgg(x.sql), params: x.params }, { sql: wonSample(x.sql), params: x.params }] : [{ sql: leadAgg(x.sql), params: x.params }])));
  } finally {
    await client.end().catch(() => undefined);
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

main().catch((err) => {
  process.exitCode = 1;
  log(`failed: ${err instanceof Error ? err.stack : String(err)}`);
});

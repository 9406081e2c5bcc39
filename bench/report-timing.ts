/**
 * The report figures: `conversionComparison` (median of 3 calls) and `backtest` of a draft
 * against the live version (1 call) through the service layer, then once each through HTTP
 * GraphQL, over the segment's accounts and the leads and opportunities of outcomes.ts.
 * Targets are absolute seconds on this machine: comparison under 2 s, backtest under 30 s.
 */
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { backtest } from '../src/use-cases/reports/backtest.service';
import type { Fitgraph } from '../src/app/fitgraph';
import type { IcpDefinitionSpec } from '../src/model/icp-definition';
import { loadOutcomes, type OutcomeCounts } from './outcomes';
import { int, sec, type DeadlineLine } from './report';

const COMPARISON_TARGET = 2;
const BACKTEST_TARGET = 30;

export async function gql(url: string, key: string, body: string): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (!res.ok || json.errors) throw new Error(`probe request failed (${res.status}): ${JSON.stringify(json).slice(0, 500)}`);
  return json.data;
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

/** COPY the outcomes (setup), then VACUUM the two tables as run.ts's settle() does the others (no ANALYZE: the reports refresh stale statistics themselves). */
export async function prepareOutcomes(
  ds: DataSource,
  dbUrl: string,
  plan: { segmentId: string; v1At: Date; v2At: Date; now: Date; opportunities: number },
  log: (line: string) => void,
): Promise<OutcomeCounts> {
  const [live] = await ds.query(`SELECT id FROM icp_version WHERE segment_id = $1 AND status = 'PUBLISHED'`, [plan.segmentId]);
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const counts = await loadOutcomes(client, { v2Id: live.id, ...plan });
    log(
      `setup: COPY ${int(counts.leads)} leads and ${int(counts.opportunities)} opportunities (${int(counts.won)} won, ${int(counts.lost)} lost, ${int(counts.open)} open) in ${sec(counts.seconds)}`,
    );
    const t = Date.now();
    await client.query('VACUUM lead, opportunity');
    log(`setup: VACUUM lead, opportunity: ${sec((Date.now() - t) / 1000)}`);
    return counts;
  } finally {
    await client.end();
  }
}

export interface ReportTimingArgs {
  fitgraph: Fitgraph;
  url: string;
  readerKey: string;
  writerKey: string;
  segmentKey: string;
  /** The draft to backtest against the live version. */
  draft: IcpDefinitionSpec;
  opportunities: number;
  log: (line: string) => void;
}

const COMPARISON = `query($k: String!) { conversionComparison(segmentKey: $k) {
  before { version { number } metrics { leads convertedLeads opportunities closed won medianSalesCycleDays } }
  after { version { number } metrics { leads convertedLeads opportunities closed won medianSalesCycleDays } }
  deltas { metric before after ciLow ciHigh pValue significant } warnings
  byTier { tier before { leads won } after { leads won } deltas { metric ciLow ciHigh pValue adjustedPValue significant } } } }`;
const BACKTEST = `query($id: ID!) { backtest(versionId: $id) { baseline { number } accountsScored
  migration { from to accounts } tiers { tier accounts closedOpportunities won winRate lift } auc baselineAuc } }`;

/** One HTTP call, timed; a failure is reported on its line rather than ending the bench. */
async function viaHttp(url: string, key: string, body: string, check: (data: any) => string): Promise<{ seconds: number; note: string }> {
  try {
    const { seconds, result } = await timed(() => gql(url, key, body));
    return { seconds, note: check(result) };
  } catch (err) {
    return { seconds: Number.POSITIVE_INFINITY, note: `failed: ${String(err).slice(0, 300)}` };
  }
}

export async function timeReports(args: ReportTimingArgs): Promise<DeadlineLine[]> {
  const { fitgraph, url, segmentKey, log } = args;
  const ctx = () => fitgraph.system(); // one context per call, as one request each would have

  // conversionComparison: 3 calls through the service, the median is the figure.
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { seconds, result: c } = await timed(() => fitgraph.services.reports.conversionComparison(ctx(), { segmentKey }));
    runs.push(seconds);
    if (i === 0) {
      const m = (p: typeof c.before) =>
        `v${p.version.number}: ${int(p.metrics.leads)} leads, ${int(p.metrics.convertedLeads)} converted, ${int(p.metrics.opportunities)} opportunities (${int(p.metrics.won)} won of ${int(p.metrics.closed)} closed), median cycle ${p.metrics.medianSalesCycleDays} days`;
      log(`conversionComparison: ${m(c.before)}; ${m(c.after)}`);
    }
    log(`conversionComparison via service, call ${i + 1}: ${sec(seconds)}`);
  }
  const comparison = [...runs].sort((a, b) => a - b)[1];
  const levelled = await timed(() => fitgraph.services.reports.conversionComparison(ctx(), { segmentKey, followUpDays: 30 }));
  log(`conversionComparison with followUpDays 30 via service: ${sec(levelled.seconds)} (${levelled.result.warnings.length} warnings)`);
  const comparisonHttp = await viaHttp(
    url,
    args.readerKey,
    JSON.stringify({ query: COMPARISON, variables: { k: segmentKey } }),
    (d) => `${int(d.conversionComparison.before.metrics.leads + d.conversionComparison.after.metrics.leads)} leads`,
  );
  log(`conversionComparison via HTTP: ${sec(comparisonHttp.seconds)} (${comparisonHttp.note})`);

  // backtest of a draft (created untimed) against the live version: 1 call each way.
  const draft = await fitgraph.services.versions.createDraft(ctx(), { segmentKey, definition: args.draft, notes: 'bench backtest draft' });
  const { seconds: bt, result: b } = await timed(() => backtest(fitgraph.services, ctx(), draft.id));
  log(
    `backtest via service: ${sec(bt)}; v${draft.number} against v${b.baseline?.number}, ${int(b.accountsScored)} accounts, ` +
      `${int(b.tiers.reduce((s, t) => s + t.closedOpportunities, 0))} closed opportunities, AUC ${b.auc?.toFixed(3)} (baseline ${b.baselineAuc?.toFixed(3)}), ` +
      `lift ${b.tiers.map((t) => `${t.tier} ${t.lift?.toFixed(2)}`).join(', ')}`,
  );
  const backtestHttp = await viaHttp(
    url,
    args.writerKey,
    JSON.stringify({ query: BACKTEST, variables: { id: draft.id } }),
    (d) => `${int(d.backtest.accountsScored)} accounts, AUC ${d.backtest.auc?.toFixed(3)}`,
  );
  log(`backtest via HTTP: ${sec(backtestHttp.seconds)} (${backtestHttp.note})`);

  const scope = `${int(b.accountsScored)} accounts, ${int(args.opportunities)} opportunities`;
  const httpFigure = (r: { seconds: number; note: string }, unit: string) =>
    Number.isFinite(r.seconds) ? `${sec(r.seconds)}${unit}` : r.note;
  return [
    {
      label: `conversionComparison (${scope})`,
      figure: `${sec(comparison)} per call (median of 3: ${runs.map((s) => s.toFixed(2)).join(', ')} s)`,
      seconds: comparison,
      maxSeconds: COMPARISON_TARGET,
    },
    {
      label: `conversionComparison via HTTP GraphQL (${scope}, 1 call)`,
      figure: httpFigure(comparisonHttp, ' per call'),
      seconds: comparisonHttp.seconds,
      maxSeconds: COMPARISON_TARGET,
      info: true,
    },
    {
      label: `backtest (${scope})`,
      figure: `${sec(bt)} (1 call, v${draft.number} against v${b.baseline?.number})`,
      seconds: bt,
      maxSeconds: BACKTEST_TARGET,
    },
    {
      label: `backtest via HTTP GraphQL (${scope}, 1 call)`,
      figure: httpFigure(backtestHttp, ''),
      seconds: backtestHttp.seconds,
      maxSeconds: BACKTEST_TARGET,
      info: true,
    },
  ];
}

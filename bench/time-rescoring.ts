/**
 * Time-driven rescoring at scale: every account's engagement window ends at the same instant
 * (the worst case: a whole segment due at once), and `rescoreDueAccounts` is timed over
 * batches until nothing is due, writing one history row per account valid from that instant.
 * Setup (untimed): every member gets the same lastEngagedAt, and a version whose only
 * time-dependent test is a 30-day WITHIN_DAYS window on it is published.
 */
import type { DataSource } from 'typeorm';
import type { Fitgraph } from '../src/app/fitgraph';
import { DEMO_SEGMENTS } from '../src/demo/icp-definitions.demo';
import { rescoreDueAccounts } from '../src/use-cases/scoring/time-rescoring';
import { createSystemContext } from '../src/use-cases/system-context';
import { timePublish } from './publish';
import { int, sec } from './report';
import { DAY } from '../src/common/dates';

/** Rows per transaction: large enough for COPY to write them, small enough to hold few locks for long. */
const BATCH = 10_000;

export interface TimeRescoringFigure {
  accounts: number;
  rowsWritten: number;
  seconds: number;
  rate: number;
}

/** Prepares the segment so that every member is due at one instant; returns that instant. */
export async function prepareWindowsEndingTogether(
  ds: DataSource,
  fitgraph: Fitgraph,
  segment: { id: string; key: string },
  log: (line: string) => void,
): Promise<Date> {
  const engagedAt = new Date(Math.floor(Date.now() / DAY) * DAY - DAY);
  let t = Date.now();
  await ds.query(
    `UPDATE account SET attributes = attributes || jsonb_build_object('lastEngagedAt', $1::text) WHERE segment_ids @> ARRAY[$2::uuid]`,
    [engagedAt.toISOString(), segment.id],
  );
  log(`setup: lastEngagedAt = ${engagedAt.toISOString()} for every member in ${sec((Date.now() - t) / 1000)}`);
  t = Date.now();
  // The live demo ICP: its only time-dependent test is lastEngagedAt WITHIN_DAYS 30.
  const published = await timePublish(
    fitgraph,
    segment.key,
    DEMO_SEGMENTS[0].live,
    'bench: engagement windows ending together',
    new Date(),
  );
  log(`setup: published v${published.number} (${int(published.accountsScored)} accounts) in ${sec((Date.now() - t) / 1000)}`);
  const [due] = await ds.query(
    `SELECT count(*)::int AS n, count(DISTINCT s.next_change_at)::int AS instants, min(s.next_change_at) AS at
     FROM account_score s JOIN icp_version v ON v.id = s.version_id AND v.status = 'PUBLISHED'
     WHERE v.segment_id = $1 AND s.valid_to IS NULL AND s.next_change_at IS NOT NULL`,
    [segment.id],
  );
  if (due.instants !== 1 || due.n !== published.accountsScored) {
    throw new Error(
      `expected every one of ${published.accountsScored} scores due at one instant, got ${due.n} at ${due.instants} instants`,
    );
  }
  return due.at;
}

/** Rescores everything due at `windowEnd`, as the background work would just after it. */
export async function timeTimeRescoring(ds: DataSource, fitgraph: Fitgraph, windowEnd: Date): Promise<TimeRescoringFigure> {
  const runAt = new Date(windowEnd.getTime() + 60_000);
  const ctx = createSystemContext(ds, fitgraph.log, undefined, { now: () => runAt });
  const started = process.hrtime.bigint();
  let accounts = 0;
  let rowsWritten = 0;
  for (;;) {
    const run = await rescoreDueAccounts(fitgraph.services, ctx, runAt, BATCH);
    if (run.due === 0) break;
    accounts += run.due;
    rowsWritten += run.rowsWritten;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { accounts, rowsWritten, seconds, rate: accounts / seconds };
}

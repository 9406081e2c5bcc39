/**
 * What the outbox costs the upsert and the publish: the same work with and without the outbox's
 * statements (see outbox-switch.ts), back to back on the same database.
 * - Upserts: batches of 1,000 (half new accounts, half changed ones) by one worker through the
 *   service, alternating with and without the outbox batch by batch (on, off, off, on, on, off…),
 *   so that the machine's load, the tables' growth and the caches weigh on both sides alike. The
 *   upsert's ANALYZE of account and account_score (whenever a tenth of their rows changed, see
 *   src/db/statistics.ts) is left out of both sides: seconds that do not depend on the outbox,
 *   landing on one side or the other by when the statistics counters reach PostgreSQL.
 * - Publishes: the segment's two definitions published in turn, the first without the outbox and
 *   the second with it. Going from A to B changes the tiers of exactly the accounts that going
 *   from B to A changes, so both publishes do the same work but for the outbox.
 */
import type { DataSource } from 'typeorm';
import type { Fitgraph } from '../src/app/fitgraph';
import type { AccountInput } from '../src/model/account.input';
import type { IcpDefinitionSpec } from '../src/model/icp-definition';
import { outboxSwitch, withOutbox } from './outbox-switch';
import { timePublish, type PublishFigure } from './publish';
import { streamAfter, type StreamFilter } from '../src/stores/outbox-store';
import type { StreamPosition } from '../src/model/delivery';

const outboxRows = async (ds: DataSource): Promise<number> => (await ds.query('SELECT count(*)::int AS n FROM outbox_event'))[0].n;
const outboxEnd = async (ds: DataSource): Promise<number> =>
  Number((await ds.query('SELECT coalesce(max(sequence), 0)::text AS n FROM outbox_event'))[0].n);

/**
 * Events of the stream after the outbox's sequence `from` (FIT_CHANGED of a publish included,
 * read from its score rows as a webhook reads them), counted by type without keeping them.
 */
export async function countStream(ds: DataSource, from: number, filter: StreamFilter = {}): Promise<Map<string, number>> {
  const upTo = await outboxEnd(ds);
  const counts = new Map<string, number>();
  let at: StreamPosition = { sequence: from, inFitChangesAfter: null };
  for (;;) {
    const { events, next } = await streamAfter(ds.manager, at, filter, 5000, upTo);
    for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    if (next.sequence === at.sequence && next.inFitChangesAfter === at.inFitChangesAfter) return counts;
    at = next;
  }
}

export interface UpsertSide {
  seconds: number;
  accounts: number;
  rate: number;
  /** Events the side wrote (0 without the outbox, checked). */
  events: number;
  /** ANALYZE time inside the side's batches, left out of `seconds`. */
  analyzeSeconds: number;
}

/** Runs `on` and `off` batches alternately; the two lists should be alike (same sizes, same mix). */
export async function timeUpsertOutboxCost(
  fitgraph: Fitgraph,
  ds: DataSource,
  on: AccountInput[][],
  off: AccountInput[][],
  log: (line: string) => void,
): Promise<{ on: UpsertSide; off: UpsertSide }> {
  const each: string[] = [];
  const side0 = (): UpsertSide => ({ seconds: 0, accounts: 0, rate: 0, events: 0, analyzeSeconds: 0 });
  const sides = { on: side0(), off: side0() };
  const run = async (writing: boolean, batch: AccountInput[] | undefined) => {
    if (!batch) return;
    const side = writing ? sides.on : sides.off;
    const before = await outboxRows(ds);
    const skipped = outboxSwitch.skipped;
    const analyzeMs = outboxSwitch.analyzeMs;
    const t0 = process.hrtime.bigint();
    const r = await withOutbox(writing, () => fitgraph.services.accounts.upsert(fitgraph.system(), batch));
    const analyzed = (outboxSwitch.analyzeMs - analyzeMs) / 1000;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9 - analyzed;
    side.analyzeSeconds += analyzed;
    side.seconds += seconds;
    side.accounts += r.created + r.updated + r.unchanged;
    const written = (await outboxRows(ds)) - before;
    side.events += written;
    each.push(
      `${writing ? 'on' : 'off'} ${Math.round(seconds * 1000)} ms${analyzed ? ` (+ ANALYZE ${Math.round(analyzed * 1000)} ms)` : ''}`,
    );
    if (!writing && (written !== 0 || outboxSwitch.skipped === skipped)) {
      throw new Error(`the outbox switch did not hold: ${written} events written, ${outboxSwitch.skipped - skipped} statements left out`);
    }
  };
  for (let i = 0; i < Math.max(on.length, off.length); i++) {
    const onFirst = i % 2 === 0;
    await run(onFirst, onFirst ? on[i] : off[i]);
    await run(!onFirst, onFirst ? off[i] : on[i]);
  }
  log(`outbox, upsert batches in order: ${each.join(', ')}`);
  for (const side of [sides.on, sides.off]) side.rate = side.accounts / side.seconds;
  if (sides.on.events === 0) throw new Error('the upserts with the outbox wrote no event');
  return sides;
}

/**
 * Publishes `a` without the outbox, then `b` with it; `b` is what is live before. Their ANALYZE
 * time is left out of `seconds`, as for the upserts (the preparation's rate is then not comparable
 * with the other publish figures).
 */
export async function timePublishOutboxCost(
  fitgraph: Fitgraph,
  ds: DataSource,
  segmentKey: string,
  a: IcpDefinitionSpec,
  b: IcpDefinitionSpec,
): Promise<{
  on: PublishFigure & { events: number; analyzeSeconds: number; readSeconds: number };
  off: PublishFigure & { analyzeSeconds: number };
}> {
  let before = await outboxRows(ds);
  const skipped = outboxSwitch.skipped;
  const withoutAnalyze = async (on: boolean, definition: IcpDefinitionSpec, notes: string) => {
    const analyzeMs = outboxSwitch.analyzeMs;
    const figure = await withOutbox(on, () => timePublish(fitgraph, segmentKey, definition, notes, new Date()));
    const analyzeSeconds = (outboxSwitch.analyzeMs - analyzeMs) / 1000;
    return { ...figure, seconds: figure.seconds - analyzeSeconds, analyzeSeconds };
  };
  const off = await withoutAnalyze(false, a, 'bench: without the outbox');
  if ((await outboxRows(ds)) !== before || outboxSwitch.skipped === skipped)
    throw new Error('the outbox switch did not hold in the publish');
  before = await outboxRows(ds);
  const from = await outboxEnd(ds);
  const on = await withoutAnalyze(true, b, 'bench: with the outbox');
  // The flip writes one row, VERSION_PUBLISHED; its FIT_CHANGED events (one per account whose
  // tier moved: no override in the bench) are read from the score rows, timed here as a reader
  // that wants them all pays for them.
  if ((await outboxRows(ds)) - before !== 1)
    throw new Error(`the publish with the outbox wrote ${(await outboxRows(ds)) - before} rows, not 1`);
  const t0 = performance.now();
  const events = (await countStream(ds, from)).get('FIT_CHANGED') ?? 0;
  const readSeconds = (performance.now() - t0) / 1000;
  if (events !== on.tierMoves) throw new Error(`the publish's stream holds ${events} FIT_CHANGED events for ${on.tierMoves} tier changes`);
  return { on: { ...on, events, readSeconds }, off };
}

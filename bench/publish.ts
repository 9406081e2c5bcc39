/**
 * Publishing as a job, timed as a user waits for it: a draft is created (untimed), then its
 * publish job is started and run by `runs` concurrent runs (one run is what publishVersion
 * does in the request; two are two workers sharing its batches, here two connections of this
 * process). Reported: preparation rate (members scored per second before the flip), the flip's
 * own time, and, when asked, the latencies of upsertAccounts batches of 100 sent throughout
 * (they must not wait for the publish). `effectiveAt` backfills when the version took effect
 * (its score rows are valid from then), so that the reports see one period per version.
 */
import type { Fitgraph } from '../src/app/fitgraph';
import type { AccountInput } from '../src/model/account.input';
import { generateAccountStream } from '../src/demo/account-generator';
import type { IcpDefinitionSpec } from '../src/model/icp-definition';
import { changed } from './upsert';

export interface PublishFigure {
  number: number;
  runs: number;
  seconds: number;
  accountsScored: number;
  /** Members scored per second of preparation (everything before the flip). */
  rate: number;
  flipSeconds: number;
  /** After the flip: counting its tier migration (the job is DONE then; nothing waits for it). */
  summarySeconds: number;
  /** Accounts whose tier differs from their tier under the previous version (all of them for v1). */
  tierMoves: number;
  /** Upserts of 100 sent during the publish: how many, and their p99 in ms. */
  upserts?: { batches: number; p99Ms: number; maxMs: number };
}

export interface UpsertsDuring {
  /** Generator indexes of loaded accounts to update (disjoint from the upsert runs'). */
  fromIndex: number;
  count: number;
}

export async function timePublish(
  fitgraph: Fitgraph,
  segmentKey: string,
  definition: IcpDefinitionSpec,
  notes: string,
  effectiveAt: Date,
  options: { runs?: number; upsertsDuring?: UpsertsDuring } = {},
): Promise<PublishFigure> {
  const runs = options.runs ?? 1;
  const ctx = fitgraph.system();
  const draft = await fitgraph.services.versions.createDraft(ctx, { segmentKey, definition, notes });
  const accounts: AccountInput[] = options.upsertsDuring
    ? [...generateAccountStream(options.upsertsDuring.count, { startIndex: options.upsertsDuring.fromIndex })].map(changed)
    : [];
  const started = process.hrtime.bigint();
  const job = await fitgraph.services.publishJobs.start(ctx, { id: draft.id, notes, effectiveAt });
  let finished = false;
  const latencies: number[] = [];
  const upserting = (async () => {
    for (let i = 0; !finished && i < accounts.length; i += 100) {
      const t0 = process.hrtime.bigint();
      await fitgraph.services.accounts.upsert(fitgraph.system(), accounts.slice(i, i + 100));
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  })();
  const flips = await Promise.all(Array.from({ length: runs }, () => fitgraph.services.publishJobs.run(fitgraph.system(), job.id))).finally(
    () => {
      finished = true;
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await upserting;
  const done = (await fitgraph.services.publishJobs.get(ctx, job.id))!;
  const result = (await fitgraph.services.publishJobs.result(ctx, done))!;
  const flipped = flips.find((f) => f !== null);
  const flipSeconds = (flipped?.flipMs ?? 0) / 1000;
  const summarySeconds = (flipped?.summaryMs ?? 0) / 1000;
  const tierMoves = result.tierChanges.filter((t) => t.from !== t.to).reduce((sum, t) => sum + t.accounts, 0);
  latencies.sort((a, b) => a - b);
  return {
    number: result.version.number,
    runs,
    seconds,
    accountsScored: result.accountsScored,
    rate: result.accountsScored / Math.max(0.001, seconds - flipSeconds - summarySeconds),
    flipSeconds,
    summarySeconds,
    tierMoves,
    upserts: options.upsertsDuring
      ? {
          batches: latencies.length,
          p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
          maxMs: latencies[latencies.length - 1] ?? 0,
        }
      : undefined,
  };
}

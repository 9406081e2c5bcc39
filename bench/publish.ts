/**
 * Publish rescoring: a draft is created (untimed), then `publishJobService.publish` (what publishVersion runs) is timed
 * whole (lock, supersede, rescoring every member, audit, commit), as a user would wait for it.
 * `effectiveAt` backfills when the version took effect (its score rows are valid from then),
 * so that the reports see one period per version.
 */
import type { DataSource } from 'typeorm';
import type { IcpDefinitionSpec } from '../src/versions/icp-definition';
import { publishJobService } from '../src/publishing/publish-job.service';
import { versionService } from '../src/versions/version.service';
import { createSystemContext } from '../src/system-context';

export interface PublishFigure {
  number: number;
  seconds: number;
  accountsScored: number;
  rate: number;
  /** Accounts whose tier differs from their tier under the previous version (all of them for v1). */
  tierMoves: number;
}

export async function timePublish(ds: DataSource, segmentKey: string, definition: IcpDefinitionSpec, notes: string, effectiveAt: Date): Promise<PublishFigure> {
  const ctx = createSystemContext(ds);
  const draft = await versionService.createDraft(ctx, { segmentKey, definition, notes });
  const started = process.hrtime.bigint();
  const result = await publishJobService.publish(ctx, { id: draft.id, notes, effectiveAt });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const tierMoves = result.tierChanges.filter((t) => t.from !== t.to).reduce((sum, t) => sum + t.accounts, 0);
  return { number: result.version.number, seconds, accountsScored: result.accountsScored, rate: result.accountsScored / seconds, tierMoves };
}

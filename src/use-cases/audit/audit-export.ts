/**
 * Exports the audit events and overrides of a period for an auditor's spreadsheet, and checks
 * the hash chain of exactly what was exported: every event's hash is recomputed from its
 * exported canonical text and the previous hash, so the file can be checked again anywhere.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { csvLine } from '../../common/csv';
import type { AppContext } from '../context';
import { auditHashAt, exportedEventsOfPeriod, type ExportedEvent } from '../../stores/audit-store';
import { overridesOfPeriod } from '../../stores/override-store';
import { statusAt } from '../../domain/overrides/effective-fit';

export type ExportFormat = 'csv' | 'jsonl';

export interface ChainCheck {
  ok: boolean;
  checkedEvents: number;
  firstBrokenSequence: number | null;
}

export interface ExportResult {
  files: string[];
  events: number;
  overrides: number;
  chain: ChainCheck;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Every field the hash covers, as the canonical text names it (audit_event_canonical in the
 * migrations). actorKeyId and clientRequestId are in the text only when set, so that rows written
 * before they existed kept their hashes; absent reads as null.
 */
const HASHED_FIELDS = [
  'sequence',
  'id',
  'occurredAt',
  'actor',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'justification',
  'requestId',
  'actorKeyId',
  'clientRequestId',
] as const satisfies ReadonlyArray<keyof ExportedEvent>;

/** Whether the exported fields say exactly what the hashed canonical text says, field by field. */
function matchesCanonical(e: ExportedEvent): boolean {
  let canonical: Record<string, unknown>;
  try {
    canonical = JSON.parse(e.canonical) as Record<string, unknown>;
  } catch {
    return false;
  }
  const known = new Set<string>(HASHED_FIELDS);
  if (Object.keys(canonical).some((k) => !known.has(k))) return false;
  return HASHED_FIELDS.every((field) => isDeepStrictEqual(canonical[field] ?? null, e[field] ?? null));
}

/**
 * Checks exported events in sequence order: hash = sha256(previousHash + canonical), each
 * previousHash names the hash before it (the first one: `anchor`, the hash preceding the
 * period), no gap in the sequence, and every field the hash covers says what the canonical text says.
 */
export function verifyExportedChain(events: ExportedEvent[], anchor: string | null): ChainCheck {
  let previous = anchor;
  let expectedSequence = events[0]?.sequence;
  for (const e of events) {
    const consistent = matchesCanonical(e);
    if (
      e.sequence !== expectedSequence ||
      e.previousHash !== previous ||
      sha256((e.previousHash ?? '') + e.canonical) !== e.hash ||
      !consistent
    ) {
      return { ok: false, checkedEvents: events.length, firstBrokenSequence: e.sequence };
    }
    previous = e.hash;
    expectedSequence = e.sequence + 1;
  }
  return { ok: true, checkedEvents: events.length, firstBrokenSequence: null };
}

/** The events of [from, to) and the hash just before the first of them (null at the start of the trail). */
export async function readEvents(ctx: AppContext, from: Date, to: Date): Promise<{ events: ExportedEvent[]; anchor: string | null }> {
  const events = await exportedEventsOfPeriod(ctx.em, from, to);
  const first = events[0]?.sequence;
  return { events, anchor: first ? await auditHashAt(ctx.em, first - 1) : null };
}

const EVENT_COLUMNS = [
  'sequence',
  'id',
  'occurredAt',
  'actor',
  'actorKeyId',
  'action',
  'entityType',
  'entityId',
  'justification',
  'requestId',
  'clientRequestId',
  'before',
  'after',
  'previousHash',
  'hash',
  'canonical',
] as const;
const OVERRIDE_FIELDS = [
  'id',
  'status',
  'accountId',
  'segmentId',
  'versionId',
  'computedScore',
  'computedTier',
  'tier',
  'score',
  'justification',
  'category',
  'createdBy',
  'createdByKeyId',
  'createdAt',
  'expiresAt',
  'revokedBy',
  'revokedByKeyId',
  'revokedAt',
  'revokeReason',
  'needsReview',
] as const;

function write(file: string, format: ExportFormat, columns: readonly string[], rows: Array<Record<string, unknown>>): void {
  const out = fs.openSync(file, 'w');
  try {
    // CSV is for spreadsheets: text cells that would start a formula are neutralised (see csvLine).
    // JSON lines are for programs and stay exact.
    if (format === 'csv') fs.writeSync(out, csvLine(columns));
    for (const row of rows) {
      fs.writeSync(
        out,
        format === 'csv'
          ? csvLine(
              columns.map((c) => row[c]),
              { forSpreadsheets: true },
            )
          : `${JSON.stringify(row)}\n`,
      );
    }
  } finally {
    fs.closeSync(out);
  }
}

/** Writes `audit-events-<period>.<ext>` and `overrides-<period>.<ext>` into `outDir` and checks the exported chain. */
export async function exportAudit(
  ctx: AppContext,
  opts: { from: Date; to: Date; format: ExportFormat; outDir: string },
): Promise<ExportResult> {
  const { events, anchor } = await readEvents(ctx, opts.from, opts.to);
  const now = ctx.clock.now();
  const overrides = (await overridesOfPeriod(ctx.em, opts.from, opts.to)).map((o) => ({ ...o, status: statusAt(o, now) }));
  const period = `${opts.from.toISOString().slice(0, 10)}_${opts.to.toISOString().slice(0, 10)}`;
  const ext = opts.format === 'csv' ? 'csv' : 'jsonl';
  fs.mkdirSync(opts.outDir, { recursive: true });
  const files = [path.join(opts.outDir, `audit-events-${period}.${ext}`), path.join(opts.outDir, `overrides-${period}.${ext}`)];
  write(files[0], opts.format, EVENT_COLUMNS, events as unknown as Array<Record<string, unknown>>);
  write(files[1], opts.format, OVERRIDE_FIELDS, overrides);
  return { files, events: events.length, overrides: overrides.length, chain: verifyExportedChain(events, anchor) };
}

/**
 * Bulk import of an account file through the same validation and writes as upsertAccounts:
 * rows stream from the file in batches, each batch is one `AccountService.upsert` call (one
 * transaction), and only the rejections are kept in memory.
 *
 * The batching itself (`runBatchedImport`) is shared with the outcome import
 * (src/outcomes/import/import-outcomes.ts): only reading a row and writing a batch differ.
 */
import { Transform, pipeline, type Readable } from 'node:stream';
import type { AttributeService } from '../attributes/attribute.service';
import type { AppContext } from '../context';
import { MAX_ACCOUNTS_PER_CALL, type AccountService } from '../accounts/account.service';
import type { AccountInput } from '../../model/account.input';
import { readAccountFile, type AccountFileFormat, type FileRejection } from './account-file';

/** Where an import stands; reported after every batch. */
export interface ImportProgress {
  /** Rows read from the file so far (valid or not). */
  rows: number;
  created: number;
  updated: number;
  /** Accounts only: the outcome services do not tell an unchanged row from an updated one. */
  unchanged?: number;
  /** Rows rejected so far. */
  rejected: number;
  /** Bytes of the source read up to the last written batch (for a percentage against the file size). */
  bytesRead: number;
}

/** A row that was not written, with its 1-based line in the file and why. */
export type ImportRejection = FileRejection;

/** What every kind of import counts. */
export interface BatchSummary {
  rows: number;
  created: number;
  updated: number;
  rejected: ImportRejection[];
}

/** The outcome of an account import. */
export interface ImportSummary extends BatchSummary {
  unchanged: number;
  rescored: number;
}

/** Options of every kind of import. */
export interface BatchOptions {
  /** Rows per service call and transaction, 1 to 5,000 (default 1,000). */
  batchSize?: number;
  onProgress?(progress: ImportProgress): void;
  /** Stops after the batch in flight; the summary then covers the rows read until then. */
  signal?: AbortSignal;
}

/** Options of {@link importAccounts}. */
export interface ImportOptions extends BatchOptions {
  format: AccountFileFormat;
}

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * The file could not be read to its end (see ImportFileError, or a read error). The rows
 * before the failure are imported; `summary` says what was done.
 */
export class ImportAbortedError<S extends BatchSummary = ImportSummary> extends Error {
  constructor(
    message: string,
    readonly summary: S,
    cause: unknown,
  ) {
    super(message, { cause });
    this.name = 'ImportAbortedError';
  }
}

/** How one kind of row is read and written; see {@link runBatchedImport}. */
export interface BatchedImport<R extends { line: number }, S extends BatchSummary> {
  /** Counts start from here; `write` adds to it. */
  summary: S;
  /** Largest batch the service takes. */
  maxBatchSize: number;
  /** Rows of the (byte-counted) source, in file order; `reasons` marks a row refused by the reader. */
  read(source: Readable): AsyncIterable<R | FileRejection>;
  /**
   * Writes one batch, adding its counts and per-row rejections to the summary. A throw means
   * nothing of the batch was written: every row of it is then rejected with the error.
   */
  write(batch: R[]): Promise<void>;
  /** The row's external id for a rejection, when it has a usable one. */
  externalIdOf(row: R): string | null;
  /** The counts progress reports besides rows, rejections and bytes. */
  counts(summary: S): Pick<ImportProgress, 'created' | 'updated' | 'unchanged'>;
}

/** The reason given to every row of a batch that was not written. */
export function batchNotWritten(rows: Array<{ line: number }>, message: string): string {
  return `batch of lines ${rows[0].line}-${rows[rows.length - 1].line} not written: ${message}`;
}

/**
 * A validation issue as the file's author needs it: the batch-relative `accounts[3].` prefix
 * (or `leads[3].`, …) becomes nothing (the line says which row), and "also at index 1" becomes
 * that row's line.
 */
export function describeIssue(path: string, message: string, batch: Array<{ line: number }>): string {
  const field = path.replace(/^[A-Za-z]+\[\d+\]\.?/, '');
  const text = message.replace(/\(also at index (\d+)\)/, (whole, index: string) => {
    const other = batch[Number(index)];
    return other ? `(also at line ${other.line})` : whole;
  });
  return field ? `${field}: ${text}` : text;
}

function countBytes(counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      counter.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      done(null, chunk);
    },
  });
}

/**
 * Reads `source` with `spec.read` and writes its rows in batches of `batchSize` with
 * `spec.write`, one batch at a time in file order. Rows refused by the reader and by the
 * writer are collected with their lines, in file order; a batch whose write throws is
 * rejected whole and the import goes on with the next batch.
 *
 * `ctx` must not be inside a transaction: batches must commit one by one, or one failing
 * batch would roll back all the others. Throws ImportAbortedError (with the summary so far)
 * when the file cannot be read further; the rows before the failure are written.
 */
export async function runBatchedImport<R extends { line: number }, S extends BatchSummary>(
  ctx: AppContext,
  source: Readable,
  options: BatchOptions,
  spec: BatchedImport<R, S>,
): Promise<S> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > spec.maxBatchSize) {
    throw new RangeError(`batchSize must be an integer from 1 to ${spec.maxBatchSize} (got ${batchSize})`);
  }
  if (ctx.em.queryRunner?.isTransactionActive) throw new Error('an import commits batch by batch: call it outside a transaction');

  const { summary } = spec;
  const counter = { bytes: 0 };
  const counted = pipeline(source, countBytes(counter), () => undefined);
  let batch: R[] = [];

  // Rows and bytes up to the end of the last written batch: what progress reports as done
  // (the stream reads ahead of the batch being written, by up to a batch and its buffers).
  const done = { rows: 0, bytes: 0 };
  const report = () =>
    options.onProgress?.({
      rows: done.rows,
      ...spec.counts(summary),
      rejected: summary.rejected.length,
      bytesRead: done.bytes,
    });

  const write = async (rows: R[], upTo: { rows: number; bytes: number }) => {
    try {
      await spec.write(rows);
    } catch (err) {
      // The transaction rolled back: nothing of this batch is stored, so every row of it is reported.
      const message = err instanceof Error ? err.message : String(err);
      ctx.log.error({ err, lines: `${rows[0].line}-${rows[rows.length - 1].line}` }, 'import batch failed');
      for (const r of rows)
        summary.rejected.push({ line: r.line, externalId: spec.externalIdOf(r), reasons: [batchNotWritten(rows, message)] });
    }
    Object.assign(done, upTo);
    report();
  };

  // One batch is written while the next one is parsed: parsing is a fifth of the time, and
  // two batches in memory are still a constant. Batches reach the database one at a time, in
  // file order, so that a later row of the file wins over an earlier one.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    await inFlight;
    if (batch.length === 0) return;
    inFlight = write(batch, { rows: summary.rows, bytes: counter.bytes });
    batch = [];
  };

  try {
    for await (const row of spec.read(counted)) {
      summary.rows++;
      if ('reasons' in row) summary.rejected.push(row);
      else batch.push(row);
      if (batch.length >= batchSize) {
        await flush();
        // Leaving the loop destroys the stream: the rest of the file is not read.
        if (options.signal?.aborted) break;
      }
    }
  } catch (err) {
    // The rows read before the unreadable part are as good as any: write them, then stop.
    await flush();
    await inFlight;
    summary.rejected.sort((a, b) => a.line - b.line);
    throw new ImportAbortedError(err instanceof Error ? err.message : String(err), summary, err);
  }
  await flush();
  await inFlight;
  Object.assign(done, { rows: summary.rows, bytes: counter.bytes });
  report();
  // Batch rejections arrive after the parse rejections of rows read meanwhile: file order for the reader.
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

interface PendingAccount {
  line: number;
  account: AccountInput;
}

/**
 * Imports the accounts of `source` (CSV or JSON lines, see account-file.ts) in batches of
 * `batchSize`, each written and rescored in its own transaction by `AccountService.upsert`
 * in per-row mode. Invalid rows are returned with their line and reasons; a batch whose write
 * fails (a database error) is rolled back whole, its rows are returned as rejected with the
 * error, and the import goes on with the next batch.
 *
 * `ctx` must not be inside a transaction. Throws ImportAbortedError (with the summary so far)
 * when the file cannot be read further; the rows before the failure are written.
 */
export async function importAccounts(
  services: { attributes: AttributeService; accounts: AccountService },
  ctx: AppContext,
  source: Readable,
  options: ImportOptions,
): Promise<ImportSummary> {
  if (ctx.em.queryRunner?.isTransactionActive) throw new Error('importAccounts commits batch by batch: call it outside a transaction');
  // The catalogue is read once: every CSV cell is typed by it. Attributes defined during the
  // import are unknown to it; validation (which reads it per batch) then rejects such text cells.
  const catalogue = await services.attributes.catalogue(ctx.em);
  const summary: ImportSummary = { rows: 0, created: 0, updated: 0, unchanged: 0, rescored: 0, rejected: [] };
  return runBatchedImport<PendingAccount, ImportSummary>(ctx, source, options, {
    summary,
    maxBatchSize: MAX_ACCOUNTS_PER_CALL,
    read: (counted) => readAccountFile(counted, options.format, catalogue),
    async write(rows) {
      const outcome = await services.accounts.upsert(
        ctx,
        rows.map((r) => r.account),
        { perRow: true },
      );
      summary.created += outcome.created;
      summary.updated += outcome.updated;
      summary.unchanged += outcome.unchanged;
      summary.rescored += outcome.rescored;
      for (const r of outcome.rejected) {
        summary.rejected.push({
          line: rows[r.index].line,
          externalId: r.externalId,
          reasons: r.issues.map((i) => describeIssue(i.path, i.message, rows)),
        });
      }
    },
    externalIdOf: (r) => (typeof r.account.externalId === 'string' ? r.account.externalId.trim() || null : null),
    counts: (s) => ({ created: s.created, updated: s.updated, unchanged: s.unchanged }),
  });
}

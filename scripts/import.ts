/**
 * `npm run import -- <file> [--format csv|jsonl] [--batch-size 1000] [--rejected <file.csv>]`:
 * bulk import of accounts into DATABASE_URL (or the embedded database of `npm start`), through
 * the validation of upsertAccounts. Progress on stderr, the summary on stdout.
 * Exit codes: 0 all imported, 1 rows rejected (or the import failed), 2 usage error, 130 interrupted.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ACCOUNT_FILE_FORMATS, formatFromFileName, type AccountFileFormat } from '../src/accounts/import/account-file';
import {
  DEFAULT_BATCH_SIZE, ImportAbortedError, importAccounts, type ImportProgress, type ImportRejection, type ImportSummary,
} from '../src/accounts/import/import-accounts';
import { MAX_ACCOUNTS_PER_CALL } from '../src/accounts/account.service';
import type { Principal } from '../src/auth/role';
import { config } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { openDatabase } from '../src/db/database';
import { logger } from '../src/logger';
import { createSystemContext } from '../src/system-context';

const USAGE = 'usage: npm run import -- <accounts.csv|accounts.jsonl> [--format csv|jsonl] [--batch-size 1000] [--rejected rejected.csv]';
/** The audit trail names this actor for every batch of an import. */
const IMPORT_PRINCIPAL: Principal = { keyId: 'system', name: 'import', role: 'ADMIN' };

class UsageError extends Error {}

interface Args {
  file: string;
  format: AccountFileFormat;
  batchSize: number;
  rejectedFile: string;
}

function parseCommandLine(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string' }, 'batch-size': { type: 'string' }, rejected: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('. ')[0]);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give exactly one file' : 'which file?');
  const file = path.resolve(positionals[0]);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`no such file: ${positionals[0]}`);
  const format = (values.format ?? formatFromFileName(file)) as AccountFileFormat | null;
  if (!format || !ACCOUNT_FILE_FORMATS.includes(format)) {
    throw new UsageError(values.format ? `unknown format "${values.format}" (csv or jsonl)` : `cannot tell the format of ${path.basename(file)}: use --format csv|jsonl`);
  }
  const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_ACCOUNTS_PER_CALL) {
    throw new UsageError(`--batch-size must be an integer from 1 to ${MAX_ACCOUNTS_PER_CALL}`);
  }
  const defaultRejected = path.join(path.dirname(file), `rejected-${path.basename(file, path.extname(file))}.csv`);
  return { file, format, batchSize, rejectedFile: path.resolve(values.rejected ?? defaultRejected) };
}

const formatInt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A cli-progress bar on a terminal; otherwise a plain line every ~2 s or 10,000 rows, for logs. */
function progressReporter(totalBytes: number, startedAt: number): { update(p: ImportProgress): void; stop(): void } {
  const rate = (rows: number) => rows / Math.max((Date.now() - startedAt) / 1000, 0.001);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream: process.stderr,
      format: 'importing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 20,
    }, cliProgress.Presets.shades_classic);
    bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: '0' });
    return {
      update: (p) => bar.update(Math.min(p.bytesRead, totalBytes), { rows: formatInt(p.rows), rate: formatInt(rate(p.rows)) }),
      stop: () => bar.stop(),
    };
  }
  let lastAt = startedAt;
  let lastRows = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - lastAt < 2000 && p.rows - lastRows < 10_000) return;
      lastAt = now;
      lastRows = p.rows;
      const share = totalBytes ? Math.min(p.bytesRead / totalBytes, 1) : 1;
      const eta = share > 0 ? `${Math.round(((now - startedAt) / 1000) * (1 - share) / share)} s` : '?';
      process.stderr.write(`imported ${p.rows} rows (${Math.round(share * 100)}% of bytes), ${formatInt(rate(p.rows))} rows/s, ETA ${eta}\n`);
    },
    stop: () => undefined,
  };
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rejected rows as CSV `line,externalId,reasons`, written in chunks (there may be many). */
async function writeRejected(file: string, rejected: ImportRejection[]): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    await handle.write('line,externalId,reasons\n');
    for (let i = 0; i < rejected.length; i += 5000) {
      const lines = rejected.slice(i, i + 5000).map((r) => `${r.line},${csvField(r.externalId)},${csvField(r.reasons.join(' | '))}\n`);
      await handle.write(lines.join(''));
    }
  } finally {
    await handle.close();
  }
}

async function report(args: Args, summary: ImportSummary, seconds: number): Promise<void> {
  const rate = formatInt(summary.rows / Math.max(seconds, 0.001));
  process.stdout.write(`created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, `
    + `rejected ${summary.rejected.length}, rescored ${summary.rescored} in ${seconds.toFixed(1)} s (${rate} rows/s)\n`);
  if (summary.rejected.length === 0) return;
  await writeRejected(args.rejectedFile, summary.rejected);
  process.stdout.write(`rejected rows and reasons: ${args.rejectedFile}\n`);
}

async function run(args: Args): Promise<number> {
  const db = await openDatabase(config, logger);
  const ds = createDataSource(db.url, { poolSize: 2 });
  try {
    await ds.initialize();
    await ds.runMigrations();
    const ctx = createSystemContext(ds, IMPORT_PRINCIPAL);
    const controller = new AbortController();
    const onSigint = () => {
      // First Ctrl-C: finish the batch in flight and report; a second one ends at once.
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write('\nstopping after the current batch (Ctrl-C again to quit now)\n');
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    const startedAt = Date.now();
    const progress = progressReporter(fs.statSync(args.file).size, startedAt);
    let summary: ImportSummary;
    let failure: string | null = null;
    try {
      summary = await importAccounts(ctx, fs.createReadStream(args.file, { highWaterMark: 256 * 1024 }), {
        format: args.format, batchSize: args.batchSize, onProgress: progress.update, signal: controller.signal,
      });
    } catch (err) {
      if (!(err instanceof ImportAbortedError)) throw err;
      summary = err.summary;
      failure = err.message;
    } finally {
      progress.stop();
      process.off('SIGINT', onSigint);
    }
    if (failure) process.stderr.write(`import stopped: ${path.basename(args.file)} ${failure}; the rows before it are imported\n`);
    if (controller.signal.aborted) process.stderr.write(`interrupted after ${summary.rows} rows; the rest of the file was not read\n`);
    await report(args, summary, (Date.now() - startedAt) / 1000);
    if (controller.signal.aborted) return 130;
    return failure || summary.rejected.length ? 1 : 0;
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.stop();
  }
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`import: ${err.message} (${USAGE})\n`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = await run(args);
}

main().catch((err: unknown) => {
  process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
  logger.error({ err }, 'import failed');
  process.exitCode = 1;
});

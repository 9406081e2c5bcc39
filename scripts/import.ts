/**
 * `npm run import -- <file> [--kind accounts|leads|opportunities] [--format csv|jsonl] [--batch-size 1000] [--rejected <file.csv>]`:
 * bulk import of accounts, leads or opportunities into DATABASE_URL (or the embedded database
 * of `npm start`), through the validation of upsertAccounts / recordLeads / recordOpportunities.
 * Without --kind, the CSV header or first JSON object says which (see inferImportKind).
 * Progress on stderr, the summary on stdout.
 * Exit codes: 0 all imported, 1 rows rejected (or the import failed), 2 usage error, 130 interrupted.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ACCOUNT_FILE_FORMATS, formatFromFileName, type AccountFileFormat } from '../src/use-cases/import/account-file';
import {
  DEFAULT_BATCH_SIZE,
  ImportAbortedError,
  importAccounts,
  type BatchSummary,
  type ImportProgress,
  type ImportRejection,
  type ImportSummary,
} from '../src/use-cases/import/import-accounts';
import { MAX_ACCOUNTS_PER_CALL } from '../src/use-cases/accounts/account.service';
import { MAX_OUTCOMES_PER_CALL } from '../src/use-cases/outcomes/outcome.service';
import { IMPORT_KINDS, inferImportKind, type ImportKind } from '../src/use-cases/import/outcome-file';
import { importOutcomes } from '../src/use-cases/import/import-outcomes';
import { IMPORT_ACTOR, type Principal } from '../src/model/role';
import { readConfigOrExit } from '../src/config';
import { createDataSource, migrateDatabase } from '../src/db/data-source';
import { openDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';
import { createFitgraph } from '../src/app/fitgraph';

const USAGE =
  'usage: npm run import -- <file.csv|file.jsonl> [--kind accounts|leads|opportunities] [--format csv|jsonl] [--batch-size 1000] [--rejected rejected.csv]';
/** Every kind's service takes this many rows a call (the kind may only be known after reading the file). */
const MAX_BATCH_SIZE = Math.min(MAX_ACCOUNTS_PER_CALL, MAX_OUTCOMES_PER_CALL);
/** The audit trail names this actor for every batch of an import. */
const IMPORT_PRINCIPAL: Principal = { keyId: null, name: IMPORT_ACTOR, role: 'ADMIN' };

class UsageError extends Error {}

interface Args {
  file: string;
  /** null: read it from the file. */
  kind: ImportKind | null;
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
      options: { kind: { type: 'string' }, format: { type: 'string' }, 'batch-size': { type: 'string' }, rejected: { type: 'string' } },
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
    throw new UsageError(
      values.format
        ? `unknown format "${values.format}" (csv or jsonl)`
        : `cannot tell the format of ${path.basename(file)}: use --format csv|jsonl`,
    );
  }
  const kind = (values.kind ?? null) as ImportKind | null;
  if (kind !== null && !IMPORT_KINDS.includes(kind)) throw new UsageError(`unknown kind "${values.kind}" (${IMPORT_KINDS.join(', ')})`);
  const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new UsageError(`--batch-size must be an integer from 1 to ${MAX_BATCH_SIZE}`);
  }
  const defaultRejected = path.join(path.dirname(file), `rejected-${path.basename(file, path.extname(file))}.csv`);
  return { file, kind, format, batchSize, rejectedFile: path.resolve(values.rejected ?? defaultRejected) };
}

const formatInt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A cli-progress bar on a terminal; otherwise a plain line every ~2 s or 10,000 rows, for logs. */
function progressReporter(totalBytes: number, startedAt: number): { update(p: ImportProgress): void; stop(): void } {
  const rate = (rows: number) => rows / Math.max((Date.now() - startedAt) / 1000, 0.001);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'importing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
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
      const eta = share > 0 ? `${Math.round((((now - startedAt) / 1000) * (1 - share)) / share)} s` : '?';
      process.stderr.write(
        `imported ${p.rows} rows (${Math.round(share * 100)}% of bytes), ${formatInt(rate(p.rows))} rows/s, ETA ${eta}\n`,
      );
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

async function report(args: Args, kind: ImportKind, summary: BatchSummary, seconds: number): Promise<void> {
  const rate = formatInt(summary.rows / Math.max(seconds, 0.001));
  const timing = `in ${seconds.toFixed(1)} s (${rate} rows/s)`;
  if (kind === 'accounts') {
    const s = summary as ImportSummary;
    process.stdout.write(
      `created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected.length}, rescored ${s.rescored} ${timing}\n`,
    );
  } else {
    // The kind leads the line: it may have been inferred, and the services count no unchanged rows.
    process.stdout.write(
      `${kind}: created ${summary.created}, updated ${summary.updated}, rejected ${summary.rejected.length} ${timing}\n`,
    );
  }
  if (summary.rejected.length === 0) return;
  await writeRejected(args.rejectedFile, summary.rejected);
  process.stdout.write(`rejected rows and reasons: ${args.rejectedFile}\n`);
}

async function run(args: Args): Promise<number> {
  const db = await openDatabase(config, logger);
  const ds = createDataSource(db.url, { poolSize: 2, workload: 'bulk', config });
  try {
    await ds.initialize();
    await migrateDatabase(db.url, config);
    const fitgraph = createFitgraph(config, { dataSource: ds, log: logger });
    const { services } = fitgraph;
    const ctx = fitgraph.system(IMPORT_PRINCIPAL);
    const kind = args.kind ?? (await inferImportKind(fs.createReadStream(args.file), args.format));
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
    let summary: BatchSummary;
    let failure: string | null = null;
    try {
      const source = fs.createReadStream(args.file, { highWaterMark: 256 * 1024 });
      const options = { format: args.format, batchSize: args.batchSize, onProgress: progress.update, signal: controller.signal };
      summary =
        kind === 'accounts'
          ? await importAccounts(services, ctx, source, options)
          : await importOutcomes(services, ctx, source, { ...options, kind });
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
    await report(args, kind, summary, (Date.now() - startedAt) / 1000);
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

const config = readConfigOrExit();
const logger = createLogger(config);
main().catch((err: unknown) => {
  process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
  logger.error({ err }, 'import failed');
  process.exitCode = 1;
});

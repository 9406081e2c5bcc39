/**
 * Turns an account file into AccountInput rows, streaming: a file of any size is read with
 * flat memory, one record at a time, so that the importer's backpressure reaches the disk.
 * No database access: the attribute catalogue comes in as an argument.
 *
 * CSV: a header row; columns externalId, name, domain, explicitSegments (`;`-separated), and
 * any other column is an attribute key whose cells are typed by the catalogue. An empty cell
 * is "not given" (an update keeps the stored value). JSON lines: one AccountInput-shaped
 * object per line, values typed already; blank lines are skipped.
 *
 * The CSV and JSON-lines readers are generic (header, line numbers, syntax errors, size
 * limits); the outcome import (src/outcomes/import/outcome-file.ts) reads its files with them.
 */
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { AttributeCatalogue } from '../../model/icp-definition';
import type { AccountInput } from '../../model/account.input';

/** The file formats the importer reads. */
export const ACCOUNT_FILE_FORMATS = ['csv', 'jsonl'] as const;
export type AccountFileFormat = (typeof ACCOUNT_FILE_FORMATS)[number];

/** A row refused before validation, with its 1-based line and why. */
export interface FileRejection {
  line: number;
  externalId: string | null;
  reasons: string[];
}

/** A row of the file: an account to validate and write, or a row refused before validation. */
export type AccountFileRow = { line: number; account: AccountInput } | FileRejection;

/**
 * The file cannot be read any further (a header without the required columns, broken CSV
 * quoting, a record over the size limit). A streaming parser cannot tell where the next
 * record starts after such an error, so it stops rather than guess.
 */
export class ImportFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ImportFileError';
  }
}

/** The largest record accepted: far above any valid account, low enough to bound memory on an unclosed quote. */
export const MAX_RECORD_BYTES = 1024 * 1024;

const CORE_COLUMNS = new Set(['externalId', 'name', 'domain', 'explicitSegments']);
const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

/** The format a file name implies (`.csv`, `.jsonl`, `.ndjson`), or null. */
export function formatFromFileName(fileName: string): AccountFileFormat | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return null;
}

/** Rows of `source` in `format`, in file order; `catalogue` types the CSV cells. */
export function readAccountFile(
  source: Readable,
  format: AccountFileFormat,
  catalogue: AttributeCatalogue,
): AsyncGenerator<AccountFileRow> {
  return format === 'csv'
    ? readCsvRows(
        source,
        (header, line) => checkHeader(header, line, ['externalId', 'name']),
        (header, cells, line) => ({ line, account: csvAccount(header, cells, catalogue) }),
      )
    : readJsonLines(source, jsonAccount);
}

function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Converts one CSV cell by the attribute's catalogue type. Text that does not convert stays
 * text, so that validation rejects it with the same message the API gives.
 */
export function convertCell(text: string, type: string | undefined): unknown {
  switch (type) {
    case 'NUMBER': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'BOOLEAN': {
      const word = text.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : text;
    }
    case 'STRING_LIST':
      return splitList(text);
    default:
      // STRING, DATE, and unknown columns (validation names those).
      return text;
  }
}

/** The account of one CSV record; empty cells are "not given", so an update keeps what is stored. */
function csvAccount(header: string[], cells: string[], catalogue: AttributeCatalogue): AccountInput {
  const account: Record<string, unknown> = {};
  // No prototype: a column named "__proto__" must become a key that validation rejects, not a prototype.
  const attributes: Record<string, unknown> = Object.create(null);
  header.forEach((column, i) => {
    const text = cells[i];
    if (text === undefined || text === '') return;
    if (column === 'explicitSegments') account.explicitSegments = splitList(text);
    else if (CORE_COLUMNS.has(column)) account[column] = text;
    else attributes[column] = convertCell(text, catalogue.get(column)?.type);
  });
  return { ...account, attributes } as AccountInput;
}

/** Throws ImportFileError for a column named twice, or a required column missing. */
export function checkHeader(header: string[], line: number, requiredColumns: readonly string[]): void {
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) throw new ImportFileError(line, `column "${column}" appears twice in the header`);
    seen.add(column);
  }
  for (const required of requiredColumns) {
    if (!seen.has(required)) throw new ImportFileError(line, `the header has no "${required}" column (found: ${header.join(', ')})`);
  }
}

/** Line breaks inside a record's cells (only quoted cells can hold them). */
function breaksIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) n += cell.match(/\r\n|\r|\n/g)!.length;
  }
  return n;
}

/**
 * The data records of a CSV file through `toRow`, in file order, after its header, which
 * `acceptHeader` may refuse (by throwing ImportFileError). A record whose cell count differs
 * from the header's is a rejection. Throws ImportFileError where the CSV syntax breaks, after
 * yielding the rows before it. (One generator for all of it: every layer costs per row.)
 */
export async function* readCsvRows<T>(
  source: Readable,
  acceptHeader: (header: string[], line: number) => void,
  toRow: (header: string[], cells: string[], line: number) => T | FileRejection,
): AsyncGenerator<T | FileRejection> {
  // A syntax error must not destroy the parser: that would drop the good records still in its
  // buffer. Skip mode keeps them; the loop stops where the error was, since what the parser
  // makes of the rest (after a stray quote) cannot be trusted.
  let syntaxError: { afterRecords: number; message: string } | null = null;
  const parser = parse({
    bom: true,
    trim: true,
    // Row length is checked here, so that a short row is one rejected row rather than the end of the import.
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    on_skip: (err: Error | undefined) => {
      syntaxError ??= { afterRecords: parser.info.records, message: err?.message ?? 'invalid CSV' };
    },
  });
  // pipeline, not pipe: a read error of the source must reach the loop below.
  pipeline(source, parser, () => undefined);
  // Lines are counted here rather than taken from the parser's info, which counts a CR LF
  // inside a quoted cell as two lines. Nothing is skipped by the parser, so that every line
  // break is in some record: empty lines come as records of empty cells and are dropped below.
  let records = 0;
  let nextLine = 1;
  let header: string[] | null = null;
  const stopIfBroken = () => {
    if (syntaxError && records >= syntaxError.afterRecords) throw new ImportFileError(nextLine, syntaxError.message);
  };
  for await (const record of parser as AsyncIterable<string[]>) {
    stopIfBroken();
    records++;
    const line = nextLine;
    nextLine += 1 + breaksIn(record);
    // Empty lines, and lines of only separators (spreadsheet exports pad with them), carry no data.
    if (record.every((cell) => cell === '')) continue;
    if (!header) {
      header = record;
      acceptHeader(header, line);
      continue;
    }
    if (record.length !== header.length) {
      const externalId = record[header.indexOf('externalId')] || null;
      yield { line, externalId, reasons: [`line ${line}: ${record.length} cells where the header has ${header.length}`] };
      continue;
    }
    yield toRow(header, record, line);
  }
  stopIfBroken();
  if (!header) throw new ImportFileError(1, 'the file is empty (a CSV file needs a header row)');
}

function isStringOrNullish(v: unknown): boolean {
  return v === undefined || v === null || typeof v === 'string';
}

/**
 * Shape problems the validator does not expect to meet: it relies on GraphQL having typed
 * the fields (a numeric externalId would make it throw and refuse the whole batch).
 */
function shapeProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of ['externalId', 'name']) {
    if (typeof value[field] !== 'string') problems.push(`${field}: expected a string, got ${JSON.stringify(value[field]) ?? 'nothing'}`);
  }
  if (!isStringOrNullish(value.domain)) problems.push(`domain: expected a string, got ${JSON.stringify(value.domain)}`);
  const segments = value.explicitSegments;
  if (segments != null && (!Array.isArray(segments) || segments.some((s) => typeof s !== 'string'))) {
    problems.push(`explicitSegments: expected an array of strings, got ${JSON.stringify(segments)}`);
  }
  return problems;
}

function jsonAccount(record: Record<string, unknown>, line: number): AccountFileRow {
  const problems = shapeProblems(record);
  if (problems.length) {
    return { line, externalId: typeof record.externalId === 'string' ? record.externalId : null, reasons: problems };
  }
  return { line, account: record as unknown as AccountInput };
}

function jsonRow<T>(
  text: string,
  line: number,
  toRow: (record: Record<string, unknown>, line: number) => T | FileRejection,
): T | FileRejection {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, externalId: null, reasons: [`line ${line}: invalid JSON`] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, externalId: null, reasons: [`line ${line}: expected a JSON object`] };
  }
  return toRow(value as Record<string, unknown>, line);
}

/**
 * The objects of a JSON-lines file through `toRow`, in file order; blank lines are skipped,
 * and a line that is not a JSON object (or is over the size limit) is a rejection.
 */
export async function* readJsonLines<T>(
  source: Readable,
  toRow: (record: Record<string, unknown>, line: number) => T | FileRejection,
): AsyncGenerator<T | FileRejection> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  let oversized = false; // the current line went over the limit: drop its bytes up to the newline
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      line++;
      if (oversized) {
        oversized = false;
        yield { line, externalId: null, reasons: [`line ${line}: longer than ${MAX_RECORD_BYTES} bytes`] };
      } else {
        // Lines are cut as bytes, not text, so that a multi-byte character split across chunks survives.
        const text = Buffer.concat([...pending, buf.subarray(start, nl)])
          .toString('utf8')
          .trim();
        if (text) yield jsonRow(text, line, toRow);
      }
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    if (start < buf.length && !oversized) {
      pending.push(buf.subarray(start));
      pendingBytes += buf.length - start;
      if (pendingBytes > MAX_RECORD_BYTES) {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  line++;
  if (oversized) yield { line, externalId: null, reasons: [`line ${line}: longer than ${MAX_RECORD_BYTES} bytes`] };
  else {
    const text = Buffer.concat(pending).toString('utf8').trim();
    if (text) yield jsonRow(text, line, toRow);
  }
}

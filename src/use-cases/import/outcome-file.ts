/**
 * Turns a leads or opportunities file into LeadInput / OpportunityInput rows, streaming, with
 * the CSV and JSON-lines readers of the account import (same line numbers, size limits and
 * syntax errors). No database access: accounts are resolved by the outcome service.
 *
 * CSV: a header naming only the kind's columns (a misspelt column would otherwise drop a value
 * silently), dates as ISO-8601 (`2026-05-01` or a full date-time), `amount` a plain number,
 * and an empty cell is null. JSON lines: one object per line with the same fields, dates as
 * ISO-8601 strings, `amount` a number, a numeric string (exporters write money as strings to
 * keep its decimals) or null.
 */
import type { Readable } from 'node:stream';
import { parseDate } from '../../common/dates';
import { checkHeader, ImportFileError, readCsvRows, readJsonLines, type AccountFileFormat, type FileRejection } from './account-file';
import { OPPORTUNITY_OUTCOMES, type LeadInput, type OpportunityInput, type OpportunityOutcome } from '../../model/outcome.types';

/** What `npm run import` can import. */
export const IMPORT_KINDS = ['accounts', 'leads', 'opportunities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** The kinds written through the outcome service. */
export type OutcomeKind = Exclude<ImportKind, 'accounts'>;

/** The input type of each outcome kind. */
export interface OutcomeInputs {
  leads: LeadInput;
  opportunities: OpportunityInput;
}

/** A row of an outcome file: an input to validate and write, or a row refused before validation. */
export type OutcomeFileRow<K extends OutcomeKind> = { line: number; input: OutcomeInputs[K] } | FileRejection;

/** The columns (CSV) or fields (JSON) of each outcome kind. */
export const OUTCOME_COLUMNS: Record<OutcomeKind, readonly string[]> = {
  leads: ['externalId', 'accountExternalId', 'createdAt', 'convertedAt'],
  opportunities: ['externalId', 'accountExternalId', 'createdAt', 'closedAt', 'outcome', 'amount'],
};
const REQUIRED_COLUMNS: Record<OutcomeKind, readonly string[]> = {
  leads: ['externalId', 'accountExternalId', 'createdAt'],
  opportunities: ['externalId', 'accountExternalId', 'createdAt', 'outcome'],
};

/** numeric(16, 2) in the database: a larger amount would fail the whole batch's insert. */
const MAX_AMOUNT = 1e14;

/**
 * The kind that a CSV header or a first JSON object's keys imply: `accountExternalId` and
 * `outcome` are opportunities, `accountExternalId` alone leads, anything else accounts.
 */
export function kindFromColumns(columns: Iterable<string>): ImportKind {
  const set = new Set(columns);
  if (!set.has('accountExternalId')) return 'accounts';
  return set.has('outcome') ? 'opportunities' : 'leads';
}

/**
 * The kind of a file from its CSV header or its first line that is a JSON object; reads no
 * further and destroys `source`. A file with neither is taken as accounts (whose import then
 * says what is wrong with it).
 */
export async function inferImportKind(source: Readable, format: AccountFileFormat): Promise<ImportKind> {
  // An object, not a variable: the callback assigns it, which narrowing would not see.
  const found: { header: string[] | null } = { header: null };
  try {
    if (format === 'jsonl') {
      for await (const row of readJsonLines(source, (record) => ({ record }))) {
        if ('record' in row) return kindFromColumns(Object.keys(row.record));
      }
      return 'accounts';
    }
    // The header reaches acceptHeader before the first record is yielded; one record is enough.
    for await (const _ of readCsvRows(
      source,
      (h) => (found.header = h),
      () => null,
    ))
      break;
  } catch (err) {
    // An empty file, or broken CSV after the header: the import itself says what is wrong.
    if (!(err instanceof ImportFileError)) throw err;
  } finally {
    source.destroy();
  }
  return found.header ? kindFromColumns(found.header) : 'accounts';
}

const DATE_EXAMPLE = '2026-05-01 or 2026-05-01T09:30:00Z';

/**
 * An ISO-8601 date (midnight UTC) or date-time, or null when `text` is not one. Files also
 * write a space for the `T`, lower-case letters and `+0200` offsets: those are normalised, then
 * read by the one date parser (impossible days such as 2026-02-30 are refused).
 */
export function parseIsoDate(text: string): Date | null {
  const normalized = text
    .replace(' ', 'T')
    .toUpperCase()
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return parseDate(normalized);
}

const shown = (value: unknown) => JSON.stringify(value) ?? 'nothing';

/**
 * Converts the fields of one row (CSV cells as text, or a JSON object's values), collecting a
 * reason per bad field so that the rejected row lists them all. Business rules (a WON without
 * closedAt, an unknown account) are left to the service, which names them per row.
 */
function toInput<K extends OutcomeKind>(kind: K, values: Record<string, unknown>, line: number): OutcomeFileRow<K> {
  const reasons: string[] = [];
  const given = (column: string) => values[column] !== undefined && values[column] !== null && values[column] !== '';
  const text = (column: string): string => {
    const value = values[column];
    if (!given(column)) reasons.push(`${column}: required`);
    else if (typeof value !== 'string') reasons.push(`${column}: expected a string, got ${shown(value)}`);
    else return value;
    return '';
  };
  const date = (column: string, required: boolean): Date | null => {
    const value = values[column];
    if (!given(column)) {
      if (required) reasons.push(`${column}: required`);
      return null;
    }
    const parsed = typeof value === 'string' ? parseIsoDate(value) : null;
    if (!parsed) reasons.push(`${column}: expected an ISO-8601 date (${DATE_EXAMPLE}), got ${shown(value)}`);
    return parsed;
  };

  const common = {
    externalId: text('externalId'),
    accountExternalId: text('accountExternalId'),
    createdAt: date('createdAt', true) as Date,
  };
  let input: LeadInput | OpportunityInput;
  if (kind === 'leads') {
    input = { ...common, convertedAt: date('convertedAt', false) };
  } else {
    const word = text('outcome').toUpperCase();
    const outcome = OPPORTUNITY_OUTCOMES.find((o) => o === word);
    if (word && !outcome) reasons.push(`outcome: expected ${OPPORTUNITY_OUTCOMES.join(', ')}, got ${shown(values.outcome)}`);
    const raw = values.amount;
    let amount: number | null = null;
    if (given('amount')) {
      amount = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
      if (!Number.isFinite(amount)) reasons.push(`amount: expected a number, got ${shown(raw)}`);
      else if (Math.abs(amount) >= MAX_AMOUNT) reasons.push(`amount: must be less than ${MAX_AMOUNT.toLocaleString('en-US')} (got ${raw})`);
    }
    input = { ...common, closedAt: date('closedAt', false), outcome: outcome as OpportunityOutcome, amount };
  }
  if (reasons.length) {
    const externalId = typeof values.externalId === 'string' ? values.externalId.trim() || null : null;
    return { line, externalId, reasons };
  }
  return { line, input: input as OutcomeInputs[K] };
}

function jsonInput<K extends OutcomeKind>(kind: K, record: Record<string, unknown>, line: number): OutcomeFileRow<K> {
  const unknown = Object.keys(record).filter((key) => !OUTCOME_COLUMNS[kind].includes(key));
  if (unknown.length) {
    const externalId = typeof record.externalId === 'string' ? record.externalId.trim() || null : null;
    return {
      line,
      externalId,
      reasons: unknown.map((key) => `${key}: unknown field for ${kind} (expected: ${OUTCOME_COLUMNS[kind].join(', ')})`),
    };
  }
  return toInput(kind, record, line);
}

function checkOutcomeHeader(kind: OutcomeKind, header: string[], line: number): void {
  checkHeader(header, line, REQUIRED_COLUMNS[kind]);
  const unknown = header.filter((column) => !OUTCOME_COLUMNS[kind].includes(column));
  if (unknown.length) {
    throw new ImportFileError(
      line,
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} for ${kind} (expected: ${OUTCOME_COLUMNS[kind].join(', ')})`,
    );
  }
}

/**
 * Rows of a `kind` file in `format`, in file order. Throws ImportFileError (after the rows
 * before it) when the file cannot be read further, as the account reader does.
 */
export function readOutcomeFile<K extends OutcomeKind>(
  source: Readable,
  format: AccountFileFormat,
  kind: K,
): AsyncGenerator<OutcomeFileRow<K>> {
  if (format === 'jsonl') return readJsonLines(source, (record, line) => jsonInput(kind, record, line));
  return readCsvRows(
    source,
    (header, line) => checkOutcomeHeader(kind, header, line),
    (header, cells, line) => {
      // The header holds known columns only (checked first), so these keys are safe as object keys.
      const values: Record<string, string> = {};
      header.forEach((column, i) => (values[column] = cells[i]));
      return toInput(kind, values, line);
    },
  );
}

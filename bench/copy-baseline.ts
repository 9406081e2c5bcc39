/**
 * The ceiling the write figures are measured against: a plain `COPY … FROM STDIN` of the
 * same account rows into a scratch table shaped like `account` (no indexes, no triggers).
 * The rows are encoded once, before any timing, so that the figure is the database's ingest
 * rate and not the generator's; the same buffers then load the real `account` table.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import { generateAccountStream } from '../src/demo/account-generator';

export const ACCOUNT_COLUMNS = 'id, external_id, name, domain, attributes, explicit_segments, segment_ids, created_at, updated_at';

/** Rows per buffer: large enough that stream overhead is nil, small enough to stay cheap to hold. */
const ROWS_PER_CHUNK = 5000;

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function esc(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

export interface EncodedAccounts {
  chunks: Buffer[];
  rows: number;
  bytes: number;
}

/**
 * Accounts 0..count-1 of the generator (seed 1) as COPY text, every one a member of `segmentId`;
 * ids are uuid v7 like the service's.
 */
export function encodeAccounts(count: number, segmentId: string, at: Date, seed = 1): EncodedAccounts {
  const ts = at.toISOString();
  const tail = `\t{}\t{${segmentId}}\t${ts}\t${ts}\n`;
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const a of generateAccountStream(count, { seed })) {
    lines.push(
      [uuidv7(), '\t', esc(a.externalId), '\t', esc(a.name), '\t', esc(a.domain), '\t', esc(JSON.stringify(a.attributes)), tail].join(''),
    );
    if (lines.length === ROWS_PER_CHUNK) {
      chunks.push(Buffer.from(lines.join(''), 'utf8'));
      bytes += chunks[chunks.length - 1].length;
      lines = [];
    }
  }
  if (lines.length) {
    chunks.push(Buffer.from(lines.join(''), 'utf8'));
    bytes += chunks[chunks.length - 1].length;
  }
  return { chunks, rows: count, bytes };
}

/** Streams the buffers through one COPY; returns the seconds it took, commit included. */
export async function copyRows(client: ClientBase, table: string, data: EncodedAccounts): Promise<number> {
  const started = process.hrtime.bigint();
  await client.query('BEGIN');
  try {
    await pipeline(Readable.from(data.chunks), client.query(copyFrom(`COPY ${table} (${ACCOUNT_COLUMNS}) FROM STDIN`)));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The COPY ceiling: rows per second into `scratch (LIKE account INCLUDING DEFAULTS)`, dropped afterwards. */
export async function copyBaseline(client: ClientBase, data: EncodedAccounts): Promise<{ seconds: number; rate: number }> {
  await client.query('DROP TABLE IF EXISTS bench_scratch');
  await client.query('CREATE TABLE bench_scratch (LIKE account INCLUDING DEFAULTS)');
  try {
    const seconds = await copyRows(client, 'bench_scratch', data);
    return { seconds, rate: data.rows / seconds };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_scratch');
  }
}

/**
 * The leads and opportunities import on a real database: exact counts and stored rows, bad
 * rows taken out of a refused batch by their line, kind inference, JSON lines, and the CLI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportAbortedError } from '../../src/use-cases/import/import-accounts';
import { importOutcomes, type OutcomeImportOptions } from '../../src/use-cases/import/import-outcomes';
import { inferImportKind, parseIsoDate } from '../../src/use-cases/import/outcome-file';
import { runScript } from '../helpers/cli';
import { chunked } from '../helpers/streams';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.data(upsertAccounts, {
    accounts: ['acc-1', 'acc-2', 'acc-3'].map((externalId, i) => ({ externalId, name: `Account ${i + 1}`, attributes: {} })),
  });
});
afterAll(() => t.close());

const run = (text: string, options: Partial<OutcomeImportOptions> = {}) =>
  importOutcomes(t.services, t.system, chunked(text), { kind: 'opportunities', format: 'csv', ...options });
const iso = (d: Date | null) => d && d.toISOString();
const opportunities = async (prefix: string) =>
  (
    await t.sql(
      `SELECT o.external_id, a.external_id AS account, o.created_at, o.closed_at, o.outcome, o.amount::text AS amount
     FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.external_id LIKE $1 ORDER BY o.external_id`,
      [`${prefix}%`],
    )
  ).map((r) => [r.external_id, r.account, iso(r.created_at), iso(r.closed_at), r.outcome, r.amount]);

describe('CSV import', () => {
  it('imports leads with ISO dates (an empty convertedAt is null), and a re-import updates them', async () => {
    const text = [
      'externalId,accountExternalId,createdAt,convertedAt',
      'l-1,acc-1,2026-05-01,',
      'l-2,acc-2,2026-05-02T09:30:00Z,2026-05-10',
      'l-3,acc-1,2026-05-03T10:00:00+02:00,2026-05-03T12:00',
      '',
    ].join('\n');
    expect(await run(text, { kind: 'leads' })).toEqual({ rows: 3, created: 3, updated: 0, rejected: [] });
    const rows = await t.sql(`SELECT l.external_id, a.external_id AS account, l.created_at, l.converted_at
      FROM lead l JOIN account a ON a.id = l.account_id WHERE l.external_id LIKE 'l-%' ORDER BY l.external_id`);
    expect(rows.map((r) => [r.external_id, r.account, iso(r.created_at), iso(r.converted_at)])).toEqual([
      ['l-1', 'acc-1', '2026-05-01T00:00:00.000Z', null],
      ['l-2', 'acc-2', '2026-05-02T09:30:00.000Z', '2026-05-10T00:00:00.000Z'],
      ['l-3', 'acc-1', '2026-05-03T08:00:00.000Z', '2026-05-03T12:00:00.000Z'],
    ]);
    expect(await run(text, { kind: 'leads' })).toEqual({ rows: 3, created: 0, updated: 3, rejected: [] });
  });

  it('imports opportunities with outcomes, amounts and closing dates, in batches', async () => {
    const text = [
      'externalId,accountExternalId,createdAt,closedAt,outcome,amount',
      'o-1,acc-1,2026-04-01,,OPEN,',
      'o-2,acc-2,2026-04-02,2026-05-20,WON,1200.50',
      'o-3,acc-3,2026-04-03T08:00:00Z,2026-06-01T17:45:00Z,lost,0',
    ].join('\r\n');
    expect(await run(text, { batchSize: 2 })).toEqual({ rows: 3, created: 3, updated: 0, rejected: [] });
    expect(await opportunities('o-')).toEqual([
      ['o-1', 'acc-1', '2026-04-01T00:00:00.000Z', null, 'OPEN', null],
      ['o-2', 'acc-2', '2026-04-02T00:00:00.000Z', '2026-05-20T00:00:00.000Z', 'WON', '1200.50'],
      ['o-3', 'acc-3', '2026-04-03T08:00:00.000Z', '2026-06-01T17:45:00.000Z', 'LOST', '0.00'],
    ]);
  });

  it('takes the rows a refused batch names out, imports the other 4, and reports the 2 with lines and reasons', async () => {
    const text = [
      'externalId,accountExternalId,createdAt,closedAt,outcome,amount',
      'x-1,acc-1,2026-03-01,,OPEN,100',
      'x-2,no-such-account,2026-03-02,,OPEN,200',
      'x-3,acc-2,2026-03-03,2026-03-30,WON,300',
      'x-4,acc-3,2026-03-04,2026-03-31,LOST,',
      'x-5,acc-1,2026-03-05,,WON,500',
      'x-6,acc-2,2026-03-06,,OPEN,',
    ].join('\n');
    const summary = await run(text);
    expect(summary).toEqual({
      rows: 6,
      created: 4,
      updated: 0,
      rejected: [
        { line: 3, externalId: 'x-2', reasons: ['accountExternalId: account "no-such-account" not found'] },
        { line: 6, externalId: 'x-5', reasons: ['closedAt: is required when the outcome is WON'] },
      ],
    });
    expect((await opportunities('x-')).map((r) => r[0])).toEqual(['x-1', 'x-3', 'x-4', 'x-6']);
  });

  it('rejects unreadable cells naming the column, and a duplicate names the line of the first', async () => {
    const text = [
      'externalId,accountExternalId,createdAt,closedAt,outcome,amount',
      'p-1,acc-1,01/05/2026,,OPEN,',
      'p-2,acc-1,2026-02-30,,MAYBE,12k',
      'p-3,,2026-03-01,,OPEN,',
      'p-4,acc-2,2026-03-01,,OPEN,',
      'p-4,acc-2,2026-03-02,,OPEN,',
    ].join('\n');
    const summary = await run(text);
    expect(summary).toEqual({
      rows: 5,
      created: 1,
      updated: 0,
      rejected: [
        {
          line: 2,
          externalId: 'p-1',
          reasons: ['createdAt: expected an ISO-8601 date (2026-05-01 or 2026-05-01T09:30:00Z), got "01/05/2026"'],
        },
        {
          line: 3,
          externalId: 'p-2',
          reasons: [
            'createdAt: expected an ISO-8601 date (2026-05-01 or 2026-05-01T09:30:00Z), got "2026-02-30"',
            'outcome: expected OPEN, WON, LOST, got "MAYBE"',
            'amount: expected a number, got "12k"',
          ],
        },
        { line: 4, externalId: 'p-3', reasons: ['accountExternalId: required'] },
        { line: 6, externalId: 'p-4', reasons: ['externalId: "p-4" appears twice in the batch (also at line 5)'] },
      ],
    });
    expect(await opportunities('p-')).toEqual([['p-4', 'acc-2', '2026-03-01T00:00:00.000Z', null, 'OPEN', null]]);
  });

  it('a retry that fails too rejects the rest of the batch with its error; the next batch is imported', async () => {
    await t.sql(`ALTER TABLE opportunity ADD CONSTRAINT import_test_block CHECK (external_id <> 'r-3')`);
    try {
      const rows = ['r-1,acc-1', 'r-2,nobody', 'r-3,acc-1', 'r-4,acc-2'].map((r) => `${r},2026-03-01,,OPEN,`);
      const summary = await run(['externalId,accountExternalId,createdAt,closedAt,outcome,amount', ...rows].join('\n'), { batchSize: 3 });
      expect(summary).toMatchObject({ rows: 4, created: 1, updated: 0 });
      expect(summary.rejected.map((r) => [r.line, r.externalId])).toEqual([
        [2, 'r-1'],
        [3, 'r-2'],
        [4, 'r-3'],
      ]);
      expect(summary.rejected[1].reasons).toEqual(['accountExternalId: account "nobody" not found']);
      for (const r of [summary.rejected[0], summary.rejected[2]]) {
        expect(r.reasons).toEqual([expect.stringMatching(/^batch of lines 2-4 not written: .*import_test_block/)]);
      }
      expect((await opportunities('r-')).map((r) => r[0])).toEqual(['r-4']);
    } finally {
      await t.sql('ALTER TABLE opportunity DROP CONSTRAINT import_test_block');
    }
  });

  it('stops at a header with a column the kind does not have', async () => {
    const bad = run('externalId,accountExternalId,createdAt,closedat,outcome\nz-1,acc-1,2026-01-01,2026-02-01,WON\n');
    await expect(bad).rejects.toThrow(ImportAbortedError);
    await expect(run('externalId,accountExternalId,createdAt,closedat,outcome\n')).rejects.toThrow(
      /^line 1: unknown column "closedat" for opportunities/,
    );
    await expect(run('externalId,accountExternalId,createdAt\n')).rejects.toThrow('line 1: the header has no "outcome" column');
  });
});

describe('kind inference', () => {
  it('reads the kind from the CSV header or the first JSON object', async () => {
    expect(await inferImportKind(chunked('\nexternalId,accountExternalId,createdAt,outcome\no,a,2026-01-01,OPEN\n'), 'csv')).toBe(
      'opportunities',
    );
    expect(await inferImportKind(chunked('externalId,accountExternalId,createdAt\n'), 'csv')).toBe('leads');
    expect(await inferImportKind(chunked('externalId,name,employees\n'), 'csv')).toBe('accounts');
    expect(await inferImportKind(chunked(''), 'csv')).toBe('accounts');
    expect(await inferImportKind(chunked('externalId,accountExternalId,createdAt\n"broken,x\n'), 'csv')).toBe('leads');
    expect(await inferImportKind(chunked('not json\n{"externalId":"l","accountExternalId":"a","createdAt":"2026-01-01"}\n'), 'jsonl')).toBe(
      'leads',
    );
  });

  it('an inferred leads file imports as leads', async () => {
    const text = 'externalId,accountExternalId,createdAt\ni-1,acc-3,2026-01-15\n';
    const kind = await inferImportKind(chunked(text), 'csv');
    expect(kind).toBe('leads');
    expect(await run(text, { kind: kind as 'leads' })).toEqual({ rows: 1, created: 1, updated: 0, rejected: [] });
  });

  it('parses ISO-8601 dates and date-times only, without the time zone of the machine', () => {
    expect(parseIsoDate('2026-05-01')?.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(parseIsoDate('2026-05-01T10:00:00.123456+0130')?.toISOString()).toBe('2026-05-01T08:30:00.123Z');
    expect(parseIsoDate('2026-05-01 10:00')?.toISOString()).toBe('2026-05-01T10:00:00.000Z');
    for (const bad of ['2026-5-1', '2026-13-01', '2026-02-29', '2026-05-01T24:00', 'yesterday', '']) expect(parseIsoDate(bad)).toBeNull();
  });
});

describe('JSON lines import', () => {
  it('imports opportunity objects; a malformed line, a bad amount and an unknown field are rejected by line', async () => {
    const text = [
      '{"externalId":"j-1","accountExternalId":"acc-1","createdAt":"2026-02-01","outcome":"OPEN"}',
      '{"externalId":"j-2","accountExternalId":"acc-2","createdAt":"2026-02-02T10:00:00Z","closedAt":"2026-02-20T10:00:00Z","outcome":"WON","amount":"5000.25"}',
      '{"externalId":"j-3",',
      '',
      '{"externalId":"j-4","accountExternalId":"acc-3","createdAt":"2026-02-04","closedAt":null,"outcome":"OPEN","amount":"12 EUR"}',
      '{"externalId":"j-5","accountExternalId":"acc-3","createdAt":"2026-02-05","outcome":"OPEN","stage":"demo"}',
      '{"externalId":"j-6","accountExternalId":"acc-3","createdAt":"2026-02-06","closedAt":"2026-03-01","outcome":"LOST","amount":null}',
    ].join('\n');
    const summary = await run(text, { format: 'jsonl' });
    expect(summary).toEqual({
      rows: 6,
      created: 3,
      updated: 0,
      rejected: [
        { line: 3, externalId: null, reasons: ['line 3: invalid JSON'] },
        { line: 5, externalId: 'j-4', reasons: ['amount: expected a number, got "12 EUR"'] },
        {
          line: 6,
          externalId: 'j-5',
          reasons: [
            'stage: unknown field for opportunities (expected: externalId, accountExternalId, createdAt, closedAt, outcome, amount)',
          ],
        },
      ],
    });
    expect(await opportunities('j-')).toEqual([
      ['j-1', 'acc-1', '2026-02-01T00:00:00.000Z', null, 'OPEN', null],
      ['j-2', 'acc-2', '2026-02-02T10:00:00.000Z', '2026-02-20T10:00:00.000Z', 'WON', '5000.25'],
      ['j-6', 'acc-3', '2026-02-06T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 'LOST', null],
    ]);
  });
});

describe('npm run import (the CLI)', () => {
  it('infers opportunities from the header, prints the summary, writes the rejected rows and exits with 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-import-outcomes-'));
    try {
      const file = path.join(dir, 'opps.csv');
      fs.writeFileSync(
        file,
        [
          'externalId,accountExternalId,createdAt,closedAt,outcome,amount',
          'c-1,acc-1,2026-01-10,2026-02-10,WON,900',
          'c-2,acc-2,2026-01-11,,WON,',
          'c-3,acc-3,2026-01-12,,OPEN,',
          '',
        ].join('\n'),
      );
      const result = await runScript(t, 'import', [file]);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: [] });
      expect(result.stdout).toMatch(/^opportunities: created 2, updated 0, rejected 1 in \d+\.\d s \([\d,]+ rows\/s\)$/m);
      const rejectedFile = path.join(dir, 'rejected-opps.csv');
      expect(result.stdout).toContain(rejectedFile);
      expect(fs.readFileSync(rejectedFile, 'utf8')).toBe('line,externalId,reasons\n3,c-2,closedAt: is required when the outcome is WON\n');
      expect((await opportunities('c-')).map((r) => r[0])).toEqual(['c-1', 'c-3']);
      const [audit] = await t.sql(`SELECT actor FROM audit_event WHERE action = 'opportunities.recorded' ORDER BY sequence DESC LIMIT 1`);
      expect(audit.actor).toBe('import');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

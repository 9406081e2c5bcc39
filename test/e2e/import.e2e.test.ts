/**
 * The account import on a real database: typed CSV cells, rejected rows with their lines,
 * re-import, JSON lines, a failing batch rolled back alone, and the CLI as a child process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportAbortedError, importAccounts, type ImportOptions, type ImportProgress } from '../../src/use-cases/import/import-accounts';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { runScript } from '../helpers/cli';
import { chunked } from '../helpers/streams';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
const importedAccount = graphql(`
  query ImportedAccount($e: String) { account(externalId: $e) { name domain attributes explicitSegments } }
`);
beforeAll(async () => {
  t = await startTestApp();
  // A live version in "saas", so that imported saas accounts are scored.
  await t.data(createSegment, {
    input: { key: 'saas', name: 'SaaS', membership: [{ attribute: 'industry', operator: 'IN', values: ['saas'], points: 1 }] },
  });
  const draft = await t.data(createDraft, { segmentKey: 'saas', definition: seedDefinition() });
  await t.data(publishVersion, { id: draft.createDraft.id });
  await t.data(createSegment, { input: { key: 'vip', name: 'VIP' } });
  await t.data(createSegment, { input: { key: 'partner', name: 'Partner' } });
});
afterAll(() => t.close());

const run = (text: string, options: Partial<ImportOptions> = {}) =>
  importAccounts(t.services, t.system, chunked(text), { format: 'csv', ...options });
const account = async (externalId: string) => (await t.data(importedAccount, { e: externalId })).account!;
const stored = async (prefix: string) =>
  (await t.sql(`SELECT external_id FROM account WHERE external_id LIKE $1 ORDER BY external_id`, [`${prefix}%`])).map((r) => r.external_id);

describe('CSV import', () => {
  const TYPED = [
    'externalId,name,domain,employees,annualRevenue,isPublic,demoRequested,techStack,lastFundingAt,industry,explicitSegments',
    't-1,Acme,acme.io,120,25000000,true,Yes,aws; salesforce ;,2025-06-01,saas,vip;partner',
    't-2,"Globex, Inc.",,,,0,no,,,retail,',
    't-3,Zürich Initech,initech.ch,5.5,1e6,FALSE,1,snowflake,2026-01-15T10:00:00Z,saas, vip ',
    '',
  ].join('\n');

  it('converts cells by the catalogue type, omits empty cells, and reports progress', async () => {
    const progress: ImportProgress[] = [];
    const summary = await run(TYPED, { onProgress: (p) => progress.push(p) });
    expect(summary).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0, rescored: 2, rejected: [] });
    expect(progress[progress.length - 1]).toEqual({
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      bytesRead: Buffer.byteLength(TYPED),
    });

    expect(await account('t-1')).toEqual({
      name: 'Acme',
      domain: 'acme.io',
      explicitSegments: ['vip', 'partner'],
      attributes: {
        employees: 120,
        annualRevenue: 25000000,
        isPublic: true,
        demoRequested: true,
        techStack: ['aws', 'salesforce'],
        lastFundingAt: '2025-06-01',
        industry: 'saas',
      },
    });
    // Empty cells are "not given": no key at all, not an empty value.
    expect(await account('t-2')).toEqual({
      name: 'Globex, Inc.',
      domain: null,
      explicitSegments: [],
      attributes: { isPublic: false, demoRequested: false, industry: 'retail' },
    });
    const t3 = await account('t-3');
    expect(t3).toMatchObject({ name: 'Zürich Initech', explicitSegments: ['vip'] });
    expect(t3.attributes).toEqual({
      employees: 5.5,
      annualRevenue: 1_000_000,
      isPublic: false,
      demoRequested: true,
      techStack: ['snowflake'],
      lastFundingAt: '2026-01-15T10:00:00Z',
      industry: 'saas',
    });
    expect(typeof t3.attributes.employees).toBe('number');
    expect(typeof t3.attributes.isPublic).toBe('boolean');
    expect(Array.isArray(t3.attributes.techStack)).toBe(true);
  });

  const MIXED = [
    'externalId,name,employees,demoRequested,industry,revenu',
    'm-1,One,10,true,saas,',
    'm-2,Two,ten,false,retail,5',
    '"m-3","Three',
    'Holdings",30,,media,',
    'm-1,One again,11,,saas,',
    'm-4,Four,40,no,,',
    'm-5,Five,50,,,',
    'm-6,Six,60,,,',
  ].join('\r\n');
  const MIXED_REJECTED = [
    {
      line: 3,
      externalId: 'm-2',
      reasons: [
        'attributes.employees: expected a NUMBER, got "ten"',
        expect.stringMatching(/^attributes\.revenu: unknown attribute "revenu"/),
      ],
    },
    { line: 6, externalId: 'm-1', reasons: ['externalId: "m-1" appears twice in the batch (also at line 2)'] },
  ];

  it('imports the valid rows of a mixed file and returns the others with their lines and reasons', async () => {
    const summary = await run(MIXED);
    expect(summary).toEqual({ rows: 7, created: 5, updated: 0, unchanged: 0, rescored: 1, rejected: MIXED_REJECTED });
    expect(await stored('m-')).toEqual(['m-1', 'm-3', 'm-4', 'm-5', 'm-6']);
    expect(await account('m-1')).toMatchObject({ name: 'One', attributes: { employees: 10, demoRequested: true, industry: 'saas' } });
    expect((await account('m-3')).name).toBe('Three\r\nHoldings');
  });

  it('re-importing the same file changes nothing', async () => {
    const summary = await run(MIXED);
    expect(summary).toEqual({ rows: 7, created: 0, updated: 0, unchanged: 5, rescored: 0, rejected: MIXED_REJECTED });
  });

  it('rejects a row whose cell count differs from the header, and stops at broken quoting with the rows before it written', async () => {
    const summary = await run('externalId,name\nq-1,One\nq-2,Two,extra\n');
    expect(summary.rejected).toEqual([{ line: 3, externalId: 'q-2', reasons: ['line 3: 3 cells where the header has 2'] }]);
    const broken = run('externalId,name\nq-3,Three\nq-4,"Four"x\nq-5,Five\n');
    await expect(broken).rejects.toThrow(ImportAbortedError);
    await expect(run('externalId,name\nq-3,Three\nq-4,"Four"x\n')).rejects.toThrow(/^line 3: Invalid Closing Quote/);
    expect(await stored('q-')).toEqual(['q-1', 'q-3']);
    await expect(run('externalId,title\nq-9,Nine\n')).rejects.toThrow('line 1: the header has no "name" column');
  });

  it('a batch whose write fails is rolled back alone and its rows reported; the other batches are imported', async () => {
    await t.sql(`ALTER TABLE account ADD CONSTRAINT import_test_block CHECK (name <> 'Boom Corp')`);
    try {
      const rows = ['b-1,One', 'b-2,Two', 'b-3,Three', 'b-4,Four', 'b-5,Boom Corp', 'b-6,Six', 'b-7,Seven', 'b-8,Eight'];
      const summary = await run(['externalId,name', ...rows].join('\n'), { batchSize: 3 });
      expect(summary).toMatchObject({ rows: 8, created: 5, updated: 0, unchanged: 0 });
      expect(summary.rejected.map((r) => [r.line, r.externalId])).toEqual([
        [5, 'b-4'],
        [6, 'b-5'],
        [7, 'b-6'],
      ]);
      for (const r of summary.rejected) {
        expect(r.reasons).toEqual([expect.stringContaining('batch of lines 5-7 not written')]);
        expect(r.reasons[0]).toContain('import_test_block');
      }
      expect(await stored('b-')).toEqual(['b-1', 'b-2', 'b-3', 'b-7', 'b-8']);
    } finally {
      await t.sql('ALTER TABLE account DROP CONSTRAINT import_test_block');
    }
  });
});

describe('JSON lines import', () => {
  it('imports typed objects; a malformed line is rejected with its line number', async () => {
    const text = [
      '{"externalId":"j-1","name":"Jötunn AB","attributes":{"employees":12,"techStack":["aws"],"isPublic":true}}',
      '{"externalId":"j-2","name":"Broken","attributes":{"employees":',
      '',
      '{"externalId":"j-3","name":"J Three","domain":"j3.io","attributes":{"industry":"saas"},"explicitSegments":["vip"]}',
    ].join('\n');
    const summary = await run(text, { format: 'jsonl' });
    expect(summary).toEqual({
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      rescored: 1,
      rejected: [{ line: 2, externalId: null, reasons: ['line 2: invalid JSON'] }],
    });
    expect(await account('j-1')).toMatchObject({ name: 'Jötunn AB', attributes: { employees: 12, techStack: ['aws'], isPublic: true } });
    expect(await account('j-3')).toMatchObject({ domain: 'j3.io', explicitSegments: ['vip'], attributes: { industry: 'saas' } });
  });

  it('rejects objects of the wrong shape before validation, and validation issues name the field', async () => {
    const text = '[1,2]\n{"externalId":42,"name":"N","attributes":{}}\n{"externalId":"j-9","name":"Nine","attributes":{"employees":"9"}}\n';
    const summary = await run(text, { format: 'jsonl' });
    expect(summary.rejected).toEqual([
      { line: 1, externalId: null, reasons: ['line 1: expected a JSON object'] },
      { line: 2, externalId: null, reasons: ['externalId: expected a string, got 42'] },
      { line: 3, externalId: 'j-9', reasons: ['attributes.employees: expected a NUMBER, got "9"'] },
    ]);
  });
});

describe('npm run import (the CLI)', () => {
  it('imports a file, prints the summary, writes the rejected rows and exits with 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-import-'));
    try {
      const file = path.join(dir, 'accounts.csv');
      fs.writeFileSync(file, 'externalId,name,employees\nc-1,Cli One,10\nc-2,Cli Two,many\nc-3,Cli Three,30\n');
      const result = await runScript(t, 'import', [file]);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: [] });
      expect(result.stdout).toMatch(/^created 2, updated 0, unchanged 0, rejected 1, rescored 0 in \d+\.\d s \([\d,]+ rows\/s\)$/m);
      const rejectedFile = path.join(dir, 'rejected-accounts.csv');
      expect(result.stdout).toContain(rejectedFile);
      expect(fs.readFileSync(rejectedFile, 'utf8')).toBe(
        'line,externalId,reasons\n3,c-2,"attributes.employees: expected a NUMBER, got ""many"""\n',
      );
      expect(await stored('c-')).toEqual(['c-1', 'c-3']);
      const [audit] = await t.sql(`SELECT actor FROM audit_event WHERE action = 'accounts.upserted' ORDER BY sequence DESC LIMIT 1`);
      expect(audit.actor).toBe('import');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

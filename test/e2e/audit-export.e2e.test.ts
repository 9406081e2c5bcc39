import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportAudit, readEvents, verifyExportedChain } from '../../src/audit/audit-export';
import { CREATE_SEGMENT } from '../helpers/fixtures';
import { runScript } from '../helpers/cli';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let dir: string;
const FAR_PAST = new Date('2000-01-01T00:00:00Z');
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-export-'));
  for (const key of ['east', 'west', 'north', 'south']) await t.data(CREATE_SEGMENT, { input: { key, name: `Region ${key}` } });
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

describe('audit export', () => {
  it('writes the period as CSV that a spreadsheet reads back, and the exported chain verifies', async () => {
    const result = await exportAudit(t.system, { from: FAR_PAST, to: FAR_FUTURE, format: 'csv', outDir: dir });
    const total = Number((await t.sql('SELECT count(*) AS n FROM audit_event'))[0].n);
    expect(result.events).toBe(total);
    expect(result.chain).toEqual({ ok: true, checkedEvents: total, firstBrokenSequence: null });
    const rows = parse(fs.readFileSync(result.files[0], 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(total);
    expect(rows.filter((r) => r.action === 'segment.created').map((r) => JSON.parse(r.after).key)).toEqual(['east', 'west', 'north', 'south']);
    // Anyone can re-check the file: hash = sha256(previousHash + canonical), each previousHash is the row before's hash.
    rows.forEach((r, i) => {
      expect(createHash('sha256').update(r.previousHash + r.canonical).digest('hex')).toBe(r.hash);
      if (i > 0) expect(r.previousHash).toBe(rows[i - 1].hash);
    });
  });

  it('verifies a period in the middle of the trail against the hash just before it', async () => {
    const all = (await readEvents(t.system, FAR_PAST, FAR_FUTURE)).events;
    const from = new Date(all[2].occurredAt);
    const { events, anchor } = await readEvents(t.system, from, FAR_FUTURE);
    expect(events[0].sequence).toBe(3);
    expect(anchor).toBe(all[1].hash);
    expect(verifyExportedChain(events, anchor).ok).toBe(true);
    expect(verifyExportedChain(events, null)).toMatchObject({ ok: false, firstBrokenSequence: 3 });
    const edited = events.map((e) => (e.sequence === 4 ? { ...e, after: { key: 'forged' } } : e));
    expect(verifyExportedChain(edited, anchor)).toMatchObject({ ok: false, firstBrokenSequence: 4 });
    expect(verifyExportedChain(events.filter((e) => e.sequence !== 4), anchor)).toMatchObject({ ok: false, firstBrokenSequence: 5 });
  });

  it('reports a row tampered with in the database', async () => {
    const runner = t.ds.createQueryRunner();
    await runner.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await runner.query(`UPDATE audit_event SET actor = 'mallory' WHERE sequence = 3`);
    await runner.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await runner.release();
    const result = await exportAudit(t.system, { from: FAR_PAST, to: FAR_FUTURE, format: 'jsonl', outDir: dir });
    expect(result.chain).toMatchObject({ ok: false, firstBrokenSequence: 3 });
    const lines = fs.readFileSync(result.files[0], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[2]).toMatchObject({ sequence: 3, actor: 'mallory' });
  });

  it('runs as `npm run audit:export` and fails (exit 1) on a broken chain', async () => {
    const out = path.join(dir, 'cli');
    const broken = await runScript(t, 'audit-export', ['--from', '2000-01-01', '--to', '2100-01-01', '--out', out]);
    expect(broken).toMatchObject({ code: 1, stdout: expect.stringContaining('hash chain BROKEN at sequence 3') });
    expect(fs.readdirSync(out).sort()).toEqual(['audit-events-2000-01-01_2100-01-01.csv', 'overrides-2000-01-01_2100-01-01.csv']);
    expect((await runScript(t, 'audit-export', ['--from', 'yesterday'])).code).toBe(2);
  });
});

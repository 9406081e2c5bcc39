import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportAudit, readEvents, verifyExportedChain } from '../../src/use-cases/audit/audit-export';
import { seedDefinition } from '../helpers/fixtures';
import { runScript } from '../helpers/cli';
import { ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { accountIds, upsertAccounts } from '../operations/accounts';
import { overrideFit, revokeOverride } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
let dir: string;
const FAR_PAST = new Date('2000-01-01T00:00:00Z');
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-export-'));
  for (const key of ['east', 'west', 'north', 'south']) await t.data(createSegment, { input: { key, name: `Region ${key}` } });
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
    expect(rows.filter((r) => r.action === 'segment.created').map((r) => JSON.parse(r.after).key)).toEqual([
      'east',
      'west',
      'north',
      'south',
    ]);
    // Anyone can re-check the file: hash = sha256(previousHash + canonical), each previousHash is the row before's hash.
    rows.forEach((r, i) => {
      expect(
        createHash('sha256')
          .update(r.previousHash + r.canonical)
          .digest('hex'),
      ).toBe(r.hash);
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
    expect(
      verifyExportedChain(
        events.filter((e) => e.sequence !== 4),
        anchor,
      ),
    ).toMatchObject({ ok: false, firstBrokenSequence: 5 });
  });

  it('reports a row tampered with in the database', async () => {
    const runner = t.ds.createQueryRunner();
    await runner.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await runner.query(`UPDATE audit_event SET actor = 'mallory' WHERE sequence = 3`);
    await runner.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await runner.release();
    const result = await exportAudit(t.system, { from: FAR_PAST, to: FAR_FUTURE, format: 'jsonl', outDir: dir });
    expect(result.chain).toMatchObject({ ok: false, firstBrokenSequence: 3 });
    const lines = fs
      .readFileSync(result.files[0], 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
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

describe('the exported chain check', () => {
  it('compares every field the hash covers with the hashed text', async () => {
    // The first two events: the earlier test tampered with the third in the database.
    const events = (await readEvents(t.system, FAR_PAST, FAR_FUTURE)).events.slice(0, 2);
    const anchor = null;
    const target = events[1];
    const edits: Record<string, unknown> = {
      id: '00000000-0000-4000-8000-000000000000',
      occurredAt: '2001-01-01T00:00:00.000000Z',
      actor: 'mallory',
      actorKeyId: '00000000-0000-4000-8000-000000000001',
      action: 'segment.deleted',
      entityType: 'Account',
      entityId: 'other',
      before: { forged: true },
      after: { key: 'forged' },
      justification: 'forged',
      requestId: 'forged',
      clientRequestId: 'forged',
    };
    const outcomes = Object.entries(edits).map(([field, value]) => [
      field,
      verifyExportedChain(
        events.map((e) => (e === target ? { ...e, [field]: value } : e)),
        anchor,
      ).firstBrokenSequence,
    ]);
    expect(outcomes).toEqual(Object.keys(edits).map((field) => [field, target.sequence]));
    expect(verifyExportedChain(events, anchor).ok).toBe(true);
  });
});

describe('CSV for spreadsheets', () => {
  it('neutralises cells that would start a formula, as OWASP advises; JSON lines stay exact', async () => {
    const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
    const app = await startTestApp({ clock });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-export-csv-'));
    try {
      const manager = await app.keyFor('SALES_MANAGER', '@sam-manager');
      await app.data(createSegment, {
        input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
      });
      await app.data(upsertAccounts, {
        accounts: [{ externalId: 'acme', name: '-Acme', attributes: { industry: 'retail' } }],
      });
      await app.data(publishVersion, {
        id: (await app.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft.id,
      });
      const accountId = (await app.data(accountIds)).accounts.edges[0].node.id;
      const why = '=HYPERLINK("http://evil.example","Partner referral") budget owner named and a mutual action plan signed';
      const made = await app.gql(
        overrideFit,
        { input: { accountId, segmentKey: 'core', tier: 'STRONG', justification: `\t${why}`, category: 'PARTNER_REFERRAL' } },
        { key: manager, headers: { 'x-request-id': '-A1' } },
      );
      expect(made.errors).toBeUndefined();
      const reason = '+SUM(1,2) the customer moved to a competitor after the pilot ended';
      const revoked = await app.gql(
        revokeOverride,
        { id: made.data!.overrideFit.id, reason },
        { key: manager, headers: { 'x-request-id': '@cmd' } },
      );
      expect(revoked.errors).toBeUndefined();

      const csv = await exportAudit(app.system, { from: FAR_PAST, to: FAR_FUTURE, format: 'csv', outDir: out });
      expect(csv.chain.ok).toBe(true);
      const [events, overrides] = csv.files.map(
        (f) => parse(fs.readFileSync(f, 'utf8'), { columns: true }) as Array<Record<string, string>>,
      );
      // No cell of either file starts a formula.
      const cells = [...events, ...overrides].flatMap((r) => Object.values(r));
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      const created = events.find((r) => r.action === 'override.created')!;
      expect(created).toMatchObject({ actor: "'@sam-manager", clientRequestId: "'-A1", justification: `'${why}` });
      expect(events.find((r) => r.action === 'override.revoked')).toMatchObject({ clientRequestId: "'@cmd", justification: `'${reason}` });
      expect(overrides[0]).toMatchObject({
        createdBy: "'@sam-manager",
        justification: `'${why}`,
        revokeReason: `'${reason}`,
        revokedBy: "'@sam-manager",
      });
      // The canonical text is JSON (it starts with "{"): exact, so the file can still be re-hashed.
      expect(JSON.parse(created.canonical)).toMatchObject({ actor: '@sam-manager', clientRequestId: '-A1', justification: why });
      expect(
        createHash('sha256')
          .update(created.previousHash + created.canonical)
          .digest('hex'),
      ).toBe(created.hash);

      const jsonl = await exportAudit(app.system, { from: FAR_PAST, to: FAR_FUTURE, format: 'jsonl', outDir: out });
      const lines = fs
        .readFileSync(jsonl.files[0], 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.find((l) => l.action === 'override.created')).toMatchObject({
        actor: '@sam-manager',
        clientRequestId: '-A1',
        justification: why,
      });
      const overrideLines = fs
        .readFileSync(jsonl.files[1], 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(overrideLines[0]).toMatchObject({
        createdBy: '@sam-manager',
        justification: why,
        revokeReason: reason,
        createdByKeyId: expect.any(String),
      });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      await app.close();
    }
  });
});

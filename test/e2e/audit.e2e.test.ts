import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { createDraft, createSegment, publishVersion, updateDraft } from '../operations/registry';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const auditTrail = graphql(`
  query AuditTrailPage($filter: AuditFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id sequence occurredAt actor actorKeyId action entityType entityId before after justification requestId clientRequestId previousHash hash
        }
      }
    }
  }
`);
const integrityCheck = graphql(`
  query AuditIntegrityCheck { auditIntegrity { ok checkedEvents firstBrokenSequence } }
`);

/** Runs SQL as the table owner with the audit triggers off: what an attacker with raw access could do. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  const runner = t.ds.createQueryRunner();
  try {
    await runner.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await runner.query(sql, params);
  } finally {
    await runner.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await runner.release();
  }
}

describe('audit trail', () => {
  it('records every mutation with actor, action, entity, before/after and request id', async () => {
    const revops = await t.keyFor('REVOPS', 'rita-revops');
    const [rita] = await t.sql(`SELECT id FROM api_key WHERE name = 'rita-revops'`);
    const headers = { 'x-request-id': 'req-audit-1' };
    const first = await t.gql(createSegment, { input: { key: 'audited', name: 'Audited' } }, { key: revops, headers });
    const serverRequestId = first.headers.get('x-request-id');
    expect(serverRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const draft = (
      await t.gql(
        createDraft,
        { segmentKey: 'audited', definition: seedDefinition() },
        { key: revops, headers: { 'x-request-id': 'req-audit-2' } },
      )
    ).data!.createDraft;
    const edited = seedDefinition();
    edited.thresholds.perfect = 90;
    await t.gql(updateDraft, { id: draft.id, definition: edited, expectedRevision: 1 }, { key: revops });
    await t.gql(publishVersion, { id: draft.id }, { key: revops });

    const { auditEvents } = await t.data(auditTrail, { filter: { actor: 'rita-revops' } });
    expect(auditEvents.totalCount).toBe(4);
    const [published, updated, created, segment] = auditEvents.edges.map((e) => e.node);
    // The server's request id is the one audited (and logged); the client's is kept beside it.
    expect(segment).toMatchObject({
      action: 'segment.created',
      entityType: 'Segment',
      actorKeyId: rita.id,
      requestId: serverRequestId,
      clientRequestId: 'req-audit-1',
      before: null,
      after: { key: 'audited', name: 'Audited' },
    });
    expect(created).toMatchObject({
      action: 'version.created',
      entityType: 'IcpVersion',
      entityId: draft.id,
      actorKeyId: rita.id,
      clientRequestId: 'req-audit-2',
      after: { number: 1, status: 'DRAFT' },
    });
    expect(created.requestId).not.toBe(serverRequestId);
    expect(updated.clientRequestId).toBeNull();
    expect(updated.before.definition.thresholds.perfect).toBe(80);
    expect(updated.after.definition.thresholds.perfect).toBe(90);
    expect(updated.after.revision).toBe(2);
    expect(published).toMatchObject({ action: 'version.published', after: { status: 'PUBLISHED' }, before: { live: null } });
    expect(published.sequence).toBe(updated.sequence + 1);
    expect(published.previousHash).toBe(updated.hash);
  });

  it('keeps the sequence gap-free across refused and failed mutations', async () => {
    const before = Number((await t.sql('SELECT max(sequence) AS s FROM audit_event'))[0].s);
    expectError(await t.gql(createSegment, { input: { key: 'audited', name: 'dup' } }), 'CONFLICT');
    expectError(await t.gql(createDraft, { segmentKey: 'audited', definition: { ...seedDefinition(), dimensions: [] } }), 'BAD_USER_INPUT');
    await t.data(createSegment, { input: { key: 'next', name: 'Next' } });
    // Reading the trail is itself recorded first (audit.read), then the segment is the one before it.
    const [read, latest] = (await t.data(auditTrail, { first: 2 })).auditEvents.edges.map((e) => e.node);
    expect(latest).toMatchObject({ sequence: before + 1, action: 'segment.created', entityType: 'Segment' });
    expect(read).toMatchObject({ sequence: before + 2, action: 'audit.read', actor: 'test-admin' });
    const all = await t.sql<{ sequence: string }>('SELECT sequence FROM audit_event ORDER BY sequence');
    expect(all.map((r) => Number(r.sequence))).toEqual(all.map((_, i) => i + 1));
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    for (const sql of ["UPDATE audit_event SET actor = 'mallory'", 'DELETE FROM audit_event WHERE sequence = 1', 'TRUNCATE audit_event']) {
      await expect(t.sql(sql)).rejects.toMatchObject({ driverError: { code: '23001' } });
    }
    expect((await t.data(integrityCheck)).auditIntegrity.ok).toBe(true);
  });

  it('filters by action, entity and time, newest first, with cursor pagination', async () => {
    await t.data(createSegment, { input: { key: 'third', name: 'Third' } });
    const all = (await t.data(auditTrail, { first: 500 })).auditEvents;
    expect(all.edges.map((e) => e.node.sequence)).toEqual([...all.edges.map((e) => e.node.sequence)].sort((a, b) => b - a));
    const page1 = (await t.data(auditTrail, { filter: { action: 'segment.created' }, first: 2 })).auditEvents;
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.data(auditTrail, { filter: { action: 'segment.created' }, first: 2, after: page1.pageInfo.endCursor }))
      .auditEvents;
    expect(page2.edges).toHaveLength(1);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.totalCount).toBe(3);
    expect(new Set([...page1.edges, ...page2.edges].map((e) => e.node.entityType))).toEqual(new Set(['Segment']));

    const middle = all.edges[Math.floor(all.edges.length / 2)].node.occurredAt;
    const since = (await t.data(auditTrail, { filter: { from: middle }, first: 500 })).auditEvents;
    expect(since.edges.every((e) => e.node.occurredAt >= middle)).toBe(true);
    expect(since.totalCount).toBeLessThan(all.totalCount);
    expectError(await t.gql(auditTrail, { after: 'garbage' }), 'BAD_USER_INPUT');
    expectError(await t.gql(auditTrail, { first: 0 }), 'BAD_USER_INPUT');
  });

  it('is readable by auditors only, among non-admins', async () => {
    const auditor = await t.keyFor('AUDITOR');
    expect((await t.data(integrityCheck, {}, { key: auditor })).auditIntegrity.ok).toBe(true);
    for (const role of ['VIEWER', 'REVOPS', 'SALES_MANAGER'] as const) {
      expectError(await t.gql(auditTrail, {}, { key: await t.keyFor(role) }), 'FORBIDDEN');
      expectError(await t.gql(integrityCheck, {}, { key: await t.keyFor(role) }), 'FORBIDDEN');
    }
  });

  it('detects an edited row and a deleted row by walking the hash chain', async () => {
    const ok = (await t.data(integrityCheck)).auditIntegrity;
    expect(ok).toEqual({ ok: true, checkedEvents: expect.any(Number), firstBrokenSequence: null });
    const total = Number((await t.sql('SELECT count(*) AS n FROM audit_event'))[0].n);
    expect(ok.checkedEvents).toBe(total);

    await tamper(`UPDATE audit_event SET after = jsonb_set(after, '{name}', '"Forged"') WHERE sequence = 3`);
    expect((await t.data(integrityCheck)).auditIntegrity).toEqual({ ok: false, checkedEvents: total, firstBrokenSequence: 3 });
    // Re-hashing the forged row alone is not enough: its successor still names the old hash.
    await tamper('UPDATE audit_event a SET hash = audit_event_hash(a) WHERE sequence = 3');
    expect((await t.data(integrityCheck)).auditIntegrity.firstBrokenSequence).toBe(4);
  });

  it('detects a removed row as a gap', async () => {
    const fresh = await startTestApp();
    try {
      for (const key of ['a', 'b', 'c']) await fresh.data(createSegment, { input: { key, name: key } });
      const target = Number((await fresh.sql('SELECT max(sequence) - 1 AS s FROM audit_event'))[0].s);
      const runner = fresh.ds.createQueryRunner();
      await runner.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      await runner.query('DELETE FROM audit_event WHERE sequence = $1', [target]);
      await runner.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      await runner.release();
      expect((await fresh.data(integrityCheck)).auditIntegrity).toMatchObject({ ok: false, firstBrokenSequence: target + 1 });
    } finally {
      await fresh.close();
    }
  });
});

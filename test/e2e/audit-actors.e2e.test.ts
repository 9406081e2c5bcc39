/**
 * An audit trail nobody can impersonate (issue 10, point 3): key ids beside names, key names
 * that cannot pass for another, the server's own request ids, refused requests logged, reads by
 * auditors recorded, and one answer to "what may a VIEWER read" on every path.
 */
import { logSink } from '../../src/logger';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, ManualClock, startTestApp, type GqlResponse, type TestApp } from '../helpers/test-app';
import { accountIds as accountIdsQuery, upsertAccounts } from '../operations/accounts';
import { auditIntegrityOk } from '../operations/audit';
import { createApiKey, me, revokeApiKey } from '../operations/auth';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
let t: TestApp;
let manager: string;
let managerId: string;
let accountIds: Record<string, string>;
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const overrideWithKey = graphql(`
  mutation OverrideFitNamingKey($input: OverrideFitInput!) { overrideFit(input: $input) { id createdBy createdByKeyId } }
`);
const revokeWithKeys = graphql(`
  mutation RevokeOverrideNamingKeys($id: ID!, $r: String!) { revokeOverride(id: $id, reason: $r) { revokedBy revokedByKeyId createdByKeyId } }
`);
const eventsOfKey = graphql(`
  query AuditEventsOfKey($id: ID) {
    auditEvents(filter: { actorKeyId: $id }) { totalCount edges { node { actor actorKeyId clientRequestId requestId } } }
  }
`);
const overrideAuthors = graphql(`
  query OverrideAuthors { overrides(first: 10) { edges { node { id createdBy createdByKeyId } } } }
`);
const snoop = graphql(`
  query Snoop { segments { key } apiKeys { id name } }
`);
// Audited under its operation name, with its variables.
const trailQuery = graphql(`
  query Trail($f: AuditFilter) { auditEvents(filter: $f, first: 5) { edges { node { action actorKeyId } } } }
`);
const overrideTiers = graphql(`
  query OverrideTiers { overrides(first: 5) { edges { node { id tier } } } }
`);
const justifications = graphql(`
  query Justifications { overrides(first: 5) { edges { node { justification } } } }
`);
const auditReaders = graphql(`
  query AuditReaders { auditEvents(filter: { action: "audit.read" }, first: 50) { edges { node { actor actorKeyId } } } }
`);
const auditCountAndKeys = graphql(`
  query AuditCountAndKeys { auditEvents { totalCount } apiKeys { id } }
`);
const overriddenCoreFits = graphql(`
  query OverriddenCoreFitsAsViewer {
    fits(segmentKey: "core", first: 10, filter: { overridden: true }) {
      edges { node { overridden override { id tier status category expiresAt createdAt } } }
    }
  }
`);
const fitJustifications = graphql(`
  query FitJustifications { fits(segmentKey: "core", first: 5) { edges { node { override { justification } } } } }
`);
const fitOverrideAuthors = graphql(`
  query FitOverrideAuthors { fits(segmentKey: "core", first: 5) { edges { node { override { createdBy createdByKeyId } } } } }
`);
const fitOverrideRevokers = graphql(`
  query FitOverrideRevokers {
    fits(segmentKey: "core", first: 5) { edges { node { override { revokedBy revokedByKeyId revokeReason } } } }
  }
`);
const accountFitJustification = graphql(`
  query AccountFitJustification($id: ID!) { account(id: $id) { fit(segmentKey: "core") { override { justification } } } }
`);
const accountOverrideTiers = graphql(`
  query AccountOverrideTiers($id: ID!) { account(id: $id) { overrides { tier } } }
`);
const overridesCount = graphql(`
  query OverridesCount { overrides { totalCount } }
`);
const coreExceptionsShare = graphql(`
  query CoreExceptionsShare { exceptions(segmentKey: "core") { shareOfPipeline } }
`);
const versionAuthors = graphql(`
  query CoreVersionAuthors { segment(key: "core") { versions { number createdBy } } }
`);
const livePublisher = graphql(`
  query CoreLivePublisher { segment(key: "core") { liveVersion { publishedBy } } }
`);
const whoAndWhyViaFits = graphql(`
  query WhoAndWhyViaFits {
    fits(segmentKey: "core", first: 10, filter: { overridden: true }) { edges { node { override { id justification createdBy } } } }
  }
`);
const whoAndWhyViaList = graphql(`
  query WhoAndWhyViaList { overrides(first: 10, filter: { status: ACTIVE }) { edges { node { id justification createdBy } } } }
`);
const whoAndWhyViaAccount = graphql(`
  query WhoAndWhyViaAccount($id: ID!) { account(id: $id) { overrides { id justification createdBy } } }
`);

const keyId = async (name: string): Promise<string> => (await t.sql('SELECT id FROM api_key WHERE name = $1', [name]))[0].id;
const auditCount = async (): Promise<number> => (await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n;

/** Log lines written while `run` runs, parsed. */
async function logsOf(run: () => Promise<unknown>): Promise<Array<Record<string, any>>> {
  const lines: string[] = [];
  const previous = { target: logSink.target, level: t.log.level };
  logSink.target = { write: (line: string) => lines.push(line) };
  t.log.level = 'warn';
  try {
    await run();
  } finally {
    logSink.target = previous.target;
    t.log.level = previous.level;
  }
  return lines.map((l) => JSON.parse(l));
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  manager = await t.keyFor('SALES_MANAGER', 'sam-manager');
  managerId = await keyId('sam-manager');
  await t.data(createSegment, {
    input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(upsertAccounts, {
    accounts: ['one', 'two', 'three'].map((k) => ({ externalId: k, name: `${k} inc`, attributes: { industry: 'retail' } })),
  });
  const v1 = (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const { accounts } = await t.data(accountIdsQuery);
  accountIds = Object.fromEntries(accounts.edges.map((e) => [e.node.externalId, e.node.id]));
});
afterAll(() => t.close());

describe('who acted', () => {
  it("audit rows name the acting key by id and keep the client's request id apart; fitgraph's own work has no key", async () => {
    const rita = (await t.data(createApiKey, { name: 'rita', role: 'REVOPS' })).createApiKey;
    const res = await t.gql(
      createSegment,
      { input: { key: 'rita-seg', name: 'Rita' } },
      { key: rita.secret, headers: { 'x-request-id': 'system-42' } },
    );
    expect(res.errors).toBeUndefined();
    const serverId = res.headers.get('x-request-id');
    expect(serverId).toMatch(UUID);
    const [row] = await t.sql(
      `SELECT actor, actor_key_id, request_id, client_request_id FROM audit_event WHERE action = 'segment.created' AND entity_id = $1`,
      [res.data!.createSegment.id],
    );
    // The client's "system-…" is kept as what it is, the client's label; it never becomes the request id.
    expect(row).toEqual({ actor: 'rita', actor_key_id: rita.apiKey.id, request_id: serverId, client_request_id: 'system-42' });

    await t.services.apiKeys.create(t.system, 'made-by-fitgraph', 'VIEWER');
    const [own] = await t.sql(
      `SELECT actor, actor_key_id, request_id FROM audit_event WHERE action = 'apiKey.created' AND after ->> 'name' = 'made-by-fitgraph'`,
    );
    expect(own).toMatchObject({ actor: 'system', actor_key_id: null, request_id: expect.stringMatching(/^system-/) });

    const { auditEvents } = await t.data(eventsOfKey, { id: rita.apiKey.id });
    expect(auditEvents).toEqual({
      totalCount: 1,
      edges: [{ node: { actor: 'rita', actorKeyId: rita.apiKey.id, clientRequestId: 'system-42', requestId: serverId } }],
    });
  });

  it("overrides record the key that made them beside its name; fitgraph's own have none", async () => {
    const made = await t.gql(
      overrideWithKey,
      { input: { accountId: accountIds.one, segmentKey: 'core', tier: 'STRONG', justification: WHY, category: 'STRATEGIC_ACCOUNT' } },
      { key: manager },
    );
    expect(made.data!.overrideFit).toMatchObject({ createdBy: 'sam-manager', createdByKeyId: managerId });
    const demo = await t.services.overrides.create(
      { ...t.system, principal: { ...t.system.principal, name: 'maria.lopez' } },
      { accountId: accountIds.two, segmentKey: 'core', tier: 'STRONG', justification: WHY, category: 'STRATEGIC_ACCOUNT' },
    );
    const { overrides } = await t.data(overrideAuthors);
    expect(overrides.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        { id: made.data!.overrideFit.id, createdBy: 'sam-manager', createdByKeyId: managerId },
        { id: demo.id, createdBy: 'maria.lopez', createdByKeyId: null },
      ]),
    );
    const [event] = await t.sql(`SELECT actor_key_id FROM audit_event WHERE action = 'override.created' AND entity_id = $1`, [
      made.data!.overrideFit.id,
    ]);
    expect(event.actor_key_id).toBe(managerId);

    // Revoked by another manager: the revoker's key, beside its name.
    const other = await t.keyFor('SALES_MANAGER', 'olga-manager');
    await t
      .gql(
        overrideWithKey,
        { input: { accountId: accountIds.three, segmentKey: 'core', tier: 'STRONG', justification: WHY, category: 'STRATEGIC_ACCOUNT' } },
        { key: manager },
      )
      .then(async (res) => {
        const revoked = await t.gql(
          revokeWithKeys,
          { id: res.data!.overrideFit.id, r: 'The pilot was cancelled by their new CFO after the budget review.' },
          { key: other },
        );
        expect(revoked.data!.revokeOverride).toEqual({
          revokedBy: 'olga-manager',
          revokedByKeyId: await keyId('olga-manager'),
          createdByKeyId: managerId,
        });
        // Like the other revocation fields, it is set once and never changes again.
        await expect(
          t.sql('UPDATE fit_override SET revoked_by_key_id = NULL WHERE id = $1', [res.data!.overrideFit.id]),
        ).rejects.toMatchObject({ driverError: { code: '23001' } });
      });
  });
});

describe('key names', () => {
  it('are refused when reserved, invisible in part, or reading like an existing name, and nothing is written', async () => {
    await t.data(createApiKey, { name: 'local-admin', role: 'ADMIN' });
    const revoked = (await t.data(createApiKey, { name: 'old-key', role: 'VIEWER' })).createApiKey.apiKey;
    await t.data(revokeApiKey, { id: revoked.id });
    const keysBefore = (await t.sql('SELECT count(*)::int AS n FROM api_key'))[0].n;
    const eventsBefore = await auditCount();
    const refusals: Array<[string, string, RegExp]> = [
      ['system', 'BAD_USER_INPUT', /reserved/],
      ['SYSTEM', 'BAD_USER_INPUT', /reserved/],
      ['\uFF53\uFF59\uFF53\uFF54\uFF45\uFF4D', 'BAD_USER_INPUT', /reserved/], // full-width "system"
      ['s\u0443stem', 'BAD_USER_INPUT', /reserved/], // Cyrillic у
      ['demo-seed', 'BAD_USER_INPUT', /reserved/],
      ['Local-Admin', 'CONFLICT', /reads the same as the existing key "local-admin"/],
      ['l\u043Ecal-admin', 'CONFLICT', /local-admin/], // Cyrillic о
      ['\uFF4Cocal-admin', 'CONFLICT', /local-admin/], // full-width l
      ['OLD-KEY', 'CONFLICT', /old-key/], // a revoked key's name stays its own
      ['local\u200B-admin', 'BAD_USER_INPUT', /invisible/], // zero-width space
      ['admin\u202Egnp.exe', 'BAD_USER_INPUT', /bidirectional/], // right-to-left override
      ['\u2066admin\u2069', 'BAD_USER_INPUT', /bidirectional/], // isolates
      ['bell\u0007key', 'BAD_USER_INPUT', /control/],
      ['line\u2028break', 'BAD_USER_INPUT', /invisible/],
      ['\u3164', 'BAD_USER_INPUT', /invisible/], // Hangul filler, drawn blank
    ];
    const outcomes = [];
    for (const [name] of refusals) {
      const res = await t.gql(createApiKey, { name, role: 'REVOPS' });
      outcomes.push([JSON.stringify(name), res.errors?.[0].extensions?.code, res.errors?.[0].message]);
    }
    expect(outcomes).toEqual(refusals.map(([name, code, message]) => [JSON.stringify(name), code, expect.stringMatching(message)]));
    expect(outcomes.every(([, , message]) => String(message).includes('name:'))).toBe(true);
    expect((await t.sql('SELECT count(*)::int AS n FROM api_key'))[0].n).toBe(keysBefore);
    expect(await auditCount()).toBe(eventsBefore);
    // Names that only look close to a reader are different names.
    await t.data(createApiKey, { name: 'local-admin-2', role: 'VIEWER' });
    await t.data(createApiKey, { name: 'Systems team', role: 'VIEWER' });
  });
});

describe('request ids', () => {
  it("are the server's; a malformed client id is refused with the header named", async () => {
    const a = await t.gql(me, {}, { headers: { 'x-request-id': 'same' } });
    const b = await t.gql(me, {}, { headers: { 'x-request-id': 'same' } });
    expect(a.headers.get('x-request-id')).toMatch(UUID);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    for (const bad of ['x'.repeat(129), 'has space', 'caf\u00E9']) {
      const res = await fetch(t.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${t.adminKey}`,
          'x-request-id': Buffer.from(bad, 'utf8').toString('latin1'),
        },
        body: JSON.stringify({ query: '{ me { name } }' }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<Record<string, unknown>> };
      expect(body.errors[0]).toMatchObject({
        extensions: { code: 'BAD_REQUEST', field: 'x-request-id' },
        message: expect.stringContaining('x-request-id'),
      });
    }
    const longest = 'A'.repeat(128);
    expect((await t.gql(me, {}, { headers: { 'x-request-id': longest } })).status).toBe(200);
  });
});

describe('refused requests', () => {
  it('are logged with the key id, the role and the refused fields (403), or why the key was refused (401)', async () => {
    const viewer = await t.keyFor('VIEWER', 'vera-viewer');
    const veraId = await keyId('vera-viewer');
    const gone = (await t.data(createApiKey, { name: 'gone-key', role: 'SALES_MANAGER' })).createApiKey;
    await t.data(revokeApiKey, { id: gone.apiKey.id });
    const statuses: number[] = [];
    const logs = await logsOf(async () => {
      statuses.push((await t.gql(snoop, {}, { key: viewer })).status);
      statuses.push((await t.gql(me, {}, { key: null })).status);
      statuses.push((await t.gql(me, {}, { key: 'fgk_not-a-key' })).status);
      statuses.push((await t.gql(me, {}, { key: gone.secret })).status);
    });
    expect(statuses).toEqual([403, 401, 401, 401]);
    const refused = logs.filter((l) => /request refused/.test(l.msg));
    expect(refused).toEqual([
      expect.objectContaining({
        status: 403,
        keyId: veraId,
        role: 'VIEWER',
        refusedFields: ['Query.apiKeys'],
        operationName: 'Snoop',
        requestId: expect.stringMatching(UUID),
      }),
      expect.objectContaining({ status: 401, reason: 'no API key' }),
      expect.objectContaining({ status: 401, reason: 'unknown API key', keyFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) }),
      expect.objectContaining({ status: 401, reason: 'revoked API key', keyId: gone.apiKey.id, role: 'SALES_MANAGER' }),
    ]);
    expect(JSON.stringify(logs)).not.toContain('fgk_not-a-key');
  });
});

describe('who looked', () => {
  const reads = () => t.sql(`SELECT actor, actor_key_id, entity_id, after FROM audit_event WHERE action = 'audit.read' ORDER BY sequence`);

  it("records auditors' reads of the audit trail and of justifications, before they run, in the hash chain", async () => {
    const auditor = await t.keyFor('AUDITOR', 'ada-auditor');
    const adaId = await keyId('ada-auditor');
    const seen = (await reads()).length;
    const trail = await t.data(trailQuery, { f: { action: 'override.created' } }, { key: auditor });
    expect(trail.auditEvents.edges.length).toBeGreaterThan(0);
    // Raw text: the point is an anonymous operation, audited as such with its fragment.
    const anonymous = await t.raw(
      '{ overrides(first: 5) { edges { node { ...Why } } } } fragment Why on Override { justification }',
      {},
      { key: auditor },
    );
    expect(anonymous.errors).toBeUndefined();
    await t.data(overrideTiers, {}, { key: auditor }); // no justification: not recorded
    await t.data(auditIntegrityOk, {}, { key: auditor }); // hashes, no content: not recorded
    await t.data(justifications, {}, { key: manager }); // a manager's daily work: not recorded
    const recorded = (await reads()).slice(seen);
    expect(recorded).toEqual([
      {
        actor: 'ada-auditor',
        actor_key_id: adaId,
        entity_id: 'Trail',
        after: expect.objectContaining({
          fields: ['Query.auditEvents'],
          operationName: 'Trail',
          variables: JSON.stringify({ f: { action: 'override.created' } }),
        }),
      },
      {
        actor: 'ada-auditor',
        actor_key_id: adaId,
        entity_id: 'anonymous',
        after: expect.objectContaining({ fields: ['Override.justification'], query: expect.stringContaining('fragment Why') }),
      },
    ]);
    // "Who looked?" is an ordinary audit question.
    const who = await t.data(auditReaders, {}, { key: auditor });
    expect(who.auditEvents.edges.map((e) => e.node)).toContainEqual({ actor: 'ada-auditor', actorKeyId: adaId });
    expect((await t.data(auditIntegrityOk)).auditIntegrity.ok).toBe(true);
  });

  it('records nothing for a refused read', async () => {
    const seen = (await reads()).length;
    expectError(await t.gql(auditCountAndKeys, {}, { key: await t.keyFor('AUDITOR') }), 'FORBIDDEN');
    expect((await reads()).length).toBe(seen);
  });
});

describe('what a VIEWER reads', () => {
  it('sees that, how and until when a fit is overridden, on every path, but never who nor why', async () => {
    const viewer = await t.keyFor('VIEWER');
    const fits = await t.data(overriddenCoreFits, {}, { key: viewer });
    expect(fits.fits.edges.length).toBe(2);
    expect(fits.fits.edges.every((e) => e.node.overridden && e.node.override?.tier === 'STRONG')).toBe(true);

    const one = { id: accountIds.one };
    const refused: Array<[string, () => Promise<GqlResponse>, string[]]> = [
      ['FitJustifications', () => t.gql(fitJustifications, {}, { key: viewer }), ['Override.justification']],
      ['FitOverrideAuthors', () => t.gql(fitOverrideAuthors, {}, { key: viewer }), ['Override.createdBy', 'Override.createdByKeyId']],
      [
        'FitOverrideRevokers',
        () => t.gql(fitOverrideRevokers, {}, { key: viewer }),
        ['Override.revokedBy', 'Override.revokedByKeyId', 'Override.revokeReason'],
      ],
      ['AccountFitJustification', () => t.gql(accountFitJustification, one, { key: viewer }), ['Override.justification']],
      ['AccountOverrideTiers', () => t.gql(accountOverrideTiers, one, { key: viewer }), ['Account.overrides']],
      ['OverridesCount', () => t.gql(overridesCount, {}, { key: viewer }), ['Query.overrides']],
      ['CoreExceptionsShare', () => t.gql(coreExceptionsShare, {}, { key: viewer }), ['Query.exceptions']],
      ['CoreVersionAuthors', () => t.gql(versionAuthors, {}, { key: viewer }), ['IcpVersion.createdBy']],
      ['CoreLivePublisher', () => t.gql(livePublisher, {}, { key: viewer }), ['IcpVersion.publishedBy']],
    ];
    for (const [operation, send, fields] of refused) {
      const res = await send();
      expect([operation, res.status, res.errors?.[0].extensions?.fields]).toEqual([operation, 403, fields]);
    }
  });

  it('gives the roles that read who and why the same answer on every path', async () => {
    for (const role of ['REVOPS', 'SALES_MANAGER', 'AUDITOR'] as const) {
      const key = await t.keyFor(role);
      const viaFits = await t.data(whoAndWhyViaFits, {}, { key });
      const viaList = await t.data(whoAndWhyViaList, {}, { key });
      const viaAccount = (await t.data(whoAndWhyViaAccount, { id: accountIds.one }, { key })).account!;
      const byId = <T extends { id: string }>(list: T[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(viaFits.fits.edges.map((e) => e.node.override!))).toEqual(byId(viaList.overrides.edges.map((e) => e.node)));
      expect(viaAccount.overrides[0]).toEqual(viaList.overrides.edges.map((e) => e.node).find((o) => o.id === viaAccount.overrides[0].id));
      expect((await t.gql(coreExceptionsShare, {}, { key })).errors).toBeUndefined();
    }
  });
});

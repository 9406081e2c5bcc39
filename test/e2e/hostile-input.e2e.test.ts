/**
 * Input that never reaches PostgreSQL raw: NUL bytes, unpaired surrogates, deep or wide JSON,
 * unbounded text, unbounded points, impossible dates, amplified errors and unreadable bodies
 * are refused at the door with BAD_USER_INPUT (or a JSON body error) naming the field, and
 * the database is unchanged.
 */
import { gzipSync } from 'node:zlib';
import { print } from 'graphql';
import { importAccounts } from '../../src/use-cases/import/import-accounts';
import { encodeCursor, listScope } from '../../src/common/pagination';
import { importOutcomes } from '../../src/use-cases/import/import-outcomes';
import { chunked } from '../helpers/streams';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type GqlResponse, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit, previewScoreAndTier, revokeOverride } from '../operations/fits';
import { recordLeads } from '../operations/outcomes';
import { createDraft, createSegment, discardDraft, publishVersion } from '../operations/registry';

let t: TestApp;
let draftId: string;
let accountId: string;
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';
const acmeId = graphql(`
  query AcmeAccountId { account(externalId: "acme") { id } }
`);
const accountsMatching = graphql(`
  query AccountsMatching($f: AccountFilter) { accounts(filter: $f) { totalCount } }
`);
const auditEventsMatching = graphql(`
  query AuditEventsMatching($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }
`);
const overridesAfter = graphql(`
  query OverridesAfter($a: String) { overrides(after: $a) { totalCount } }
`);

/** The one BAD_USER_INPUT issue a refused request must carry, at `path`. */
function expectIssue(res: GqlResponse, path: string, message: RegExp): void {
  const error = expectError(res, 'BAD_USER_INPUT');
  const issues = error.extensions?.issues as Array<{ path: string; message: string }>;
  expect(issues).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  expect(error.message).toContain(path);
}

const count = async (table: string) => Number((await t.sql(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** A JSON value nested `depth` levels deep. */
function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

beforeAll(async () => {
  t = await startTestApp();
  await t.data(createSegment, {
    input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(upsertAccounts, { accounts: [{ externalId: 'acme', name: 'Acme', attributes: { industry: 'saas', employees: 100 } }] });
  draftId = (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft.id;
  await t.data(publishVersion, { id: draftId });
  accountId = (await t.data(acmeId)).account!.id;
});
afterAll(() => t.close());

describe('NUL bytes and unpaired surrogates', () => {
  it('refuses a NUL in a string argument, written in the query or sent as a variable, naming the field', async () => {
    const before = await count('segment');
    // Raw text: the NUL is an escape written in the query itself.
    expectIssue(await t.raw('mutation { createSegment(input: { key: "nul", name: "a\\u0000b" }) { id } }'), 'input.name', /NUL/);
    expectIssue(await t.gql(createSegment, { input: { key: 'nul', name: 'a\u0000b' } }), 'input.name', /NUL/);
    expect(await count('segment')).toBe(before);
  });

  it('refuses NUL and unpaired surrogates inside JSON values and keys', async () => {
    const before = await t.sql<{ attributes: unknown }>('SELECT attributes FROM account');
    expectIssue(
      await t.gql(upsertAccounts, { accounts: [{ externalId: 'acme', name: 'Acme', attributes: { industry: 'sa\u0000as' } }] }),
      'accounts[0].attributes.industry',
      /NUL/,
    );
    expectIssue(
      await t.gql(upsertAccounts, { accounts: [{ externalId: 'acme', name: 'Acme', attributes: { ['in\u0000dustry']: 'saas' } }] }),
      'accounts[0].attributes.in\u0000dustry',
      /key must not contain NUL/,
    );
    expectIssue(
      await t.gql(upsertAccounts, { accounts: [{ externalId: 'acme', name: 'Acme', attributes: { techStack: ['aws', '\uD800'] } }] }),
      'accounts[0].attributes.techStack[1]',
      /unpaired UTF-16 surrogates/,
    );
    expectIssue(
      await t.gql(upsertAccounts, { accounts: [{ externalId: 'ac\u0000me', name: 'Acme', attributes: {} }] }),
      'accounts[0].externalId',
      /NUL/,
    );
    expect(await t.sql('SELECT attributes FROM account')).toEqual(before);
  });

  it('refuses a lone surrogate in a justification, and a well-formed pair (an emoji) passes the check', async () => {
    expectIssue(
      await t.gql(overrideFit, {
        input: { accountId, segmentKey: 'core', tier: 'STRONG', category: 'OTHER', justification: `${WHY} \uDC00` },
      }),
      'input.justification',
      /unpaired/,
    );
    expect(await count('fit_override')).toBe(0);
    const emoji = await t.gql(createSegment, { input: { key: 'emoji', name: 'Rocket \u{1F680} segment' } });
    expect(emoji.errors).toBeUndefined();
  });

  it('refuses NUL in notes, revoke reasons and filters', async () => {
    expectIssue(await t.gql(createDraft, { segmentKey: 'core', notes: 'x\u0000' }), 'notes', /NUL/);
    expectIssue(await t.gql(accountsMatching, { f: { search: '\u0000' } }), 'filter.search', /NUL/);
  });
});

describe('JSON depth and width', () => {
  it('refuses JSON nested 4,100 levels deep in attributes and in definition values with BAD_USER_INPUT', async () => {
    const deep = nested(4_100);
    const error = expectError(await t.gql(previewScoreAndTier, { v: draftId, a: { industry: deep } }), 'BAD_USER_INPUT');
    // The path names the 17th container: the attributes object is the 1st, industry's value the 2nd, then 15 more.
    expect(error.extensions?.issues).toEqual([
      { path: `attributes.industry${'.a[0]'.repeat(7)}.a`, message: 'is nested deeper than 16 levels' },
    ]);
    const def = seedDefinition();
    def.dimensions[0].criteria[1].values = [deep as string];
    const refused = expectError(await t.gql(createDraft, { segmentKey: 'core', definition: def }), 'BAD_USER_INPUT');
    expect(refused.extensions?.field).toMatch(/^definition\.dimensions\[0\]\.criteria\[1\]\.values\[0\]/);
    expect(refused.message).toContain('nested deeper than 16 levels');
  });

  it('refuses more than 1,000 keys in one JSON object', async () => {
    const wide = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, 1]));
    expectIssue(await t.gql(previewScoreAndTier, { v: draftId, a: wide }), 'attributes', /at most 1000 keys \(got 1001\)/);
  });
});

describe('lengths', () => {
  it('refuses a 10,000,000-character justification, and any over 4,000; nothing is written', async () => {
    const huge = await t.gql(overrideFit, {
      input: { accountId, segmentKey: 'core', tier: 'STRONG', category: 'OTHER', justification: `${WHY} ${'x'.repeat(10_000_000)}` },
    });
    expectIssue(huge, 'input.justification', /at most 4000 characters/);
    const just = `${WHY} `.repeat(100).slice(0, 4_001);
    expectIssue(
      await t.gql(overrideFit, { input: { accountId, segmentKey: 'core', tier: 'STRONG', category: 'OTHER', justification: just } }),
      'input.justification',
      /at most 4000 characters \(got 4001\)/,
    );
    expect(await count('fit_override')).toBe(0);
    expect(await count(`audit_event WHERE action = 'override.created'`)).toBe(0);
  });

  it('bounds labels, disqualifier reasons, list elements and revoke reasons', async () => {
    const def = seedDefinition();
    def.dimensions[0].criteria[0].label = 'l'.repeat(201);
    def.disqualifiers[0].reason = 'r'.repeat(1_001);
    def.dimensions[0].criteria[1].values = ['saas', 'f'.repeat(2_001)];
    const res = await t.gql(createDraft, { segmentKey: 'core', definition: def });
    expectIssue(res, 'definition.dimensions[0].criteria[0].label', /at most 200 characters/);
    expectIssue(res, 'definition.disqualifiers[0].reason', /at most 1000 characters/);
    expectIssue(res, 'definition.dimensions[0].criteria[1].values[1]', /at most 2000 characters/);
    expectIssue(
      await t.gql(revokeOverride, { id: '00000000-0000-0000-0000-000000000000', reason: 'z'.repeat(1_001) }),
      'reason',
      /at most 1000 characters/,
    );
  });
});

describe('points', () => {
  it('refuses points that would make a score infinite or NaN', async () => {
    const def = seedDefinition();
    def.dimensions[0].criteria[0].points = 1e308;
    expectIssue(
      await t.gql(createDraft, { segmentKey: 'core', definition: def }),
      'definition.dimensions[0].criteria[0].points',
      /at most 1000000/,
    );
    def.dimensions[0].criteria[0].points = 1_000_000; // the bound itself: scores stay finite
    const draft = (await t.data(createDraft, { segmentKey: 'core', definition: def })).createDraft;
    const preview = (await t.data(previewScoreAndTier, { v: draft.id, a: { annualRevenue: 50_000_000, industry: 'retail' } })).previewScore;
    // FIRMOGRAPHICS 30 x 1,000,000 / 1,000,020 = 29.9994; nothing else matches.
    expect(preview.score).toBeCloseTo((30 * 1_000_000) / 1_000_020, 2);
    await t.data(discardDraft, { id: draft.id });
  });
});

describe('one date parser', () => {
  it('refuses attributes on days that do not exist (2026-02-30, 2026-11-31)', async () => {
    for (const day of ['2026-02-30', '2026-11-31', '2026-11-31T10:00:00Z']) {
      expectIssue(
        await t.gql(upsertAccounts, { accounts: [{ externalId: 'acme', name: 'Acme', attributes: { lastFundingAt: day } }] }),
        'accounts[0].attributes.lastFundingAt',
        /expected a DATE/,
      );
    }
    expect((await t.sql(`SELECT attributes->'lastFundingAt' AS d FROM account`))[0].d).toBeNull();
  });

  it('refuses impossible dates in definitions, outcomes, filters and cursors; no database message reaches the client', async () => {
    const def = seedDefinition();
    def.dimensions[4].criteria = [{ attribute: 'lastFundingAt', operator: 'GT', value: '2026-02-30', points: 1 }];
    expectIssue(
      await t.gql(createDraft, { segmentKey: 'core', definition: def }),
      'definition.dimensions[4].criteria[0].value',
      /ISO-8601 date/,
    );

    const lead = await t.gql(recordLeads, {
      l: [{ externalId: 'l1', accountExternalId: 'acme', createdAt: '2026-11-31T00:00:00Z' }],
    });
    expectError(lead, 'BAD_USER_INPUT');
    expect(await count('lead')).toBe(0);

    const filter = expectError(await t.gql(auditEventsMatching, { f: { from: '2026-02-30T00:00:00Z' } }), 'BAD_USER_INPUT');
    expect(filter.message).toContain('2026-02-30T00:00:00Z');

    const forged = encodeCursor(listScope('overrides', {}), ['2026-02-30T00:00:00Z', '00000000-0000-0000-0000-000000000000']);
    const res = await t.gql(overridesAfter, { a: forged });
    const error = expectError(res, 'BAD_USER_INPUT');
    expect(error.message).toBe(
      'Invalid input: after: is not a cursor of this list: a cursor is valid only for the field and arguments that returned it',
    );
    expect(JSON.stringify(res)).not.toMatch(/out of range|date\/time/);
  });
});

describe('error amplification', () => {
  it('reports at most the first 100 issues, each once, with the count of them all', async () => {
    const unknown = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`unknown${i}`, i]));
    const res = await t.gql(previewScoreAndTier, { v: draftId, a: unknown });
    const error = expectError(res, 'BAD_USER_INPUT');
    const issues = error.extensions?.issues as Array<{ path: string }>;
    expect(issues).toHaveLength(100);
    expect(issues[0].path).toBe('attributes.unknown0');
    expect(issues[99].path).toBe('attributes.unknown99');
    expect(error.extensions?.issueCount).toBe(1_000);
    expect(error.message).toMatch(/; and 995 more \(see extensions\.issues\)$/);
    expect(error.message).not.toContain('unknown5"');
  });

  it('keeps a refused upsert of 5,000 accounts x 60 unknown keys small', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`nope${i}`, i]));
    const accounts = Array.from({ length: 5_000 }, (_, i) => ({ externalId: `x${i}`, name: `X ${i}`, attributes }));
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
      body: JSON.stringify({ query: print(upsertAccounts), variables: { accounts } }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { errors: Array<{ extensions: { code: string; issueCount: number; issues: unknown[] } }> };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.issueCount).toBe(300_000);
    expect(body.errors[0].extensions.issues).toHaveLength(100);
    expect(text.length).toBeLessThan(30_000); // 76 MB before the cap
    expect(await count('account')).toBe(1);
  });
});

// Raw bodies: the framing (encoding, charset, JSON) is what is refused.
describe('body errors answer JSON in the GraphQL error shape', () => {
  const post = (headers: Record<string, string>, body: Buffer | string) =>
    fetch(t.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it.each([
    ['Content-Encoding: compress', { 'content-encoding': 'compress' }, '{"query":"{ __typename }"}', 415],
    ['an unknown charset', { 'content-type': 'application/json; charset=klingon' }, '{"query":"{ __typename }"}', 415],
    ['a broken gzip body', { 'content-encoding': 'gzip' }, gzipSync('{"query":"{ __typename }"}').subarray(0, 12), 400],
    ['malformed JSON', {}, '{"query": ', 400],
  ])('%s', async (_name, headers, body, status) => {
    const res = await post(headers, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(text).not.toMatch(/<html|<pre|node_modules|\s+at\s+\S+\s\(/i);
    const json = JSON.parse(text) as { errors: Array<{ message: unknown; extensions: { code: string } }> };
    expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(typeof json.errors[0].message).toBe('string');
  });

  it('still reads a good gzip body', async () => {
    const res = await post({ 'content-encoding': 'gzip' }, gzipSync('{"query":"{ __typename }"}'));
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

// Raw text: the literal's nesting in the query text is the point.
describe('deep literals', () => {
  it('a JSON literal nested 4,100 levels deep in the query itself is refused as a client error', async () => {
    const depth = 4_100;
    const res = await t.raw(
      `{ previewScore(versionId: "${draftId}", attributes: { industry: ${'['.repeat(depth)}1${']'.repeat(depth)} }) { score } }`,
    );
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      {
        message: 'The query nests brackets deeper than 64 levels',
        extensions: { code: 'GRAPHQL_PARSE_FAILED', requestId: expect.any(String) },
      },
    ]);
    // Brackets inside strings and comments do not count; 20 levels of a real literal pass.
    const fine = await t.raw(
      `# ${'['.repeat(100)}\n{ previewScore(versionId: "${draftId}", attributes: { industry: "${'{'.repeat(100)}", x: ${'['.repeat(10)}1${']'.repeat(10)} }) { score } }`,
    );
    expect(fine.errors?.[0].message).toContain('attributes.x: unknown attribute');
  });
});

describe('imports, which reach the services straight from a file', () => {
  it('rejects rows with NUL bytes or impossible dates by line and reason, and writes the good rows', async () => {
    const csv = [
      'externalId,name,industry,lastFundingAt',
      'imp-1,Good,saas,2026-01-15',
      'imp-2,Bad\u0000Name,saas,',
      'imp-3,Bad day,saas,2026-02-30',
      'imp-4,Bad value,sa\u0000as,',
      '',
    ].join('\n');
    const summary = await importAccounts(t.services, t.system, chunked(csv), { format: 'csv' });
    expect(summary.created).toBe(1);
    expect(summary.rejected.map((r) => [r.line, r.externalId, r.reasons.join('; ')])).toEqual([
      [3, 'imp-2', expect.stringMatching(/name: must not contain NUL/)],
      [4, 'imp-3', expect.stringMatching(/lastFundingAt: expected a DATE/)],
      [5, 'imp-4', expect.stringMatching(/industry: must not contain NUL/)],
    ]);
    expect((await t.sql(`SELECT external_id FROM account WHERE external_id LIKE 'imp-%'`)).map((r) => r.external_id)).toEqual(['imp-1']);

    const leads = [
      'externalId,accountExternalId,createdAt',
      'lead-1,imp-1,2026-11-31',
      'lead-2,imp\u0000,2026-11-01',
      'lead-3,imp-1,2026-11-01',
      '',
    ].join('\n');
    const outcome = await importOutcomes(t.services, t.system, chunked(leads), { kind: 'leads', format: 'csv' });
    expect(outcome.created).toBe(1);
    expect(outcome.rejected.map((r) => [r.line, r.reasons.join('; ')])).toEqual([
      [2, expect.stringMatching(/createdAt: expected an ISO-8601 date/)],
      [3, expect.stringMatching(/accountExternalId: must not contain NUL/)],
    ]);
  });
});

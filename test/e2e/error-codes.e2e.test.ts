/**
 * Every code the server answers, provoked for real, against the README's table of codes and
 * HTTP statuses: the table can neither miss a code nor state a wrong status.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { createApiKey, revokeApiKey } from '../operations/auth';

let t: TestApp;
// No report may run (maxHeavyPerKey 0), to provoke TOO_MANY_REQUESTS.
beforeAll(async () => {
  t = await startTestApp({ config: { maxBodyBytes: 100_000, maxHeavyPerKey: 0 } });
});
afterAll(() => t.close());

/** code -> statuses listed in the README's Errors table. */
function readmeTable(): Map<string, number[]> {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
  const table = new Map<string, number[]>();
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) {
    table.set(
      match[1],
      [...match[2].matchAll(/\d{3}/g)].map((m) => Number(m[0])),
    );
  }
  return table;
}

const ZERO = '00000000-0000-0000-0000-000000000000';

// Raw HTTP bodies: the probes are the exact text and framing that provoke each code.
async function send(body: unknown, opts: { method?: string; headers?: Record<string, string>; key?: string | null; search?: string } = {}) {
  const key = opts.key === undefined ? t.adminKey : opts.key;
  const res = await fetch(`${t.url}${opts.search ?? ''}`, {
    method: opts.method ?? 'POST',
    headers: {
      ...(opts.method === 'GET' ? { 'apollo-require-preflight': 'true' } : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...opts.headers,
    },
    body: opts.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: res.status, code: json.errors?.[0]?.extensions?.code };
}

describe('error codes', () => {
  it('answers each code with a status the README lists for it, and the README lists no other code', async () => {
    const viewer = await t.keyFor('VIEWER');
    const created = await t.data(createApiKey, { name: 'twice', role: 'VIEWER' });
    await t.data(revokeApiKey, { id: created.createApiKey.apiKey.id });
    const probes: Array<[string, () => ReturnType<typeof send>]> = [
      ['GRAPHQL_PARSE_FAILED', () => send({ query: '{ me { role }' })],
      ['GRAPHQL_VALIDATION_FAILED', () => send({ query: '{ nope }' })],
      ['QUERY_TOO_LARGE', () => send({ query: `{ ${'me { role } '.repeat(5_001)} }` })],
      ['QUERY_TOO_DEEP', () => send({ query: `{ segments { ${'liveVersion { segment { '.repeat(7)}key${' } }'.repeat(7)} } }` })],
      ['TOO_MANY_ALIASES', () => send({ query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { role }`).join(' ')} }` })],
      ['TOO_MANY_DIRECTIVES', () => send({ query: `{ me { ${Array.from({ length: 21 }, () => 'role @include(if: true)').join(' ')} } }` })],
      [
        'QUERY_TOO_COMPLEX',
        () =>
          send({
            query: `{ ${Array.from({ length: 25 }, (_, i) => `e${i}: auditEvents(first: 500) { edges { node { id sequence actor action entityType entityId before after hash } } }`).join(' ')} }`,
          }),
      ],
      ['OPERATION_RESOLUTION_FAILURE', () => send({ query: 'query A { me { role } }', operationName: 'B' })],
      ['BAD_REQUEST', () => send('{ "query": ')],
      [
        'BAD_REQUEST',
        () => send(undefined, { method: 'GET', search: `?query=${encodeURIComponent('mutation { discardDraft(id: "x") }')}` }),
      ],
      ['BAD_REQUEST', () => send({ query: '{ me { role } }' }, { headers: { 'content-encoding': 'compress' } })],
      ['TOO_MANY_REQUESTS', () => send({ query: '{ tierDashboard(segmentKey: "x") { tiers { tier } } }' })],
      ['PAYLOAD_TOO_LARGE', () => send({ query: '{ me { role } }', variables: { pad: 'x'.repeat(150_000) } })],
      ['UNAUTHENTICATED', () => send({ query: '{ me { role } }' }, { key: null })],
      ['FORBIDDEN', () => send({ query: '{ apiKeys { id } }' }, { key: viewer })],
      ['BAD_USER_INPUT', () => send({ query: '{ fits(segmentKey: "x", first: 0) { totalCount } }' })],
      [
        'BAD_USER_INPUT',
        () => send({ query: 'query($n: Int) { fits(segmentKey: "x", first: $n) { totalCount } }', variables: { n: 'ten' } }),
      ],
      ['NOT_FOUND', () => send({ query: `{ versionDiff(fromId: "${ZERO}", toId: "${ZERO}") { changes { path } } }` })],
      [
        'CONFLICT',
        () => send({ query: 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', variables: { id: created.createApiKey.apiKey.id } }),
      ],
      ['PERSISTED_QUERY_NOT_FOUND', () => send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })],
    ];
    const table = readmeTable();
    const seen = new Set<string>();
    for (const [code, probe] of probes) {
      const res = await probe();
      expect({ code: res.code, status: res.status }).toEqual({ code, status: expect.any(Number) });
      expect({ code, status: res.status, listed: table.get(code)?.includes(res.status) }).toEqual({
        code,
        status: res.status,
        listed: true,
      });
      seen.add(code);
    }
    // A failing field: masked, 200 with the other fields' data.
    await t.sql('ALTER TABLE segment RENAME TO segment_gone');
    try {
      const res = await send({ query: '{ segments { key } }' });
      expect(res).toEqual({ status: 200, code: 'INTERNAL_SERVER_ERROR' });
      expect(table.get('INTERNAL_SERVER_ERROR')).toContain(200);
      seen.add('INTERNAL_SERVER_ERROR');
    } finally {
      await t.sql('ALTER TABLE segment_gone RENAME TO segment');
    }
    // Provoked by their own tests (timeouts.e2e, shutdown.e2e).
    for (const code of ['TIMEOUT', 'SERVICE_UNAVAILABLE']) seen.add(code);
    expect([...table.keys()].sort()).toEqual([...seen].sort());
  });
});

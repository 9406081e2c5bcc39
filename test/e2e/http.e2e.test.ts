import { logSink } from '../../src/logger';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { me } from '../operations/auth';
import { segmentKeys } from '../operations/registry';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { maxBodyBytes: 100_000 } });
});
afterAll(() => t.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}`, ...headers },
    body,
  });

describe('health', () => {
  it('answers /healthz and /readyz without a key', async () => {
    const base = t.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('internal errors', () => {
  it('are masked for the client and logged as JSON with the same request id', async () => {
    const lines: string[] = [];
    const previous = { target: logSink.target, level: t.log.level };
    logSink.target = { write: (line: string) => lines.push(line) };
    t.log.level = 'error';
    let requestId = '';
    await t.sql('ALTER TABLE segment RENAME TO segment_gone');
    try {
      const res = await t.gql(segmentKeys, {}, { headers: { 'x-request-id': 'req-boom-1' } });
      requestId = res.headers.get('x-request-id')!;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.errors).toEqual([
        {
          message: 'Internal server error',
          path: ['segments'],
          locations: expect.any(Array),
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
        },
      ]);
      expect(JSON.stringify(res.errors)).not.toContain('segment_gone');
      expect(JSON.stringify(res.errors)).not.toContain('relation');
    } finally {
      await t.sql('ALTER TABLE segment_gone RENAME TO segment');
      logSink.target = previous.target;
      t.log.level = previous.level;
    }
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'internal error');
    // Logged under the server's id, with the client's id beside it.
    expect(logged).toMatchObject({ level: 50, requestId, clientRequestId: 'req-boom-1' });
    expect(logged.err.message).toContain('segment');
  });

  it('gives every response a request id, generated when the client sends none', async () => {
    const res = await t.gql(me);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// Raw text and bodies: each request is malformed, oversized or shaped to trip one limit; the text is the point.
describe('request limits', () => {
  it('refuses queries deeper than the limit with HTTP 400, QUERY_TOO_DEEP and the figures', async () => {
    let inner = 'key';
    for (let i = 0; i < 8; i++) inner = `liveVersion { segment { ${inner} } }`;
    // segments (1) + 8 x (liveVersion, segment) (16) + key (1): 18 levels.
    const res = await t.raw(`{ segments { ${inner} } }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    const error = expectError(res, 'QUERY_TOO_DEEP');
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_DEEP', depth: 18, maxDepth: 12 });
    expect(error.message).not.toMatch(/Syntax Error/);
  });

  it('counts depth through fragments and ignores introspection subtrees', async () => {
    // 12 levels through two fragments: allowed; a 13th level is refused.
    const ok =
      'query { segments { ...A } } fragment A on Segment { liveVersion { segment { liveVersion { segment { liveVersion { segment { ...B } } } } } } } fragment B on Segment { liveVersion { segment { liveVersion { segment { key } } } } }';
    expect((await t.raw(ok)).errors).toBeUndefined();
    const deep = ok.replace('segment { key }', 'segment { liveVersion { number } }');
    expect(expectError(await t.raw(deep), 'QUERY_TOO_DEEP').extensions).toMatchObject({ depth: 13 });
    const introspection =
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }';
    expect((await t.raw(introspection)).errors).toBeUndefined();
  });

  it('refuses too many aliases with TOO_MANY_ALIASES and the count', async () => {
    const many = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { role }`).join(' ')} }`;
    const res = await t.raw(many);
    expect(res.status).toBe(400);
    expect(expectError(res, 'TOO_MANY_ALIASES').extensions).toEqual({ code: 'TOO_MANY_ALIASES', aliases: 40, maxAliases: 30 });
  });

  it('refuses documents over the token limit with QUERY_TOO_LARGE, not a syntax error', async () => {
    const huge = `{ ${'me { role } '.repeat(5_001)} }`; // 4 tokens each: 20,006 in all
    const res = await t.raw(huge);
    expect(res.status).toBe(400);
    expect(expectError(res, 'QUERY_TOO_LARGE').extensions).toEqual({ code: 'QUERY_TOO_LARGE', maxTokens: 20_000 });
  });

  it('answers a syntax error with HTTP 400 and GRAPHQL_PARSE_FAILED', async () => {
    const res = await t.raw('{ segments { key }');
    expect(res.status).toBe(400);
    const error = expectError(res, 'GRAPHQL_PARSE_FAILED');
    expect(error.message).toMatch(/^Syntax Error: Expected Name, found <EOF>/);
  });

  it('refuses operations whose estimated cost is above the limit with QUERY_TOO_COMPLEX, cost and maxCost', async () => {
    // Each alias: auditEvents 1 + 500 x (node 1 + 9 scalars) + edges 1 = 1 + 500 x 11 = 5,501; x 25 = 137,525.
    const heavy = `{ ${Array.from({ length: 25 }, (_, i) => `e${i}: auditEvents(first: 500) { edges { node { id sequence actor action entityType entityId before after hash } } }`).join(' ')} }`;
    const res = await t.raw(heavy);
    expect(res.status).toBe(400);
    const error = expectError(res, 'QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/Query cost \d+ exceeds the limit of 100000/);
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: expect.any(Number), maxCost: 100_000 });
    expect(error.extensions!.cost).toBeGreaterThan(100_000);
  });

  it('refuses batched requests', async () => {
    const res = await post(JSON.stringify([{ query: '{ me { role } }' }, { query: '{ me { name } }' }]));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const res = await post(JSON.stringify({ query: '{ me { role } }', variables: { pad: 'x'.repeat(150_000) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await post('{ "query": ');
    expect(res.status).toBe(400);
  });

  it('blocks simple cross-site requests (Apollo CSRF prevention)', async () => {
    const res = await fetch(`${t.url}?query=${encodeURIComponent('{ me { role } }')}`, {
      headers: { authorization: `Bearer ${t.adminKey}` },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('does not suggest field names to callers probing the schema', async () => {
    const res = await t.raw('{ segmentz { key } }');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('refuses variables of the wrong type with BAD_USER_INPUT naming the variable', async () => {
    const error = expectError(
      await t.raw('query($first: Int) { auditEvents(first: $first) { totalCount } }', { first: 'ten' }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('$first');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'first',
      issues: [{ path: 'first', message: error.message }],
      issueCount: 1,
    });
  });
});

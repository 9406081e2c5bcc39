import { logSink, logger } from '../../src/logger';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ config: { maxBodyBytes: 20_000 } }); });
afterAll(() => t.close());

const post = (body: string, headers: Record<string, string> = {}) => fetch(t.url, {
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
    const previous = { target: logSink.target, level: logger.level };
    logSink.target = { write: (line: string) => lines.push(line) };
    logger.level = 'error';
    let requestId = '';
    await t.sql('ALTER TABLE segment RENAME TO segment_gone');
    try {
      const res = await t.gql('{ segments { key } }', {}, { headers: { 'x-request-id': 'req-boom-1' } });
      requestId = res.headers.get('x-request-id')!;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.errors).toEqual([{ message: 'Internal server error', path: ['segments'], locations: expect.any(Array), extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);
      expect(JSON.stringify(res.errors)).not.toContain('segment_gone');
      expect(JSON.stringify(res.errors)).not.toContain('relation');
    } finally {
      await t.sql('ALTER TABLE segment_gone RENAME TO segment');
      logSink.target = previous.target;
      logger.level = previous.level;
    }
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'internal error');
    // Logged under the server's id, with the client's id beside it.
    expect(logged).toMatchObject({ level: 50, requestId, clientRequestId: 'req-boom-1' });
    expect(logged.err.message).toContain('segment');
  });

  it('gives every response a request id, generated when the client sends none', async () => {
    const res = await t.gql('{ me { role } }');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('request limits', () => {
  it('refuses queries deeper than the limit', async () => {
    let inner = 'key';
    for (let i = 0; i < 8; i++) inner = `liveVersion { segment { ${inner} } }`;
    const deep = `{ segments { ${inner} } }`;
    const res = await t.gql(deep);
    expect(res.errors?.[0].message).toMatch(/depth/i);
    expect(res.data).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const many = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { role }`).join(' ')} }`;
    expect((await t.gql(many)).errors?.[0].message).toMatch(/alias/i);
  });

  it('refuses operations whose estimated cost is above the limit, naming the cost', async () => {
    const heavy = `{ ${Array.from({ length: 25 }, (_, i) => `e${i}: auditEvents(first: 500) { edges { node { id sequence actor action entityType entityId before after hash } } }`).join(' ')} }`;
    const error = expectError(await t.gql(heavy), 'BAD_USER_INPUT');
    expect(error.message).toMatch(/Query cost \d+ exceeds the limit of 100000/);
  });

  it('refuses batched requests', async () => {
    const res = await post(JSON.stringify([{ query: '{ me { role } }' }, { query: '{ me { name } }' }]));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const res = await post(JSON.stringify({ query: '{ me { role } }', variables: { pad: 'x'.repeat(30_000) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await post('{ "query": ');
    expect(res.status).toBe(400);
  });

  it('blocks simple cross-site requests (Apollo CSRF prevention)', async () => {
    const res = await fetch(`${t.url}?query=${encodeURIComponent('{ me { role } }')}`, { headers: { authorization: `Bearer ${t.adminKey}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('does not suggest field names to callers probing the schema', async () => {
    const res = await t.gql('{ segmentz { key } }');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('refuses variables of the wrong type with BAD_USER_INPUT naming the variable', async () => {
    const error = expectError(await t.gql('query($first: Int) { auditEvents(first: $first) { totalCount } }', { first: 'ten' }), 'BAD_USER_INPUT');
    expect(error.message).toContain('$first');
  });
});

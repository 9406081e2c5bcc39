/**
 * GET /graphql in a browser: GraphiQL served by the server itself, so that it works on a
 * network without internet (Apollo's landing page loads from a CDN and stays blank there).
 */
import { graphql } from '../gql';
import { startTestApp, type TestApp } from '../helpers/test-app';

const introspectQueryType = graphql(`
  query ExplorerIntrospection { __schema { queryType { name } } }
`);
const asBrowser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the GraphQL explorer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { introspection: true } });
  });
  afterAll(() => t.close());

  it('is a page whose every script and style comes from this server', async () => {
    const res = await fetch(t.url, { headers: asBrowser });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    // The browser itself refuses anything from elsewhere.
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/https?:/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/(src|href)="\/\//);
    expect(html).toMatch(/<input id="api-key"/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets).toHaveLength(5); // React, ReactDOM, GraphiQL's script and styles, and the start script
    const origin = new URL(t.url).origin;
    const bodies: Record<string, string> = {};
    for (const asset of assets) {
      expect(asset.startsWith('/graphql/explorer/')).toBe(true);
      const file = await fetch(`${origin}${asset}`);
      expect(`${asset} ${file.status}`).toBe(`${asset} 200`);
      expect(file.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      bodies[asset.split('/').pop()!] = await file.text();
    }
    expect(bodies['graphiql.js']).toContain('.GraphiQL=');
    expect(bodies['react.js']).toContain('React');
    // The page's own script posts to this endpoint with the pasted key.
    expect(bodies['start.js']).toContain("headers.authorization = 'Bearer '");
  });

  it("answers the explorer's introspection once the key is given, and leaves GraphQL requests alone", async () => {
    const res = await t.gql(introspectQueryType);
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const json = await fetch(t.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});

describe('with introspection off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { introspection: false } });
  });
  afterAll(() => t.close());

  it('serves no explorer', async () => {
    const res = await fetch(t.url, { headers: asBrowser });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await fetch(new URL('/graphql/explorer/graphiql.js', t.url))).status).not.toBe(200);
  });
});

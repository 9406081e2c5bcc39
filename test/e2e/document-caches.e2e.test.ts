/**
 * The authorization, input and cost checks walk each query text once (Apollo hands every request
 * of one text the same parsed document) and keep what they found per document: what a cached
 * walk answers must still depend on the caller's role, the page sizes and the @include/@skip
 * conditions passed as variables, and the variables' values.
 */
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// 25 aliases of auditEvents(first: $n), each 1 + n x 11 (node 1 + 9 scalars, edges 1): 25 x 5,501 = 137,525 at n = 500;
// with segments (a list without a size: 1 + 5 x key 1 = 6) and segment (1 + key 1 = 2), 137,533.
const ALIASES = Array.from(
  { length: 25 },
  (_, i) => `e${i}: auditEvents(first: $n) { edges { node { id sequence actor action entityType entityId before after hash } } }`,
).join(' ');
const SIZED = `query Sized($n: Int, $all: Boolean!, $note: String! = "none") {
  segments { key } segment(key: $note) { key } ... @include(if: $all) { ${ALIASES} } }`;

describe('checks cached per query text', () => {
  it('estimate the cost anew for each page size and @include condition given as variables', async () => {
    const small = await t.raw(SIZED, { n: 5, all: true });
    expect(small.errors).toBeUndefined();
    const big = await t.raw(SIZED, { n: 500, all: true });
    expect(big.status).toBe(400);
    expect(expectError(big, 'QUERY_TOO_COMPLEX').extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', cost: 137_533, maxCost: 100_000 });
    // The same size with the aliases left out costs the segments list alone.
    expect((await t.raw(SIZED, { n: 500, all: false })).errors).toBeUndefined();
    expect(expectError(await t.raw(SIZED, { n: 500, all: true }), 'QUERY_TOO_COMPLEX')).toBeDefined();
    // A variable that sizes nothing still has its value checked, also once the estimate is cached.
    const wrong = await t.raw(SIZED, { n: 5, all: true, note: 7 });
    expect(wrong.status).toBe(400);
    expect(expectError(wrong, 'BAD_USER_INPUT').message).toMatch(/^Variable "\$note" got invalid value 7/);
  });

  it('check each role on the same query text', async () => {
    const viewer = await t.keyFor('VIEWER');
    const auditor = await t.keyFor('AUDITOR');
    for (const [key, allowed] of [
      [auditor, true],
      [viewer, false],
      [auditor, true],
      [viewer, false],
    ] as const) {
      const res = await t.raw(SIZED, { n: 1, all: true }, { key });
      if (allowed) expect(res.errors).toBeUndefined();
      else expect(expectError(res, 'FORBIDDEN').message).toContain('Query.auditEvents');
    }
  });

  it('check the values of text arguments given as variables on every request', async () => {
    const query = 'query Named($key: String!) { segment(key: $key) { key } }';
    expect((await t.raw(query, { key: 'none' })).errors).toBeUndefined();
    const res = await t.raw(query, { key: 'x'.repeat(100_000) });
    expect(res.status).toBe(400);
    expect(expectError(res, 'BAD_USER_INPUT')).toBeDefined();
  });
});

import { generateAccounts } from '../../src/demo/account-generator';
import { DEMO_SEGMENTS } from '../../src/demo/icp-definitions.demo';
import { CREATE_DRAFT, CREATE_SEGMENT, PUBLISH } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const UPSERT = 'mutation($accounts: [AccountInput!]!) { upsertAccounts(accounts: $accounts) { created updated rescored } }';
const FITS = `query($filter: FitFilter, $first: Int, $after: String) { fits(segmentKey: "all", filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score tier account { id externalId } } } } }`;

beforeAll(async () => {
  t = await startTestApp();
  await t.data(CREATE_SEGMENT, { input: { key: 'all', name: 'Everyone' } });
  await t.data(UPSERT, { accounts: generateAccounts(260, { seed: 11 }) });
  const draft = (await t.data(CREATE_DRAFT, { segmentKey: 'all', definition: DEMO_SEGMENTS[1].live })).createDraft;
  expect((await t.data(PUBLISH, { id: draft.id })).publishVersion.accountsScored).toBe(260);
});
afterAll(() => t.close());

type Node = { score: number; tier: string; account: { id: string; externalId: string } };
const nodes = (res: any): Node[] => res.fits.edges.map((e: any) => e.node);

describe('fits', () => {
  it('ranks by score, highest first, then by account id, with the total', async () => {
    const res = await t.data(FITS, { first: 260 });
    expect(res.fits.totalCount).toBe(260);
    const list = nodes(res);
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]];
      expect(a.score > b.score || (a.score === b.score && a.account.id < b.account.id)).toBe(true);
    }
    const stored = await t.sql(
      `SELECT account_id, score::float8 AS score FROM account_score WHERE valid_to IS NULL ORDER BY score DESC, account_id LIMIT 5`,
    );
    expect(list.slice(0, 5).map((n) => [n.account.id, n.score])).toEqual(stored.map((r: any) => [r.account_id, r.score]));
  });

  it('filters by tier and by score range, and counts the filtered set', async () => {
    const all = nodes(await t.data(FITS, { first: 260 }));
    const strong = await t.data(FITS, { filter: { tiers: ['STRONG', 'PERFECT'] }, first: 260 });
    expect(nodes(strong).map((n) => n.account.id)).toEqual(
      all.filter((n) => ['STRONG', 'PERFECT'].includes(n.tier)).map((n) => n.account.id),
    );
    expect(strong.fits.totalCount).toBe(all.filter((n) => ['STRONG', 'PERFECT'].includes(n.tier)).length);
    const band = nodes(await t.data(FITS, { filter: { minScore: 40, maxScore: 59.99 }, first: 260 }));
    expect(band.map((n) => n.account.id)).toEqual(all.filter((n) => n.score >= 40 && n.score <= 59.99).map((n) => n.account.id));
    expect(band.length).toBeGreaterThan(0);
    expect(nodes(await t.data(FITS, { filter: { overridden: true } }))).toEqual([]);
    expectError(await t.gql(FITS, { filter: { minScore: 70, maxScore: 10 } }), 'BAD_USER_INPUT');
    expectError(await t.gql(FITS, { filter: { minScore: 101 } }), 'BAD_USER_INPUT');
    expectError(await t.gql(`{ fits(segmentKey: "nope") { totalCount } }`), 'NOT_FOUND');
  });

  it('pages by cursor without gaps or repeats, also while accounts change between pages', async () => {
    const page1 = await t.data(FITS, { first: 40 });
    const seen = nodes(page1);
    // Concurrent writers: brand-new top accounts, and a change that moves an unseen account.
    const top = {
      industry: 'saas',
      employees: 900,
      region: 'NA',
      fundingStage: 'growth',
      mlMaturity: 'dedicated-team',
      techStack: ['aws'],
      usesCompetitor: true,
      demoRequested: true,
      websiteVisits30d: 99,
      eventsAttended: 3,
      lastEngagedAt: new Date().toISOString().slice(0, 10),
      painPoints: ['cost'],
      useCases: ['recommendations'],
      budgetUsd: 500_000,
      expansionPotential: 'high',
      referencePotential: true,
      headcountGrowth12m: 0.5,
      annualRevenue: 5e8,
    };
    await t.data(UPSERT, { accounts: [1, 2, 3].map((i) => ({ externalId: `late-${i}`, name: `Late ${i}`, attributes: top })) });
    let after = page1.fits.pageInfo.endCursor;
    for (;;) {
      const page = await t.data(FITS, { first: 40, after });
      seen.push(...nodes(page));
      if (!page.fits.pageInfo.hasNextPage) break;
      after = page.fits.pageInfo.endCursor;
    }
    const ids = seen.map((n) => n.account.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.filter((n) => n.account.externalId.startsWith('late-'))).toEqual([]); // they rank above the cursor
    expect(ids.length).toBe(260);
    expectError(await t.gql(FITS, { after: 'bogus' }), 'BAD_USER_INPUT');
  });

  it('loads nested fields through per-request loaders: a 200-fit page costs the same statements as a 50-fit page', async () => {
    const EXPLAINED = `query($first: Int) { fits(segmentKey: "all", first: $first) { edges { node {
      score tier action overridden account { name domain attributes } version { number contentHash segment { key } } segment { key liveVersion { number } }
      computed { score tier completeness missingAttributes disqualifiedBy version { number } account { externalId }
        dimensions { dimension weight score criteria { attribute operator matched missing points earned } } } } } } }`;
    t.statements.reset();
    const small = nodes(await t.data(EXPLAINED, { first: 50 }));
    const smallCount = t.statements.count;
    t.statements.reset();
    const large = nodes(await t.data(EXPLAINED, { first: 200 }));
    const largeCount = t.statements.count;
    expect([small.length, large.length]).toEqual([50, 200]);
    expect(largeCount).toBe(smallCount);
    // key lookup, ranking context (segment, live version, overrides in force), the page, then one batch each
    // for accounts, versions, segments and the segments' live versions: 7, whatever the page size.
    expect(smallCount).toBe(7);
  });

  it('answers account.fit and account.fits for a list of accounts without a query per account', async () => {
    const Q = `{ accounts(first: 100, filter: { segmentKey: "all" }) { edges { node { externalId fit(segmentKey: "all") { score tier computed { completeness } } fits { segment { key } tier } } } } }`;
    t.statements.reset();
    const edges = (await t.data(Q)).accounts.edges;
    expect(edges).toHaveLength(100);
    expect(edges.every((e: any) => e.node.fit && e.node.fits.length === 1 && e.node.fits[0].tier === e.node.fit.tier)).toBe(true);
    expect(t.statements.count).toBeLessThanOrEqual(10);
  });

  it('answers one explained account fit in five statements: key, account, segment, live version, score with override', async () => {
    const [{ id }] = await t.sql('SELECT account_id AS id FROM account_score WHERE valid_to IS NULL LIMIT 1');
    t.statements.reset();
    const fit = (
      await t.data(
        `query($id: ID) { account(id: $id) { fit(segmentKey: "all") { score tier overridden version { number }
      computed { score completeness missingAttributes disqualifiedBy dimensions { dimension score criteria { attribute matched missing earned } } } } } }`,
        { id },
      )
    ).account.fit;
    expect(fit.computed.dimensions).toHaveLength(5);
    expect(t.statements.count).toBe(5);
  });
});

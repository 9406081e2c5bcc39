import { generateAccounts } from '../../src/demo/account-generator';
import { DEMO_SEGMENTS } from '../../src/demo/icp-definitions.demo';
import { graphql } from '../gql';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { overrideFit, revokeOverride } from '../operations/fits';
import { createSystemContext } from '../../src/use-cases/system-context';
import { SYSTEM_PRINCIPAL } from '../../src/model/role';

let t: TestApp;
const rankedFits = graphql(`
  query RankedFits($filter: FitFilter, $first: Int, $after: String) { fits(segmentKey: "all", filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score tier account { id externalId } } } } }
`);
const unknownSegmentFits = graphql(`
  query FitsOfUnknownSegment { fits(segmentKey: "nope") { totalCount } }
`);
const explainedFits = graphql(`
  query ExplainedFitsPage($first: Int) { fits(segmentKey: "all", first: $first) { edges { node {
      score tier action overridden account { name domain attributes } version { number contentHash segment { key } } segment { key liveVersion { number } }
      computed { score tier completeness missingAttributes disqualifiedBy version { number } account { externalId }
        dimensions { dimension weight score criteria { attribute operator matched missing points earned } } } } } } }
`);
const accountsWithFits = graphql(`
  query AccountsWithTheirFits { accounts(first: 100, filter: { segmentKey: "all" }) { edges { node { externalId fit(segmentKey: "all") { score tier computed { completeness } } fits { segment { key } tier } } } } }
`);
const explainedAccountFit = graphql(`
  query ExplainedAccountFit($id: ID) { account(id: $id) { fit(segmentKey: "all") { score tier overridden version { number }
      computed { score completeness missingAttributes disqualifiedBy dimensions { dimension score criteria { attribute matched missing earned } } } } } }
`);

beforeAll(async () => {
  t = await startTestApp();
  await t.data(createSegment, { input: { key: 'all', name: 'Everyone' } });
  await t.data(upsertAccounts, { accounts: generateAccounts(260, { seed: 11 }) });
  const draft = (await t.data(createDraft, { segmentKey: 'all', definition: DEMO_SEGMENTS[1].live })).createDraft;
  expect((await t.data(publishVersion, { id: draft.id })).publishVersion.accountsScored).toBe(260);
});
afterAll(() => t.close());

/** The live version of segment "all". */
const liveOfAll = async () =>
  (
    await t.sql<{ id: string; segment_id: string }>(
      `SELECT v.id, v.segment_id FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = 'all' AND v.status = 'PUBLISHED'`,
    )
  )[0];

/** Revokes the override `made` (overrideFit's answer), as `manager`; the test fails if it cannot. */
async function revoke(made: { data?: unknown }, manager: string, reason: string): Promise<void> {
  const id = (made.data as { overrideFit: { id: string } }).overrideFit.id;
  expect((await t.gql(revokeOverride, { id, reason }, { key: manager })).errors).toBeUndefined();
}

const nodes = <N>(res: { fits: { edges: Array<{ node: N }> } }): N[] => res.fits.edges.map((e) => e.node);

describe('fits', () => {
  it('ranks by score, highest first, then by account id, with the total', async () => {
    const res = await t.data(rankedFits, { first: 260 });
    expect(res.fits.totalCount).toBe(260);
    const list = nodes(res);
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]];
      expect(a.score > b.score || (a.score === b.score && a.account.id < b.account.id)).toBe(true);
    }
    const stored = await t.sql<{ account_id: string; score: number }>(
      `SELECT account_id, score::float8 AS score FROM account_score WHERE valid_to IS NULL ORDER BY score DESC, account_id LIMIT 5`,
    );
    expect(list.slice(0, 5).map((n) => [n.account.id, n.score])).toEqual(stored.map((r) => [r.account_id, r.score]));
  });

  it('filters by tier and by score range, and counts the filtered set', async () => {
    const all = nodes(await t.data(rankedFits, { first: 260 }));
    const strong = await t.data(rankedFits, { filter: { tiers: ['STRONG', 'PERFECT'] }, first: 260 });
    expect(nodes(strong).map((n) => n.account.id)).toEqual(
      all.filter((n) => ['STRONG', 'PERFECT'].includes(n.tier)).map((n) => n.account.id),
    );
    expect(strong.fits.totalCount).toBe(all.filter((n) => ['STRONG', 'PERFECT'].includes(n.tier)).length);
    const band = nodes(await t.data(rankedFits, { filter: { minScore: 40, maxScore: 59.99 }, first: 260 }));
    expect(band.map((n) => n.account.id)).toEqual(all.filter((n) => n.score >= 40 && n.score <= 59.99).map((n) => n.account.id));
    expect(band.length).toBeGreaterThan(0);
    expect(nodes(await t.data(rankedFits, { filter: { overridden: true } }))).toEqual([]);
    expectError(await t.gql(rankedFits, { filter: { minScore: 70, maxScore: 10 } }), 'BAD_USER_INPUT');
    expectError(await t.gql(rankedFits, { filter: { minScore: 101 } }), 'BAD_USER_INPUT');
    expectError(await t.gql(unknownSegmentFits), 'NOT_FOUND');
  });

  it('pages by cursor without gaps or repeats, also while accounts change between pages', async () => {
    const page1 = await t.data(rankedFits, { first: 40 });
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
    await t.data(upsertAccounts, { accounts: [1, 2, 3].map((i) => ({ externalId: `late-${i}`, name: `Late ${i}`, attributes: top })) });
    let after = page1.fits.pageInfo.endCursor;
    for (;;) {
      const page = await t.data(rankedFits, { first: 40, after });
      seen.push(...nodes(page));
      if (!page.fits.pageInfo.hasNextPage) break;
      after = page.fits.pageInfo.endCursor;
    }
    const ids = seen.map((n) => n.account.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.filter((n) => n.account.externalId.startsWith('late-'))).toEqual([]); // they rank above the cursor
    expect(ids.length).toBe(260);
    expectError(await t.gql(rankedFits, { after: 'bogus' }), 'BAD_USER_INPUT');
  });

  it('loads nested fields through per-request loaders: a 200-fit page costs the same statements as a 50-fit page', async () => {
    t.statements.reset();
    const small = nodes(await t.data(explainedFits, { first: 50 }));
    const smallCount = t.statements.count;
    t.statements.reset();
    const large = nodes(await t.data(explainedFits, { first: 200 }));
    const largeCount = t.statements.count;
    expect([small.length, large.length]).toEqual([50, 200]);
    expect(largeCount).toBe(smallCount);
    // key lookup, the segment, its live version, then the page with its overridden fits and accounts in one
    // statement; versions, segments and live versions are the loaders' already: 4, whatever the page size.
    expect(smallCount).toBe(4);
  });

  it('answers account.fit and account.fits for a list of accounts without a query per account', async () => {
    t.statements.reset();
    const edges = (await t.data(accountsWithFits)).accounts.edges;
    expect(edges).toHaveLength(100);
    expect(edges.every((e) => e.node.fit && e.node.fits.length === 1 && e.node.fits[0].tier === e.node.fit.tier)).toBe(true);
    expect(t.statements.count).toBeLessThanOrEqual(10);
  });

  it('answers one explained account fit in four statements: key, segment, live version, then the account with its score and override', async () => {
    const [{ id }] = await t.sql<{ id: string }>('SELECT account_id AS id FROM account_score WHERE valid_to IS NULL LIMIT 1');
    t.statements.reset();
    const fit = (await t.data(explainedAccountFit, { id })).account!.fit!;
    expect(fit.computed.dimensions).toHaveLength(5);
    expect(t.statements.count).toBe(4);
  });

  it('reads an account with the fits selected below it in one statement, answering as the account and its score read apart', async () => {
    const manager = await t.keyFor('SALES_MANAGER', 'lookahead-manager');
    const [plain, overridden] = await t.sql<{ id: string }>(
      `SELECT account_id AS id FROM account_score WHERE valid_to IS NULL ORDER BY score DESC, account_id LIMIT 2`,
    );
    const override = await t.gql(
      overrideFit,
      {
        input: {
          segmentKey: 'all',
          accountId: overridden.id,
          tier: 'WEAK',
          justification: 'Churned customer last year: legal asked sales to keep away until the dispute is settled.',
          category: 'DATA_QUALITY',
        },
      },
      { key: manager },
    );
    expect(override.errors).toBeUndefined();
    await t.data(createSegment, { input: { key: 'unpublished', name: 'No live version' } });
    const FIT = 'score tier overridden override { tier } computed { score tier dimensions { dimension score } }';
    // Through a variable, an alias, a fragment, and a segment without a live version (its fit is null).
    const together = `query($id: ID, $seg: String!) { account(id: $id) { externalId
      fit(segmentKey: $seg) { ${FIT} } ...More none: fit(segmentKey: "unpublished") { score } } }
      fragment More on Account { again: fit(segmentKey: "all") { ${FIT} } }`;
    const apart = `query($id: ID!) { node(id: $id) { ... on Account { externalId fit(segmentKey: "all") { ${FIT} } } } }`;
    const scoreReads = () => t.statements.statements.filter((q) => /\baccount_score\b/.test(q));
    for (const id of [plain.id, overridden.id]) {
      t.statements.reset();
      const one = await t.raw(together, { id, seg: 'all' });
      expect(scoreReads()).toHaveLength(1);
      expect(scoreReads()[0]).toContain('FROM account a');
      expect(t.statements.statements.filter((q) => /FROM account\b/.test(q))).toHaveLength(1);
      t.statements.reset();
      const two = await t.raw(apart, { id });
      expect(scoreReads()).toHaveLength(1);
      expect(scoreReads()[0]).not.toContain('FROM account a');
      const account = (one.data as { account: Record<string, unknown> }).account;
      const node = (two.data as { node: { externalId: string; fit: unknown } }).node;
      expect(one.errors).toBeUndefined();
      expect(account).toEqual({ externalId: node.externalId, fit: node.fit, again: node.fit, none: null });
    }
    const fits = await Promise.all(
      [plain.id, overridden.id].map(
        async (id) =>
          ((await t.raw(together, { id, seg: 'all' })).data as { account: { fit: { tier: string; overridden: boolean } } }).account.fit,
      ),
    );
    expect(fits.map((f) => f.overridden)).toEqual([false, true]);
    expect(fits[1].tier).toBe('WEAK');
    // Ids match in either case, with or without the fits read beside the account.
    const upper = plain.id.toUpperCase();
    expect((await t.raw(together, { id: upper, seg: 'all' })).data).toEqual((await t.raw(together, { id: plain.id, seg: 'all' })).data);
    expect((await t.raw(`query($id: ID) { account(id: $id) { id } }`, { id: upper })).data).toEqual({ account: { id: plain.id } });
    // An unknown account is null, an unknown segment still NOT_FOUND on its fit.
    expect((await t.raw(together, { id: '00000000-0000-7000-8000-000000000000', seg: 'all' })).data).toEqual({ account: null });
    expectError(await t.raw(together, { id: plain.id, seg: 'nope' }), 'NOT_FOUND');
    await t.gql(
      revokeOverride,
      { id: (override.data as { overrideFit: { id: string } }).overrideFit.id, reason: 'Settled: the dispute is closed.' },
      { key: manager },
    );
  });

  it('answers explained lookups that arrive together in one statement, each as it is answered alone and at its own instant', async () => {
    const manager = await t.keyFor('SALES_MANAGER', 'batch-manager');
    const live = await liveOfAll();
    const ranked = await t.sql<{ id: string }>(
      `SELECT account_id AS id FROM account_score WHERE version_id = $1 AND valid_to IS NULL ORDER BY score DESC, account_id OFFSET 10 LIMIT 5`,
      [live.id],
    );
    const ids = ranked.map((r) => r.id);
    const override = await t.gql(
      overrideFit,
      {
        input: {
          segmentKey: 'all',
          accountId: ids[2],
          tier: 'DISQUALIFIED',
          justification: 'Acquired by a competitor last month: no purchase will be approved this year.',
          category: 'STRATEGIC_ACCOUNT',
        },
      },
      { key: manager },
    );
    expect(override.errors).toBeUndefined();
    try {
      // Repeats, another case, and an unknown id ride in the same batch.
      const lookups = [...ids, '00000000-0000-7000-8000-000000000000', ids[0].toUpperCase(), ids[3]];
      const FIT =
        'score tier overridden override { tier } computed { score tier dimensions { dimension score criteria { attribute matched earned } } }';
      const LOOKUP = `query($id: ID!) { account(id: $id) { externalId fit(segmentKey: "all") { ${FIT} } } }`;
      // The account and its fit read apart (node: the account, then its score row and override).
      const APART = `query($id: ID!) { node(id: $id) { ... on Account { externalId fit(segmentKey: "all") { ${FIT} } } } }`;
      const alone: unknown[] = [];
      for (const id of lookups) alone.push((await t.raw(LOOKUP, { id })).data);
      for (const [i, id] of ids.entries())
        expect(alone[i]).toEqual({ account: ((await t.raw(APART, { id })).data as { node: unknown }).node });
      expect((alone[2] as { account: { fit: { tier: string; overridden: boolean } } }).account.fit).toMatchObject({
        tier: 'DISQUALIFIED',
        overridden: true,
      });
      expect(alone[5]).toEqual({ account: null });
      expect(alone[6]).toEqual(alone[0]);
      // Concurrent requests answer as lone ones, however they happen to be batched.
      const together = await Promise.all(lookups.map(async (id) => (await t.raw(LOOKUP, { id })).data));
      expect(together).toEqual(alone);

      // Below the API, contexts as separate requests have, all in one turn of the event loop: one statement.
      // Two more lookups of the overridden account, by contexts whose clocks read just before it was made and then.
      const [{ created_at: madeAt }] = await t.sql<{ created_at: Date }>(`SELECT created_at FROM fit_override WHERE account_id = $1`, [
        ids[2],
      ]);
      const at = (instant: Date) => createSystemContext(t.ds, t.log, SYSTEM_PRINCIPAL, { now: () => instant }, t.services.readCaches);
      const contexts = [...lookups.map(() => t.fitgraph.system()), at(new Date(madeAt.getTime() - 1)), at(madeAt)];
      const asked = [...lookups, ids[2], ids[2]];
      await t.fitgraph.cacheBus.start(t.databaseUrl, t.log);
      const found = await (async () => {
        await t.services.accounts.findOne(t.fitgraph.system(), { id: ids[0] }, ['all']); // the process caches hold the segment and its live version
        t.statements.reset();
        return Promise.all(
          asked.map(async (id, i) => {
            const ctx = contexts[i];
            const account = await t.services.accounts.findOne(ctx, { id }, ['all']);
            const fit = account ? await ctx.loaders.fitRow.load(`${live.id}:${live.segment_id}:${account.id}`) : null;
            return (
              account && {
                externalId: account.externalId,
                score: fit?.row.score,
                tier: fit?.row.tier,
                override: fit?.override?.tier ?? null,
              }
            );
          }),
        );
      })().finally(() => t.fitgraph.cacheBus.stop());
      const lookupStatements = t.statements.statements.filter((q) => q.includes('unnest($1::uuid[], $2::timestamptz[])'));
      expect(lookupStatements).toHaveLength(1);
      expect(t.statements.statements.filter((q) => /\baccount_score\b/.test(q))).toHaveLength(1);
      // The score row is what `computed` shows; the override, what the fit shows over it.
      type Alone = {
        account: { externalId: string; fit: { override: { tier: string } | null; computed: { score: number; tier: string } } } | null;
      };
      const expected = (alone as Alone[]).map(
        ({ account: a }) =>
          a && { externalId: a.externalId, score: a.fit.computed.score, tier: a.fit.computed.tier, override: a.fit.override?.tier ?? null },
      );
      expect(found).toEqual([...expected, { ...expected[2], override: null }, expected[2]]);
      expect(expected[2]!.override).toBe('DISQUALIFIED');
    } finally {
      await revoke(override, manager, 'The acquisition fell through in the end.');
    }
  });

  it('reads pages of one shape that arrive together in one statement, each from its cursor and at its own instant', async () => {
    const manager = await t.keyFor('SALES_MANAGER', 'pages-manager');
    const live = await liveOfAll();
    // Cursors of consecutive pages of 7, walked one by one, and the ranking's rows they stand after (no override in force yet).
    const cursors: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 6; i++) {
      const page: { fits: { pageInfo: { endCursor?: string | null } } } = await t.data(rankedFits, { first: 7, after });
      after = page.fits.pageInfo.endCursor!;
      cursors.push(after);
    }
    const ranking = await t.sql<{ id: string; score: string }>(
      `SELECT account_id AS id, score::text FROM account_score s WHERE version_id = $1 AND valid_to IS NULL ORDER BY s.score DESC, account_id LIMIT 60`,
      [live.id],
    );
    const positions = [6, 13, 20, 27, 34, 41].map((n) => ranking[n]);
    const overriddenId = ranking[16].id;
    const override = await t.gql(
      overrideFit,
      {
        input: {
          segmentKey: 'all',
          accountId: overriddenId,
          tier: 'PERFECT',
          justification: 'Signed a letter of intent at the summit: the fit follows the deal, not the data.',
          category: 'EXISTING_RELATIONSHIP',
        },
      },
      { key: manager },
    );
    expect(override.errors).toBeUndefined();
    try {
      // The first page (no cursor: another shape), a repeat, and a page of another size ride along.
      const PAGE = `query($after: String, $first: Int) { fits(segmentKey: "all", first: $first, after: $after) {
        edges { cursor node { score tier overridden account { id externalId } } } pageInfo { hasNextPage endCursor } } }`;
      const asked = [
        ...cursors.map((c) => ({ after: c, first: 7 })),
        { after: null, first: 7 },
        { after: cursors[1], first: 7 },
        { after: cursors[2], first: 3 },
      ];
      const alone: unknown[] = [];
      for (const vars of asked) alone.push((await t.raw(PAGE, vars)).data);
      const together = await Promise.all(asked.map(async (vars) => (await t.raw(PAGE, vars)).data));
      expect(together).toEqual(alone);
      // The overridden account is on the first page, by its effective score.
      type Page = { fits: { edges: Array<{ node: { overridden: boolean; account: { id: string } } }> } };
      expect((alone[6] as Page).fits.edges.filter((e) => e.node.overridden).map((e) => e.node.account.id)).toEqual([overriddenId]);

      // Independently: the rows after each position in the ranking, the overridden account ranked apart.
      const expected: string[][] = [];
      for (const p of positions) {
        const rows = await t.sql<{ id: string }>(
          `SELECT account_id AS id FROM account_score WHERE version_id = $1 AND valid_to IS NULL AND account_id <> $2
             AND (score < $3::numeric OR (score = $3::numeric AND account_id > $4)) ORDER BY score DESC, account_id LIMIT 7`,
          [live.id, overriddenId, p.score, p.id],
        );
        expected.push(rows.map((r) => r.id));
      }
      expect((alone.slice(0, 6) as Page[]).map((pg) => pg.fits.edges.map((e) => e.node.account.id))).toEqual(expected);

      // Below the API, in one turn of the event loop: the six pages after a cursor, and two first pages by
      // contexts whose clocks read just before the override was made and then, in two statements (two shapes).
      const [{ created_at: madeAt }] = await t.sql<{ created_at: Date }>(
        `SELECT created_at FROM fit_override WHERE account_id = $1 AND revoked_at IS NULL`,
        [overriddenId],
      );
      const at = (instant: Date) => createSystemContext(t.ds, t.log, SYSTEM_PRINCIPAL, { now: () => instant }, t.services.readCaches);
      await t.fitgraph.cacheBus.start(t.databaseUrl, t.log);
      const [pages, firsts] = await (async () => {
        await t.services.fits.fits(t.fitgraph.system(), 'all', null, { first: 7 }); // the process caches hold the segment and its live version
        t.statements.reset();
        const ids = (p: Promise<{ edges: Array<{ node: { accountId: string; override: { tier: string } | null } }> }>) =>
          p.then((page) => page.edges.map((e) => [e.node.accountId, e.node.override?.tier ?? null]));
        return Promise.all([
          Promise.all(cursors.map((c) => ids(t.services.fits.fits(t.fitgraph.system(), 'all', null, { first: 7, after: c })))),
          Promise.all(
            [new Date(madeAt.getTime() - 1), madeAt].map((instant) => ids(t.services.fits.fits(at(instant), 'all', null, { first: 20 }))),
          ),
        ]);
      })().finally(() => t.fitgraph.cacheBus.stop());
      expect(t.statements.statements.filter((q) => /\baccount_score\b/.test(q))).toHaveLength(2);
      expect(pages.map((pg) => pg.map(([id]) => id))).toEqual(expected);
      const [before, then] = firsts;
      // Before: the account in its computed place, no override. Then: overridden, ranked by its effective score.
      expect(before.map(([id]) => id)).toEqual(ranking.slice(0, 20).map((r) => r.id));
      expect(before.filter(([, tier]) => tier !== null)).toEqual([]);
      expect(then.filter(([, tier]) => tier !== null)).toEqual([[overriddenId, 'PERFECT']]);
      expect(then.slice(0, 7).map(([id]) => id)).toEqual((alone[6] as Page).fits.edges.map((e) => e.node.account.id));
      expect(then.filter(([id]) => id === overriddenId)).toHaveLength(1);
    } finally {
      await revoke(override, manager, 'The letter of intent lapsed unsigned.');
    }
  });

  it('reads only what a page shows: rankings and names without the score history or the attributes, answering as a full read', async () => {
    const manager = await t.keyFor('SALES_MANAGER', 'narrow-manager');
    const [{ id: overriddenId }] = await t.sql<{ id: string }>(
      `SELECT account_id AS id FROM account_score WHERE valid_to IS NULL ORDER BY score DESC, account_id OFFSET 3 LIMIT 1`,
    );
    const override = await t.gql(
      overrideFit,
      {
        input: {
          segmentKey: 'all',
          accountId: overriddenId,
          tier: 'WEAK',
          justification: 'Parent company already a customer: the deal runs through their contract, not a new one.',
          category: 'DATA_QUALITY',
        },
      },
      { key: manager },
    );
    expect(override.errors).toBeUndefined();
    const SHOWN =
      'id score tier overridden override { tier } action segment { key } version { number } account { __typename id externalId name domain }';
    const narrow = `query { fits(segmentKey: "all", first: 260) { edges { node { ${SHOWN} } } nodes { score account { name } } } }`;
    // The same page with the fields a narrow read leaves out: its answers must agree on the shown ones.
    const full = `query { fits(segmentKey: "all", first: 260) { edges { node { ${SHOWN} computed { score outcomes: completeness }
      more: account { attributes createdAt } } } nodes { score account { name } } } }`;
    const pageStatements = () => t.statements.statements.filter((q) => /\bfit_override\b/.test(q) && /\baccount_score\b/.test(q));
    type Page = { fits: { edges: Array<{ node: Record<string, unknown> }>; nodes: unknown[] } };

    t.statements.reset();
    const a = await t.raw(narrow);
    expect(a.errors).toBeUndefined();
    expect(pageStatements()).toHaveLength(1);
    expect(pageStatements()[0]).not.toMatch(/attributes|outcomes|valid_from|created_at::text/);
    t.statements.reset();
    const b = await t.raw(full);
    expect(b.errors).toBeUndefined();
    expect(pageStatements()[0]).toMatch(/a\.attributes::text/);
    expect(pageStatements()[0]).toMatch(/\.outcomes/);
    const [narrowPage, fullPage] = [a.data as Page, b.data as Page];
    expect(narrowPage.fits.edges).toHaveLength(260);
    expect(narrowPage.fits.edges.map((e) => e.node)).toEqual(
      fullPage.fits.edges.map(({ node: { computed: _c, more: _m, ...shown } }) => shown),
    );
    expect(narrowPage.fits.nodes).toEqual(fullPage.fits.nodes);
    const overriddenFit = narrowPage.fits.edges.find((e) => (e.node.account as { id: string }).id === overriddenId)!.node;
    expect(overriddenFit).toMatchObject({ overridden: true, tier: 'WEAK', override: { tier: 'WEAK' } });
    expect(fullPage.fits.edges.every(({ node }) => Object.keys((node.more as { attributes: object }).attributes).length > 0)).toBe(true);

    // Either half alone reads whole rows: the explanation with names, or attributes without it,
    // also through a fragment and an alias; and another field of the same request reading one of
    // the page's accounts gets all of it (a name-only account serves its page alone).
    const [first] = await t.sql<{ id: string; attributes: Record<string, unknown> }>(
      `SELECT s.account_id AS id, a.attributes FROM account_score s JOIN account a ON a.id = s.account_id
       WHERE s.valid_to IS NULL AND s.account_id <> $1 ORDER BY s.score DESC, s.account_id LIMIT 1`,
      [overriddenId],
    );
    t.statements.reset();
    const mixed = await t.raw(
      `query($id: ID) { fits(segmentKey: "all", first: 5) { ...Ranked edges { node { score } } }
         account(id: $id) { attributes } }
       fragment Ranked on FitConnection { edges { node { acct: account { createdAt } } } }`,
      { id: first.id },
    );
    expect(mixed.errors).toBeUndefined();
    expect(pageStatements()[0]).toMatch(/a\.attributes::text/);
    expect((mixed.data as { account: { attributes: unknown } }).account.attributes).toEqual(first.attributes);
    const sameRequest = await t.raw(
      `query($id: ID) { fits(segmentKey: "all", first: 5) { edges { node { account { id name } } } } account(id: $id) { name attributes } }`,
      { id: first.id },
    );
    expect(sameRequest.errors).toBeUndefined();
    expect((sameRequest.data as { account: { attributes: unknown } }).account.attributes).toEqual(first.attributes);
    // Names beside fields that read the page's accounts through the loader (an explanation's
    // values, an override's account): whole accounts in the page's statement, none read again.
    const accountReads = () => t.statements.statements.filter((q) => /\bFROM account\b/.test(q) && !/\bfit_override\b/.test(q));
    for (const fields of [
      'account { name } computed { completeness dimensions { criteria { attribute value } } }',
      'account { name } override { account { name } }',
    ]) {
      t.statements.reset();
      const res = await t.raw(`query { fits(segmentKey: "all", first: 260) { nodes { ${fields} } } }`);
      expect(res.errors).toBeUndefined();
      expect(pageStatements()[0]).toMatch(/a\.attributes::text/);
      expect(accountReads()).toHaveLength(0);
    }
    const explained = await t.raw(
      `query { fits(segmentKey: "all", first: 5) { nodes { account { name } computed { completeness dimensions { criteria { attribute value } } } } } }`,
    );
    expect(explained.errors).toBeUndefined();
    type Explained = { computed: { completeness: number; dimensions: Array<{ criteria: unknown[] }> } };
    const [top] = (explained.data as { fits: { nodes: Explained[] } }).fits.nodes;
    expect(top.computed.completeness).toBeGreaterThan(0);
    expect(top.computed.dimensions.flatMap((d) => d.criteria)).toContainEqual(
      expect.objectContaining({ attribute: expect.any(String), value: expect.anything() }),
    );

    await t.gql(
      revokeOverride,
      { id: (override.data as { overrideFit: { id: string } }).overrideFit.id, reason: 'Settled: the contract question is closed.' },
      { key: manager },
    );
  });

  it('serves pages and explained fits from the process caches once warm: only their own rows are read', async () => {
    const [{ id }] = await t.sql<{ id: string }>('SELECT account_id AS id FROM account_score WHERE valid_to IS NULL LIMIT 1');
    const cold = { page: nodes(await t.data(explainedFits, { first: 50 })), fit: (await t.data(explainedAccountFit, { id })).account!.fit };
    await t.fitgraph.cacheBus.start(t.databaseUrl, t.log);
    try {
      await t.data(explainedFits, { first: 50 }); // warms the key, the segment and its live version
      t.statements.reset();
      const page = nodes(await t.data(explainedFits, { first: 50 }));
      expect(t.statements.statements.map((q) => q.slice(0, 60))).toHaveLength(1); // the page, its overridden fits and their accounts
      t.statements.reset();
      const fit = (await t.data(explainedAccountFit, { id })).account!.fit;
      expect(t.statements.count).toBe(1); // the account with its score and the override in force
      expect({ page, fit }).toEqual(cold);

      // A publish by this process is seen by the next request at once (its commit empties the caches).
      const v2 = (await t.data(createDraft, { segmentKey: 'all', definition: DEMO_SEGMENTS[1].draft })).createDraft;
      await t.data(publishVersion, { id: v2.id });
      const after = nodes(await t.data(explainedFits, { first: 50 }));
      expect(new Set(after.map((n) => n.version.number))).toEqual(new Set([2]));
      expect(new Set(after.map((n) => n.segment.liveVersion?.number))).toEqual(new Set([2]));
    } finally {
      await t.fitgraph.cacheBus.stop();
    }
  });
});

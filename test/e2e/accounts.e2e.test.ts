import { Client } from 'pg';
import { graphql } from '../gql';
import type { AccountInput } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.data(createSegment, {
    input: { key: 'saas', name: 'SaaS', membership: [{ attribute: 'industry', operator: 'IN', values: ['saas', 'fintech'], points: 1 }] },
  });
  await t.data(createSegment, { input: { key: 'vip', name: 'VIP' } });
});
afterAll(() => t.close());

const accountByExternalId = graphql(`
  query AccountByExternalId($externalId: String!) {
    account(externalId: $externalId) { id externalId name domain attributes explicitSegments }
  }
`);
const accountById = graphql(`
  query AccountExternalIdById($id: ID) { account(id: $id) { externalId } }
`);
const accountsPage = graphql(`
  query AccountsPage($filter: AccountFilter, $first: Int, $after: String) {
    accounts(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } }
    }
  }
`);
const fitsAfter = graphql(`
  query FitsAfterCursor($a: String) { fits(segmentKey: "saas", after: $a) { totalCount } }
`);
const workedFit = graphql(`
  query WorkedFitExplained {
    account(externalId: "worked") {
      fit(segmentKey: "saas") {
        score tier action overridden version { number } segment { key }
        computed {
          score tier missingAttributes completeness disqualifiedBy
          dimensions { dimension weight score criteria { attribute matched missing earned } }
        }
      }
    }
  }
`);
const workedHistory = graphql(`
  query WorkedFitAndHistory {
    account(externalId: "worked") {
      fit(segmentKey: "saas") { score tier }
      scoreHistory(segmentKey: "saas") { score tier version { number } }
    }
  }
`);
const workedFits = graphql(`
  query WorkedFitAndFits { account(externalId: "worked") { fit(segmentKey: "saas") { score } fits { segment { key } } } }
`);
const workedFitScores = graphql(`
  query WorkedFitScores { account(externalId: "worked") { fits { segment { key } score } } }
`);
const workedStored = graphql(`
  query WorkedStoredScore {
    account(externalId: "worked") {
      attributes
      fit(segmentKey: "saas") { score tier computed { dimensions { score } completeness } }
    }
  }
`);
const previewScore = graphql(`
  query PreviewScore($v: ID!, $a: JSON!) {
    previewScore(versionId: $v, attributes: $a) { account { id } score tier completeness dimensions { score } version { number } }
  }
`);
const previewInvalid = graphql(`
  query PreviewScoreOfInvalidAttributes($v: ID!) { previewScore(versionId: $v, attributes: { employees: "many" }) { score } }
`);
const tiers = graphql(`
  query SaasTiers { fits(segmentKey: "saas", first: 100) { edges { node { account { externalId } tier } } } }
`);
const tiersAndVersions = graphql(`
  query SaasTiersAndVersions { fits(segmentKey: "saas", first: 100) { edges { node { account { externalId } tier version { number } } } } }
`);
const latestHistory = graphql(`
  query WorkedLatestHistory { account(externalId: "worked") { scoreHistory(segmentKey: "saas", first: 1) { tier version { number } } } }
`);
const count = async (table: string) => (await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('upsertAccounts', () => {
  it('creates, updates and leaves unchanged by externalId; null removes an attribute', async () => {
    const first = await t.data(upsertAccounts, {
      accounts: [
        { externalId: 'crm-1', name: 'Acme', domain: 'acme.io', attributes: { industry: 'saas', employees: 120, techStack: ['aws'] } },
        { externalId: 'crm-2', name: 'Globex', attributes: { industry: 'retail' }, explicitSegments: ['vip'] },
      ],
    });
    expect(first.upsertAccounts).toEqual({ created: 2, updated: 0, unchanged: 0, rescored: 0 });
    const second = await t.data(upsertAccounts, {
      accounts: [
        { externalId: 'crm-1', name: 'Acme', attributes: { employees: 150, techStack: null } },
        { externalId: 'crm-2', name: 'Globex', attributes: { industry: 'retail' } },
      ],
    });
    expect(second.upsertAccounts).toEqual({ created: 0, updated: 1, unchanged: 1, rescored: 0 });
    const account = (await t.data(accountByExternalId, { externalId: 'crm-1' })).account!;
    expect(account).toMatchObject({
      externalId: 'crm-1',
      name: 'Acme',
      domain: 'acme.io',
      attributes: { industry: 'saas', employees: 150 },
      explicitSegments: [],
    });
    expect(account.attributes.techStack).toBeUndefined();
    expect((await t.data(accountById, { id: account.id })).account?.externalId).toBe('crm-1');
    const globex = (await t.data(accountByExternalId, { externalId: 'crm-2' })).account!;
    expect(globex.explicitSegments).toEqual(['vip']);
  });

  it('refuses the whole batch when one account is invalid, naming its index and field', async () => {
    const before = [await count('account'), await count('audit_event')];
    const cases: Array<[AccountInput, string]> = [
      [{ externalId: 'x-1', name: 'X', attributes: { employees: 'ten' } }, 'accounts[1].attributes.employees: expected a NUMBER'],
      [{ externalId: 'x-1', name: 'X', attributes: { revenu: 5 } }, 'accounts[1].attributes.revenu: unknown attribute'],
      [{ externalId: 'x-1', name: 'X', attributes: { employees: [5] } }, 'accounts[1].attributes.employees: expected a NUMBER'],
      [
        { externalId: 'x-1', name: 'X', attributes: { lastFundingAt: 'last spring' } },
        'accounts[1].attributes.lastFundingAt: expected a DATE',
      ],
      [
        { externalId: 'x-1', name: 'X', attributes: {}, explicitSegments: ['nope'] },
        'accounts[1].explicitSegments[0]: segment "nope" does not exist',
      ],
      [{ externalId: 'ok-1', name: 'dup', attributes: {} }, 'accounts[1].externalId: "ok-1" appears twice'],
      [{ externalId: ' ', name: 'X', attributes: {} }, 'accounts[1].externalId'],
      // An offset without its colon is refused: the scoring engine would never match it.
      [
        { externalId: 'x-1', name: 'X', attributes: { lastFundingAt: '2026-11-24T10:00:00+0200' } },
        'accounts[1].attributes.lastFundingAt: expected a DATE',
      ],
    ];
    for (const [bad, message] of cases) {
      const res = await t.gql(upsertAccounts, { accounts: [{ externalId: 'ok-1', name: 'Fine', attributes: { employees: 5 } }, bad] });
      expect(expectError(res, 'BAD_USER_INPUT').message).toContain(message);
    }
    expect([await count('account'), await count('audit_event')]).toEqual(before);
    expect((await t.data(accountByExternalId, { externalId: 'ok-1' })).account).toBeNull();
  });

  it('refuses more than 5,000 accounts a call', async () => {
    const accounts = Array.from({ length: 5001 }, (_, i) => ({ externalId: `big-${i}`, name: 'Big', attributes: {} }));
    expect(expectError(await t.gql(upsertAccounts, { accounts }), 'BAD_USER_INPUT').message).toContain('at most 5000');
  });
});

describe('accounts query', () => {
  it('searches by name, external id and domain, filters by segment, paginates with totalCount', async () => {
    await t.data(upsertAccounts, {
      accounts: Array.from({ length: 5 }, (_, i) => ({
        externalId: `page-${i}`,
        name: `Paging Co ${i}`,
        attributes: { industry: 'fintech' },
      })),
    });
    const byName = (await t.data(accountsPage, { filter: { search: 'paging co' }, first: 2 })).accounts;
    expect(byName.totalCount).toBe(5);
    expect(byName.edges.map((e) => e.node.externalId)).toEqual(['page-0', 'page-1']);
    const rest = (await t.data(accountsPage, { filter: { search: 'paging co' }, first: 10, after: byName.pageInfo.endCursor })).accounts;
    expect(rest.edges.map((e) => e.node.externalId)).toEqual(['page-2', 'page-3', 'page-4']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect((await t.data(accountsPage, { filter: { search: 'acme.io' } })).accounts.edges.map((e) => e.node.externalId)).toEqual(['crm-1']);
    expect((await t.data(accountsPage, { filter: { search: 'crm-2' } })).accounts.edges.map((e) => e.node.externalId)).toEqual(['crm-2']);
    const saas = (await t.data(accountsPage, { filter: { segmentKey: 'saas' }, first: 100 })).accounts;
    expect(saas.edges.map((e) => e.node.externalId).sort()).toEqual(['crm-1', 'page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    const vip = (await t.data(accountsPage, { filter: { segmentKey: 'vip' }, first: 100 })).accounts;
    expect(vip.totalCount).toBe(await count('account')); // no rules: every account
    expectError(await t.gql(accountsPage, { filter: { segmentKey: 'nope' } }), 'BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['account', 'not-a-uuid'])).toString('base64url');
    expectError(await t.gql(accountsPage, { after: forged }), 'BAD_USER_INPUT');
    const fitCursor = Buffer.from(JSON.stringify(['fit', 'abc', 'not-a-uuid'])).toString('base64url');
    expectError(await t.gql(fitsAfter, { a: fitCursor }), 'BAD_USER_INPUT');
    expect(expectError(await t.gql(createSegment, { input: { key: 'blank', name: '   ' } }), 'BAD_USER_INPUT').message).toContain(
      'input.name',
    );
  });
});

describe('scoring', () => {
  // seedDefinition: FIRMOGRAPHICS 30 (revenue, industry, employees: 10 points each), TECHNOGRAPHICS 20 (stack),
  // BEHAVIORAL 25 (demo 5, visits 5), BUSINESS_NEEDS 15 (pains), GROWTH 10 (funding within 365 days).
  const WORKED = {
    annualRevenue: 50_000_000,
    industry: 'saas',
    employees: 100,
    techStack: ['aws'],
    demoRequested: true,
    websiteVisits30d: 3,
    painPoints: ['scaling'],
  };
  // 30 + 20 + 25 x 5/10 + 15 + 0 (lastFundingAt missing) = 77.5: STRONG; completeness 90 of 100 points had data;
  // budgetUsd, read by the disqualifier, is missing too (and so disqualifies nothing).
  let v1: string;

  it('scores members when a version is published, with the explanation', async () => {
    await t.data(upsertAccounts, { accounts: [{ externalId: 'worked', name: 'Worked Example', attributes: WORKED }] });
    v1 = (await t.data(createDraft, { segmentKey: 'saas', definition: seedDefinition() })).createDraft.id;
    const published = (await t.data(publishVersion, { id: v1 })).publishVersion;
    expect(published.accountsScored).toBe(7);
    expect(published.tierChanges.reduce((n, c) => n + c.accounts, 0)).toBe(7);
    expect(published.tierChanges.every((c) => c.from === null)).toBe(true);
    const account = (await t.data(workedFit)).account!;
    expect(account.fit).toMatchObject({
      score: 77.5,
      tier: 'STRONG',
      action: null,
      overridden: false,
      version: { number: 1 },
      segment: { key: 'saas' },
    });
    expect(account.fit!.computed).toMatchObject({
      score: 77.5,
      tier: 'STRONG',
      missingAttributes: ['lastFundingAt', 'budgetUsd'],
      completeness: 0.9,
      disqualifiedBy: [],
    });
    expect(account.fit!.computed.dimensions.map((d) => d.score)).toEqual([30, 20, 12.5, 15, 0]);
    expect(account.fit!.computed.dimensions[2].criteria).toEqual([
      { attribute: 'demoRequested', matched: true, missing: false, earned: 5 },
      { attribute: 'websiteVisits30d', matched: false, missing: false, earned: 0 },
    ]);
  });

  it('rescores on attribute change in the same call, and keeps history only when the result changes', async () => {
    const same = (
      await t.data(upsertAccounts, { accounts: [{ externalId: 'worked', name: 'Worked Example', attributes: { employees: 101 } }] })
    ).upsertAccounts;
    expect(same).toEqual({ created: 0, updated: 1, unchanged: 0, rescored: 0 }); // still >= 50 employees: same result
    const changed = (
      await t.data(upsertAccounts, { accounts: [{ externalId: 'worked', name: 'Worked Example', attributes: { websiteVisits30d: 40 } }] })
    ).upsertAccounts;
    expect(changed.rescored).toBe(1);
    const { account } = await t.data(workedHistory);
    expect(account?.fit).toEqual({ score: 90, tier: 'PERFECT' });
    expect(account?.scoreHistory).toEqual([
      { score: 90, tier: 'PERFECT', version: { number: 1 } },
      { score: 77.5, tier: 'STRONG', version: { number: 1 } },
    ]);
    // Leaving the segment's rules ends its fit there.
    await t.data(upsertAccounts, { accounts: [{ externalId: 'worked', name: 'Worked Example', attributes: { industry: 'retail' } }] });
    expect((await t.data(workedFits)).account).toEqual({ fit: null, fits: [] });
    await t.data(upsertAccounts, { accounts: [{ externalId: 'worked', name: 'Worked Example', attributes: { industry: 'saas' } }] });
    expect((await t.data(workedFitScores)).account?.fits).toEqual([{ segment: { key: 'saas' }, score: 90 }]);
  });

  it('previewScore equals the stored score for the same attributes and version, and writes nothing', async () => {
    const stored = (await t.data(workedStored)).account!;
    const rows = await count('account_score');
    const preview = (await t.data(previewScore, { v: v1, a: stored.attributes })).previewScore;
    expect(preview).toEqual({
      account: null,
      score: stored.fit!.score,
      tier: stored.fit!.tier,
      completeness: stored.fit!.computed.completeness,
      dimensions: stored.fit!.computed.dimensions,
      version: { number: 1 },
    });
    expect(await count('account_score')).toBe(rows);
    expectError(await t.gql(previewInvalid, { v: v1 }), 'BAD_USER_INPUT');
  });

  it('rescores every member on the next publish, reports the tier migration, and keeps the old scores as history', async () => {
    const stricter = seedDefinition();
    stricter.thresholds = { perfect: 95, strong: 85, moderate: 50 };
    const v2 = (await t.data(createDraft, { segmentKey: 'saas', definition: stricter })).createDraft.id;
    const before = (await t.data(tiers)).fits.edges;
    const published = (await t.data(publishVersion, { id: v2 })).publishVersion;
    expect(published.accountsScored).toBe(7);
    const after = (await t.data(tiersAndVersions)).fits.edges;
    expect(after.every((e) => e.node.version.number === 2)).toBe(true);
    const expected = new Map<string, number>();
    for (const b of before) {
      const a = after.find((x) => x.node.account.externalId === b.node.account.externalId)!;
      const key = `${b.node.tier}>${a.node.tier}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(published.tierChanges.map((c) => [`${c.from}>${c.to}`, c.accounts] as const))).toEqual(expected);
    const history = (await t.data(latestHistory)).account?.scoreHistory;
    expect(history).toEqual([{ tier: 'STRONG', version: { number: 2 } }]); // 90 is STRONG under 95/85/50
  });
});

// Last: the account it adds would count in the tests above.
describe('upsertAccounts, updates', () => {
  it('writes an update as a patch: keys it does not name stay exactly as stored', async () => {
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'patch-1', name: 'Initech', attributes: { industry: 'saas', employees: 40, techStack: ['aws'] } }],
    });
    // A value no JavaScript number holds exactly (written by SQL, as a migration or a DBA could):
    // a whole-document write would have sent it back rounded to 12345678901234567000.
    await t.sql(`UPDATE account SET attributes = attributes || '{"annualRevenue": 12345678901234567891}' WHERE external_id = 'patch-1'`);
    const res = await t.data(upsertAccounts, {
      accounts: [{ externalId: 'patch-1', name: 'Initech', attributes: { employees: 41, techStack: null, industry: 'saas' } }],
    });
    expect(res.upsertAccounts).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [row] = await t.sql(`SELECT attributes::text AS doc FROM account WHERE external_id = 'patch-1'`);
    expect(row.doc).toBe('{"industry": "saas", "employees": 41, "annualRevenue": 12345678901234567891}');
    // Naming only unchanged values (and removing what is gone already) changes nothing.
    const again = await t.data(upsertAccounts, {
      accounts: [{ externalId: 'patch-1', name: 'Initech', attributes: { employees: 41, techStack: null } }],
    });
    expect(again.upsertAccounts).toEqual({ created: 0, updated: 0, unchanged: 1, rescored: 0 });
  });
});

describe('upsertAccounts, row locks', () => {
  it('locks the accounts it updates in id order, as a publish batch share-locks them: the two never deadlock', async () => {
    await t.data(upsertAccounts, {
      accounts: [
        { externalId: 'order-a', name: 'Order A', attributes: { employees: 1 } },
        { externalId: 'order-b', name: 'Order B', attributes: { employees: 1 } },
      ],
    });
    // A is written again: its row now comes after B's in the table, so a write in table order would take B first.
    await t.data(upsertAccounts, { accounts: [{ externalId: 'order-a', name: 'Order A', attributes: { employees: 2 } }] });
    const ids = await t.sql(`SELECT id, external_id FROM account WHERE external_id IN ('order-a', 'order-b') ORDER BY ctid`);
    expect(ids.map((r) => r.external_id)).toEqual(['order-b', 'order-a']);
    const [a, b] = ['order-a', 'order-b'].map((x) => ids.find((r) => r.external_id === x)!.id as string);
    expect(a < b).toBe(true);

    // A publish batch share-locks members in id order: it holds A and will take B next.
    const batch = new Client({ connectionString: t.databaseUrl });
    await batch.connect();
    try {
      await batch.query('BEGIN');
      await batch.query(`SELECT 1 FROM account WHERE id = $1 FOR SHARE`, [a]);
      const upsert = t.data(upsertAccounts, {
        accounts: [
          { externalId: 'order-b', name: 'Order B', attributes: { employees: 3 } },
          { externalId: 'order-a', name: 'Order A', attributes: { employees: 3 } },
        ],
      });
      // The upsert waits for A (its first account by id) before touching B...
      for (let i = 0; i < 200; i++) {
        const [w] = await t.sql(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR NO KEY UPDATE%'`,
        );
        if (w.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // ...so the batch takes B at once (a write that had locked B first would deadlock here).
      await batch.query(`SET LOCAL lock_timeout = '3s'`);
      const got = await batch.query(`SELECT id FROM account WHERE id = $1 FOR SHARE`, [b]);
      expect(got.rows).toEqual([{ id: b }]);
      await batch.query('COMMIT');
      expect((await upsert).upsertAccounts).toMatchObject({ updated: 2, created: 0 });
    } finally {
      await batch.end();
    }
    const rows = await t.sql(`SELECT attributes->>'employees' AS e FROM account WHERE external_id IN ('order-a', 'order-b')`);
    expect(rows.map((r) => r.e)).toEqual(['3', '3']);
  });
});

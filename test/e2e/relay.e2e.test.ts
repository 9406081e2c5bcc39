/**
 * What Relay and normalising client caches rely on: global ids with node/nodes, a Fit id, full
 * PageInfo with backward pagination, cursors bound to their list, and explanations in words.
 */
import { generateAccounts } from '../../src/demo/account-generator';
import { graphql } from '../gql';
import type { RelayFitsPageQueryVariables } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { recordOpportunities } from '../operations/outcomes';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
let viewer: string;
let manager: string;
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';
const fitsPage = graphql(`
  query RelayFitsPage($segmentKey: String!, $filter: FitFilter, $first: Int, $after: String, $last: Int, $before: String) {
    fits(segmentKey: $segmentKey, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id score account { id } } } nodes { id }
    }
  }
`);

type FitNode = { id: string; score: number; account: { id: string } };
const fitsOf = async (vars: Omit<RelayFitsPageQueryVariables, 'segmentKey'>) =>
  (await t.data(fitsPage, { segmentKey: 'all', ...vars })).fits;

/** A page of a connection read backwards: its ids and where it stands. */
type BackwardPage = { nodes: Array<{ id: string }>; pageInfo: { startCursor?: string | null; hasPreviousPage: boolean } };
const allAccountIds = graphql(`
  query AllAccountIds { accounts(first: 500) { nodes { id } } }
`);
const accountIdsBackward = graphql(`
  query AccountIdsBackward($last: Int, $before: String) {
    accounts(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }
  }
`);
const allOverrideEventIds = graphql(`
  query AllOverrideEventIds { auditEvents(first: 500, filter: { entityType: "Override" }) { nodes { id } } }
`);
const overrideEventIdsBackward = graphql(`
  query OverrideEventIdsBackward($last: Int, $before: String) {
    auditEvents(filter: { entityType: "Override" }, last: $last, before: $before) {
      nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage }
    }
  }
`);
const allOverrideIds = graphql(`
  query AllOverrideIds { overrides(first: 500) { nodes { id } } }
`);
const overrideIdsBackward = graphql(`
  query OverrideIdsBackward($last: Int, $before: String) {
    overrides(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }
  }
`);
const accountsWindow = graphql(`
  query AccountsWindow($first: Int, $after: String, $last: Int, $before: String) {
    accounts(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);
const overridesWindow = graphql(`
  query OverridesWindow($first: Int, $after: String, $last: Int, $before: String) {
    overrides(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);
const accountsEndCursor = graphql(`
  query AccountsEndCursor { accounts(first: 2) { pageInfo { endCursor } } }
`);
const nodeById = graphql(`
  query NodeByGlobalId($id: ID!) {
    node(id: $id) {
      __typename id
      ... on Account { externalId } ... on Segment { key } ... on IcpVersion { number } ... on Override { tier }
      ... on Opportunity { externalId } ... on ApiKey { name } ... on Fit { score account { externalId } segment { key } }
    }
  }
`);
const idsOfEveryType = graphql(`
  query IdsOfEveryType {
    account(externalId: "known") { id fit(segmentKey: "all") { id score } opportunities { id } overrides { id } }
    segment(key: "all") { id liveVersion { id } }
    apiKeys { id name }
    overrides(first: 1) { nodes { id tier } }
  }
`);
const nodesTypenames = graphql(`
  query NodesTypenames($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }
`);
const knownFitIds = graphql(`
  query KnownFitIds { account(externalId: "known") { id fits { id segment { key } } fit(segmentKey: "other") { id } } }
`);
const idsOfGuardedTypes = graphql(`
  query IdsOfGuardedTypes { apiKeys { id } overrides(first: 1) { nodes { id } } segment(key: "all") { id } }
`);
const nodesIds = graphql(`
  query NodesIds($ids: [ID!]!) { nodes(ids: $ids) { id } }
`);
const knownOtherFitId = graphql(`
  query KnownOtherFitId { account(externalId: "known") { fit(segmentKey: "other") { id } } }
`);
const nodeId = graphql(`
  query NodeId($id: ID!) { node(id: $id) { id } }
`);
const criteriaInWords = graphql(`
  query KnownCriteriaInWords {
    account(externalId: "known") {
      fit(segmentKey: "all") { computed { dimensions { criteria { attribute value explanation matched missing } } } }
    }
  }
`);
const previewInWords = graphql(`
  query PreviewEmployeesInWords($v: ID!) {
    previewScore(versionId: $v, attributes: { employees: 12 }) { dimensions { criteria { attribute value explanation } } }
  }
`);
const allLiveVersionId = graphql(`
  query AllLiveVersionId { segment(key: "all") { liveVersion { id } } }
`);
const rolePermissions = graphql(`
  query RoleAndPermissions { me { role permissions } }
`);
const segmentsLiveNumbers = graphql(`
  query SegmentsLiveNumbers { segments { key liveVersion { number } } }
`);
const dashboard = graphql(`
  query Dashboard {
    segments { key }
    report: exceptions(segmentKey: "all") { exceptions { account { ...DashboardCard } } }
    apiKeys { id }
  }
  fragment DashboardCard on Account { name overrides { id } }
`);
const knownConnections = graphql(`
  query KnownConnections {
    account(externalId: "known") {
      opportunities { id }
      opportunitiesConnection(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }
      scoreHistory(segmentKey: "other") { computedAt version { number } }
      historyBack: scoreHistoryConnection(segmentKey: "other", last: 1) {
        totalCount nodes { computedAt version { number } } pageInfo { hasPreviousPage startCursor }
      }
    }
    segment(key: "other") { versions { number } versionsConnection(last: 1) { nodes { number } pageInfo { hasPreviousPage startCursor } } }
  }
`);
const otherVersionsBefore = graphql(`
  query OtherVersionsBefore($b: String) { segment(key: "other") { versionsConnection(last: 10, before: $b) { nodes { number } } } }
`);
const allVersionsBefore = graphql(`
  query AllVersionsBefore($b: String) { segment(key: "all") { versionsConnection(last: 1, before: $b) { nodes { number } } } }
`);
const exceptionsConnection = graphql(`
  query AllExceptionsConnection {
    exceptions(segmentKey: "all") {
      exceptions { kind account { id } }
      exceptionsConnection(first: 2) { totalCount edges { node { kind account { id } } } }
    }
  }
`);
const knownOtherFit = graphql(`
  query KnownOtherFit { account(externalId: "known") { id fit(segmentKey: "other") { id tier computed { tier } } } }
`);
const overrideReturningFit = graphql(`
  mutation OverrideFitReturningFit($input: OverrideFitInput!) { overrideFit(input: $input) { id fit { id tier overridden } } }
`);
const revokeReturningFit = graphql(`
  mutation RevokeOverrideReturningFit($id: ID!) {
    revokeOverride(id: $id, reason: "The pilot was cancelled by their board last week.") { fit { id tier overridden } }
  }
`);
const upsertReturningFits = graphql(`
  mutation UpsertAccountsReturningFits($a: [AccountInput!]!) {
    upsertAccounts(accounts: $a) { updated fits { id account { externalId } segment { key } } }
  }
`);
const knownAttributeList = graphql(`
  query KnownAttributeList {
    account(externalId: "known") {
      attributes attributeList { key type value numberValue stringValue stringListValue booleanValue dateValue }
    }
  }
`);
const otherVersionStatuses = graphql(`
  query OtherVersionStatuses { segment(key: "other") { versions { id status } } }
`);
const otherMetricDeltas = graphql(`
  query OtherMetricDeltas { conversionComparison(segmentKey: "other") { deltas { metric kind } } }
`);

beforeAll(async () => {
  t = await startTestApp();
  viewer = await t.keyFor('VIEWER');
  manager = await t.keyFor('SALES_MANAGER');
  await t.data(createSegment, { input: { key: 'all', name: 'Everyone' } });
  await t.data(createSegment, { input: { key: 'other', name: 'Everyone again' } });
  await t.data(upsertAccounts, {
    accounts: [
      ...generateAccounts(120, { seed: 5 }),
      {
        externalId: 'known',
        name: 'Known Inc',
        attributes: { annualRevenue: 50_000_000, industry: 'retail', employees: 524, techStack: ['aws'] },
      },
    ],
  });
  for (const key of ['all', 'other']) {
    const draft = (await t.data(createDraft, { segmentKey: key, definition: seedDefinition() })).createDraft;
    await t.data(publishVersion, { id: draft.id });
  }
  // Overridden fits are merged into the ranking apart from the index: page across them too.
  const ranked: FitNode[] = (await fitsOf({ first: 121 })).edges.map((e) => e.node);
  for (const [i, tier] of [
    [10, 'WEAK'],
    [60, 'PERFECT'],
    [100, 'STRONG'],
  ] as const) {
    await t.data(
      overrideFit,
      {
        input: { accountId: ranked[i].account.id, segmentKey: 'all', tier, justification: WHY, category: 'STRATEGIC_ACCOUNT' },
      },
      { key: manager },
    );
  }
  await t.data(recordOpportunities, {
    o: [{ externalId: 'opp-1', accountExternalId: 'known', createdAt: '2026-10-01T00:00:00Z', outcome: 'OPEN', amount: 1000 }],
  });
});
afterAll(() => t.close());

describe('backward pagination on fits', () => {
  it('pages back from the end with last/before through the same ranking as forward paging', async () => {
    const all: FitNode[] = (await fitsOf({ first: 500 })).edges.map((e) => e.node);
    expect(all).toHaveLength(121);
    const collected: FitNode[] = [];
    let before: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await fitsOf({ last: 25, before });
      pages++;
      const nodes: FitNode[] = page.edges.map((e) => e.node);
      collected.unshift(...nodes);
      expect(page.nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(pages).toBe(5); // 121 = 4 x 25 + 21
    expect(collected.map((n) => n.id)).toEqual(all.map((n) => n.id));
  });

  it('meets forward paging in the middle: the page before a cursor ends where the page after it begins', async () => {
    const all: FitNode[] = (await fitsOf({ first: 500 })).edges.map((e) => e.node);
    const forward = await fitsOf({ first: 50 });
    expect(forward.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await fitsOf({ first: 10, after: forward.pageInfo.endCursor });
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const back = await fitsOf({ last: 10, before: second.pageInfo.startCursor });
    expect(back.edges.map((e) => e.node.id)).toEqual(all.slice(40, 50).map((n) => n.id));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('refuses cursors of other lists or arguments, and sizes out of range', async () => {
    const page = await fitsOf({ first: 5 });
    const cursor = page.pageInfo.endCursor;
    expect(expectError(await t.gql(fitsPage, { segmentKey: 'other', after: cursor }), 'BAD_USER_INPUT').extensions?.field).toBe('after');
    expect(
      expectError(await t.gql(fitsPage, { segmentKey: 'all', filter: { tiers: ['WEAK'] }, after: cursor }), 'BAD_USER_INPUT').extensions
        ?.field,
    ).toBe('after');
    expect(expectError(await t.gql(fitsPage, { segmentKey: 'other', last: 3, before: cursor }), 'BAD_USER_INPUT').extensions?.field).toBe(
      'before',
    );
    expect(expectError(await t.gql(fitsPage, { segmentKey: 'other', first: 3, before: cursor }), 'BAD_USER_INPUT').extensions?.field).toBe(
      'before',
    );
    expect(
      expectError(await t.gql(fitsPage, { segmentKey: 'all', after: cursor, last: 3, before: 'bm90IGEgY3Vyc29y' }), 'BAD_USER_INPUT')
        .extensions?.field,
    ).toBe('before');
    expect(expectError(await t.gql(fitsPage, { segmentKey: 'all', last: 501 }), 'BAD_USER_INPUT').extensions?.field).toBe('last');
    const accounts = await t.data(accountsEndCursor);
    expectError(await t.gql(fitsPage, { segmentKey: 'all', after: accounts.accounts.pageInfo.endCursor }), 'BAD_USER_INPUT');
    // The same list and arguments accept it, written differently (filter keys in another order).
    const filtered = await fitsOf({ filter: { minScore: 0, tiers: ['WEAK', 'MODERATE'] }, first: 2 });
    expect(
      (
        await t.gql(fitsPage, {
          segmentKey: 'all',
          filter: { tiers: ['WEAK', 'MODERATE'], minScore: 0 },
          after: filtered.pageInfo.endCursor,
        })
      ).errors,
    ).toBeUndefined();
  });
});

/** A connection read between two cursors: the nodes' ids and where the page stands. */
type WindowPage = {
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
};
type PageVars = { first?: number; after?: string; last?: number; before?: string };

/**
 * Every combination of after/before with first or last, worked out on the whole list read in one
 * page: the window is the rows strictly between the cursors, `first` takes its head and `last` its
 * tail (Relay's algorithm); a side goes on when rows of the window were left out there or its
 * cursor was given.
 */
async function checkWindows(whole: WindowPage, read: (vars: PageVars) => Promise<WindowPage>, marks: number[]): Promise<number> {
  const ids = whole.edges.map((e) => e.node.id);
  const cursorAt = (i: number) => whole.edges[i].cursor;
  let checked = 0;
  for (const a of [-1, ...marks]) {
    for (const b of [...marks, ids.length]) {
      for (const [size, backward] of [
        [3, false],
        [3, true],
        [500, false],
      ] as const) {
        const vars: PageVars = backward ? { last: size } : { first: size };
        if (a >= 0) vars.after = cursorAt(a);
        if (b < ids.length) vars.before = cursorAt(b);
        const window = ids.slice(a + 1, Math.max(a + 1, b));
        const expected = backward ? window.slice(-size) : window.slice(0, size);
        const left = window.length - expected.length;
        const page = await read(vars);
        const label = JSON.stringify({ a, b, size, backward });
        expect([label, page.edges.map((e) => e.node.id)]).toEqual([label, expected]);
        expect([label, page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage]).toEqual([
          label,
          backward ? left > 0 || a >= 0 : a >= 0,
          backward ? b < ids.length : left > 0 || b < ids.length,
        ]);
        if (expected.length) {
          expect(page.pageInfo.startCursor).toBe(cursorAt(ids.indexOf(expected[0])));
          expect(page.pageInfo.endCursor).toBe(cursorAt(ids.indexOf(expected.at(-1)!)));
        }
        checked++;
      }
    }
  }
  return checked;
}

describe('after and before together, with first or last', () => {
  it('reads the window between the cursors on fits, across the overridden fits merged into the ranking', async () => {
    const whole = await fitsOf({ first: 500 });
    expect(whole.edges).toHaveLength(121);
    // Around the overridden ranks (10, 60, 100 before their overrides moved them), the ends, and a crossing (b <= a).
    const checked = await checkWindows(
      { edges: whole.edges.map((e) => ({ cursor: e.cursor, node: e.node })), pageInfo: whole.pageInfo },
      async (vars) => {
        const page = await fitsOf(vars);
        return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: e.node })), pageInfo: page.pageInfo };
      },
      [0, 9, 11, 58, 61, 99, 102, 119],
    );
    expect(checked).toBe(9 * 9 * 3);
  });

  it('counts a backward page by its size in the query cost: last wins over the default first', async () => {
    const pages = (args: string) =>
      `{ ${Array.from({ length: 25 }, (_, i) => `e${i}: auditEvents(${args}) { edges { node { id sequence actor action entityType hash } } }`).join(' ')} }`;
    const forward = expectError(await t.raw(pages('first: 500')), 'QUERY_TOO_COMPLEX');
    const backward = expectError(await t.raw(pages('last: 500')), 'QUERY_TOO_COMPLEX');
    expect(backward.extensions?.cost).toBe(forward.extensions?.cost);
    expect((await t.raw(pages('last: 20'))).errors).toBeUndefined();
  });

  it('reads the window between the cursors on accounts', async () => {
    const whole = (await t.data(accountsWindow, { first: 500 })).accounts;
    expect(whole.edges).toHaveLength(121);
    const checked = await checkWindows(whole, async (vars) => (await t.data(accountsWindow, vars)).accounts, [0, 1, 50, 118, 119]);
    expect(checked).toBe(6 * 6 * 3);
  });

  it('reads the window between the cursors on overrides (newest first, ties on the instant broken by id)', async () => {
    const whole = (await t.data(overridesWindow, { first: 500 })).overrides;
    expect(whole.edges.length).toBeGreaterThanOrEqual(3);
    const marks = whole.edges.map((_, i) => i);
    const checked = await checkWindows(whole, async (vars) => (await t.data(overridesWindow, vars)).overrides, marks);
    expect(checked).toBe((marks.length + 1) ** 2 * 3);
  });
});

describe('backward pagination on the other connections', () => {
  // A null cursor is left out of the variables, as it was left out of the query.
  it.each<[string, () => Promise<{ nodes: Array<{ id: string }> }>, (last: number, before?: string) => Promise<BackwardPage>]>([
    [
      'accounts',
      async () => (await t.data(allAccountIds)).accounts,
      async (last, before) => (await t.data(accountIdsBackward, { last, before })).accounts,
    ],
    // Reading the trail is itself recorded (audit.read): page a part of it that reads do not grow.
    [
      'auditEvents',
      async () => (await t.data(allOverrideEventIds)).auditEvents,
      async (last, before) => (await t.data(overrideEventIdsBackward, { last, before })).auditEvents,
    ],
    [
      'overrides',
      async () => (await t.data(allOverrideIds)).overrides,
      async (last, before) => (await t.data(overrideIdsBackward, { last, before })).overrides,
    ],
  ])('%s pages backward to the same list', async (_field, forward, backward) => {
    const all: string[] = (await forward()).nodes.map((n) => n.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const collected: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: BackwardPage = await backward(2, before ?? undefined);
      collected.unshift(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor ?? null;
    }
    expect(collected).toEqual(all);
  });
});

describe('node and nodes', () => {
  it('round-trips every type with an id', async () => {
    const data = await t.data(idsOfEveryType);
    const account = data.account!;
    const segment = data.segment!;
    const expected: Array<[string, string, Record<string, unknown>]> = [
      ['Account', account.id, { externalId: 'known' }],
      ['Segment', segment.id, { key: 'all' }],
      ['IcpVersion', segment.liveVersion!.id, { number: 1 }],
      ['Opportunity', account.opportunities[0].id, { externalId: 'opp-1' }],
      ['ApiKey', data.apiKeys[0].id, { name: data.apiKeys[0].name }],
      ['Override', data.overrides.nodes[0].id, { tier: data.overrides.nodes[0].tier }],
      ['Fit', account.fit!.id, { score: account.fit!.score, account: { externalId: 'known' }, segment: { key: 'all' } }],
    ];
    for (const [typename, id, fields] of expected) {
      expect((await t.data(nodeById, { id })).node).toEqual({ __typename: typename, id, ...fields });
    }
    const many = await t.data(nodesTypenames, {
      ids: [...expected.map((e) => e[1]), 'nope', '00000000-0000-4000-8000-000000000000'],
    });
    expect(many.nodes).toEqual([...expected.map(([__typename, id]) => ({ __typename, id })), null, null]);
  });

  it('gives a fit one id per account, segment and version, the same through every path', async () => {
    const account = (await t.data(knownFitIds)).account!;
    const ids = account.fits.map((f) => f.id);
    expect(new Set(ids).size).toBe(2);
    expect(ids).toContain(account.fit!.id);
    const ranked = await fitsOf({ first: 500 });
    expect(ranked.edges.map((e) => e.node.id)).toContain(account.fits.find((f) => f.segment.key === 'all')!.id);
  });

  it('answers null for a type the role may not read', async () => {
    const data = await t.data(idsOfGuardedTypes);
    const ids = [data.apiKeys[0].id, data.overrides.nodes[0].id, data.segment!.id];
    const read = async (key: string) => (await t.data(nodesIds, { ids }, { key })).nodes;
    expect(await read(viewer)).toEqual([null, null, { id: data.segment!.id }]);
    expect(await read(manager)).toEqual([null, { id: data.overrides.nodes[0].id }, { id: data.segment!.id }]);
  });

  it('answers null for a fit under a version no longer live', async () => {
    const before = (await t.data(knownOtherFitId)).account!.fit!.id;
    const draft = (
      await t.data(createDraft, {
        segmentKey: 'other',
        definition: { ...seedDefinition(), thresholds: { perfect: 85, strong: 60, moderate: 40 } },
      })
    ).createDraft;
    await t.data(publishVersion, { id: draft.id });
    expect((await t.data(nodeId, { id: before })).node).toBeNull();
    const after = (await t.data(knownOtherFitId)).account!.fit!.id;
    expect(after).not.toBe(before);
    expect((await t.data(nodeId, { id: after })).node).toEqual({ id: after });
  });
});

describe('explanations in words', () => {
  it('gives each criterion the account value and a sentence', async () => {
    const data = await t.data(criteriaInWords);
    const criteria = data.account!.fit!.computed.dimensions.flatMap((d) => d.criteria);
    const by = (a: string) => criteria.find((c) => c.attribute === a)!;
    expect(by('employees')).toMatchObject({ value: 524, matched: true, explanation: 'employees 524: at least 50, met' });
    expect(by('industry')).toMatchObject({ value: 'retail', matched: false, explanation: 'industry retail: needs one of saas, fintech' });
    expect(by('annualRevenue').explanation).toBe('annualRevenue 50,000,000: between 10,000,000 and 1,000,000,000, met');
    expect(by('demoRequested')).toMatchObject({
      value: null,
      missing: true,
      explanation: 'demoRequested has no value: needs exactly true',
    });
    const preview = await t.data(previewInWords, { v: (await t.data(allLiveVersionId)).segment!.liveVersion!.id });
    const employees = preview.previewScore.dimensions.flatMap((d) => d.criteria).find((c) => c.attribute === 'employees');
    expect(employees).toEqual({ attribute: 'employees', value: 12, explanation: 'employees 12: needs at least 50' });
  });
});

describe('me', () => {
  it('lists what the key may use, by the authorisation table', async () => {
    const mine = async (key: string) => (await t.data(rolePermissions, {}, { key })).me;
    const v = await mine(viewer);
    expect(v.role).toBe('VIEWER');
    expect(v.permissions).toEqual(expect.arrayContaining(['Query.fits', 'Query.node', 'Fit.override', 'Principal.permissions']));
    for (const refused of ['Query.apiKeys', 'Query.exceptions', 'Account.overrides', 'Mutation.overrideFit', 'Mutation.publishVersion']) {
      expect(v.permissions).not.toContain(refused);
    }
    const m = await mine(manager);
    expect(m.permissions).toEqual(expect.arrayContaining(['Mutation.overrideFit', 'Account.overrides', 'Query.exceptions']));
    expect(m.permissions).not.toContain('Mutation.publishVersion');
    // A listed field is one the role may use: a VIEWER query naming only listed fields runs.
    expect((await t.gql(segmentsLiveNumbers, {}, { key: viewer })).errors).toBeUndefined();
  });
});

describe('roles a client can see', () => {
  it('refuses a query naming forbidden fields with every one of them and its path', async () => {
    const res = await t.gql(dashboard, {}, { key: viewer });
    expect(res.status).toBe(403);
    expect(res.data).toBeUndefined();
    const error = expectError(res, 'FORBIDDEN');
    expect(error.extensions?.issues).toEqual([
      { path: 'report', message: 'Query.exceptions: only REVOPS, SALES_MANAGER, AUDITOR, ADMIN' },
      { path: 'report.exceptions.account.overrides', message: 'Account.overrides: only REVOPS, SALES_MANAGER, AUDITOR, ADMIN' },
      { path: 'apiKeys', message: 'Query.apiKeys: only ADMIN' },
    ]);
    expect(error.extensions?.field).toBe('report');
    expect(error.message).toBe(
      'Role VIEWER may not use report (Query.exceptions), report.exceptions.account.overrides (Account.overrides), apiKeys (Query.apiKeys)',
    );
  });
});

describe('connections for lists that grow', () => {
  it('pages versions, opportunities, score history and exceptions like the lists they mirror', async () => {
    const data = await t.data(knownConnections);
    const account = data.account!;
    const segment = data.segment!;
    expect(account.opportunitiesConnection).toEqual({
      totalCount: 1,
      nodes: account.opportunities,
      pageInfo: { hasNextPage: false },
    });
    const history = account.scoreHistory;
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(account.historyBack.totalCount).toBe(history.length);
    expect(account.historyBack.nodes).toEqual([history.at(-1)]);
    expect(account.historyBack.pageInfo.hasPreviousPage).toBe(true);
    const versions = segment.versions.map((v) => v.number);
    expect(segment.versionsConnection.nodes).toEqual([{ number: versions.at(-1) }]);
    const earlier = await t.data(otherVersionsBefore, { b: segment.versionsConnection.pageInfo.startCursor });
    expect(earlier.segment!.versionsConnection.nodes.map((v) => v.number)).toEqual(versions.slice(0, -1));
    // A version cursor of one segment is refused by another.
    expectError(await t.gql(allVersionsBefore, { b: segment.versionsConnection.pageInfo.startCursor }), 'BAD_USER_INPUT');
    const report = await t.data(exceptionsConnection);
    expect(report.exceptions.exceptions.length).toBeGreaterThan(0);
    expect(report.exceptions.exceptionsConnection.totalCount).toBe(report.exceptions.exceptions.length);
    expect(report.exceptions.exceptionsConnection.edges.map((e) => e.node)).toEqual(report.exceptions.exceptions.slice(0, 2));
  });
});

describe('mutations return the fits they change', () => {
  it('gives the fit after overrideFit and revokeOverride, and the fits of an upserted batch', async () => {
    const known = (await t.data(knownOtherFit)).account!;
    const knownFit = known.fit!;
    const tier = knownFit.tier === 'PERFECT' ? 'WEAK' : 'PERFECT';
    const made = (
      await t.data(
        overrideReturningFit,
        {
          input: { accountId: known.id, segmentKey: 'other', tier, justification: WHY, category: 'STRATEGIC_ACCOUNT' },
        },
        { key: manager },
      )
    ).overrideFit;
    expect(made.fit).toEqual({ id: knownFit.id, tier, overridden: true });
    const revoked = (await t.data(revokeReturningFit, { id: made.id }, { key: manager })).revokeOverride;
    expect(revoked.fit).toEqual({ id: knownFit.id, tier: knownFit.computed.tier, overridden: false });
    const upserted = await t.data(upsertReturningFits, {
      a: [{ externalId: 'known', name: 'Known Inc', attributes: { employees: 2000 } }],
    });
    expect(upserted.upsertAccounts.updated).toBe(1);
    expect(upserted.upsertAccounts.fits.map((f) => f.segment.key).sort()).toEqual(['all', 'other']);
    expect(upserted.upsertAccounts.fits.map((f) => f.id)).toContain(knownFit.id);
  });
});

describe('typed values', () => {
  it('lists an account attributes by key with their catalogue type', async () => {
    const account = (await t.data(knownAttributeList)).account!;
    const list = account.attributeList;
    expect(list.map((a) => a.key)).toEqual(Object.keys(account.attributes).sort());
    expect(list.find((a) => a.key === 'employees')).toEqual({
      key: 'employees',
      type: 'NUMBER',
      value: 2000,
      numberValue: 2000,
      stringValue: null,
      stringListValue: null,
      booleanValue: null,
      dateValue: null,
    });
    expect(list.find((a) => a.key === 'techStack')).toMatchObject({
      type: 'STRING_LIST',
      stringListValue: ['aws'],
      numberValue: null,
    });
    expect(list.find((a) => a.key === 'industry')).toMatchObject({ type: 'STRING', stringValue: 'retail' });
  });
});

// Raw text: these tests send GET requests, whose query is the URL's text.
describe('HTTP for browser clients', () => {
  const get = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    fetch(`${t.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`, {
      headers: { authorization: `Bearer ${viewer}`, ...headers },
    });

  it('answers GET queries carrying either header Apollo accepts against cross-site requests', async () => {
    for (const headers of [{ 'apollo-require-preflight': 'true' }, { 'x-apollo-operation-name': 'Me' }] as Array<Record<string, string>>) {
      const res = await get('query Me { me { role } }', {}, headers);
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { data: { me: { role: 'VIEWER' } } } });
    }
    expect((await get('{ me { role } }', {}, {})).status).toBe(400);
  });

  it('lets clients cache what cannot change: a published version and its definition, a diff of published versions', async () => {
    const versions = (await t.data(otherVersionStatuses)).segment!.versions;
    const superseded = versions.find((v) => v.status === 'SUPERSEDED')!.id;
    const live = versions.find((v) => v.status === 'PUBLISHED')!.id;
    const draft = (await t.data(createDraft, { segmentKey: 'other' })).createDraft.id;
    const VERSION =
      'query($id: ID!) { icpVersion(id: $id) { number contentHash definition { dimensions { weight criteria { attribute operator min } } thresholds { perfect } } } }';
    const cacheControl = async (query: string, variables: Record<string, unknown>) => {
      const res = await get(query, variables, { 'apollo-require-preflight': 'true' });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      return res.headers.get('cache-control');
    };
    expect(await cacheControl(VERSION, { id: live })).toBe('max-age=3600, private');
    expect(await cacheControl(VERSION, { id: superseded })).toBe('max-age=3600, private');
    expect(await cacheControl(VERSION, { id: draft })).toBe('no-store');
    // A live version will be superseded: its status may change, a superseded one's may not.
    expect(await cacheControl('query($id: ID!) { icpVersion(id: $id) { status supersededAt } }', { id: live })).toBe('no-store');
    expect(await cacheControl('query($id: ID!) { icpVersion(id: $id) { status supersededAt } }', { id: superseded })).toBe(
      'max-age=3600, private',
    );
    // Anything else in the query decides too: a segment changes.
    expect(await cacheControl('query($id: ID!) { icpVersion(id: $id) { number segment { key } } }', { id: live })).toBe('no-store');
    const DIFF =
      'query($a: ID!, $b: ID!) { versionDiff(fromId: $a, toId: $b) { from { number } to { number } changes { path kind before after } } }';
    expect(await cacheControl(DIFF, { a: superseded, b: live })).toBe('max-age=3600, private');
    expect(await cacheControl(DIFF, { a: live, b: draft })).toBe('no-store');
    expect(await cacheControl('{ segments { key } }', {})).toBe('no-store');
  });
});

describe('metric deltas', () => {
  it('name their metric as an enum beside the string', async () => {
    const data = await t.data(otherMetricDeltas);
    expect(data.conversionComparison.deltas).toEqual([
      { metric: 'leadToOpportunityRate', kind: 'LEAD_TO_OPPORTUNITY_RATE' },
      { metric: 'winRate', kind: 'WIN_RATE' },
      { metric: 'medianSalesCycleDays', kind: 'MEDIAN_SALES_CYCLE_DAYS' },
      { metric: 'averageDealSize', kind: 'AVERAGE_DEAL_SIZE' },
      { metric: 'revenue', kind: 'REVENUE' },
    ]);
  });
});

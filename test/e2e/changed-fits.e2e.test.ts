/**
 * publishVersion returns the fits it changed (PublishResult.changedFits), so a normalising client
 * cache gets every Fit whose tier moved, by id, paged like `fits`. Tiers worked out by hand.
 *
 * One dimension of weight 100: employees at least N (3 points), industry saas (1 point); a score
 * is 100 x points earned / 4 and thresholds are 80/60/40.
 *   v1 (N = 100)                      v2 (N = 500)
 *   a   50 saas     25 WEAK            25 WEAK
 *   b  200 saas    100 PERFECT         25 WEAK     changed
 *   c  300 retail   75 STRONG           0 WEAK     changed
 *   d  600 retail   75 STRONG          75 STRONG
 *   e 1000 saas    100 PERFECT        100 PERFECT
 *   f  250 saas    100 PERFECT         25 WEAK     overridden to STRONG before v2: kept its tier
 *   g  400 fintech  75 STRONG           0 WEAK     changed
 */
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';
import { graphql } from '../gql';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { createDraft, createSegment } from '../operations/registry';

let t: TestApp;
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';

const publishReturningChangedFits = graphql(`
  mutation PublishReturningChangedFits($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    publishVersion(id: $id) {
      version { id number }
      superseded { number }
      changedFits(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { id score tier overridden account { externalId } version { number } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`);
const sizedJobs = graphql(`
  query SizedJobs { publishJobs(segmentKey: "sized", first: 2) { id version { number } } }
`);
const changedFitsOfJob = graphql(`
  query ChangedFitsOfJob($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    publishJob(id: $id) {
      result {
        changedFits(first: $first, after: $after, last: $last, before: $before) {
          totalCount
          edges { cursor node { id score tier account { externalId } } }
          pageInfo { hasNextPage hasPreviousPage }
        }
      }
    }
  }
`);
const sizedFits = graphql(`
  query SizedFits($after: String) {
    fits(segmentKey: "sized", first: 50, after: $after) { edges { node { id score tier account { externalId } } } }
  }
`);
const sizedAccountIds = graphql(`
  query SizedAccountIds { accounts(first: 50) { nodes { id externalId } } }
`);
const fitNode = graphql(`
  query FitNode($id: ID!) { node(id: $id) { id ... on Fit { tier score account { externalId } } } }
`);

function definition(minEmployees: number): IcpDefinitionSpec {
  return {
    dimensions: [
      {
        dimension: 'FIRMOGRAPHICS',
        weight: 100,
        criteria: [
          { attribute: 'employees', operator: 'GTE', value: minEmployees, points: 3 },
          { attribute: 'industry', operator: 'IN', values: ['saas'], points: 1 },
        ],
      },
    ],
    disqualifiers: [],
    thresholds: { perfect: 80, strong: 60, moderate: 40 },
    actions: [],
  };
}

const ACCOUNTS: Array<[string, number, string]> = [
  ['a', 50, 'saas'],
  ['b', 200, 'saas'],
  ['c', 300, 'retail'],
  ['d', 600, 'retail'],
  ['e', 1000, 'saas'],
  ['f', 250, 'saas'],
  ['g', 400, 'fintech'],
];
/** Account ids by external id, and the order of ids (the ranking's tie-break). */
const idOf = new Map<string, string>();
const byId = (x: string, y: string) => (idOf.get(x)! < idOf.get(y)! ? -1 : 1);

let v2Result: Awaited<ReturnType<typeof publish>>;
let v1Changed: Awaited<ReturnType<typeof publish>>['changedFits'];

async function publish(id: string, vars: { first?: number; after?: string; last?: number; before?: string } = {}) {
  return (await t.data(publishReturningChangedFits, { id, ...vars })).publishVersion;
}

beforeAll(async () => {
  t = await startTestApp();
  await t.data(createSegment, { input: { key: 'sized', name: 'Sized' } });
  await t.data(upsertAccounts, {
    accounts: ACCOUNTS.map(([externalId, employees, industry]) => ({ externalId, name: externalId, attributes: { employees, industry } })),
  });
  for (const a of (await t.data(sizedAccountIds)).accounts.nodes) idOf.set(a.externalId, a.id);
  expect(idOf.size).toBe(7);
  const v1 = (await t.data(createDraft, { segmentKey: 'sized', definition: definition(100) })).createDraft;
  const published = await publish(v1.id);
  expect(published.superseded).toBeNull();
  v1Changed = published.changedFits;
  await t.data(
    overrideFit,
    { input: { accountId: idOf.get('f')!, segmentKey: 'sized', tier: 'STRONG', justification: WHY, category: 'STRATEGIC_ACCOUNT' } },
    { key: await t.keyFor('SALES_MANAGER') },
  );
  const v2 = (await t.data(createDraft, { segmentKey: 'sized', definition: definition(500) })).createDraft;
  v2Result = await publish(v2.id);
});
afterAll(() => t.close());

describe('PublishResult.changedFits', () => {
  it('gives every fit on a first publish, ranked like fits', () => {
    // 100: b, e, f; 75: c, d, g; 25: a (equal scores by account id).
    const expected = [...['b', 'e', 'f'].sort(byId), ...['c', 'd', 'g'].sort(byId), 'a'];
    const tiers: Record<string, [number, string]> = {
      a: [25, 'WEAK'],
      b: [100, 'PERFECT'],
      c: [75, 'STRONG'],
      d: [75, 'STRONG'],
      e: [100, 'PERFECT'],
      f: [100, 'PERFECT'],
      g: [75, 'STRONG'],
    };
    expect(v1Changed.totalCount).toBe(7);
    expect(v1Changed.edges.map((e) => [e.node.account.externalId, e.node.score, e.node.tier])).toEqual(
      expected.map((x) => [x, ...tiers[x]]),
    );
    expect(v1Changed.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('gives the fits whose effective tier moved, with the ids fits and node give them', async () => {
    const result = v2Result;
    expect(result.version.number).toBe(2);
    expect(result.superseded).toEqual({ number: 1 });
    const changed = result.changedFits;
    // b 25, then c and g at 0 (by account id); f kept its override's tier, a, d and e their own.
    const expected = ['b', ...['c', 'g'].sort(byId)];
    expect(changed.totalCount).toBe(3);
    expect(changed.edges.map((e) => [e.node.account.externalId, e.node.score, e.node.tier, e.node.overridden])).toEqual(
      expected.map((x) => [x, x === 'b' ? 25 : 0, 'WEAK', false]),
    );
    expect(changed.edges.every((e) => e.node.version.number === 2)).toBe(true);

    // A normalising cache finds them under the ids every other path gives.
    const fits = (await t.data(sizedFits)).fits.edges.map((e) => e.node);
    expect(fits).toHaveLength(7);
    for (const edge of changed.edges) {
      const { id, score, tier, account } = edge.node;
      expect(fits.find((f) => f.account.externalId === account.externalId)).toEqual({ id, score, tier, account });
      expect((await t.data(fitNode, { id })).node).toEqual({ id, score, tier, account });
    }
  });

  // Few tiers moved here: pages read both versions at once; the walk along the ranking is forced too.
  it.each([
    ['reading both versions at once', 200],
    ['walking the ranking', 0],
  ])('pages like every connection, with cursors of its own (%s)', async (_plan, sparseBelow) => {
    t.services.fits.changedFitsSparseBelow = sparseBelow;
    const jobIds = (await t.data(sizedJobs)).publishJobs;
    const [v1Job, v2Job] = [1, 2].map((n) => jobIds.find((j) => j.version.number === n)!.id);
    const jobs = async (vars: { first?: number; after?: string; last?: number; before?: string }) =>
      (await t.data(changedFitsOfJob, { id: v2Job, ...vars })).publishJob!.result!.changedFits;
    const all = (await jobs({ first: 50 })).edges;
    const names = all.map((e) => e.node.account.externalId);
    expect(names).toEqual(['b', ...['c', 'g'].sort(byId)]);

    const first = await jobs({ first: 1 });
    expect(first.edges.map((e) => e.node.account.externalId)).toEqual(names.slice(0, 1));
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    const rest = await jobs({ first: 5, after: first.edges[0].cursor });
    expect(rest.edges.map((e) => e.node.account.externalId)).toEqual(names.slice(1));
    expect(rest.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const last = await jobs({ last: 1 });
    expect(last.edges.map((e) => e.node.account.externalId)).toEqual(names.slice(2));
    expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const between = await jobs({ after: all[0].cursor, before: all[2].cursor, last: 5 });
    expect(between.edges.map((e) => e.node.account.externalId)).toEqual(names.slice(1, 2));
    expect(between.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });

    // Its cursors are its own: fits refuses them, and so does another publish's list.
    expectError(await t.gql(sizedFits, { after: all[0].cursor }), 'BAD_USER_INPUT');
    const otherPublish = expectError(await t.gql(changedFitsOfJob, { id: v1Job, after: all[0].cursor }), 'BAD_USER_INPUT');
    expect(otherPublish.extensions?.field).toBe('after');
  });

  it('reads an earlier publish as its fits stand now: an account overridden since is left out', async () => {
    const v1Job = (await t.data(sizedJobs)).publishJobs.find((j) => j.version.number === 1)!.id;
    const v1 = (await t.data(changedFitsOfJob, { id: v1Job, first: 50 })).publishJob!.result!.changedFits;
    const expected = [...['b', 'e'].sort(byId), ...['c', 'd', 'g'].sort(byId), 'a'];
    expect(v1.totalCount).toBe(6);
    expect(v1.edges.map((e) => e.node.account.externalId)).toEqual(expected);
  });
});

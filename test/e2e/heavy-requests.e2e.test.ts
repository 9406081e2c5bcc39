/**
 * No key can starve the others: reports cost what they really cost, and heavy requests are
 * bounded per key and in total, so one key flooding reports leaves other keys served.
 */
import type { QueryRunner } from 'typeorm';
import { graphql } from '../gql';
import type { CoreTierDashboardQuery } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type GqlResponse, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
const coreDashboard = graphql(`
  query CoreTierDashboard { tierDashboard(segmentKey: "core") { version { number } tiers { tier accounts } } }
`);
const missingDashboard = graphql(`
  query MissingTierDashboard { tierDashboard(segmentKey: "missing") { tiers { tier } } }
`);
const typename = graphql(`
  query QueryTypename { __typename }
`);
// Raw text: n aliases of one field in one operation, the shape whose cost is the point.
const aliased = (field: string, n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: ${field}`).join(' ')} }`;

beforeAll(async () => {
  t = await startTestApp({ config: { maxHeavyPerKey: 2, maxHeavyTotal: 3 } });
  await t.data(createSegment, {
    input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(upsertAccounts, {
    accounts: [
      { externalId: 'a1', name: 'A1', attributes: { industry: 'saas' } },
      { externalId: 'a2', name: 'A2', attributes: { industry: 'retail' } },
    ],
  });
  const draft = (await t.data(createDraft, { segmentKey: 'core', definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: draft.id });
});
afterAll(() => t.close());

describe('report costs', () => {
  it('counts reports at their real cost: 30 aliased comparisons, backtests or integrity checks are refused before running', async () => {
    const viewer = await t.keyFor('VIEWER', 'cost-viewer');
    const comparison = 'conversionComparison(segmentKey: "core") { deltas { metric } }';
    for (const [field, key] of [
      [comparison, viewer],
      ['backtest(versionId: "00000000-0000-0000-0000-000000000000") { auc }', t.adminKey],
      ['auditIntegrity { ok }', t.adminKey],
      ['tierDashboard(segmentKey: "core") { tiers { accounts } }', viewer],
      ['exceptions(segmentKey: "core") { shareOfPipeline }', t.adminKey],
    ] as const) {
      const error = expectError(await t.raw(aliased(field, 30), {}, { key }), 'QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/^Query cost \d+ exceeds the limit of 100000/);
      expect(Number(error.extensions?.cost)).toBeGreaterThanOrEqual(30 * 20_000);
    }
    // Three comparisons fit (3 x 30,000 plus their fields); a fourth does not.
    expect(expectError(await t.raw(aliased(comparison, 4), {}, { key: viewer }), 'QUERY_TOO_COMPLEX').extensions?.cost).toBeGreaterThan(
      100_000,
    );
    const three = await t.raw(aliased(comparison, 3), {}, { key: viewer });
    expect(three.errors?.some((e) => e.message.startsWith('Query cost'))).toBeFalsy();
  });
});

describe('concurrent heavy requests', () => {
  let lock: QueryRunner;

  /** Blocks every report on the score table until released, so admitted reports stay running. */
  async function holdScores(): Promise<void> {
    lock = t.ds.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE account_score IN ACCESS EXCLUSIVE MODE');
  }
  async function releaseScores(): Promise<void> {
    await lock.commitTransaction();
    await lock.release();
  }
  async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  // Asked outside the lock's transaction: inside one, pg_stat_activity is a snapshot taken at its start.
  const waitingOnLock = async () =>
    Number(
      (await t.sql(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n,
    );

  /** Sends a request and records when it settles. */
  function tracked(p: Promise<GqlResponse<CoreTierDashboardQuery>>) {
    const entry: { settled?: GqlResponse<CoreTierDashboardQuery>; promise: Promise<GqlResponse<CoreTierDashboardQuery>> } = { promise: p };
    p.then(
      (r) => (entry.settled = r),
      () => undefined,
    );
    return entry;
  }

  afterEach(async () => {
    if (lock && !lock.isReleased) await releaseScores();
  });

  it("one key's flood of reports is refused beyond its share, and another key's requests are served meanwhile", async () => {
    const flooder = await t.keyFor('VIEWER', 'flooder');
    const other = await t.keyFor('VIEWER', 'other-viewer');
    const third = await t.keyFor('VIEWER', 'third-viewer');
    const fourth = await t.keyFor('VIEWER', 'fourth-viewer');
    await holdScores();

    const flood = Array.from({ length: 8 }, () => tracked(t.gql(coreDashboard, {}, { key: flooder })));
    // Two are admitted (the per-key bound) and wait on the lock; the six others are refused at once.
    await until('two admitted reports to wait on the lock', async () => (await waitingOnLock()) >= 2);
    await until('the excess to be refused', () => flood.filter((f) => f.settled).length >= 6);
    const refused = flood.filter((f) => f.settled).map((f) => f.settled!);
    expect(refused).toHaveLength(6);
    for (const res of refused) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      const error = expectError(res, 'TOO_MANY_REQUESTS');
      expect(error.extensions).toMatchObject({ limit: 'PER_KEY', retryAfterSeconds: 2 });
      expect(error.message).toMatch(/at most 2 at once/);
    }

    // Another key is served while the flooder's reports run: plain requests and a report of its own.
    const plain = await Promise.all(Array.from({ length: 20 }, () => t.gql(typename, {}, { key: other })));
    for (const res of plain) expect(res).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    const waitingBefore = await waitingOnLock();
    const thirdReport = tracked(t.gql(coreDashboard, {}, { key: third }));
    await until("the third key's report to wait on the lock", async () => (await waitingOnLock()) > waitingBefore);
    expect(thirdReport.settled).toBeUndefined();

    // The server-wide bound (3 in this test) now refuses a fourth key's report.
    const total = await t.gql(coreDashboard, {}, { key: fourth });
    expect(total.status).toBe(429);
    expect(expectError(total, 'TOO_MANY_REQUESTS').extensions).toMatchObject({ limit: 'TOTAL', retryAfterSeconds: 2 });

    await releaseScores();
    const admitted = await Promise.all([...flood.filter((f) => !refused.includes(f.settled!)).map((f) => f.promise), thirdReport.promise]);
    expect(admitted).toHaveLength(3);
    for (const res of admitted) {
      expect(res.errors).toBeUndefined();
      expect(res.data?.tierDashboard.version).toEqual({ number: 1 });
    }
    // Slots are given back: the flooder and the fourth key run reports again.
    expect((await t.gql(coreDashboard, {}, { key: flooder })).errors).toBeUndefined();
    expect((await t.gql(coreDashboard, {}, { key: fourth })).errors).toBeUndefined();
  });

  it('gives the slot back when a report fails', async () => {
    const viewer = await t.keyFor('VIEWER', 'failing-viewer');
    for (let i = 0; i < 4; i++) {
      expectError(await t.gql(missingDashboard, {}, { key: viewer }), 'NOT_FOUND');
    }
    expect((await t.gql(coreDashboard, {}, { key: viewer })).errors).toBeUndefined();
  });
});

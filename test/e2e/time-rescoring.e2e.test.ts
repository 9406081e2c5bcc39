/**
 * Scores that time changes: custom dimensions with BANDS and AGE_BANDS through the API, and
 * rescoring at exactly nextChangeAt when a ManualClock moves past a window's end.
 */
import { rescoreDueAccounts } from '../../src/use-cases/scoring/time-rescoring';
import { graphql } from '../gql';
import type { IcpDefinitionInput } from '../gql/graphql';
import { expectError, ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { decayingDefinition } from '../helpers/fixtures';
import { accountIds, upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
let t: TestApp;
let manager: string;
let ids: Record<string, string>;
let versionId: string;

/**
 * decayingDefinition (engagement AGE_BANDS, funding WITHIN_DAYS, employee bands) with actions;
 * weights 50 / 20 / 30, thresholds 80 / 60 / 40.
 */
const DEFINITION: IcpDefinitionInput = {
  ...decayingDefinition(),
  actions: [
    { tier: 'PERFECT', action: 'ROUTE_TO_AE' },
    { tier: 'MODERATE', action: 'NURTURE' },
    { tier: 'WEAK', action: 'EXCLUDE' },
  ],
};

const ACCOUNTS = {
  // Engaged Nov 20 12:00 (4 days before publishing), funded Nov 14 12:00 (10 days), 500 employees:
  // 50 + 20 + 15 = 85 PERFECT. The age band of 7 days ends after Nov 27 12:00, the 14-day window after Nov 28 12:00.
  fresh: { industry: 'saas', lastEngagedAt: '2026-11-20T12:00:00Z', lastFundingAt: '2026-11-14T12:00:00Z', employees: 500 },
  // No dates: 30 (1000+ employees) WEAK, and time never changes it.
  steady: { industry: 'saas', employees: 2000 },
  // Engaged yesterday: 50 + 0 + 15 = 65 STRONG, band 0 until Nov 30 12:00.
  recent: { industry: 'saas', lastEngagedAt: '2026-11-23T12:00:00Z', employees: 100 },
};

const decayFit = graphql(`
  query DecayFitAndHistory($id: ID!) { account(id: $id) {
  fit(segmentKey: "decay") { score tier action overridden
    computed { score tier validFrom validTo nextChangeAt dimensions { dimension key name score criteria { attribute operator band earned matched } } } }
  scoreHistory(segmentKey: "decay") { score tier validFrom validTo nextChangeAt } } }
`);
const versionBands = graphql(`
  query DecayVersionBands($id: ID!) { icpVersion(id: $id) { definition { dimensions { dimension key name
      criteria { operator points bands { min max maxAgeDays points } } } } } }
`);
const previewBands = graphql(`
  query PreviewDecayBands($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {
      score tier computedAt validFrom validTo nextChangeAt dimensions { key criteria { band } } } }
`);
const decayFits = graphql(`
  query DecayFits { fits(segmentKey: "decay", first: 10) { edges { node { account { externalId } score tier computed { tier } } } } }
`);

beforeAll(async () => {
  t = await startTestApp({ clock });
  manager = await t.keyFor('SALES_MANAGER', 'sam-manager');
  await t.data(createSegment, {
    input: { key: 'decay', name: 'Decay', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(upsertAccounts, {
    accounts: Object.entries(ACCOUNTS).map(([k, attributes]) => ({ externalId: k, name: `${k} inc`, attributes })),
  });
  const draft = (await t.data(createDraft, { segmentKey: 'decay', definition: DEFINITION })).createDraft;
  versionId = draft.id;
  await t.data(publishVersion, { id: draft.id });
  const { accounts } = await t.data(accountIds);
  ids = Object.fromEntries(accounts.edges.map((e) => [e.node.externalId, e.node.id]));
});
afterAll(() => t.close());

const fitOf = async (name: string) => {
  const { fit, scoreHistory } = (await t.data(decayFit, { id: ids[name] })).account!;
  return { fit: fit!, scoreHistory };
};

describe('graded criteria through the API', () => {
  it('explains which band earned, by dimension key, with the instant time changes the result', async () => {
    const { fit, scoreHistory } = await fitOf('fresh');
    expect(fit).toMatchObject({ score: 85, tier: 'PERFECT', action: 'ROUTE_TO_AE', overridden: false });
    expect(fit.computed).toMatchObject({ validFrom: '2026-11-24T12:00:00.000Z', validTo: null, nextChangeAt: '2026-11-27T12:00:00.001Z' });
    expect(fit.computed.dimensions).toEqual([
      {
        dimension: 'CUSTOM',
        key: 'engagement',
        name: 'Engagement',
        score: 50,
        criteria: [{ attribute: 'lastEngagedAt', operator: 'AGE_BANDS', band: 0, earned: 10, matched: true }],
      },
      {
        dimension: 'BEHAVIORAL',
        key: 'behavioral',
        name: null,
        score: 20,
        criteria: [{ attribute: 'lastFundingAt', operator: 'WITHIN_DAYS', band: null, earned: 1, matched: true }],
      },
      {
        dimension: 'FIRMOGRAPHICS',
        key: 'firmographics',
        name: null,
        score: 15,
        criteria: [{ attribute: 'employees', operator: 'BANDS', band: 1, earned: 5, matched: true }],
      },
    ]);
    expect(scoreHistory).toHaveLength(1);
    expect((await fitOf('steady')).fit.computed).toMatchObject({ score: 30, tier: 'WEAK', nextChangeAt: null });
  });

  it('shows the definition with keys, names and bands', async () => {
    const icpVersion = (await t.data(versionBands, { id: versionId })).icpVersion!;
    expect(icpVersion.definition.dimensions[0]).toEqual({
      dimension: 'CUSTOM',
      key: 'engagement',
      name: 'Engagement',
      criteria: [
        {
          operator: 'AGE_BANDS',
          points: 10,
          bands: [
            { min: null, max: null, maxAgeDays: 7, points: 10 },
            { min: null, max: null, maxAgeDays: 30, points: 4 },
          ],
        },
      ],
    });
    expect(icpVersion.definition.dimensions[2]).toMatchObject({ key: 'firmographics', name: null });
  });

  it('previews under the version, valid from the computing instant', async () => {
    const { previewScore } = await t.data(previewBands, { v: versionId, a: { lastEngagedAt: '2026-11-10T12:00:00Z', employees: 99 } });
    // 14 days old: band 1 (4 points) -> 20; 99 employees: no band -> 0. Band 1 ends after Dec 10 12:00.
    expect(previewScore).toEqual({
      score: 20,
      tier: 'WEAK',
      computedAt: '2026-11-24T12:00:00.000Z',
      validFrom: '2026-11-24T12:00:00.000Z',
      validTo: null,
      nextChangeAt: '2026-12-10T12:00:00.001Z',
      dimensions: [
        { key: 'engagement', criteria: [{ band: 1 }] },
        { key: 'behavioral', criteria: [{ band: null }] },
        { key: 'firmographics', criteria: [{ band: null }] },
      ],
    });
  });

  it('refuses a bad band with its path, writing nothing', async () => {
    const bad = structuredClone(DEFINITION);
    bad.dimensions[0].criteria[0].bands![1].maxAgeDays = 5;
    const before = (await t.sql('SELECT count(*)::int AS n FROM icp_version'))[0].n;
    const error = expectError(await t.gql(createDraft, { segmentKey: 'decay', definition: bad }), 'BAD_USER_INPUT');
    expect(error.extensions?.issues).toEqual([
      {
        path: 'definition.dimensions[0].criteria[0].bands[1].maxAgeDays',
        message: 'must be above bands[0].maxAgeDays (7): bands are ordered by strictly increasing age (got 5)',
      },
    ]);
    expect((await t.sql('SELECT count(*)::int AS n FROM icp_version'))[0].n).toBe(before);
  });
});

describe('time-driven rescoring', () => {
  let overrideId: string;

  it('does nothing before an instant has come', async () => {
    const override = await t.data(
      overrideFit,
      {
        input: {
          accountId: ids.fresh,
          segmentKey: 'decay',
          tier: 'STRONG',
          category: 'STRATEGIC_ACCOUNT',
          justification: 'Board-level sponsor confirmed a pilot budget; the engagement data lags behind the CRM.',
        },
      },
      { key: manager },
    );
    overrideId = override.overrideFit.id;
    expect(override.overrideFit.computedTier).toBe('PERFECT');
    clock.set('2026-11-27T12:00:00.000Z'); // the 7-day band still holds, inclusive
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 0, rowsWritten: 0, overridesFlagged: 0 });
    expect((await fitOf('fresh')).scoreHistory).toHaveLength(1);
  });

  it('rescores at exactly each instant that passed, even when the run is late, and flags the override for review', async () => {
    clock.set('2026-11-28T13:00:00Z'); // past the band's end (Nov 27) and the window's end (Nov 28 12:00)
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 1, rowsWritten: 2, overridesFlagged: 1 });
    const { fit, scoreHistory } = await fitOf('fresh');
    // Nov 27 12:00:00.001: band 1 -> 20 + 20 + 15 = 55 MODERATE; Nov 28 12:00:00.001: window over -> 20 + 0 + 15 = 35 WEAK,
    // until the 30-day band ends after Dec 20 12:00 (Nov 20 + 30 days).
    expect(scoreHistory).toEqual([
      { score: 35, tier: 'WEAK', validFrom: '2026-11-28T12:00:00.001Z', validTo: null, nextChangeAt: '2026-12-20T12:00:00.001Z' },
      {
        score: 55,
        tier: 'MODERATE',
        validFrom: '2026-11-27T12:00:00.001Z',
        validTo: '2026-11-28T12:00:00.001Z',
        nextChangeAt: '2026-11-28T12:00:00.001Z',
      },
      {
        score: 85,
        tier: 'PERFECT',
        validFrom: '2026-11-24T12:00:00.000Z',
        validTo: '2026-11-27T12:00:00.001Z',
        nextChangeAt: '2026-11-27T12:00:00.001Z',
      },
    ]);
    // The fit shows the override over the new computed result; the override now needs review.
    expect(fit).toMatchObject({ tier: 'STRONG', overridden: true, computed: { score: 35, tier: 'WEAK' } });
    const [stored] = await t.sql(
      `SELECT score::float AS score, tier, outcomes, computed_at FROM account_score WHERE account_id = $1 AND valid_to IS NULL`,
      [ids.fresh],
    );
    expect(stored).toEqual({ score: 35, tier: 'WEAK', outcomes: 'B0B', computed_at: new Date('2026-11-28T13:00:00Z') });
    const override = await t.services.overrides.get(t.system, overrideId);
    expect(override).toMatchObject({ needsReview: true, computedTier: 'PERFECT' });
    const [event] = await t.sql(`SELECT actor, after FROM audit_event WHERE action = 'override.flagged' AND entity_id = $1`, [overrideId]);
    expect(event).toMatchObject({ actor: 'system', after: { needsReview: true, newComputedTier: 'WEAK' } });
    const { fits } = await t.data(decayFits);
    expect(fits.edges.map((e) => [e.node.account.externalId, e.node.computed.tier])).toEqual(
      expect.arrayContaining([
        ['fresh', 'WEAK'],
        ['recent', 'STRONG'],
        ['steady', 'WEAK'],
      ]),
    );
  });

  it('is idempotent: running again changes nothing', async () => {
    const rows = (await t.sql('SELECT count(*)::int AS n FROM account_score'))[0].n;
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 0, rowsWritten: 0, overridesFlagged: 0 });
    expect((await t.sql('SELECT count(*)::int AS n FROM account_score'))[0].n).toBe(rows);
  });

  it('moves the instant in place when new data gives the same result with another window', async () => {
    // recent: engaged Nov 23 12:00, band 0 until Nov 30 12:00; engaged again Nov 28 12:00: same result, band 0 until Dec 5 12:00.
    expect((await fitOf('recent')).fit.computed.nextChangeAt).toBe('2026-11-30T12:00:00.001Z');
    await t.data(upsertAccounts, {
      accounts: [{ externalId: 'recent', name: 'recent inc', attributes: { lastEngagedAt: '2026-11-28T12:00:00Z' } }],
    });
    const { fit, scoreHistory } = await fitOf('recent');
    expect(fit.computed).toMatchObject({ score: 65, tier: 'STRONG', nextChangeAt: '2026-12-05T12:00:00.001Z' });
    expect(scoreHistory).toHaveLength(1);
    clock.set('2026-11-30T13:00:00Z');
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 0, rowsWritten: 0, overridesFlagged: 0 });
  });

  it('shares the due rows between concurrent runs: each is rescored once', async () => {
    // 120 accounts engaged Nov 25 12:00 (band 0 until Dec 2 12:00), 150 employees: 50 + 15 = 65 STRONG, then 20 + 15 = 35 WEAK.
    await t.data(upsertAccounts, {
      accounts: Array.from({ length: 120 }, (_, i) => ({
        externalId: `bulk-${i}`,
        name: `Bulk ${i}`,
        attributes: { industry: 'saas', lastEngagedAt: '2026-11-25T12:00:00Z', employees: 150 },
      })),
    });
    clock.set('2026-12-03T00:00:00Z');
    const runs = await Promise.all(Array.from({ length: 4 }, () => rescoreDueAccounts(t.services, t.system, clock.now(), 25)));
    let handled = runs.reduce((n, r) => n + r.due, 0);
    while (handled < 120) {
      const more = await rescoreDueAccounts(t.services, t.system, clock.now(), 25);
      if (more.due === 0) break;
      handled += more.due;
    }
    expect(handled).toBe(120);
    const rows =
      await t.sql(`SELECT count(*)::int AS n, min(valid_from) AS first, max(valid_from) AS last, count(DISTINCT account_id)::int AS accounts
      FROM account_score s JOIN account a ON a.id = s.account_id WHERE a.external_id LIKE 'bulk-%' AND s.valid_to IS NULL AND s.tier = 'WEAK'`);
    expect(rows[0]).toEqual({
      n: 120,
      accounts: 120,
      first: new Date('2026-12-02T12:00:00.001Z'),
      last: new Date('2026-12-02T12:00:00.001Z'),
    });
    expect(
      (
        await t.sql(
          `SELECT count(*)::int AS n FROM account_score s JOIN account a ON a.id = s.account_id WHERE a.external_id LIKE 'bulk-%'`,
        )
      )[0].n,
    ).toBe(240);
  });
});

describe('instants past year 9999', () => {
  it('scores an account engaged on 9999-12-31 (a CRM placeholder), whose age band ends in year 10000', async () => {
    const { upsertAccounts: done } = await t.data(upsertAccounts, {
      accounts: [
        { externalId: 'far-future', name: 'Far future inc', attributes: { industry: 'saas', lastEngagedAt: '9999-12-31', employees: 100 } },
      ],
    });
    expect(done).toMatchObject({ created: 1, rescored: 1 });
    // As `recent`: the engagement band of 7 days (50) + no funding (0) + 100 employees (15) = 65 STRONG;
    // the band ends 7 days and 1 ms after 9999-12-31T00:00Z, which the table must hold as it is.
    const end = new Date(0);
    end.setUTCFullYear(10000, 0, 7);
    end.setUTCHours(0, 0, 0, 1);
    const [row] = await t.sql(
      `SELECT s.score::float AS score, s.tier, (extract(epoch FROM s.next_change_at) * 1000)::bigint::text AS ms
       FROM account_score s JOIN account a ON a.id = s.account_id WHERE a.external_id = 'far-future' AND s.valid_to IS NULL`,
    );
    expect(row).toEqual({ score: 65, tier: 'STRONG', ms: String(end.getTime()) });
  });
});

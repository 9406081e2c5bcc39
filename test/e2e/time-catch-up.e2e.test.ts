/**
 * What time changed before anything wrote it: an upsert arriving after an unprocessed
 * nextChangeAt first writes the time-driven rows at their own instants (events, review flags),
 * and memberships whose WITHIN_DAYS rule a window ends (or a date enters) change at exactly that
 * instant, by the time-rescoring job or by an upsert that comes first. ManualClock drives time.
 */
import { rescoreDueAccounts } from '../../src/use-cases/scoring/time-rescoring';
import { graphql } from '../gql';
import { ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { decayingDefinition, employeeBandsDefinition, engagedSegment } from '../helpers/fixtures';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
let t: TestApp;

const ACCOUNTS: Record<string, Record<string, unknown>> = {
  // decay (industry EXISTS). Engaged Nov 20 12:00, funded Nov 14 12:00, 500 employees: 50 + 20 + 15 = 85 PERFECT.
  late: { industry: 'saas', lastEngagedAt: '2026-11-20T12:00:00Z', lastFundingAt: '2026-11-14T12:00:00Z', employees: 500 },
  // Engaged Nov 20 12:00, 500 employees: 50 + 0 + 15 = 65 STRONG.
  quiet: { industry: 'saas', lastEngagedAt: '2026-11-20T12:00:00Z', employees: 500 },
  // engaged (region EMEA and lastEngagedAt WITHIN_DAYS 10), no industry. Engaged Nov 21 12:00: a member through Dec 1 12:00; 500 employees: 50 MODERATE.
  fading: { region: 'EMEA', lastEngagedAt: '2026-11-21T12:00:00Z', employees: 500 },
  fadingToo: { region: 'EMEA', lastEngagedAt: '2026-11-21T12:00:00Z', employees: 500 },
  // A meeting booked for Dec 1 12:00: a member from then (a future date enters the window) through Dec 11 12:00; 2000 employees: 100 PERFECT.
  upcoming: { region: 'EMEA', lastEngagedAt: '2026-12-01T12:00:00Z', employees: 2000 },
};

const historyOf = graphql(`
  query CatchUpHistory($id: ID!, $segment: String!) {
    account(id: $id) { scoreHistory(segmentKey: $segment) { score tier validFrom validTo nextChangeAt } }
  }
`);
const engagedMembers = graphql(`
  query EngagedMembers {
    accounts(first: 10, filter: { segmentKey: "engaged" }) { edges { node { externalId } } }
    fits(segmentKey: "engaged", first: 10) { edges { node { account { externalId } score tier computed { validFrom } } } }
  }
`);

let ids: Record<string, string>;
const history = async (name: string, segment: string) => (await t.data(historyOf, { id: ids[name], segment })).account!.scoreHistory;
const upsert = (name: string, attributes: Record<string, unknown>) =>
  t.data(upsertAccounts, { accounts: [{ externalId: name, name: `${name} inc`, attributes }] });
const events = async (name: string) =>
  (
    await t.sql(
      `SELECT occurred_at, data->>'cause' AS cause, data->'before'->>'tier' AS before, data->'after'->>'tier' AS after
       FROM outbox_event WHERE account_id = $1 AND type = 'FIT_CHANGED' AND data->>'cause' IN ('TIME_PASSED', 'ACCOUNT_UPDATED')
       ORDER BY sequence`,
      [ids[name]],
    )
  ).map((e: { occurred_at: Date; cause: string; before: string | null; after: string }) => [
    e.occurred_at.toISOString(),
    e.cause,
    e.before,
    e.after,
  ]);

beforeAll(async () => {
  t = await startTestApp({ clock });
  await t.data(createSegment, {
    input: { key: 'decay', name: 'Decay', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(createSegment, { input: engagedSegment() });
  await t.data(upsertAccounts, {
    accounts: Object.entries(ACCOUNTS).map(([k, attributes]) => ({ externalId: k, name: `${k} inc`, attributes })),
  });
  for (const [segmentKey, definition] of [
    ['decay', decayingDefinition()],
    ['engaged', employeeBandsDefinition({ perfect: 80, strong: 60, moderate: 40 })],
  ] as const) {
    const draft = (await t.data(createDraft, { segmentKey, definition })).createDraft;
    await t.data(publishVersion, { id: draft.id });
  }
  const rows: Array<{ id: string; external_id: string }> = await t.sql('SELECT id, external_id FROM account');
  ids = Object.fromEntries(rows.map((r) => [r.external_id, r.id]));
});
afterAll(() => t.close());

describe('an upsert after an unprocessed nextChangeAt', () => {
  let overrideId: string;

  it('starts from the published scores', async () => {
    const manager = await t.keyFor('SALES_MANAGER', 'sam-manager');
    overrideId = (
      await t.data(
        overrideFit,
        {
          input: {
            accountId: ids.late,
            segmentKey: 'decay',
            tier: 'STRONG',
            category: 'STRATEGIC_ACCOUNT',
            justification: 'Board-level sponsor confirmed a pilot budget; the engagement data lags behind the CRM.',
          },
        },
        { key: manager },
      )
    ).overrideFit.id;
    expect(await history('late', 'decay')).toEqual([
      { score: 85, tier: 'PERFECT', validFrom: '2026-11-24T12:00:00.000Z', validTo: null, nextChangeAt: '2026-11-27T12:00:00.001Z' },
    ]);
    expect((await history('quiet', 'decay'))[0]).toMatchObject({ score: 65, tier: 'STRONG', nextChangeAt: '2026-11-27T12:00:00.001Z' });
  });

  it('writes the time steps it skipped at their own instants, then its own row from its instant', async () => {
    // No job has run since Nov 24. At U = Nov 29 00:00 the upsert brings 2000 employees.
    clock.set('2026-11-29T00:00:00Z');
    expect(await upsert('late', { employees: 2000 })).toMatchObject({ upsertAccounts: { updated: 1, rescored: 1 } });
    // Nov 27 12:00:00.001: the 7-day band ends -> 20 + 20 + 15 = 55 MODERATE; Nov 28 12:00:00.001: the 14-day
    // funding window ends -> 20 + 0 + 15 = 35 WEAK (next: the 30-day band ends after Dec 20 12:00);
    // U: 2000 employees -> 20 + 0 + 30 = 50 MODERATE, from U.
    expect(await history('late', 'decay')).toEqual([
      { score: 50, tier: 'MODERATE', validFrom: '2026-11-29T00:00:00.000Z', validTo: null, nextChangeAt: '2026-12-20T12:00:00.001Z' },
      {
        score: 35,
        tier: 'WEAK',
        validFrom: '2026-11-28T12:00:00.001Z',
        validTo: '2026-11-29T00:00:00.000Z',
        nextChangeAt: '2026-12-20T12:00:00.001Z',
      },
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
  });

  it('writes no event for the tier changes an override hides, and flags the override as the time job would', async () => {
    // The override (STRONG) was in force throughout: the effective tier never changed, so no FIT_CHANGED.
    expect(await events('late')).toEqual([]);
    const override = await t.services.overrides.get(t.system, overrideId);
    expect(override).toMatchObject({ needsReview: true, computedTier: 'PERFECT' });
    const [flag] = await t.sql(`SELECT actor, after FROM audit_event WHERE action = 'override.flagged' AND entity_id = $1`, [overrideId]);
    // Time left it WEAK (Nov 28) before the upsert made it MODERATE.
    expect(flag).toMatchObject({ actor: 'system', after: { needsReview: true, newComputedTier: 'WEAK' } });
  });

  it('writes the events of time and of the upsert in order, each at its instant and with its cause', async () => {
    // quiet: Nov 27 12:00:00.001 the band ends -> 20 + 15 = 35 WEAK; at U its new funding round -> 20 + 20 + 15 = 55 MODERATE.
    expect(await upsert('quiet', { lastFundingAt: '2026-11-28T00:00:00Z' })).toMatchObject({ upsertAccounts: { rescored: 1 } });
    expect(await events('quiet')).toEqual([
      ['2026-11-27T12:00:00.001Z', 'TIME_PASSED', 'STRONG', 'WEAK'],
      ['2026-11-29T00:00:00.000Z', 'ACCOUNT_UPDATED', 'WEAK', 'MODERATE'],
    ]);
    expect((await history('quiet', 'decay')).map((h) => [h.score, h.validFrom, h.validTo])).toEqual([
      [55, '2026-11-29T00:00:00.000Z', null],
      [35, '2026-11-27T12:00:00.001Z', '2026-11-29T00:00:00.000Z'],
      [65, '2026-11-24T12:00:00.000Z', '2026-11-27T12:00:00.001Z'],
    ]);
  });
});

describe('memberships that time changes (WITHIN_DAYS in a segment rule)', () => {
  it('records when each account may join or leave', async () => {
    const rows: Array<{ external_id: string; membership_changes_at: Date | null }> = await t.sql(
      `SELECT external_id, membership_changes_at FROM account WHERE external_id = ANY($1) ORDER BY external_id`,
      [['fading', 'fadingToo', 'upcoming', 'late']],
    );
    expect(rows.map((r) => [r.external_id, r.membership_changes_at?.toISOString() ?? null])).toEqual([
      ['fading', '2026-12-01T12:00:00.001Z'], // Nov 21 12:00 + 10 days, inclusive
      ['fadingToo', '2026-12-01T12:00:00.001Z'],
      // No region: the engaged rule fails whatever the date, so time never changes its membership.
      ['late', null],
      ['upcoming', '2026-12-01T12:00:00.000Z'], // the booked date enters the window
    ]);
    const { accounts } = await t.data(engagedMembers);
    expect(accounts.edges.map((e) => e.node.externalId).sort()).toEqual(['fading', 'fadingToo']);
  });

  it('an upsert after a membership instant closes the row at that instant, not at the upsert', async () => {
    clock.set('2026-12-02T00:00:00Z');
    expect(await upsert('fadingToo', { employees: 2000 })).toMatchObject({ upsertAccounts: { updated: 1, rescored: 0 } });
    expect(await history('fadingToo', 'engaged')).toEqual([
      { score: 50, tier: 'MODERATE', validFrom: '2026-11-24T12:00:00.000Z', validTo: '2026-12-01T12:00:00.001Z', nextChangeAt: null },
    ]);
  });

  it('the job makes accounts join and leave at exactly their instants', async () => {
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 2, rowsWritten: 1, overridesFlagged: 0 });
    // fading left at Dec 1 12:00:00.001; upcoming joined at Dec 1 12:00 (2000 employees: 100 PERFECT, time never changes it).
    expect(await history('fading', 'engaged')).toEqual([
      { score: 50, tier: 'MODERATE', validFrom: '2026-11-24T12:00:00.000Z', validTo: '2026-12-01T12:00:00.001Z', nextChangeAt: null },
    ]);
    expect(await history('upcoming', 'engaged')).toEqual([
      { score: 100, tier: 'PERFECT', validFrom: '2026-12-01T12:00:00.000Z', validTo: null, nextChangeAt: null },
    ]);
    expect(await events('upcoming')).toEqual([['2026-12-01T12:00:00.000Z', 'TIME_PASSED', null, 'PERFECT']]);
    const { accounts, fits } = await t.data(engagedMembers);
    expect(accounts.edges.map((e) => e.node.externalId)).toEqual(['upcoming']);
    expect(fits.edges.map((e) => [e.node.account.externalId, e.node.score, e.node.tier, e.node.computed.validFrom])).toEqual([
      ['upcoming', 100, 'PERFECT', '2026-12-01T12:00:00.000Z'],
    ]);
    const [upcoming] = await t.sql('SELECT membership_changes_at FROM account WHERE external_id = $1', ['upcoming']);
    expect(upcoming.membership_changes_at).toEqual(new Date('2026-12-11T12:00:00.001Z')); // leaves after Dec 11 12:00
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 0, rowsWritten: 0, overridesFlagged: 0 });
  });
});

describe('an upsert after a time step that gives the same result', () => {
  it('keeps the time row current, with the instant of the new attributes', async () => {
    // quiet since Nov 29 00:00: 55 MODERATE until its funding window ends after Dec 12 00:00 -> 20 + 0 + 15 = 35 WEAK.
    // At Dec 13 a new industry (read by no criterion) gives the same 35 WEAK: no row from the upsert.
    clock.set('2026-12-13T00:00:00Z');
    expect(await upsert('quiet', { industry: 'fintech' })).toMatchObject({ upsertAccounts: { updated: 1, rescored: 0 } });
    expect((await history('quiet', 'decay')).slice(0, 2)).toEqual([
      { score: 35, tier: 'WEAK', validFrom: '2026-12-12T00:00:00.001Z', validTo: null, nextChangeAt: '2026-12-20T12:00:00.001Z' },
      {
        score: 55,
        tier: 'MODERATE',
        validFrom: '2026-11-29T00:00:00.000Z',
        validTo: '2026-12-12T00:00:00.001Z',
        nextChangeAt: '2026-12-12T00:00:00.001Z',
      },
    ]);
    expect((await events('quiet')).slice(2)).toEqual([['2026-12-12T00:00:00.001Z', 'TIME_PASSED', 'MODERATE', 'WEAK']]);
  });
});

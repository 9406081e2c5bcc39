/**
 * A publish's FIT_CHANGED events follow its VERSION_PUBLISHED event in the stream without being
 * written one by one in the flip: they are read from the rows the flip left for good. These tests
 * pin that they are exactly the effective tiers the flip changed, worked out here from the
 * accounts' attributes and the two versions' thresholds, and stay so whatever happens after the
 * flip and however the stream is paged; and that the tier migration, counted after the flip,
 * is the same and survives a crash between the flip and its count.
 */
import { randomUUID } from 'node:crypto';
import { streamAfter } from '../../src/stores/outbox-store';
import { tierMigration } from '../../src/stores/score-store';
import type { OutboxEvent, StreamPosition } from '../../src/model/delivery';
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { overrideFit } from '../operations/fits';
import { publishJob, startPublish } from '../operations/publishing';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

jest.setTimeout(120_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const accountId = graphql(`
  query PublishedAccountId($externalId: String!) { account(externalId: $externalId) { id } }
`);
const cancelPublishOf = graphql(`
  mutation CancelFlippingPublish($id: ID!) { cancelPublish(jobId: $id) { id } }
`);

/**
 * Under seedDefinition the attributes below score 10 for saas, 10 for 50+ employees and 12.5 for
 * a requested demo (industry: 10 of FIRMOGRAPHICS' 30 points, employees the same, demo 5 of
 * BEHAVIORAL's 10 points of 25): at most 32.5, WEAK under the seed's thresholds (80/60/40).
 * Version 2 keeps the criteria and lowers the thresholds to 50/30/10.
 */
const ACCOUNTS: Array<{ key: string; saas: boolean; employees: number; demo: boolean }> = [
  { key: 'a0', saas: false, employees: 10, demo: false }, // 0: WEAK, WEAK
  { key: 'a1', saas: true, employees: 10, demo: false }, // 10: WEAK -> MODERATE
  { key: 'a2', saas: false, employees: 60, demo: false }, // 10: WEAK -> MODERATE
  { key: 'a3', saas: false, employees: 10, demo: true }, // 12.5: WEAK -> MODERATE
  { key: 'a4', saas: true, employees: 60, demo: false }, // 20: WEAK -> MODERATE
  { key: 'a5', saas: true, employees: 60, demo: true }, // 32.5: WEAK -> STRONG
  { key: 'a6', saas: false, employees: 20, demo: false }, // 0: WEAK, WEAK
  { key: 'a7', saas: true, employees: 60, demo: true }, // 32.5: WEAK -> STRONG, hidden by its override (PERFECT)
  { key: 'a8', saas: false, employees: 60, demo: true }, // 22.5: WEAK -> MODERATE
  { key: 'a9', saas: false, employees: 49, demo: false }, // 0: WEAK, WEAK
];
const scoreOf = (a: (typeof ACCOUNTS)[number]) => (a.saas ? 10 : 0) + (a.employees >= 50 ? 10 : 0) + (a.demo ? 12.5 : 0);
const tierOf = (score: number, th: { perfect: number; strong: number; moderate: number }) =>
  score >= th.perfect ? 'PERFECT' : score >= th.strong ? 'STRONG' : score >= th.moderate ? 'MODERATE' : 'WEAK';
const V1_THRESHOLDS = { perfect: 80, strong: 60, moderate: 40 };
const V2_THRESHOLDS = { perfect: 50, strong: 30, moderate: 10 };
const attributes = (a: (typeof ACCOUNTS)[number], segment: string) => ({
  region: segment,
  industry: a.saas ? 'saas' : 'retail',
  employees: a.employees,
  demoRequested: a.demo,
});

async function segmentOfTen(key: string): Promise<{ v2: string; ids: Map<string, string> }> {
  await t.data(createSegment, { input: { key, name: key, membership: [{ attribute: 'region', operator: 'EQ', value: key, points: 1 }] } });
  await t.data(upsertAccounts, {
    accounts: ACCOUNTS.map((a) => ({ externalId: `${key}-${a.key}`, name: a.key, attributes: attributes(a, key) })),
  });
  const v1 = (await t.data(createDraft, { segmentKey: key, definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const looser: IcpDefinitionSpec = { ...seedDefinition(), thresholds: V2_THRESHOLDS };
  const v2 = (await t.data(createDraft, { segmentKey: key, definition: looser, notes: 'looser thresholds' })).createDraft;
  const rows = await t.sql<{ id: string; external_id: string }>(`SELECT id, external_id FROM account WHERE external_id LIKE $1`, [
    `${key}-%`,
  ]);
  return { v2: v2.id, ids: new Map(rows.map((r) => [r.external_id, r.id])) };
}

const end = async (): Promise<number> =>
  Number((await t.sql<{ n: string }>('SELECT coalesce(max(sequence), 0)::text AS n FROM outbox_event'))[0].n);

/** The whole stream after `from`, read `limit` events at a time, each publish's changes `scan` accounts a statement. */
async function readAll(from: number, limit: number, scan?: number): Promise<OutboxEvent[]> {
  const upTo = await end();
  const events: OutboxEvent[] = [];
  let at: StreamPosition = { sequence: from, inFitChangesAfter: null };
  for (let reads = 0; ; reads++) {
    expect(reads).toBeLessThan(1000);
    const page = await streamAfter(t.ds.manager, at, {}, limit, upTo, { scan });
    events.push(...page.events);
    if (page.next.sequence === at.sequence && page.next.inFitChangesAfter === at.inFitChangesAfter) return events;
    at = page.next;
  }
}

describe("a publish's FIT_CHANGED events", () => {
  it('are exactly the effective tiers the flip changed, whatever happened after it and however the stream is read', async () => {
    const { v2, ids } = await segmentOfTen('pfc');
    const a7 = (await t.data(accountId, { externalId: 'pfc-a7' })).account!.id;
    await t.data(overrideFit, {
      input: {
        accountId: a7,
        segmentKey: 'pfc',
        tier: 'PERFECT',
        justification: 'Signed a framework agreement with our largest partner last quarter.',
        category: 'STRATEGIC_ACCOUNT',
      },
    });
    const before = await end();
    const published = (await t.data(publishVersion, { id: v2 })).publishVersion;

    // After the flip: a5 falls back to 0 points (WEAK) and a0 rises to 32.5 (STRONG), by upserts.
    const changedLater = { a5: { saas: false, employees: 10, demo: false }, a0: { saas: true, employees: 60, demo: true } };
    await t.data(upsertAccounts, {
      accounts: Object.entries(changedLater).map(([k, a]) => ({
        externalId: `pfc-${k}`,
        name: k,
        attributes: attributes({ key: k, ...a }, 'pfc'),
      })),
    });

    // Worked out from the attributes: every account whose tier moves under the lower thresholds,
    // but a7 (its override keeps it PERFECT), as at the flip (the later upserts do not count).
    const expected = ACCOUNTS.filter((a) => a.key !== 'a7' && tierOf(scoreOf(a), V1_THRESHOLDS) !== tierOf(scoreOf(a), V2_THRESHOLDS))
      .map((a) => ({
        accountId: ids.get(`pfc-${a.key}`)!,
        accountExternalId: `pfc-${a.key}`,
        before: { score: scoreOf(a), tier: tierOf(scoreOf(a), V1_THRESHOLDS), overridden: false },
        after: { score: scoreOf(a), tier: tierOf(scoreOf(a), V2_THRESHOLDS), overridden: false },
        cause: 'VERSION_PUBLISHED',
        versionId: v2,
        segmentKey: 'pfc',
      }))
      .sort((x, y) => (x.accountId < y.accountId ? -1 : 1));
    expect(expected.map((e) => e.accountExternalId).sort()).toEqual(['pfc-a1', 'pfc-a2', 'pfc-a3', 'pfc-a4', 'pfc-a5', 'pfc-a8']);

    const whole = await readAll(before, 1000);
    const types = whole.map((e) => `${e.type}:${e.type === 'FIT_CHANGED' ? e.data.cause : ''}`);
    // The version, its six changes, then the two upserts' own changes (a5 STRONG -> WEAK, a0 WEAK -> STRONG).
    expect(types).toEqual([
      'VERSION_PUBLISHED:',
      ...expected.map(() => 'FIT_CHANGED:VERSION_PUBLISHED'),
      'FIT_CHANGED:ACCOUNT_UPDATED',
      'FIT_CHANGED:ACCOUNT_UPDATED',
    ]);
    const fromPublish = whole.slice(1, 1 + expected.length);
    expect(fromPublish.map((e) => e.data)).toEqual(expected.map((e) => expect.objectContaining(e)));
    expect(fromPublish.every((e) => e.versionId === v2 && e.sequence === whole[0].sequence)).toBe(true);
    const updates = whole
      .slice(1 + expected.length)
      .map((e) => [e.data.accountExternalId, (e.data.before as { tier: string }).tier, (e.data.after as { tier: string }).tier]);
    expect(updates.sort()).toEqual([
      ['pfc-a0', 'WEAK', 'STRONG'],
      ['pfc-a5', 'STRONG', 'WEAK'],
    ]);

    // Read one event at a time, two accounts per statement: the same events, the same ids.
    const stepwise = await readAll(before, 1, 2);
    expect(stepwise.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(stepwise.map((e) => e.data)).toEqual(whole.map((e) => e.data));
    // Only FIT_CHANGED of this segment, three at a time: the version's event is left out, not its changes.
    const upTo = await end();
    const filtered: OutboxEvent[] = [];
    let at: StreamPosition = { sequence: before, inFitChangesAfter: null };
    for (;;) {
      const page = await streamAfter(t.ds.manager, at, { types: ['FIT_CHANGED'], segmentIds: [whole[0].segmentId] }, 3, upTo, { scan: 3 });
      filtered.push(...page.events);
      if (page.next.sequence === at.sequence && page.next.inFitChangesAfter === at.inFitChangesAfter) break;
      at = page.next;
    }
    expect(filtered.map((e) => e.id)).toEqual(whole.slice(1).map((e) => e.id));
    // A reader stopped inside the publish's changes whose filter no longer wants them (a webhook
    // updated meanwhile) moves past them instead of receiving them.
    const inside = await streamAfter(t.ds.manager, { sequence: before, inFitChangesAfter: null }, {}, 2, upTo, { scan: 2 });
    expect(inside.next).toEqual({ sequence: whole[0].sequence, inFitChangesAfter: expect.any(String) });
    for (const filter of [{ types: ['FIT_CHANGED' as const], segmentIds: [randomUUID()] }, { types: ['VERSION_PUBLISHED' as const] }]) {
      const moved = await streamAfter(t.ds.manager, inside.next, filter, 1000, upTo);
      expect(moved).toEqual({ events: [], next: { sequence: upTo, inFitChangesAfter: null } });
    }

    // The tier migration, counted after the flip, is the flip's too (an independent count of ACCOUNTS).
    const counts = new Map<string, number>();
    for (const a of ACCOUNTS) {
      const move = `${tierOf(scoreOf(a), V1_THRESHOLDS)}>${tierOf(scoreOf(a), V2_THRESHOLDS)}`;
      counts.set(move, (counts.get(move) ?? 0) + 1);
    }
    expect(new Map(published.tierChanges.map((m) => [`${m.from}>${m.to}`, m.accounts]))).toEqual(counts);
    expect(published.accountsScored).toBe(ACCOUNTS.length);
    const [{ id: jobId }] = await t.sql<{ id: string }>('SELECT id FROM publish_job WHERE version_id = $1', [v2]);
    const again = await tierMigration(t.ds.manager, { versionId: v2, previousId: published.superseded!.id, jobId });
    expect(new Map(again.map((m) => [`${m.from}>${m.to}`, m.accounts]))).toEqual(counts);
  });

  it('a publish flipped but not yet counted (its run lost) shows FLIPPING, cannot be cancelled, and is finished by the next run', async () => {
    const { v2 } = await segmentOfTen('crash');
    // Backfilled: the prepared rows are valid from effectiveAt, and the events are read from them.
    const [{ at }] = await t.sql<{ at: Date }>(
      `SELECT v.effective_at + interval '1 millisecond' AS at FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = 'crash' AND v.number = 1`,
    );
    const before = await end();
    const job = (await t.data(startPublish, { id: v2, effectiveAt: at.toISOString() })).startPublish;
    await t.services.publishJobs.run(t.system, job.id);
    // An account created after the flip: its first row under the backfilled version is valid from
    // that version's effectiveAt, as a prepared row is, but it is no change of the publish.
    const late = { key: 'late', saas: true, employees: 60, demo: true };
    await t.data(upsertAccounts, { accounts: [{ externalId: 'crash-late', name: 'late', attributes: attributes(late, 'crash') }] });
    const changes = (await readAll(before, 1000)).filter((e) => e.type === 'FIT_CHANGED');
    // No override in this segment: a7 moves too.
    expect(
      changes
        .filter((e) => e.data.cause === 'VERSION_PUBLISHED')
        .map((e) => e.data.accountExternalId)
        .sort(),
    ).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a7', 'a8'].map((k) => `crash-${k}`));
    expect(changes.filter((e) => e.data.cause === 'ACCOUNT_UPDATED').map((e) => e.data.accountExternalId)).toEqual(['crash-late']);
    const done = (await t.data(publishJob, { id: job.id })).publishJob!;
    expect(done.state).toBe('DONE');
    // What a crash right after the flip's commit leaves: the version live, the job FLIPPING with
    // what the flip knew of the result (the flip's commit and the count are two transactions).
    await t.sql(
      `UPDATE publish_job SET state = 'FLIPPING', finished_at = NULL, result = result - 'accountsScored' - 'tierChanges' WHERE id = $1`,
      [job.id],
    );
    const flipping = (await t.data(publishJob, { id: job.id })).publishJob!;
    expect(flipping).toMatchObject({ state: 'FLIPPING', result: null, accountsScored: ACCOUNTS.length, version: { status: 'PUBLISHED' } });
    expectError(await t.gql(cancelPublishOf, { id: job.id }), 'CONFLICT');
    expect(await t.services.publishJobs.run(t.system, job.id)).toBeNull();
    const finished = (await t.data(publishJob, { id: job.id })).publishJob!;
    expect(finished.state).toBe('DONE');
    expect(finished.result).toEqual(done.result);
  });
});

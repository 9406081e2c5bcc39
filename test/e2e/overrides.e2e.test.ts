import { graphql } from '../gql';
import type { OverrideFitInput } from '../gql/graphql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { accountIds, upsertAccounts } from '../operations/accounts';
import { overrideFit, revokeOverride } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';
import { HOUR } from '../../src/common/dates';

const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
let t: TestApp;
let manager: string;
let ids: Record<string, string>;
const WHY = 'Strategic logo: their CEO asked for a pilot through our board member, and the CRM revenue is stale.';

// seedDefinition, thresholds 80/60/40: perfect 90, strong 77.5, moderate 50, weak 0 (see accounts.e2e for the arithmetic).
const BASE = { annualRevenue: 50_000_000, industry: 'saas', employees: 100, techStack: ['aws'] };
const ACCOUNTS = {
  perfect: { ...BASE, demoRequested: true, websiteVisits30d: 40, painPoints: ['scaling'] },
  strong: { ...BASE, demoRequested: true, websiteVisits30d: 3, painPoints: ['scaling'] },
  moderate: BASE,
  weak: { industry: 'retail' },
  other: { industry: 'retail' },
};
const coreFit = graphql(`
  query CoreFitOfAccount($id: ID!) {
    account(id: $id) {
      fit(segmentKey: "core") { score tier action overridden override { id tier status } computed { score tier } }
      fits { tier overridden }
    }
  }
`);
const coreFits = graphql(`
  query CoreFitsByEffectiveValues($filter: FitFilter) {
    fits(segmentKey: "core", filter: $filter, first: 50) { totalCount edges { node { score tier overridden account { externalId } } } }
  }
`);
const overrideStatuses = graphql(`
  query OverrideStatuses($f: OverrideFilter) { overrides(filter: $f) { edges { node { id status } } } }
`);
const overrideIds = graphql(`
  query OverrideIds($f: OverrideFilter) { overrides(filter: $f) { edges { node { id } } } }
`);
const publishFlaggingOverrides = graphql(`
  mutation PublishFlaggingOverrides($id: ID!) { publishVersion(id: $id) { overridesFlagged } }
`);
const overridesToReview = graphql(`
  query OverridesToReview {
    overrides(filter: { needsReview: true }) { totalCount edges { node { account { externalId } computedTier needsReview } } }
  }
`);
const auditorsOverrides = graphql(`
  query AuditorsOverrides($f: OverrideFilter, $first: Int, $after: String) {
    overrides(filter: $f, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { createdAt createdBy status account { externalId } } }
    }
  }
`);
const accountOverrideIds = graphql(`
  query AccountOverrideIds($id: ID!) { account(id: $id) { overrides { id } } }
`);
const accountCoreOverrideStatuses = graphql(`
  query AccountCoreOverrideStatuses($id: ID!) { account(id: $id) { overrides(segmentKey: "core") { status } } }
`);

const override = (input: Pick<OverrideFitInput, 'accountId' | 'tier'> & Partial<OverrideFitInput>, key = manager) =>
  t.gql(overrideFit, { input: { segmentKey: 'core', justification: WHY, category: 'STRATEGIC_ACCOUNT', ...input } }, { key });

beforeAll(async () => {
  t = await startTestApp({ clock });
  manager = await t.keyFor('SALES_MANAGER', 'sam-manager');
  await t.data(createSegment, {
    input: { key: 'core', name: 'Core', membership: [{ attribute: 'industry', operator: 'EXISTS', points: 1 }] },
  });
  await t.data(createSegment, { input: { key: 'unpublished', name: 'No live version' } });
  await t.data(upsertAccounts, {
    accounts: [
      ...Object.entries(ACCOUNTS).map(([k, attributes]) => ({ externalId: k, name: `${k} inc`, attributes })),
      { externalId: 'outsider', name: 'No industry', attributes: { employees: 3 } },
    ],
  });
  const v1 = (
    await t.data(createDraft, { segmentKey: 'core', definition: { ...seedDefinition(), actions: [{ tier: 'STRONG', action: 'PURSUE' }] } })
  ).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const { accounts } = await t.data(accountIds);
  ids = Object.fromEntries(accounts.edges.map((e) => [e.node.externalId, e.node.id]));
});
afterAll(() => t.close());

describe('overrideFit', () => {
  it("records the model's verdict beside the new tier, and the fit shows the override over the computed score", async () => {
    const res = await override({ accountId: ids.weak, tier: 'STRONG' });
    expect(res.data!.overrideFit).toMatchObject({
      tier: 'STRONG',
      score: null,
      computedScore: 0,
      computedTier: 'WEAK',
      justification: WHY,
      category: 'STRATEGIC_ACCOUNT',
      createdBy: 'sam-manager',
      status: 'ACTIVE',
      needsReview: false,
      account: { externalId: 'weak' },
      segment: { key: 'core' },
      version: { number: 1 },
    });
    const fit = (await t.data(coreFit, { id: ids.weak })).account!;
    // From below, the computed 0 moves to the STRONG band's lower bound, 60; the action follows the effective tier.
    expect(fit.fit).toEqual({
      score: 60,
      tier: 'STRONG',
      action: 'PURSUE',
      overridden: true,
      override: { id: res.data!.overrideFit.id, tier: 'STRONG', status: 'ACTIVE' },
      computed: { score: 0, tier: 'WEAK' },
    });
    expect(fit.fits).toEqual([{ tier: 'STRONG', overridden: true }]);
    const event = (await t.sql(`SELECT actor, justification, before, after FROM audit_event WHERE action = 'override.created'`))[0];
    expect(event).toMatchObject({
      actor: 'sam-manager',
      justification: WHY,
      before: { tier: 'WEAK', score: 0 },
      after: { tier: 'STRONG', effectiveScore: 60 },
    });
  });

  it("moves a computed score from above to just under the tier's upper bound, or takes an explicit score in the band", async () => {
    await override({ accountId: ids.perfect, tier: 'MODERATE' });
    expect((await t.data(coreFit, { id: ids.perfect })).account!.fit).toMatchObject({
      score: 59.99,
      tier: 'MODERATE',
      computed: { score: 90, tier: 'PERFECT' },
    });
    expect(expectError(await override({ accountId: ids.moderate, tier: 'STRONG', score: 85 }), 'BAD_USER_INPUT').message).toContain(
      'input.score: must lie in the STRONG band [60, 79.99]',
    );
    await override({ accountId: ids.moderate, tier: 'STRONG', score: 79.99 });
    expect((await t.data(coreFit, { id: ids.moderate })).account!.fit).toMatchObject({ score: 79.99, tier: 'STRONG', overridden: true });
  });

  it.each<[Partial<OverrideFitInput>, string]>([
    [{ justification: 'too short to explain' }, 'input.justification: must be at least 30 characters'],
    [{ justification: 'n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a' }, 'input.justification'],
    [{ justification: 'test test test test test test test test' }, 'same word'],
    [{ justification: 'asdfasdfasdfasdfasdfasdfasdfasdfasdf' }, 'input.justification'],
    [{ tier: 'STRONG' }, 'input.tier: equals the computed tier (STRONG)'],
    [{ expiresAt: '2026-11-24T11:59:59Z' }, 'input.expiresAt: must be in the future'],
    [{ accountId: 'outsider' }, 'is not in segment "core"'],
    [{ segmentKey: 'unpublished' }, 'input.segmentKey: segment "unpublished" has no live version'],
    [{ tier: 'DISQUALIFIED', score: 10 }, 'input.score: must lie in the DISQUALIFIED band [0, 0]'],
  ])('refuses %j with BAD_USER_INPUT saying why, writing nothing', async (change, message) => {
    const before = (await t.sql('SELECT count(*)::int AS n FROM fit_override'))[0].n;
    const input = { accountId: ids.strong, tier: 'PERFECT' as const, ...change };
    if (input.accountId === 'outsider') input.accountId = ids.outsider;
    expect(expectError(await override(input), 'BAD_USER_INPUT').message).toContain(message);
    expect((await t.sql('SELECT count(*)::int AS n FROM fit_override'))[0].n).toBe(before);
  });

  it('allows one active override per account and segment: of two concurrent ones exactly one succeeds', async () => {
    const other = await t.keyFor('SALES_MANAGER', 'olga-manager');
    // Same tier from both managers, so that which of them wins does not change what later tests see.
    const results = await Promise.all([
      override({ accountId: ids.strong, tier: 'PERFECT' }),
      override({ accountId: ids.strong, tier: 'PERFECT' }, other),
    ]);
    expect(results.filter((r) => r.data?.overrideFit)).toHaveLength(1);
    expect(
      expectError(
        results.find((r) => r.errors)!,
        'CONFLICT',
      ).message,
    ).toContain('already has an active override');
    expectError(await override({ accountId: ids.strong, tier: 'MODERATE' }), 'CONFLICT');
    expect((await t.sql(`SELECT count(*)::int AS n FROM fit_override WHERE account_id = $1`, [ids.strong]))[0].n).toBe(1);
  });

  it('ranks and filters fits by effective values, and filters by overridden', async () => {
    const all = (await t.data(coreFits)).fits;
    expect(all.edges.map((e) => [e.node.account.externalId, e.node.score, e.node.tier])).toEqual([
      ['strong', 80, 'PERFECT'],
      ['moderate', 79.99, 'STRONG'],
      ['weak', 60, 'STRONG'],
      ['perfect', 59.99, 'MODERATE'],
      ['other', 0, 'WEAK'],
    ]);
    expect(all.totalCount).toBe(5);
    const strong = (await t.data(coreFits, { filter: { tiers: ['STRONG'] } })).fits;
    expect(strong.edges.map((e) => e.node.account.externalId)).toEqual(['moderate', 'weak']);
    expect(strong.totalCount).toBe(2);
    expect((await t.data(coreFits, { filter: { overridden: true } })).fits.totalCount).toBe(4);
    expect((await t.data(coreFits, { filter: { overridden: false } })).fits.edges.map((e) => e.node.account.externalId)).toEqual(['other']);
    expect(
      (await t.data(coreFits, { filter: { minScore: 60, maxScore: 79.99 } })).fits.edges.map((e) => e.node.account.externalId),
    ).toEqual(['moderate', 'weak']);
  });
});

describe('expiry and revocation', () => {
  it('stops applying at expiresAt exactly, reads EXPIRED from then on, and the expiry reaches the audit trail', async () => {
    const expiresAt = new Date(clock.now().getTime() + HOUR);
    const created = (
      await override({ accountId: ids.other, tier: 'MODERATE', expiresAt: expiresAt.toISOString(), category: 'DATA_QUALITY' })
    ).data!.overrideFit;
    clock.set(new Date(expiresAt.getTime() - 1));
    expect((await t.data(coreFit, { id: ids.other })).account!.fit).toMatchObject({
      tier: 'MODERATE',
      overridden: true,
      override: { status: 'ACTIVE' },
    });
    clock.set(expiresAt);
    expect((await t.data(coreFit, { id: ids.other })).account!.fit).toMatchObject({
      score: 0,
      tier: 'WEAK',
      overridden: false,
      override: null,
    });
    const read = (await t.data(overrideStatuses, { f: { accountId: ids.other } })).overrides;
    expect(read.edges).toEqual([{ node: { id: created.id, status: 'EXPIRED' } }]);
    expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'override.expired'`)).toHaveLength(0);
    expect(await t.services.overrides.recordExpiries(t.system)).toBe(1);
    const events = await t.sql(`SELECT actor, entity_id, before, after FROM audit_event WHERE action = 'override.expired'`);
    expect(events).toEqual([
      {
        actor: 'system',
        entity_id: created.id,
        before: expect.objectContaining({ tier: 'MODERATE', status: 'ACTIVE' }),
        after: { status: 'EXPIRED', tier: 'WEAK', overridden: false },
      },
    ]);
    // The account may be overridden again once the old one expired.
    expect((await override({ accountId: ids.other, tier: 'MODERATE' })).data!.overrideFit.status).toBe('ACTIVE');
  });

  it('revokes with a reason: the override stays readable, and a second revoke is CONFLICT', async () => {
    const id = (
      await t.data(overrideIds, {
        f: { accountId: ids.other, status: 'ACTIVE' },
      })
    ).overrides.edges[0].node.id;
    expect(expectError(await t.gql(revokeOverride, { id, reason: 'wrong' }, { key: manager }), 'BAD_USER_INPUT').message).toContain(
      'reason',
    );
    const reason = "The pilot was cancelled by their procurement team; the model's WEAK verdict stands again.";
    const revoked = (await t.gql(revokeOverride, { id, reason }, { key: manager })).data!.revokeOverride;
    expect(revoked).toMatchObject({ id, status: 'REVOKED', revokedBy: 'sam-manager', revokeReason: reason });
    expectError(await t.gql(revokeOverride, { id, reason }, { key: manager }), 'CONFLICT');
    expect((await t.data(coreFit, { id: ids.other })).account!.fit!.overridden).toBe(false);
    const event = (
      await t.sql(`SELECT justification, after FROM audit_event WHERE action = 'override.revoked' AND entity_id = $1`, [id])
    )[0];
    expect(event).toEqual({ justification: reason, after: { status: 'REVOKED', tier: 'WEAK', overridden: false } });
  });

  it('is refused by the database when anything but the status moves, or on delete', async () => {
    const [{ id }] = await t.sql(`SELECT id FROM fit_override WHERE revoked_at IS NOT NULL LIMIT 1`);
    for (const sql of [
      `UPDATE fit_override SET justification = 'A different story told after the fact, to please the auditors.' WHERE id = $1`,
      `UPDATE fit_override SET tier = 'PERFECT' WHERE id = $1`,
      `UPDATE fit_override SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE id = $1`,
      'DELETE FROM fit_override WHERE id = $1',
    ]) {
      await expect(t.sql(sql, [id])).rejects.toMatchObject({ driverError: { code: '23001' } });
    }
    await expect(t.sql('TRUNCATE fit_override')).rejects.toMatchObject({ driverError: { code: '23001' } });
    // Status fields move once, while the override is open: a revoked one is closed for good.
    for (const sql of [
      `UPDATE fit_override SET revoke_reason = 'A kinder reason written much later, after the audit.' WHERE id = $1`,
      `UPDATE fit_override SET needs_review = true, flagged_at = now(), review_version_id = version_id WHERE id = $1`,
      `UPDATE fit_override SET expiry_recorded_at = now() WHERE id = $1`,
    ]) {
      await expect(t.sql(sql, [id])).rejects.toMatchObject({ driverError: { code: '23001' } });
    }
    // An expiry cannot be recorded before the override expires (that would free its slot early).
    const [open] = await t.sql(`SELECT id FROM fit_override WHERE revoked_at IS NULL AND expires_at IS NULL LIMIT 1`);
    await expect(t.sql('UPDATE fit_override SET expiry_recorded_at = now() WHERE id = $1', [open.id])).rejects.toMatchObject({
      driverError: { code: '23001' },
    });
  });
});

describe('review after a new version', () => {
  it('flags active overrides whose computed tier the new version changes, and auditors can filter them', async () => {
    // Under 95/85/50: perfect (90) becomes STRONG, moderate (50) stays MODERATE, weak (0) stays WEAK, strong (77.5) becomes MODERATE.
    const stricter = seedDefinition();
    stricter.thresholds = { perfect: 95, strong: 85, moderate: 50 };
    const v2 = (await t.data(createDraft, { segmentKey: 'core', definition: stricter })).createDraft;
    const published = (await t.data(publishFlaggingOverrides, { id: v2.id })).publishVersion;
    expect(published.overridesFlagged).toBe(2);
    const auditor = await t.keyFor('AUDITOR');
    const flagged = (await t.data(overridesToReview, {}, { key: auditor })).overrides;
    expect(flagged.edges.map((e) => e.node.account.externalId).sort()).toEqual(['perfect', 'strong']);
    expect(flagged.totalCount).toBe(2);
    expect((await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'override.flagged'`))[0].n).toBe(2);
  });
});

describe("the auditors' view", () => {
  it('lists newest first, filters by segment, author, status and time, paginates, and is closed to viewers', async () => {
    const auditor = await t.keyFor('AUDITOR');
    const all = (await t.data(auditorsOverrides, { first: 50 }, { key: auditor })).overrides;
    const times = all.edges.map((e) => e.node.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const page1 = (await t.data(auditorsOverrides, { first: 2 }, { key: auditor })).overrides;
    const page2 = (await t.data(auditorsOverrides, { first: 50, after: page1.pageInfo.endCursor }, { key: auditor })).overrides;
    expect([...page1.edges, ...page2.edges].map((e) => e.node.account.externalId)).toEqual(all.edges.map((e) => e.node.account.externalId));
    const byOlga = all.edges.filter((e) => e.node.createdBy === 'olga-manager').length;
    expect((await t.data(auditorsOverrides, { f: { createdBy: 'olga-manager' } }, { key: auditor })).overrides.totalCount).toBe(byOlga);
    expect((await t.data(auditorsOverrides, { f: { createdBy: 'sam-manager' } }, { key: auditor })).overrides.totalCount).toBe(
      all.edges.length - byOlga,
    );
    expect((await t.data(auditorsOverrides, { f: { status: 'REVOKED' } }, { key: auditor })).overrides.totalCount).toBe(1);
    expect((await t.data(auditorsOverrides, { f: { status: 'EXPIRED' } }, { key: auditor })).overrides.totalCount).toBe(1);
    expect(
      (await t.data(auditorsOverrides, { f: { segmentKey: 'core', to: '2026-01-01T00:00:00Z' } }, { key: auditor })).overrides.totalCount,
    ).toBe(0);
    const forged = Buffer.from(JSON.stringify(['override', 'not a date', 'nope'])).toString('base64url');
    expect(expectError(await t.gql(auditorsOverrides, { after: forged }, { key: auditor }), 'BAD_USER_INPUT').message).toContain('after');
    const viewer = await t.keyFor('VIEWER');
    expectError(await t.gql(auditorsOverrides, {}, { key: viewer }), 'FORBIDDEN');
    expectError(await t.gql(accountOverrideIds, { id: ids.weak }, { key: viewer }), 'FORBIDDEN');
    // RevOps reads justifications in the exceptions report, so the overrides list is theirs too.
    expect((await t.data(auditorsOverrides, { first: 50 }, { key: await t.keyFor('REVOPS') })).overrides.totalCount).toBe(all.totalCount);
    const history = (await t.data(accountCoreOverrideStatuses, { id: ids.other }, { key: auditor })).account!.overrides;
    expect(history.map((o) => o.status)).toEqual(['REVOKED', 'EXPIRED']);
  });
});

/**
 * Accounts written before account.membership_changes_at existed (the column null, marked
 * unchecked by the migration): the time job works out their instant once, from their last write,
 * so a WITHIN_DAYS membership rule moves them at exactly its instant, as for any account.
 */
import { rescoreDueAccounts } from '../../src/use-cases/scoring/time-rescoring';
import { ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { employeeBandsDefinition, engagedSegment } from '../helpers/fixtures';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

it('an account whose membership instant is unknown leaves, or stays, at exactly the instant its rule gives', async () => {
  await t.data(createSegment, { input: engagedSegment() });
  await t.data(upsertAccounts, {
    accounts: [
      // Engaged Nov 21 12:00: a member through Dec 1 12:00 (10 days, that instant included).
      { externalId: 'fading', name: 'Fading', attributes: { region: 'EMEA', lastEngagedAt: '2026-11-21T12:00:00Z', employees: 500 } },
      // Engaged Nov 24 12:00: a member through Dec 4 12:00.
      { externalId: 'steady', name: 'Steady', attributes: { region: 'EMEA', lastEngagedAt: '2026-11-24T12:00:00Z', employees: 500 } },
    ],
  });
  const v1 = (
    await t.data(createDraft, { segmentKey: 'engaged', definition: employeeBandsDefinition({ perfect: 80, strong: 40, moderate: 20 }) })
  ).createDraft;
  await t.data(publishVersion, { id: v1.id });
  // As the migration leaves an account written before the column existed.
  await t.sql(`UPDATE account SET membership_changes_at = NULL, membership_checked = false`);
  const accounts = () =>
    t.sql<{ external_id: string; members: number; membership_changes_at: Date | null; membership_checked: boolean }>(
      `SELECT external_id, cardinality(segment_ids) AS members, membership_changes_at, membership_checked FROM account ORDER BY external_id`,
    );
  const scores = () =>
    t.sql<{ external_id: string; valid_to: Date | null }>(
      `SELECT a.external_id, s.valid_to FROM account_score s JOIN account a ON a.id = s.account_id WHERE s.version_id = $1 ORDER BY 1, s.valid_from`,
      [v1.id],
    );

  clock.set('2026-12-02T00:00:00Z');
  // Both checked (2), then fading's instant, already past, handled by the membership pass (1).
  expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 3, rowsWritten: 0, overridesFlagged: 0 });
  expect(await accounts()).toEqual([
    { external_id: 'fading', members: 0, membership_changes_at: null, membership_checked: true },
    { external_id: 'steady', members: 1, membership_changes_at: new Date('2026-12-04T12:00:00.001Z'), membership_checked: true },
  ]);
  // fading's row ends at its instant, not when the job ran.
  expect(await scores()).toEqual([
    { external_id: 'fading', valid_to: new Date('2026-12-01T12:00:00.001Z') },
    { external_id: 'steady', valid_to: null },
  ]);
  const removed = await t.sql(`SELECT type, occurred_at FROM outbox_event WHERE type = 'FIT_REMOVED'`);
  expect(removed).toEqual([{ type: 'FIT_REMOVED', occurred_at: new Date('2026-12-01T12:00:00.001Z') }]);
  // Checked once: nothing more to do until steady's instant.
  expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 0, rowsWritten: 0, overridesFlagged: 0 });
  clock.set('2026-12-05T00:00:00Z');
  expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toEqual({ due: 1, rowsWritten: 0, overridesFlagged: 0 });
  expect((await scores()).map((s) => s.valid_to)).toEqual([new Date('2026-12-01T12:00:00.001Z'), new Date('2026-12-04T12:00:00.001Z')]);
});

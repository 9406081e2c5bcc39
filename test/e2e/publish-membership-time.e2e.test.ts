/**
 * A publish prepared while time changes a segment's membership (a WITHIN_DAYS membership rule):
 * the time job's membership pass keeps the draft's prepared rows current as upserts do, so the
 * flip makes live exactly the members of its instant. ManualClock drives time; the preparation
 * is slowed (each prepared row waits) so that the membership pass runs between its batches.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { rescoreDueAccounts } from '../../src/use-cases/scoring/time-rescoring';
import { ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { employeeBandsDefinition, engagedSegment } from '../helpers/fixtures';
import { upsertAccounts } from '../operations/accounts';
import { previewScoreAndTier } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

const clock = new ManualClock(new Date('2026-11-24T12:00:00Z'));
let t: TestApp;

const definition = (perfect: number) => employeeBandsDefinition({ perfect, strong: 40, moderate: 20 });

// Members while engaged (region EMEA and lastEngagedAt WITHIN_DAYS 10), created in this order (ids ascending).
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  // A member through Dec 1 12:00.
  fading: { region: 'EMEA', lastEngagedAt: '2026-11-21T12:00:00Z', employees: 500 },
  // A meeting on Dec 1 12:00: a member from then.
  upcoming: { region: 'EMEA', lastEngagedAt: '2026-12-01T12:00:00Z', employees: 2000 },
  // A member through Dec 4 12:00.
  steady: { region: 'EMEA', lastEngagedAt: '2026-11-24T12:00:00Z', employees: 500 },
};

beforeAll(async () => {
  t = await startTestApp({ clock });
  t.services.publishJobs.batchSize = 1;
});
afterAll(() => t.close());

it('members that time adds or removes during the preparation are live, or not, when it flips', async () => {
  await t.data(createSegment, { input: engagedSegment() });
  await t.data(upsertAccounts, {
    accounts: Object.entries(ACCOUNTS).map(([k, attributes]) => ({ externalId: k, name: `${k} inc`, attributes })),
  });
  const v1 = (await t.data(createDraft, { segmentKey: 'engaged', definition: definition(80) })).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const v2 = (await t.data(createDraft, { segmentKey: 'engaged', definition: definition(45) })).createDraft;
  await t.sql(`CREATE FUNCTION slow_prepare() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$`);
  await t.sql(
    `CREATE TRIGGER slow_prepare BEFORE INSERT ON account_score FOR EACH ROW WHEN (NEW.version_id = '${v2.id}') EXECUTE FUNCTION slow_prepare()`,
  );
  try {
    // Members when it is planned: fading and steady, one batch each ([first, steady) and [steady, ...)).
    const job = await t.services.publishJobs.start(t.system, { id: v2.id });
    const running = t.services.publishJobs.run(t.system, job.id);
    const scored = async () => (await t.sql(`SELECT count(*)::int AS n FROM account_score WHERE version_id = $1`, [v2.id]))[0].n;
    for (let i = 0; i < 100 && (await scored()) === 0; i++) await sleep(50);
    expect(await t.sql(`SELECT state FROM publish_job WHERE id = $1`, [job.id])).toEqual([{ state: 'PREPARING' }]);
    // fading's batch is done; time then moves fading out and upcoming in (its id is in that batch's range).
    clock.set('2026-12-02T00:00:00Z');
    expect(await rescoreDueAccounts(t.services, t.system, clock.now())).toMatchObject({ due: 2 });
    expect(await running).not.toBeNull();
  } finally {
    await t.sql('DROP TRIGGER slow_prepare ON account_score');
    await t.sql('DROP FUNCTION slow_prepare()');
  }
  const live = await t.sql<{ external_id: string; score: string; tier: string }>(
    `SELECT a.external_id, s.score::text, s.tier FROM account_score s JOIN account a ON a.id = s.account_id
     WHERE s.version_id = $1 AND s.valid_to IS NULL ORDER BY a.external_id`,
    [v2.id],
  );
  const expected = async (name: string) => (await t.data(previewScoreAndTier, { v: v2.id, a: ACCOUNTS[name] })).previewScore;
  expect(live.map((r) => ({ name: r.external_id, score: Number(r.score), tier: r.tier }))).toEqual([
    { name: 'steady', ...(await expected('steady')) },
    { name: 'upcoming', ...(await expected('upcoming')) },
  ]);
  const [published] = await t.sql(`SELECT status, effective_at FROM icp_version WHERE id = $1`, [v2.id]);
  expect(published).toEqual({ status: 'PUBLISHED', effective_at: new Date('2026-12-02T00:00:00Z') });
});

/**
 * Layer 06: publishing as a job. Queued, prepared in batches by workers (here in this process),
 * cancelled, failed: the previous version stays live and nothing of the job shows until it flips.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startBackgroundWork, type BackgroundWork } from '../../src/jobs/background-work';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { previewScoreAndTier } from '../operations/fits';
import { publishJob, startPublish } from '../operations/publishing';
import { createDraft, createSegment, publishVersion, updateDraft } from '../operations/registry';

let t: TestApp;
const cancelPublish = graphql(`
  mutation CancelPublish($id: ID!) { cancelPublish(jobId: $id) { ...PublishJobFields } }
`);
const historyOf = graphql(`
  query HistoryOfPublished($externalId: String!, $segmentKey: String!) {
    account(externalId: $externalId) {
      fit(segmentKey: $segmentKey) { version { number } computed { validFrom } }
      scoreHistory(segmentKey: $segmentKey) { version { number } validFrom validTo }
    }
  }
`);
const publishJobsOfQueued = graphql(`
  query PublishJobsOfQueued { publishJobs(segmentKey: "queued") { id state version { number } } }
`);

const statuses = async (key: string) =>
  (
    await t.sql<{ number: number; status: string }>(
      `SELECT v.number, v.status FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = $1 ORDER BY v.number`,
      [key],
    )
  ).map((r) => `${r.number}:${r.status}`);

/** A segment of `n` accounts with v1 live and a v2 draft with other thresholds. */
async function segmentWithDraft(key: string, n: number) {
  await t.data(createSegment, { input: { key, name: key, membership: [{ attribute: 'region', operator: 'EQ', value: key, points: 1 }] } });
  await t.data(upsertAccounts, {
    accounts: Array.from({ length: n }, (_, i) => ({
      externalId: `${key}-${i}`,
      name: `${key} ${i}`,
      attributes: { region: key, industry: i % 2 ? 'saas' : 'retail', employees: 10 * i, demoRequested: i % 3 === 0 },
    })),
  });
  const v1 = (await t.data(createDraft, { segmentKey: key, definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const changed = seedDefinition();
  changed.thresholds = { perfect: 50, strong: 30, moderate: 10 };
  const v2 = (await t.data(createDraft, { segmentKey: key, definition: changed, notes: 'looser' })).createDraft;
  return { v1, v2 };
}

async function waitFor(id: string, states: string[], timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await t.data(publishJob, { id })).publishJob!;
    if (states.includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`publish job still ${job.state}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  t.services.publishJobs.batchSize = 7;
});
afterAll(() => t.close());

describe('startPublish without workers', () => {
  it('queues and returns at once; a second publish of the segment is CONFLICT; bad input queues nothing', async () => {
    const { v1, v2 } = await segmentWithDraft('queued', 10);
    expect(expectError(await t.gql(startPublish, { id: v2.id, effectiveAt: '2099-01-01T00:00:00Z' }), 'BAD_USER_INPUT').message).toContain(
      'effectiveAt: must not be in the future',
    );
    expectError(await t.gql(startPublish, { id: v1.id }), 'CONFLICT'); // already published
    const job = (await t.data(startPublish, { id: v2.id, notes: 'Q1 review' })).startPublish;
    expect(job).toMatchObject({
      state: 'QUEUED',
      notes: 'Q1 review',
      requestedBy: 'test-admin',
      accountsTotal: null,
      accountsScored: 0,
      finishedAt: null,
      result: null,
      version: { number: 2, status: 'DRAFT' },
    });
    const v3 = (await t.data(createDraft, { segmentKey: 'queued' })).createDraft;
    expect(expectError(await t.gql(startPublish, { id: v3.id }), 'CONFLICT').message).toContain('being published');
    expectError(await t.gql(publishVersion, { id: v3.id }), 'CONFLICT');
    expect(await t.sql(`SELECT version_id FROM publish_job WHERE state <> 'DONE'`)).toEqual([{ version_id: v2.id }]);

    const viewer = await t.keyFor('VIEWER');
    expectError(await t.gql(startPublish, { id: v3.id }, { key: viewer }), 'FORBIDDEN');
    const jobs = (await t.data(publishJobsOfQueued, undefined, { key: viewer })).publishJobs;
    expect(jobs).toEqual([
      { id: job.id, state: 'QUEUED', version: { number: 2 } },
      { id: expect.any(String), state: 'DONE', version: { number: 1 } },
    ]); // newest first

    // Its batches score the definition they read: the draft cannot change under them.
    const stricter = seedDefinition();
    stricter.thresholds = { perfect: 90, strong: 70, moderate: 40 };
    const edit = { id: v2.id, definition: stricter, expectedRevision: v2.revision };
    const refused = expectError(await t.gql(updateDraft, edit), 'CONFLICT');
    expect(refused.message).toBe(`id: the draft is being published (publish job ${job.id}); cancel that publish or wait for it, then edit`);
    expect(refused.extensions).toMatchObject({ field: 'id', publishJobId: job.id });
    expect(await t.sql(`SELECT revision, definition -> 'thresholds' AS t FROM icp_version WHERE id = $1`, [v2.id])).toEqual([
      { revision: v2.revision, t: { perfect: 50, strong: 30, moderate: 10 } },
    ]);

    const cancelled = (await t.data(cancelPublish, { id: job.id })).cancelPublish;
    expect(cancelled).toMatchObject({ state: 'CANCELLED', finishedAt: expect.any(String) });
    expect((await t.data(updateDraft, edit)).updateDraft.revision).toBe(v2.revision + 1); // no publish in the way any more
    expect(expectError(await t.gql(cancelPublish, { id: job.id }), 'CONFLICT').message).toContain('CANCELLED');
    expect(await statuses('queued')).toEqual(['1:PUBLISHED', '2:DRAFT', '3:DRAFT']);
    expect(await t.sql(`SELECT actor, after FROM audit_event WHERE action = 'publish.cancelled' AND entity_id = $1`, [job.id])).toEqual([
      { actor: 'test-admin', after: { state: 'CANCELLED' } },
    ]);
  });
});

describe('with workers', () => {
  let background: BackgroundWork;
  beforeAll(async () => {
    background = await startBackgroundWork({
      url: t.databaseUrl,
      dataSource: t.ds,
      config: { ...t.config, jobTimeoutSeconds: 30, workerConcurrency: 2 },
      runWorkers: true,
      log: t.log,
      services: t.services,
      metrics: t.fitgraph.metrics,
      clock: t.fitgraph.clock,
    });
  });
  afterAll(() => background.stop(2000));

  it('prepares in batches of members and flips; the result matches what publishVersion reports', async () => {
    const { v2 } = await segmentWithDraft('worked', 30);
    const before = await t.sql<{
      tier: string;
      n: number;
    }>(`SELECT s.tier, count(*)::int AS n FROM account_score s JOIN icp_version v ON v.id = s.version_id
      JOIN segment g ON g.id = v.segment_id WHERE g.key = 'worked' AND v.number = 1 AND s.valid_to IS NULL GROUP BY 1`);
    const job = (await t.data(startPublish, { id: v2.id })).startPublish;
    const done = await waitFor(job.id, ['DONE', 'FAILED']);
    expect(done).toMatchObject({
      state: 'DONE',
      accountsTotal: 30,
      accountsScored: 30,
      notes: null,
      version: { number: 2, status: 'PUBLISHED' },
      result: { accountsScored: 30, superseded: { number: 1 } },
    });
    const tierChanges = done.result!.tierChanges;
    expect(tierChanges.reduce((s, m) => s + m.accounts, 0)).toBe(30);
    expect(tierChanges.filter((m) => m.from === null)).toEqual([]);
    // Every previous tier is accounted for in the migration.
    const fromCounts = Object.fromEntries(before.map((r) => [r.tier, r.n]));
    for (const [tier, n] of Object.entries(fromCounts)) {
      expect(tierChanges.filter((m) => m.from === tier).reduce((s, m) => s + m.accounts, 0)).toBe(n);
    }
    const batches = await t.sql<{ seq: number; scored: number }>('SELECT seq, scored FROM publish_batch WHERE job_id = $1 ORDER BY seq', [
      job.id,
    ]);
    expect(batches.map((b) => b.scored)).toEqual([7, 7, 7, 7, 2]);
    // The prepared rows are the live ones (nothing copied): valid from the version's effectiveAt, the flip's instant.
    const [{ effective_at: effectiveAt }] = await t.sql<{ effective_at: Date }>('SELECT effective_at FROM icp_version WHERE id = $1', [
      v2.id,
    ]);
    expect(
      await t.sql(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE valid_from = '-infinity')::int AS prepared FROM account_score WHERE version_id = $1`,
        [v2.id],
      ),
    ).toEqual([{ n: 30, prepared: 30 }]);
    // The flip's transaction (the one that published the version) wrote no score row: the batches wrote them all.
    expect(
      await t.sql(
        `SELECT count(*)::int AS n FROM account_score s, icp_version v WHERE v.id = $1 AND s.version_id = v.id AND s.xmin = v.xmin`,
        [v2.id],
      ),
    ).toEqual([{ n: 0 }]);
    const account = (await t.data(historyOf, { externalId: 'worked-4', segmentKey: 'worked' })).account!;
    expect(account.fit).toEqual({ version: { number: 2 }, computed: { validFrom: effectiveAt.toISOString() } });
    expect(account.scoreHistory).toEqual([
      { version: { number: 2 }, validFrom: effectiveAt.toISOString(), validTo: null },
      { version: { number: 1 }, validFrom: expect.any(String), validTo: null },
    ]);
    expect(await statuses('worked')).toEqual(['1:SUPERSEDED', '2:PUBLISHED']);
    const published = (
      await t.sql(`SELECT actor, after FROM audit_event WHERE action = 'version.published' AND entity_id = $1`, [v2.id])
    )[0];
    // The counts are the job's result (above), counted once the flip committed; the audit names the job.
    expect(published).toMatchObject({ actor: 'test-admin', after: { publishJobId: job.id, backfilled: false } });
  });

  it('cancelled mid-preparation: nothing visible, the draft stays a draft, prepared scores gone', async () => {
    const { v2 } = await segmentWithDraft('cancelled', 30);
    const rowsOfDraft = async () => (await t.sql('SELECT count(*)::int AS n FROM account_score WHERE version_id = $1', [v2.id]))[0].n;
    const history = async () =>
      (await t.data(historyOf, { externalId: 'cancelled-0', segmentKey: 'cancelled' })).account!.scoreHistory.map((s) => s.version.number);
    await t.sql(`CREATE FUNCTION slow_stage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER slow_stage BEFORE INSERT ON account_score FOR EACH ROW WHEN (NEW.version_id = '${v2.id}') EXECUTE FUNCTION slow_stage()`,
    );
    try {
      const job = (await t.data(startPublish, { id: v2.id })).startPublish;
      const preparing = await waitFor(job.id, ['PREPARING']);
      expect(preparing.accountsTotal).toBe(30);
      // A batch is prepared (its rows are in account_score under the draft) and shows nowhere.
      for (let i = 0; i < 100 && (await t.data(publishJob, { id: job.id })).publishJob!.accountsScored === 0; i++) await sleep(100);
      expect(await rowsOfDraft()).toBeGreaterThanOrEqual(7);
      expect(await history()).toEqual([1]);
      const cancelled = (await t.data(cancelPublish, { id: job.id })).cancelPublish;
      expect(cancelled.state).toBe('CANCELLED');
      expect(cancelled.accountsScored).toBeLessThan(30);
      await sleep(500);
      expect((await t.data(publishJob, { id: job.id })).publishJob?.state).toBe('CANCELLED');
    } finally {
      await t.sql('DROP TRIGGER slow_stage ON account_score');
      await t.sql('DROP FUNCTION slow_stage()');
    }
    expect(await statuses('cancelled')).toEqual(['1:PUBLISHED', '2:DRAFT']);
    expect(await history()).toEqual([1]);
    // Batches in flight when the cancel committed finish; the runs then delete what they prepared.
    for (let i = 0; i < 100 && (await rowsOfDraft()) > 0; i++) await sleep(100);
    expect(await rowsOfDraft()).toBe(0);
    // The draft publishes afterwards.
    expect((await t.data(publishVersion, { id: v2.id })).publishVersion.accountsScored).toBe(30);
    expect(await history()).toEqual([2, 1]);
  });

  it('upserts during the preparation keep the prepared rows current: no account is scored again in the flip', async () => {
    const { v2 } = await segmentWithDraft('late', 21);
    await t.data(upsertAccounts, { accounts: [{ externalId: 'late-outsider', name: 'Outsider', attributes: { region: 'elsewhere' } }] });
    // Each prepared row waits, so batches of 7 take 0.7 s: the upserts below land between them.
    await t.sql(`CREATE FUNCTION slow_late() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.1); RETURN NEW; END $$`);
    await t.sql(
      `CREATE TRIGGER slow_late BEFORE INSERT ON account_score FOR EACH ROW WHEN (NEW.version_id = '${v2.id}') EXECUTE FUNCTION slow_late()`,
    );
    const strong = { region: 'late', industry: 'saas', employees: 5000, annualRevenue: 50_000_000, demoRequested: true };
    let job: { id: string };
    try {
      job = (await t.data(startPublish, { id: v2.id })).startPublish;
      for (let i = 0; i < 100 && (await t.data(publishJob, { id: job.id })).publishJob!.accountsScored < 7; i++) await sleep(50);
      // late-0 (scored in the first batch) changes, late-1 leaves, late-outsider joins (its id is below
      // the batches still to do), late-new is created.
      const upserted = await t.data(upsertAccounts, {
        accounts: [
          { externalId: 'late-0', name: 'late 0', attributes: strong },
          { externalId: 'late-1', name: 'late 1', attributes: { region: 'gone' } },
          { externalId: 'late-outsider', name: 'Outsider', attributes: { ...strong, employees: 20 } },
          { externalId: 'late-new', name: 'New', attributes: { ...strong, employees: 300 } },
        ],
      });
      expect(upserted.upsertAccounts).toMatchObject({ created: 1, updated: 3 });
      expect((await t.data(publishJob, { id: job.id })).publishJob!.state).toBe('PREPARING');
      await waitFor(job.id, ['DONE', 'FAILED']);
    } finally {
      await t.sql('DROP TRIGGER slow_late ON account_score');
      await t.sql('DROP FUNCTION slow_late()');
    }
    const done = (await t.data(publishJob, { id: job.id })).publishJob!;
    expect(done).toMatchObject({ state: 'DONE', result: { accountsScored: 22 } });
    expect(done.result!.tierChanges.reduce((sum, m) => sum + m.accounts, 0)).toBe(22);
    const current = await t.sql<{ external_id: string; score: string; tier: string }>(
      `SELECT a.external_id, s.score::text, s.tier FROM account_score s JOIN account a ON a.id = s.account_id
       WHERE s.version_id = $1 AND s.valid_to IS NULL`,
      [v2.id],
    );
    expect(current.length).toBe(22);
    const byId = new Map(current.map((r) => [r.external_id, r]));
    expect(byId.has('late-1')).toBe(false);
    for (const [externalId, attributes] of [
      ['late-0', strong],
      ['late-outsider', { ...strong, employees: 20 }],
      ['late-new', { ...strong, employees: 300 }],
    ] as const) {
      const expected = (await t.data(previewScoreAndTier, { v: v2.id, a: attributes })).previewScore;
      expect({ externalId, score: Number(byId.get(externalId)?.score), tier: byId.get(externalId)?.tier }).toEqual({
        externalId,
        ...expected,
      });
    }
    const fit = (await t.data(historyOf, { externalId: 'late-1', segmentKey: 'late' })).account!;
    expect(fit.fit).toBeNull();
  });

  it('failed in the flip: FAILED with the reason, the previous version live, no score of the draft anywhere', async () => {
    const { v2 } = await segmentWithDraft('failing', 12);
    // Publishing the draft is the flip's own work: it fails there, after the preparation.
    await t.sql(`CREATE FUNCTION fail_flip() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '${v2.id}' AND NEW.status = 'PUBLISHED' THEN RAISE EXCEPTION 'injected failure in the flip'; END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER fail_flip BEFORE UPDATE ON icp_version FOR EACH ROW EXECUTE FUNCTION fail_flip()');
    try {
      const job = (await t.data(startPublish, { id: v2.id })).startPublish;
      const failed = await waitFor(job.id, ['FAILED', 'DONE']);
      expect(failed).toMatchObject({ state: 'FAILED', result: null, version: { status: 'DRAFT' } });
      expect(failed.error).toContain('injected failure in the flip');
    } finally {
      await t.sql('DROP TRIGGER fail_flip ON icp_version');
      await t.sql('DROP FUNCTION fail_flip()');
    }
    expect(await statuses('failing')).toEqual(['1:PUBLISHED', '2:DRAFT']);
    expect(
      await t.sql(
        'SELECT accounts_total, (SELECT sum(scored)::int FROM publish_batch WHERE job_id = j.id) AS scored FROM publish_job j WHERE version_id = $1',
        [v2.id],
      ),
    ).toEqual([{ accounts_total: 12, scored: 12 }]); // prepared in full before the flip failed
    const rowsOfDraft = async () => (await t.sql('SELECT count(*)::int AS n FROM account_score WHERE version_id = $1', [v2.id]))[0].n;
    for (let i = 0; i < 50 && (await rowsOfDraft()) > 0; i++) await sleep(100);
    expect(await rowsOfDraft()).toBe(0);
    expect(
      (await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'version.published' AND entity_id = $1`, [v2.id]))[0].n,
    ).toBe(0);
  });
});

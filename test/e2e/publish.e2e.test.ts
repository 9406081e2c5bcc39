import { generateAccounts } from '../../src/demo/account-generator';
import { graphql } from '../gql';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { previewScoreAndTier } from '../operations/fits';
import { createDraft, createSegment, publishVersion } from '../operations/registry';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const liveVersionNumber = graphql(`
  query LiveVersionNumber($key: String!) { segment(key: $key) { liveVersion { number } } }
`);
const segmentFits = graphql(`
  query SegmentFitsWithVersions($segmentKey: String!) {
    fits(segmentKey: $segmentKey, first: 100) { edges { node { score tier version { number } account { externalId } } } }
  }
`);
const readersFitVersionsCounted = graphql(`
  query ReadersFitVersionsCounted { fits(segmentKey: "readers", first: 100) { totalCount edges { node { version { number } } } } }
`);
const readersFitVersions = graphql(`
  query ReadersFitVersions { fits(segmentKey: "readers", first: 100) { edges { node { version { number } } } } }
`);

async function liveAndDraft(key: string) {
  await t.data(createSegment, { input: { key, name: key } });
  const v1 = (await t.data(createDraft, { segmentKey: key, definition: seedDefinition() })).createDraft;
  await t.data(publishVersion, { id: v1.id });
  const v2 = (await t.data(createDraft, { segmentKey: key })).createDraft;
  return { v1, v2 };
}

const statuses = async (key: string) =>
  (
    await t.sql<{ number: number; status: string }>(
      `SELECT v.number, v.status FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = $1 ORDER BY v.number`,
      [key],
    )
  ).map((r) => `${r.number}:${r.status}`);

describe('publishVersion atomicity', () => {
  it('leaves the previous version live when the publish fails half-way', async () => {
    const { v2 } = await liveAndDraft('atomic');
    const auditBefore = (await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n;
    // Injected failure: the audit insert, which runs after both version rows were flipped, fails.
    await t.sql(`CREATE FUNCTION fail_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'version.published' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER fail_publish BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION fail_publish()');
    try {
      const res = await t.gql(publishVersion, { id: v2.id });
      expect(res.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await t.sql('DROP TRIGGER fail_publish ON audit_event');
      await t.sql('DROP FUNCTION fail_publish()');
    }
    expect(await statuses('atomic')).toEqual(['1:PUBLISHED', '2:DRAFT']);
    expect((await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n).toBe(auditBefore);
    const live = (await t.data(liveVersionNumber, { key: 'atomic' })).segment!.liveVersion;
    expect(live).toEqual({ number: 1 });
    // And once the fault is gone the same publish goes through.
    await t.data(publishVersion, { id: v2.id });
    expect(await statuses('atomic')).toEqual(['1:SUPERSEDED', '2:PUBLISHED']);
  });
});

describe('concurrent publishes', () => {
  /** Slows every publish down inside its transaction so that two requests surely overlap. */
  async function withSlowPublish<T>(work: () => Promise<T>): Promise<T> {
    await t.sql(`CREATE FUNCTION slow_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'PUBLISHED' THEN PERFORM pg_sleep(0.4); END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER slow_publish AFTER UPDATE ON icp_version FOR EACH ROW EXECUTE FUNCTION slow_publish()');
    try {
      return await work();
    } finally {
      await t.sql('DROP TRIGGER slow_publish ON icp_version');
      await t.sql('DROP FUNCTION slow_publish()');
    }
  }

  it('lets one of two drafts of a segment win; the other gets CONFLICT', async () => {
    const { v2 } = await liveAndDraft('race');
    const v3 = (await t.data(createDraft, { segmentKey: 'race' })).createDraft;
    const results = await withSlowPublish(() => Promise.all([t.gql(publishVersion, { id: v2.id }), t.gql(publishVersion, { id: v3.id })]));
    const winners = results.filter((r) => r.data?.publishVersion);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expectError(losers[0], 'CONFLICT');
    const live = (
      await t.sql(
        `SELECT count(*)::int AS n FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = 'race' AND v.status = 'PUBLISHED'`,
      )
    )[0].n;
    expect(live).toBe(1);
    expect((await statuses('race')).filter((s) => s.endsWith('DRAFT'))).toHaveLength(1);
  });

  it('publishes the same draft once when asked twice at the same moment', async () => {
    const { v2 } = await liveAndDraft('twice');
    const results = await withSlowPublish(() => Promise.all([t.gql(publishVersion, { id: v2.id }), t.gql(publishVersion, { id: v2.id })]));
    expect(results.filter((r) => r.data?.publishVersion)).toHaveLength(1);
    expectError(
      results.find((r) => r.errors)!,
      'CONFLICT',
    );
    expect(await statuses('twice')).toEqual(['1:SUPERSEDED', '2:PUBLISHED']);
    const events = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'version.published' AND entity_id = $1`, [v2.id]);
    expect(events[0].n).toBe(1);
  });
});

describe('publishVersion with rescoring', () => {
  const liveScores = async (key: string) =>
    t.sql(
      `SELECT v.number, count(*)::int AS n FROM account_score s JOIN icp_version v ON v.id = s.version_id JOIN segment g ON g.id = v.segment_id
     WHERE g.key = $1 AND s.valid_to IS NULL GROUP BY v.number ORDER BY v.number`,
      [key],
    );

  async function scoredSegment(key: string) {
    await t.data(createSegment, { input: { key, name: key } });
    await t.data(upsertAccounts, {
      accounts: Array.from({ length: 30 }, (_, i) => ({
        externalId: `${key}-${i}`,
        name: `${key} ${i}`,
        explicitSegments: [key],
        attributes: { industry: i % 2 ? 'saas' : 'retail', employees: 10 * i, demoRequested: i % 3 === 0 },
      })),
    });
    const v1 = (await t.data(createDraft, { segmentKey: key, definition: seedDefinition() })).createDraft;
    await t.data(publishVersion, { id: v1.id });
    const changed = seedDefinition();
    changed.thresholds = { perfect: 50, strong: 30, moderate: 10 };
    const v2 = (await t.data(createDraft, { segmentKey: key, definition: changed })).createDraft;
    return { v1, v2 };
  }

  const fitsOf = async (key: string) => (await t.data(segmentFits, { segmentKey: key })).fits.edges.map((e) => e.node);

  it('keeps the previous version and its scores when rescoring fails half-way', async () => {
    const { v2 } = await scoredSegment('rescore-fail');
    const before = await fitsOf('rescore-fail');
    expect(before).toHaveLength(30);
    await t.sql(`CREATE FUNCTION fail_rescore() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.version_id = '${v2.id}' THEN RAISE EXCEPTION 'injected failure while rescoring'; END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER fail_rescore BEFORE INSERT ON account_score FOR EACH ROW EXECUTE FUNCTION fail_rescore()');
    try {
      expectError(await t.gql(publishVersion, { id: v2.id }), 'INTERNAL_SERVER_ERROR');
    } finally {
      await t.sql('DROP TRIGGER fail_rescore ON account_score');
      await t.sql('DROP FUNCTION fail_rescore()');
    }
    expect(await statuses('rescore-fail')).toEqual(['1:PUBLISHED', '2:DRAFT']);
    expect(await fitsOf('rescore-fail')).toEqual(before);
    expect(await liveScores('rescore-fail')).toEqual([{ number: 1, n: 30 }]);
  });

  it('keeps the previous version when the publishing session is killed half-way', async () => {
    const { v2 } = await scoredSegment('rescore-kill');
    const before = await fitsOf('rescore-kill');
    await t.sql(`CREATE FUNCTION slow_rescore() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.version_id = '${v2.id}' THEN PERFORM pg_sleep(5); END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER slow_rescore BEFORE INSERT ON account_score FOR EACH ROW EXECUTE FUNCTION slow_rescore()');
    try {
      const publishing = t.gql(publishVersion, { id: v2.id });
      // Wait until the publish is inside its rescoring, then kill its database session as a crash would.
      let killed = 0;
      for (let i = 0; i < 50 && killed === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const rows = await t.sql(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event = 'PgSleep'`);
        killed = rows.length;
      }
      expect(killed).toBe(1);
      expect((await publishing).errors?.length).toBeGreaterThan(0);
    } finally {
      await t.sql('DROP TRIGGER slow_rescore ON account_score');
      await t.sql('DROP FUNCTION slow_rescore()');
    }
    expect(await statuses('rescore-kill')).toEqual(['1:PUBLISHED', '2:DRAFT']);
    expect(await fitsOf('rescore-kill')).toEqual(before);
    // The draft publishes cleanly afterwards, and readers then see only version 2.
    const done = (await t.data(publishVersion, { id: v2.id })).publishVersion;
    expect(done.accountsScored).toBe(before.length); // no membership rules: every account, also those of other tests
    expect(new Set((await fitsOf('rescore-kill')).map((f) => f.version.number))).toEqual(new Set([2]));
  });
});

describe('readers during a publish', () => {
  it('see the previous version until the publish commits, then only the new one; never a mix', async () => {
    await t.data(createSegment, {
      input: { key: 'readers', name: 'Readers', membership: [{ attribute: 'employees', operator: 'GTE', value: 1000, points: 1 }] },
    });
    await t.data(upsertAccounts, {
      accounts: Array.from({ length: 40 }, (_, i) => ({
        externalId: `reader-${i}`,
        name: `Reader ${i}`,
        attributes: { employees: 1000 + i, industry: 'saas', demoRequested: i % 2 === 0 },
      })),
    });
    const v1 = (await t.data(createDraft, { segmentKey: 'readers', definition: seedDefinition() })).createDraft;
    await t.data(publishVersion, { id: v1.id });
    const v2 = (await t.data(createDraft, { segmentKey: 'readers' })).createDraft;
    await t.sql(`CREATE FUNCTION slow_readers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.version_id = '${v2.id}' THEN PERFORM pg_sleep(0.01); END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER slow_readers BEFORE INSERT ON account_score FOR EACH ROW EXECUTE FUNCTION slow_readers()');
    const seen: number[][] = [];
    try {
      let done = false;
      const publishing = t.data(publishVersion, { id: v2.id }).finally(() => {
        done = true;
      });
      while (!done) {
        const res = await t.data(readersFitVersionsCounted);
        seen.push([...new Set(res.fits.edges.map((e) => e.node.version.number))]);
        expect(res.fits.edges).toHaveLength(40);
      }
      await publishing;
    } finally {
      await t.sql('DROP TRIGGER slow_readers ON account_score');
      await t.sql('DROP FUNCTION slow_readers()');
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((versions) => versions.length === 1)).toBe(true);
    expect(seen[0]).toEqual([1]);
    const after = await t.data(readersFitVersions);
    expect(new Set(after.fits.edges.map((e) => e.node.version.number))).toEqual(new Set([2]));
  });
});

describe('bulk rescoring (COPY path)', () => {
  it('scores thousands of members exactly as the engine does, and rolls back whole when the COPY fails', async () => {
    await t.data(createSegment, {
      input: { key: 'bulk', name: 'Bulk', membership: [{ attribute: 'country', operator: 'EXISTS', points: 1 }] },
    });
    const accounts = generateAccounts(2600, { seed: 77 }).map((a) => ({ ...a, externalId: `bulk-${a.externalId}` }));
    for (let i = 0; i < accounts.length; i += 1000) {
      await t.data(upsertAccounts, { accounts: accounts.slice(i, i + 1000) });
    }
    const members = (
      await t.sql(`SELECT count(*)::int AS n FROM account a JOIN segment s ON s.id = ANY(a.segment_ids) WHERE s.key = 'bulk'`)
    )[0].n;
    expect(members).toBeGreaterThan(2000);
    const v1 = (await t.data(createDraft, { segmentKey: 'bulk', definition: seedDefinition() })).createDraft;
    await t.sql(`CREATE FUNCTION fail_copy() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.version_id = '${v1.id}' AND NEW.score > 60 THEN RAISE EXCEPTION 'injected failure in the COPY'; END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER fail_copy BEFORE INSERT ON account_score FOR EACH ROW EXECUTE FUNCTION fail_copy()');
    try {
      expectError(await t.gql(publishVersion, { id: v1.id }), 'INTERNAL_SERVER_ERROR');
    } finally {
      await t.sql('DROP TRIGGER fail_copy ON account_score');
      await t.sql('DROP FUNCTION fail_copy()');
    }
    expect(await statuses('bulk')).toEqual(['1:DRAFT']);
    expect((await t.sql('SELECT count(*)::int AS n FROM account_score WHERE version_id = $1', [v1.id]))[0].n).toBe(0);

    const published = (await t.data(publishVersion, { id: v1.id })).publishVersion;
    expect(published.accountsScored).toBe(members);
    const sample = await t.sql(
      `SELECT a.attributes, s.score::float8 AS score, s.tier FROM account_score s JOIN account a ON a.id = s.account_id
      WHERE s.version_id = $1 ORDER BY a.external_id LIMIT 40`,
      [v1.id],
    );
    for (const row of sample) {
      const preview = (await t.data(previewScoreAndTier, { v: v1.id, a: row.attributes })).previewScore;
      expect(preview).toEqual({ score: row.score, tier: row.tier });
    }
  });
});

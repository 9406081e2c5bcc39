import { CREATE_DRAFT, CREATE_SEGMENT, PUBLISH, seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

async function liveAndDraft(key: string) {
  await t.data(CREATE_SEGMENT, { input: { key, name: key } });
  const v1 = (await t.data(CREATE_DRAFT, { segmentKey: key, definition: seedDefinition() })).createDraft;
  await t.data(PUBLISH, { id: v1.id });
  const v2 = (await t.data(CREATE_DRAFT, { segmentKey: key })).createDraft;
  return { v1, v2 };
}

const statuses = async (key: string) =>
  (await t.sql(`SELECT v.number, v.status FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = $1 ORDER BY v.number`, [key]))
    .map((r: any) => `${r.number}:${r.status}`);

describe('publishVersion atomicity', () => {
  it('leaves the previous version live when the publish fails half-way', async () => {
    const { v2 } = await liveAndDraft('atomic');
    const auditBefore = (await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n;
    // Injected failure: the audit insert, which runs after both version rows were flipped, fails.
    await t.sql(`CREATE FUNCTION fail_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'version.published' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await t.sql('CREATE TRIGGER fail_publish BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION fail_publish()');
    try {
      const res = await t.gql(PUBLISH, { id: v2.id });
      expect(res.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await t.sql('DROP TRIGGER fail_publish ON audit_event');
      await t.sql('DROP FUNCTION fail_publish()');
    }
    expect(await statuses('atomic')).toEqual(['1:PUBLISHED', '2:DRAFT']);
    expect((await t.sql('SELECT count(*)::int AS n FROM audit_event'))[0].n).toBe(auditBefore);
    const live = (await t.data(`{ segment(key: "atomic") { liveVersion { number } } }`)).segment.liveVersion;
    expect(live).toEqual({ number: 1 });
    // And once the fault is gone the same publish goes through.
    await t.data(PUBLISH, { id: v2.id });
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
    const v3 = (await t.data(CREATE_DRAFT, { segmentKey: 'race' })).createDraft;
    const results = await withSlowPublish(() => Promise.all([t.gql(PUBLISH, { id: v2.id }), t.gql(PUBLISH, { id: v3.id })]));
    const winners = results.filter((r) => r.data?.publishVersion);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expectError(losers[0], 'CONFLICT');
    const live = (await t.sql(`SELECT count(*)::int AS n FROM icp_version v JOIN segment s ON s.id = v.segment_id WHERE s.key = 'race' AND v.status = 'PUBLISHED'`))[0].n;
    expect(live).toBe(1);
    expect((await statuses('race')).filter((s) => s.endsWith('DRAFT'))).toHaveLength(1);
  });

  it('publishes the same draft once when asked twice at the same moment', async () => {
    const { v2 } = await liveAndDraft('twice');
    const results = await withSlowPublish(() => Promise.all([t.gql(PUBLISH, { id: v2.id }), t.gql(PUBLISH, { id: v2.id })]));
    expect(results.filter((r) => r.data?.publishVersion)).toHaveLength(1);
    expectError(results.find((r) => r.errors)!, 'CONFLICT');
    expect(await statuses('twice')).toEqual(['1:SUPERSEDED', '2:PUBLISHED']);
    const events = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'version.published' AND entity_id = $1`, [v2.id]);
    expect(events[0].n).toBe(1);
  });
});

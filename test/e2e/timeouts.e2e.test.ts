/**
 * Interactive requests carry statement and lock timeouts (a blocked request answers instead of
 * holding a connection for minutes); bulk work such as a publish's rescoring does not.
 */
import { Client } from 'pg';
import { withDatabase } from '../../src/db/database';
import { seedDefinition } from '../helpers/fixtures';
import { expectError, startTestApp, type TestApp } from '../helpers/test-app';
import { upsertAccounts } from '../operations/accounts';
import { createDraft, createSegment, publishVersion, segmentKeys } from '../operations/registry';

/** Runs `work` while another session holds `lock` (a LOCK TABLE statement) until `releaseAfterMs` or the end. */
async function whileLocked<T>(t: TestApp, lock: string, work: () => Promise<T>, releaseAfterMs?: number): Promise<T> {
  const holder = new Client({ connectionString: withDatabase(process.env.FITGRAPH_TEST_SERVER_URL!, t.databaseName) });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(lock);
  const release = releaseAfterMs === undefined ? null : setTimeout(() => void holder.query('COMMIT'), releaseAfterMs);
  try {
    return await work();
  } finally {
    if (release) clearTimeout(release);
    await holder.query('ROLLBACK').catch(() => undefined);
    await holder.end();
  }
}

describe('lock timeout of interactive requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { lockTimeoutMs: 300, statementTimeoutMs: 30_000 } });
  });
  afterAll(() => t.close());

  it('a request blocked by a lock answers CONFLICT after the lock timeout', async () => {
    const started = Date.now();
    const res = await whileLocked(t, 'LOCK TABLE segment IN ACCESS EXCLUSIVE MODE', () => t.gql(segmentKeys));
    expectError(res, 'CONFLICT');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('statement timeout of interactive requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { lockTimeoutMs: 0, statementTimeoutMs: 500 } });
  });
  afterAll(() => t.close());

  it('a statement running past the timeout answers TIMEOUT', async () => {
    const res = await whileLocked(t, 'LOCK TABLE segment IN ACCESS EXCLUSIVE MODE', () => t.gql(segmentKeys));
    const error = expectError(res, 'TIMEOUT');
    expect(error.message).toContain('FITGRAPH_STATEMENT_TIMEOUT_MS');
  });

  it('a publish (bulk work) is not bound by them: its rescoring waits out a 2 s lock and completes', async () => {
    await t.data(createSegment, { input: { key: 'slow', name: 'Slow' } });
    const accounts = Array.from({ length: 50 }, (_, i) => ({
      externalId: `slow-${i}`,
      name: `Slow ${i}`,
      attributes: { employees: i * 10 },
    }));
    await t.data(upsertAccounts, { accounts });
    const draft = (await t.data(createDraft, { segmentKey: 'slow', definition: seedDefinition() })).createDraft;
    const started = Date.now();
    const result = await whileLocked(
      t,
      'LOCK TABLE account_score IN EXCLUSIVE MODE',
      () => t.data(publishVersion, { id: draft.id }),
      2_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(result.publishVersion.accountsScored).toBe(50);
    // And the session is interactive again afterwards: the settings were the transaction's only.
    const res = await whileLocked(t, 'LOCK TABLE segment IN ACCESS EXCLUSIVE MODE', () => t.gql(segmentKeys));
    expectError(res, 'TIMEOUT');
  });
});

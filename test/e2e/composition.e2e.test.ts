/**
 * Two fitgraphs built in one process (as createFitgraph builds them for main.ts) answer by their
 * own configuration and clock: nothing of one leaks into the other through a module.
 */
import { expectError, ManualClock, startTestApp, type TestApp } from '../helpers/test-app';
import { createSegment } from '../operations/registry';

let shallow: TestApp;
let usual: TestApp;
const clock = new ManualClock(new Date('2026-03-14T15:09:26Z'));

beforeAll(async () => {
  shallow = await startTestApp({ config: { maxQueryDepth: 3 }, clock });
  usual = await startTestApp();
});
afterAll(async () => {
  await shallow?.close();
  await usual?.close();
});

// Deliberately one level deeper than the shallow app allows (text: the limit, not the shape, is under test).
const DEPTH_4 = '{ segments { liveVersion { segment { key } } } }';

describe('two fitgraphs in one process', () => {
  it('each applies its own query depth limit', async () => {
    const refused = expectError(await shallow.raw(DEPTH_4), 'QUERY_TOO_DEEP');
    expect(refused.extensions).toMatchObject({ depth: 4, maxDepth: 3 });
    expect((await usual.raw(DEPTH_4)).errors).toBeUndefined();
    expect(shallow.config.maxQueryDepth).toBe(3);
    expect(usual.config.maxQueryDepth).toBe(12);
  });

  it('each writes the time of its own clock', async () => {
    const input = { key: 'composition', name: 'Composition', membership: [] };
    await shallow.data(createSegment, { input });
    const before = Date.now();
    await usual.data(createSegment, { input });
    const createdAt = async (t: TestApp) =>
      (
        (await t.sql<{ created_at: Date }>('SELECT created_at FROM segment WHERE key = $1', ['composition']))[0].created_at as Date
      ).getTime();
    expect(new Date(await createdAt(shallow)).toISOString()).toBe('2026-03-14T15:09:26.000Z');
    const usualAt = await createdAt(usual);
    expect(usualAt).toBeGreaterThanOrEqual(before - 1000);
    expect(usualAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('builds its own services', () => {
    expect(shallow.services).not.toBe(usual.services);
    expect(shallow.services.apiKeys).not.toBe(usual.services.apiKeys);
    expect(shallow.fitgraph.clock.now().toISOString()).toBe('2026-03-14T15:09:26.000Z');
  });
});

import { readConfig } from '../../src/config';

describe('readConfig', () => {
  it('has typed defaults', () => {
    const cfg = readConfig({});
    expect(cfg).toMatchObject({ port: 4000, databaseUrl: undefined, adminKey: undefined, embeddedPgPort: 54329, logLevel: 'info', introspection: true });
    expect(cfg).toMatchObject({ maxHeavyPerKey: 2, maxHeavyTotal: 4 });
    expect(cfg.dataDir).toMatch(/\.data$/);
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(cfg).toMatchObject({ inProcessWorkers: true, jobTimeoutSeconds: 300, workerConcurrency: 2, workerMetricsPort: null });
  });

  it('reads the worker variables', () => {
    expect(readConfig({ FITGRAPH_IN_PROCESS_WORKERS: 'false', FITGRAPH_JOB_TIMEOUT_SECONDS: '30', FITGRAPH_WORKER_CONCURRENCY: '4', FITGRAPH_WORKER_METRICS_PORT: '9400' }))
      .toMatchObject({ inProcessWorkers: false, jobTimeoutSeconds: 30, workerConcurrency: 4, workerMetricsPort: 9400 });
  });

  it('reads the contract variables', () => {
    const cfg = readConfig({ PORT: '8080', DATABASE_URL: 'postgres://x@h/db', FITGRAPH_ADMIN_KEY: 'sixteen-chars-ok!' });
    expect(cfg).toMatchObject({ port: 8080, databaseUrl: 'postgres://x@h/db', adminKey: 'sixteen-chars-ok!' });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid PORT'],
    [{ PORT: '70000' }, 'Invalid PORT'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid LOG_LEVEL'],
    [{ FITGRAPH_ADMIN_KEY: 'short' }, 'Invalid FITGRAPH_ADMIN_KEY'],
    [{ FITGRAPH_INTROSPECTION: 'maybe' }, 'Invalid FITGRAPH_INTROSPECTION'],
    [{ FITGRAPH_IN_PROCESS_WORKERS: 'sometimes' }, 'Invalid FITGRAPH_IN_PROCESS_WORKERS'],
    [{ FITGRAPH_JOB_TIMEOUT_SECONDS: '1' }, 'Invalid FITGRAPH_JOB_TIMEOUT_SECONDS'],
    [{ FITGRAPH_WORKER_CONCURRENCY: '0' }, 'Invalid FITGRAPH_WORKER_CONCURRENCY'],
    [{ FITGRAPH_MAX_HEAVY_PER_KEY: '0' }, 'Invalid FITGRAPH_MAX_HEAVY_PER_KEY'],
    [{ FITGRAPH_MAX_HEAVY_TOTAL: 'many' }, 'Invalid FITGRAPH_MAX_HEAVY_TOTAL'],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});

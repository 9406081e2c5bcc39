import { readConfig } from '../../src/config';

describe('readConfig', () => {
  it('has typed defaults', () => {
    const cfg = readConfig({});
    expect(cfg).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      adminKey: undefined,
      embeddedPgPort: 54329,
      logLevel: 'info',
      introspection: true,
    });
    expect(cfg).toMatchObject({ maxHeavyPerKey: 2, maxHeavyTotal: 4 });
    expect(cfg.dataDir).toMatch(/\.data$/);
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(cfg).toMatchObject({ inProcessWorkers: true, jobTimeoutSeconds: 300, workerConcurrency: 2, workerMetricsPort: null });
    expect(cfg).toMatchObject({
      statementTimeoutMs: 30_000,
      lockTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 60_000,
      clientCheckIntervalMs: 2_000,
      drainTimeoutMs: 10_000,
    });
  });

  it('reads the worker variables', () => {
    expect(
      readConfig({
        FITGRAPH_IN_PROCESS_WORKERS: 'false',
        FITGRAPH_JOB_TIMEOUT_SECONDS: '30',
        FITGRAPH_WORKER_CONCURRENCY: '4',
        FITGRAPH_WORKER_METRICS_PORT: '9400',
      }),
    ).toMatchObject({ inProcessWorkers: false, jobTimeoutSeconds: 30, workerConcurrency: 4, workerMetricsPort: 9400 });
  });

  it('reads the timeouts and the drain deadline', () => {
    const cfg = readConfig({
      FITGRAPH_STATEMENT_TIMEOUT_MS: '5000',
      FITGRAPH_LOCK_TIMEOUT_MS: '0',
      FITGRAPH_DRAIN_TIMEOUT_MS: '2500',
      FITGRAPH_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000',
      FITGRAPH_CLIENT_CHECK_INTERVAL_MS: '500',
    });
    expect(cfg).toMatchObject({
      statementTimeoutMs: 5000,
      lockTimeoutMs: 0,
      drainTimeoutMs: 2500,
      idleInTransactionTimeoutMs: 1000,
      clientCheckIntervalMs: 500,
    });
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
    [{ FITGRAPH_DRAIN_TIMEOUT_MS: '-1' }, 'Invalid FITGRAPH_DRAIN_TIMEOUT_MS'],
    [{ FITGRAPH_STATEMENT_TIMEOUT_MS: '1.5' }, 'Invalid FITGRAPH_STATEMENT_TIMEOUT_MS'],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});

import { readConfig } from '../../src/config';

describe('readConfig', () => {
  it('has typed defaults', () => {
    const cfg = readConfig({});
    expect(cfg).toMatchObject({ port: 4000, databaseUrl: undefined, adminKey: undefined, embeddedPgPort: 54329, logLevel: 'info', introspection: true });
    expect(cfg.dataDir).toMatch(/\.data$/);
    expect(Object.isFrozen(cfg)).toBe(true);
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
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});

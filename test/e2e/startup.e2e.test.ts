/**
 * The two-command promise, run as a user would: `npm start` without DATABASE_URL starts an
 * embedded PostgreSQL with demo data and prints a working admin key; a second start reuses it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../../src/db/database';
import { freePort } from '../../src/db/embedded-postgres';

const ROOT = path.resolve(__dirname, '..', '..');


interface Started { child: ChildProcess; output: string; url: string; key: string | null }

function npmStart(env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...inherited, LOG_LEVEL: 'warn', ...env }, detached: true });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start did not serve within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving GraphQL at (\S+)/.exec(output)?.[1];
      if (url && /curl -s/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output, url, key: /admin key \([^)]*\): (\S+)/.exec(output)?.[1] ?? null });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited with ${code}:\n${output}`)); });
  });
}

function stop(started: Started): Promise<void> {
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.once('exit', () => resolve());
    process.kill(-started.child.pid!, 'SIGTERM');
  });
}

async function ask(url: string, key: string, query: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

jest.setTimeout(240_000);

describe('npm start', () => {
  it('serves demo data on an embedded PostgreSQL, and reuses it on the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-start-'));
    fs.chmodSync(dataDir, 0o755);
    const env = { FITGRAPH_DATA_DIR: dataDir, PORT: String(await freePort()), FITGRAPH_EMBEDDED_PG_PORT: String(await freePort()) };
    try {
      const first = await npmStart(env);
      try {
        expect(first.key).toMatch(/^fgk_/);
        const res = await ask(first.url, first.key!, '{ segments { key liveVersion { number } versions { status } } }');
        expect(res.data.segments).toEqual([
          { key: 'enterprise', liveVersion: { number: 2 }, versions: [{ status: 'SUPERSEDED' }, { status: 'PUBLISHED' }, { status: 'DRAFT' }] },
          { key: 'growth', liveVersion: { number: 2 }, versions: [{ status: 'SUPERSEDED' }, { status: 'PUBLISHED' }, { status: 'DRAFT' }] },
          { key: 'strategic', liveVersion: { number: 2 }, versions: [{ status: 'SUPERSEDED' }, { status: 'PUBLISHED' }, { status: 'DRAFT' }] },
        ]);
        const base = first.url.replace('/graphql', '');
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
      } finally {
        await stop(first);
      }
      const second = await npmStart(env);
      try {
        expect(second.key).toBe(first.key);
        const res = await ask(second.url, second.key!, '{ segments { key } auditIntegrity { ok checkedEvents } }');
        expect(res.data.segments).toHaveLength(3);
        expect(res.data.auditIntegrity.ok).toBe(true);
        const seconds = Number(/started in ([\d.]+) s/.exec(second.output)?.[1]);
        expect(seconds).toBeGreaterThan(0); // the figure is printed; its size is the benchmark's business
      } finally {
        await stop(second);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('with DATABASE_URL uses that server, loads no demo data and honours FITGRAPH_ADMIN_KEY', async () => {
    const name = `fitgraph_s_${randomBytes(5).toString('hex')}`;
    const server = process.env.FITGRAPH_TEST_SERVER_URL!;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = withDatabase(server, name);
    const secret = `admin-${randomBytes(12).toString('hex')}`;
    try {
      const started = await npmStart({ DATABASE_URL: url, FITGRAPH_ADMIN_KEY: secret, PORT: String(await freePort()) });
      try {
        expect(started.output).not.toContain(secret);
        const res = await ask(started.url, secret, '{ me { role } segments { key } }');
        expect(res.data).toEqual({ me: { role: 'ADMIN' }, segments: [] });
      } finally {
        await stop(started);
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

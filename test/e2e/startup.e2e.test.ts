/**
 * The two-command promise, run as a user would: `npm start` without DATABASE_URL starts an
 * embedded PostgreSQL with demo data and prints a working admin key; a second start reuses it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Client } from 'pg';
import { withDatabase } from '../../src/db/database';
import { freePort } from '../../src/db/embedded-postgres';
import { graphql } from '../gql';
import { segmentKeys } from '../operations/registry';

const ROOT = path.resolve(__dirname, '..', '..');

const demoVersions = graphql(`
  query DemoVersionStatuses { segments { key liveVersion { number } versions { status } } }
`);
const segmentsAndIntegrity = graphql(`
  query SegmentsAndIntegrity { segments { key } auditIntegrity { ok checkedEvents } }
`);
const roleAndSegments = graphql(`
  query RoleAndSegments { me { role } segments { key } }
`);

interface Started {
  child: ChildProcess;
  output: string;
  url: string;
  key: string | null;
}

function npmStart(env: Record<string, string>, cwd = ROOT): Promise<Started> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn('npm', ['start'], { cwd, env: { ...inherited, LOG_LEVEL: 'warn', ...env }, detached: true });
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
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

function stop(started: Started): Promise<void> {
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.once('exit', () => resolve());
    process.kill(-started.child.pid!, 'SIGTERM');
  });
}

/** Sends one operation without variables to the started server. */
async function ask<R>(url: string, key: string, document: TypedDocumentNode<R, Record<string, never>>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document) }),
  });
  return (await res.json()) as { data?: R; errors?: unknown[] };
}

/** `npm start` that must fail: its exit code and what it wrote. */
function npmStartFailing(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...inherited, LOG_LEVEL: 'warn', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * A copy of the project in a folder only its owner may enter (mode 0700, as anything under
 * /root): the working tree, and node_modules as hard links (same files, new folders).
 */
function cloneIntoPrivateFolder(): { parent: string; project: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-private-'));
  fs.chmodSync(parent, 0o700);
  const project = path.join(parent, 'fitgraph');
  const skip = new Set(['node_modules', '.git', '.data', 'coverage', 'dist']);
  fs.cpSync(ROOT, project, { recursive: true, filter: (src) => src === ROOT || !skip.has(path.relative(ROOT, src).split(path.sep)[0]) });
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(project, 'node_modules')]);
  return { parent, project };
}

jest.setTimeout(240_000);

describe('npm start', () => {
  it('serves demo data on an embedded PostgreSQL, and reuses it on the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-start-'));
    fs.chmodSync(dataDir, 0o755);
    // No FITGRAPH_SECRET_KEY: the embedded database keeps its own beside the data.
    const env = {
      FITGRAPH_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      FITGRAPH_EMBEDDED_PG_PORT: String(await freePort()),
      FITGRAPH_SECRET_KEY: '',
    };
    const keyFile = path.join(dataDir, 'secret-key');
    try {
      const first = await npmStart(env);
      const secretKey = fs.readFileSync(keyFile, 'utf8');
      try {
        expect(Buffer.from(secretKey.trim(), 'base64')).toHaveLength(32);
        expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
        expect(first.key).toMatch(/^fgk_/);
        const res = await ask(first.url, first.key!, demoVersions);
        expect(res.data?.segments).toEqual([
          {
            key: 'enterprise',
            liveVersion: { number: 2 },
            versions: [{ status: 'SUPERSEDED' }, { status: 'PUBLISHED' }, { status: 'DRAFT' }],
          },
          { key: 'growth', liveVersion: { number: 2 }, versions: [{ status: 'SUPERSEDED' }, { status: 'PUBLISHED' }, { status: 'DRAFT' }] },
          {
            key: 'strategic',
            liveVersion: { number: 2 },
            versions: [{ status: 'SUPERSEDED' }, { status: 'PUBLISHED' }, { status: 'DRAFT' }],
          },
        ]);
        const base = first.url.replace('/graphql', '');
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
      } finally {
        await stop(first);
      }
      const second = await npmStart(env);
      try {
        expect(second.key).toBe(first.key);
        expect(fs.readFileSync(keyFile, 'utf8')).toBe(secretKey);
        const res = await ask(second.url, second.key!, segmentsAndIntegrity);
        expect(res.data?.segments).toHaveLength(3);
        expect(res.data?.auditIntegrity.ok).toBe(true);
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
        const res = await ask(started.url, secret, roleAndSegments);
        expect(res.data).toEqual({ me: { role: 'ADMIN' }, segments: [] });
      } finally {
        await stop(started);
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('works from a folder the postgres system user cannot enter (a clone under /root), with the cluster where it can', async () => {
    const { parent, project } = cloneIntoPrivateFolder();
    let cluster: string | undefined;
    try {
      const started = await npmStart({ PORT: String(await freePort()), FITGRAPH_EMBEDDED_PG_PORT: String(await freePort()) }, project);
      try {
        cluster = /cluster in (\S+),/.exec(started.output)?.[1];
        expect(started.output).toContain(`data in ${path.join(project, '.data')}`);
        if (process.getuid?.() === 0) {
          // As root the server runs as "postgres", which cannot traverse the 0700 folder: the cluster lives elsewhere.
          expect(cluster).toBeDefined();
          expect(fs.readlinkSync(path.join(project, '.data', 'pg'))).toBe(cluster);
        }
        expect(started.key).toMatch(/^fgk_/);
        const res = await ask(started.url, started.key!, segmentKeys);
        expect(res.data?.segments.map((s) => s.key)).toEqual(['enterprise', 'growth', 'strategic']);
        expect((await fetch(started.url.replace('/graphql', '/readyz'))).status).toBe(200);
      } finally {
        await stop(started);
      }
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
      if (cluster) fs.rmSync(cluster, { recursive: true, force: true });
    }
  });

  it('a start-up that fails says what to do in one line and exits non-zero', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-start-'));
    fs.chmodSync(dataDir, 0o755);
    // Something else already listens on the embedded server's port.
    const squatter = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    const port = (squatter.address() as net.AddressInfo).port;
    try {
      const { code, output } = await npmStartFailing({
        FITGRAPH_DATA_DIR: dataDir,
        PORT: String(await freePort()),
        FITGRAPH_EMBEDDED_PG_PORT: String(port),
      });
      expect(code).not.toBe(0);
      const lines = output.split('\n').filter((l) => l.startsWith('fitgraph could not start:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port}`);
      expect(lines[0]).toContain('set FITGRAPH_EMBEDDED_PG_PORT to a free port');

      const bad = await npmStartFailing({ FITGRAPH_DATA_DIR: dataDir, FITGRAPH_DRAIN_TIMEOUT_MS: 'soon' });
      expect(bad.code).not.toBe(0);
      expect(bad.output).toMatch(/^fitgraph could not start: Invalid FITGRAPH_DRAIN_TIMEOUT_MS: expected an integer/m);

      // A shared database needs the key every process seals and opens webhook secrets with.
      const keyless = await npmStartFailing({ DATABASE_URL: process.env.FITGRAPH_TEST_SERVER_URL!, FITGRAPH_SECRET_KEY: '' });
      expect(keyless.code).not.toBe(0);
      expect(keyless.output).toMatch(/^fitgraph could not start: FITGRAPH_SECRET_KEY is not set: .*openssl rand -base64 32/m);
      const short = await npmStartFailing({ FITGRAPH_DATA_DIR: dataDir, FITGRAPH_SECRET_KEY: 'hunter2' });
      expect(short.code).not.toBe(0);
      expect(short.output).toMatch(/^fitgraph could not start: Invalid FITGRAPH_SECRET_KEY: expected 32 bytes/m);
    } finally {
      squatter.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

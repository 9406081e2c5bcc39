/**
 * The only reader of process.env. Typed, validated once, frozen.
 * A bad value stops start-up with a message naming the variable.
 */
import path from 'node:path';

export interface Config {
  /** HTTP port of the API. */
  port: number;
  /** External PostgreSQL; unset means the embedded one with demo data. */
  databaseUrl: string | undefined;
  /** When set, an ADMIN key with exactly this secret exists after start-up. */
  adminKey: string | undefined;
  /** Where the embedded PostgreSQL keeps its data (git-ignored). */
  dataDir: string;
  embeddedPgPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body, in bytes (5,000 accounts fit comfortably). */
  maxBodyBytes: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  introspection: boolean;
  /** `npm start` runs the job queue's workers beside the API unless this is false. */
  inProcessWorkers: boolean;
  /**
   * How long a job may stay running before the queue counts its worker as lost and hands the job
   * to another one (a killed worker is noticed after this plus one maintenance pass).
   */
  jobTimeoutSeconds: number;
  /** Jobs one worker process runs at once per queue. */
  workerConcurrency: number;
  /** Members per publish batch (one transaction each, shared by the workers). */
  publishBatchSize: number;
  /** `npm run worker` serves /healthz and /metrics on this port; null: no HTTP server. */
  workerMetricsPort: number | null;
  /** Reports (heavy requests) one API key may run at once. */
  maxHeavyPerKey: number;
  /** Reports the process runs at once, all keys together; below the pool size so others keep connections. */
  maxHeavyTotal: number;
  /** Longest a statement of an interactive request may run (bulk jobs have none), in ms. */
  statementTimeoutMs: number;
  /** Longest an interactive request waits for a lock before it answers CONFLICT, in ms. */
  lockTimeoutMs: number;
  /** A session idle inside an open transaction this long is ended by PostgreSQL, in ms. */
  idleInTransactionTimeoutMs: number;
  /** How often PostgreSQL checks, during a long statement, that the client is still there (PostgreSQL 14+), in ms. */
  clientCheckIntervalMs: number;
  /** After SIGTERM, how long in-flight requests may finish before they are cancelled in the database, in ms. */
  drainTimeoutMs: number;
  /** Webhook URLs may resolve to loopback, private or link-local addresses (tests, local receivers). */
  webhookAllowPrivate: boolean;
  /** First retry delay of a failed delivery; each further one doubles, up to an hour. */
  webhookRetryBaseMs: number;
  /** How long a delivery is retried before it is FAILED (at least 24 hours in production). */
  webhookRetryHours: number;
  /**
   * The AES-256-GCM key that seals webhook signing secrets at rest (FITGRAPH_SECRET_KEY). Null when
   * unset: `npm start` on the embedded database then keeps one in the data folder; with
   * DATABASE_URL the API and the workers refuse to start without it (see secret-key.bootstrap.ts).
   */
  secretKey: Buffer | null;
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid ${name}: expected an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`Invalid ${name}: expected true or false, got "${raw}"`);
}

/**
 * Reads FITGRAPH_SECRET_KEY: 64 hex digits, or base64 / base64url of 32 bytes
 * (`openssl rand -base64 32`). Null when the text is neither.
 */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads a config from an environment: the entry points (main.ts, worker.ts, the CLIs, the bench) and the tests call it. */
export function readConfig(env: Env = process.env): Readonly<Config> {
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`Invalid LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const adminKey = env.FITGRAPH_ADMIN_KEY || undefined;
  const secretKey = env.FITGRAPH_SECRET_KEY ? parseSecretKey(env.FITGRAPH_SECRET_KEY) : null;
  if (env.FITGRAPH_SECRET_KEY && !secretKey) {
    throw new Error('Invalid FITGRAPH_SECRET_KEY: expected 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)');
  }
  if (adminKey !== undefined && adminKey.length < 16) {
    throw new Error('Invalid FITGRAPH_ADMIN_KEY: use at least 16 characters');
  }
  return Object.freeze({
    port: intVar(env, 'PORT', 4000, 0, 65535),
    databaseUrl: env.DATABASE_URL || undefined,
    adminKey,
    dataDir: path.resolve(env.FITGRAPH_DATA_DIR || path.join(__dirname, '..', '.data')),
    embeddedPgPort: intVar(env, 'FITGRAPH_EMBEDDED_PG_PORT', 54329, 1, 65535),
    logLevel,
    maxBodyBytes: intVar(env, 'FITGRAPH_MAX_BODY_BYTES', 16 * 1024 * 1024, 1024),
    maxQueryDepth: intVar(env, 'FITGRAPH_MAX_QUERY_DEPTH', 12, 2),
    maxQueryCost: intVar(env, 'FITGRAPH_MAX_QUERY_COST', 100_000, 10),
    maxAliases: intVar(env, 'FITGRAPH_MAX_ALIASES', 30, 1),
    introspection: boolVar(env, 'FITGRAPH_INTROSPECTION', true),
    inProcessWorkers: boolVar(env, 'FITGRAPH_IN_PROCESS_WORKERS', true),
    jobTimeoutSeconds: intVar(env, 'FITGRAPH_JOB_TIMEOUT_SECONDS', 300, 2, 86_400),
    workerConcurrency: intVar(env, 'FITGRAPH_WORKER_CONCURRENCY', 2, 1, 64),
    publishBatchSize: intVar(env, 'FITGRAPH_PUBLISH_BATCH_SIZE', 5000, 1, 1_000_000),
    workerMetricsPort: env.FITGRAPH_WORKER_METRICS_PORT ? intVar(env, 'FITGRAPH_WORKER_METRICS_PORT', 0, 0, 65535) : null,
    maxHeavyPerKey: intVar(env, 'FITGRAPH_MAX_HEAVY_PER_KEY', 2, 1),
    maxHeavyTotal: intVar(env, 'FITGRAPH_MAX_HEAVY_TOTAL', 4, 1),
    statementTimeoutMs: intVar(env, 'FITGRAPH_STATEMENT_TIMEOUT_MS', 30_000, 0),
    lockTimeoutMs: intVar(env, 'FITGRAPH_LOCK_TIMEOUT_MS', 10_000, 0),
    idleInTransactionTimeoutMs: intVar(env, 'FITGRAPH_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 0),
    clientCheckIntervalMs: intVar(env, 'FITGRAPH_CLIENT_CHECK_INTERVAL_MS', 2_000, 0),
    drainTimeoutMs: intVar(env, 'FITGRAPH_DRAIN_TIMEOUT_MS', 10_000, 0),
    webhookAllowPrivate: boolVar(env, 'FITGRAPH_WEBHOOK_ALLOW_PRIVATE', false),
    webhookRetryBaseMs: intVar(env, 'FITGRAPH_WEBHOOK_RETRY_BASE_MS', 30_000, 10, 3_600_000),
    webhookRetryHours: intVar(env, 'FITGRAPH_WEBHOOK_RETRY_HOURS', 24, 24, 24 * 30),
    secretKey,
  });
}

/** readConfig for a process's entry point: a bad variable stops it with one line naming the variable (not a stack trace). */
export function readConfigOrExit(env: Env = process.env): Readonly<Config> {
  try {
    return readConfig(env);
  } catch (err) {
    process.stderr.write(`fitgraph could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

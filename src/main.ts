import 'reflect-metadata';
import path from 'node:path';
import { bootstrapAdminKey } from './use-cases/auth/admin-key.bootstrap';
import { resolveSecretKey } from './use-cases/delivery/secret-key.bootstrap';
import { readConfigOrExit, type Config } from './config';
import { applicationName, createDataSource, migrateDatabase } from './db/data-source';
import { endSessionsOf } from './db/sessions';
import { openDatabase } from './db/database';
import { isEmpty, seedDemo } from './demo/demo-data';
import { StartupError } from './errors/startup-error';
import { createLogger, type Logger } from './logger';
import { WorkTracker } from './api/server/work-tracker';
import { createFitgraph } from './app/fitgraph';

/** config → database → secret key → migrations → admin key → sealed webhook secrets → demo data → server. */
async function main(configured: Readonly<Config>, logger: Logger): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(configured, logger);
  const secretKey = resolveSecretKey(configured, db.embedded !== null);
  const config: Readonly<Config> = Object.freeze({ ...configured, secretKey: secretKey.key });
  const ds = createDataSource(db.url, { config });
  await ds.initialize().catch((err: Error) => {
    throw new StartupError(
      `cannot connect to ${db.embedded ? 'the embedded PostgreSQL' : 'DATABASE_URL'} (${err.message}): check that the server is running and the URL is right`,
    );
  });
  const applied = await migrateDatabase(db.url, config);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');

  // Per-process caches serve only while this listener hears other processes' changes.
  const fitgraph = createFitgraph(config, { dataSource: ds, log: logger });
  await fitgraph.cacheBus.start(db.url, logger);
  const { services } = fitgraph;
  const ctx = fitgraph.system();
  const adminKey = await bootstrapAdminKey(services, ctx, config, db.embedded !== null);
  const sealed = await services.webhooks.sealStoredSecrets(ctx);
  if (sealed) logger.info({ webhooks: sealed }, 'webhook signing secrets stored in clear were sealed with the secret key');
  if (db.embedded && (await isEmpty(ctx))) {
    await seedDemo(services, ctx);
    logger.info('demo data loaded');
  }

  // Background work (override expiries, …) runs on the shared job queue; here too unless FITGRAPH_IN_PROCESS_WORKERS=false.
  const background = await fitgraph.startBackgroundWork(db.url, config.inProcessWorkers);
  // Requests in flight are the work a shutdown lets finish (background jobs: see shutdown below).
  const work = new WorkTracker();

  const app = await fitgraph.createApp({ work });
  const { server, url } = await app.listen(config.port);
  const lines = [
    '',
    `  fitgraph is serving GraphQL at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  database: ${db.embedded ? `embedded PostgreSQL, data in ${db.embedded.dataDir}${embeddedElsewhere(db.embedded)}` : 'DATABASE_URL'}`,
    `  background jobs: ${background.workers ? 'worked in this process' : 'left to `npm run worker` processes (FITGRAPH_IN_PROCESS_WORKERS=false)'}`,
  ];
  if (adminKey.secret && adminKey.source !== 'FITGRAPH_ADMIN_KEY') {
    lines.push(`  admin key (${adminKey.source}): ${adminKey.secret}`);
    if (adminKey.source === 'new') lines.push('  Store it now: it is not shown again.');
  } else if (adminKey.source === 'FITGRAPH_ADMIN_KEY') {
    lines.push('  admin key: the value of FITGRAPH_ADMIN_KEY');
  }
  lines.push(
    '  try:',
    `    curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer ${adminKey.source === 'FITGRAPH_ADMIN_KEY' ? '$FITGRAPH_ADMIN_KEY' : (adminKey.secret ?? '<key>')}" \\`,
    `      -d '{"query":"{ segments { key liveVersion { number } } }"}'`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  /**
   * SIGTERM/SIGINT: readiness answers 503 at once and no new request is taken; in-flight work
   * gets FITGRAPH_DRAIN_TIMEOUT_MS to finish. Past that deadline its statements are cancelled
   * in PostgreSQL (and its sessions ended if that is not enough), so that no transaction of
   * this process outlives it holding locks; then the process exits (1 if work was cut short).
   */
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    work.draining = true;
    logger.info({ signal, inFlight: work.inFlight, drainTimeoutMs: config.drainTimeoutMs }, 'shutting down: draining in-flight work');
    // Still listening while draining: probes and late requests get their 503 instead of a refused connection.
    server.closeIdleConnections();
    // Running jobs get the same deadline; the queue then fails them so that another worker retries them.
    const backgroundStopped = background
      .stop(config.drainTimeoutMs)
      .catch((err: unknown) => logger.error({ err }, 'stopping the job queue failed'));
    let exitCode = 0;
    if (!(await work.idle(config.drainTimeoutMs))) {
      exitCode = 1;
      logger.warn({ inFlight: work.inFlight }, 'drain deadline passed: cancelling in-flight work in the database');
      const terminated = await endSessionsOf(db.url, applicationName, async () => !(await work.idle(2_000))).catch((err: unknown) => {
        logger.error({ err }, 'cancelling in-flight work failed');
        return 0;
      });
      if (terminated) logger.warn({ sessions: terminated }, 'sessions terminated');
      await work.idle(2_000);
    }
    await backgroundStopped;
    server.close();
    server.closeAllConnections();
    await app.stop().catch((err: unknown) => logger.error({ err }, 'stopping Apollo failed'));
    await fitgraph.cacheBus.stop();
    await Promise.race([ds.destroy(), new Promise((resolve) => setTimeout(resolve, 5_000))]).catch(() => undefined);
    await db.stop();
    logger.info({ exitCode }, 'stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Where the cluster is when the postgres user could not reach the data folder (see embedded-postgres.ts). */
function embeddedElsewhere(embedded: { dataDir: string; location: string }): string {
  return path.dirname(embedded.location) === embedded.dataDir ? '' : ` (cluster in ${embedded.location}, reachable by the postgres user)`;
}

const config = readConfigOrExit();
const logger = createLogger(config);
main(config, logger).catch((err: unknown) => {
  // One line that says what to do; the details go to the log.
  logger.debug({ err }, 'start-up failed');
  const hint = err instanceof StartupError ? err.message : `${(err as Error)?.message ?? String(err)} (LOG_LEVEL=debug shows the details)`;
  process.stderr.write(`fitgraph could not start: ${hint}\n`);
  process.exit(1);
});

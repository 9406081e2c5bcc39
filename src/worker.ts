import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { readConfigOrExit, type Config } from './config';
import { createDataSource } from './db/data-source';
import { openDatabase } from './db/database';
import { createLogger, type Logger } from './logger';
import { startMetricsServer } from './api/server/metrics-server';
import { createFitgraph } from './app/fitgraph';
import { resolveSecretKey } from './use-cases/delivery/secret-key.bootstrap';

/**
 * `npm run worker`: worker loops alone, as many processes as wanted, on any machine that
 * reaches DATABASE_URL (without it, the embedded PostgreSQL of `npm start` on this machine).
 * The API process applies migrations; a worker waits for them rather than racing it.
 */
async function main(configured: Readonly<Config>, logger: Logger): Promise<void> {
  const db = await openDatabase(configured, logger);
  // The same key as the API's: FITGRAPH_SECRET_KEY, or the embedded database's local one.
  const config: Readonly<Config> = Object.freeze({ ...configured, secretKey: resolveSecretKey(configured, db.embedded !== null).key });
  // Jobs are background bulk work (no interactive statement or lock timeouts), see data-source.ts.
  const ds = createDataSource(db.url, { poolSize: config.workerConcurrency * 2 + 4, workload: 'bulk', config });
  await ds.initialize();
  for (let waited = 0; await ds.showMigrations(); waited++) {
    if (waited === 0) logger.info('waiting for the API to apply pending migrations');
    await sleep(2000);
  }
  const fitgraph = createFitgraph(config, { dataSource: ds, log: logger });
  await fitgraph.cacheBus.start(db.url, logger);
  const background = await fitgraph.startBackgroundWork(db.url, true);
  const metrics =
    config.workerMetricsPort === null
      ? null
      : await startMetricsServer(ds, fitgraph.services.apiKeys, config.workerMetricsPort, logger, fitgraph.metrics);
  logger.info({ metrics: metrics?.url ?? null }, 'fitgraph worker running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: letting running jobs finish');
    metrics?.server.close();
    await background.stop(30_000);
    await fitgraph.cacheBus.stop();
    await ds.destroy();
    // Never stops an embedded server: it belongs to `npm start`.
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

const config = readConfigOrExit();
const logger = createLogger(config);
main(config, logger).catch((err) => {
  logger.fatal({ err }, 'worker start-up failed');
  process.exit(1);
});

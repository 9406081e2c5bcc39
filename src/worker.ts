import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from './config';
import { createDataSource } from './db/data-source';
import { openDatabase } from './db/database';
import { cacheBus } from './db/process-cache';
import { startBackgroundWork } from './jobs/background-work';
import { logger } from './logger';
import { startMetricsServer } from './api/server/metrics-server';
import { createServices } from './app/services';

/**
 * `npm run worker`: worker loops alone, as many processes as wanted, on any machine that
 * reaches DATABASE_URL (without it, the embedded PostgreSQL of `npm start` on this machine).
 * The API process applies migrations; a worker waits for them rather than racing it.
 */
async function main(): Promise<void> {
  const db = await openDatabase(config, logger);
  // Jobs are background bulk work (no interactive statement or lock timeouts), see data-source.ts.
  const ds = createDataSource(db.url, { poolSize: config.workerConcurrency * 2 + 4, workload: 'bulk' });
  await ds.initialize();
  for (let waited = 0; await ds.showMigrations(); waited++) {
    if (waited === 0) logger.info('waiting for the API to apply pending migrations');
    await sleep(2000);
  }
  await cacheBus.start(db.url, logger);
  const services = createServices();
  const background = await startBackgroundWork(db.url, ds, config, true, logger, services);
  const metrics = config.workerMetricsPort === null ? null : await startMetricsServer(ds, services.apiKeys, config.workerMetricsPort);
  logger.info({ metrics: metrics?.url ?? null }, 'fitgraph worker running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping: letting running jobs finish');
    metrics?.server.close();
    await background.stop(30_000);
    await cacheBus.stop();
    await ds.destroy();
    // Never stops an embedded server: it belongs to `npm start`.
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err }, 'worker start-up failed');
  process.exit(1);
});

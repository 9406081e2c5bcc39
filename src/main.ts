import 'reflect-metadata';
import { bootstrapAdminKey } from './auth/admin-key.bootstrap';
import { config } from './config';
import { createDataSource } from './db/data-source';
import { openDatabase } from './db/database';
import { isEmpty, seedDemo } from './demo/demo-data';
import { startBackgroundWork } from './jobs/background-work';
import { logger } from './logger';
import { createApp } from './server/app';
import { createSystemContext } from './system-context';

/** config → database → migrations → admin key → demo data → server. */
async function main(): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(config, logger);
  const ds = createDataSource(db.url);
  await ds.initialize();
  const applied = await ds.runMigrations();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');

  const ctx = createSystemContext(ds);
  const adminKey = await bootstrapAdminKey(ctx, config, db.embedded !== null);
  if (db.embedded && (await isEmpty(ctx))) {
    await seedDemo(ctx);
    logger.info('demo data loaded');
  }

  // Background work (override expiries, …) runs on the shared job queue; here too unless FITGRAPH_IN_PROCESS_WORKERS=false.
  const background = await startBackgroundWork(db.url, ds, config, config.inProcessWorkers, logger);

  const app = await createApp({ dataSource: ds });
  const { server, url } = await app.listen(config.port);
  const lines = [
    '',
    `  fitgraph is serving GraphQL at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  database: ${db.embedded ? `embedded PostgreSQL, data in ${db.embedded.dataDir}` : 'DATABASE_URL'}`,
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
    `    curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer ${adminKey.source === 'FITGRAPH_ADMIN_KEY' ? '$FITGRAPH_ADMIN_KEY' : adminKey.secret ?? '<key>'}" \\`,
    `      -d '{"query":"{ segments { key liveVersion { number } } }"}'`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await app.stop();
    await background.stop();
    await ds.destroy();
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err }, 'start-up failed');
  process.exit(1);
});

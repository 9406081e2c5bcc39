import 'reflect-metadata';
import { readConfigOrExit } from '../src/config';
import { createDataSource, migrateDatabase } from '../src/db/data-source';
import { openDatabase } from '../src/db/database';
import { isEmpty, seedDemo } from '../src/demo/demo-data';
import { createLogger } from '../src/logger';
import { createFitgraph } from '../src/app/fitgraph';

/** `npm run seed:demo`: migrations, then the demo dataset, into DATABASE_URL (or the embedded database). */
async function run(): Promise<void> {
  const db = await openDatabase(config, logger);
  const ds = createDataSource(db.url, { workload: 'bulk', config });
  await ds.initialize();
  try {
    await migrateDatabase(db.url, config);
    const fitgraph = createFitgraph(config, { dataSource: ds, log: logger });
    const ctx = fitgraph.system();
    if (!(await isEmpty(ctx))) {
      process.stdout.write('The database already holds segments: demo data not loaded.\n');
      process.exitCode = 1;
      return;
    }
    const d = await seedDemo(fitgraph.services, ctx);
    process.stdout.write(
      `Demo data loaded: ${d.segments} segments, ${d.accounts} scored accounts, ${d.overrides} overrides, ${d.leads} leads, ${d.opportunities} opportunities.\n`,
    );
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

const config = readConfigOrExit();
const logger = createLogger(config);
run().catch((err) => {
  logger.fatal({ err }, 'seed failed');
  process.exit(1);
});

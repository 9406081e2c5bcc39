import 'reflect-metadata';
import { config } from '../src/config';
import { createDataSource, migrateDatabase } from '../src/db/data-source';
import { openDatabase } from '../src/db/database';
import { isEmpty, seedDemo } from '../src/demo/demo-data';
import { logger } from '../src/logger';
import { createSystemContext } from '../src/use-cases/system-context';
import { createServices } from '../src/app/services';

/** `npm run seed:demo`: migrations, then the demo dataset, into DATABASE_URL (or the embedded database). */
async function run(): Promise<void> {
  const db = await openDatabase(config, logger);
  const ds = createDataSource(db.url, { workload: 'bulk' });
  await ds.initialize();
  try {
    await migrateDatabase(db.url);
    const ctx = createSystemContext(ds);
    if (!(await isEmpty(ctx))) {
      process.stdout.write('The database already holds segments: demo data not loaded.\n');
      process.exitCode = 1;
      return;
    }
    const d = await seedDemo(createServices(), ctx);
    process.stdout.write(
      `Demo data loaded: ${d.segments} segments, ${d.accounts} scored accounts, ${d.overrides} overrides, ${d.leads} leads, ${d.opportunities} opportunities.\n`,
    );
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

run().catch((err) => {
  logger.fatal({ err }, 'seed failed');
  process.exit(1);
});

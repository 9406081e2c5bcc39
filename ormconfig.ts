import 'reflect-metadata';
import { readConfig } from './src/config';
import { createDataSource } from './src/db/data-source';

/**
 * The DataSource for TypeORM's CLI (`npm run migration:*`). Uses DATABASE_URL, or the
 * embedded server of `npm start` (which must be running) when it is unset.
 */
const config = readConfig();

export default createDataSource(config.databaseUrl ?? `postgres://postgres:fitgraph@127.0.0.1:${config.embeddedPgPort}/fitgraph`, {
  workload: 'bulk',
  config,
});

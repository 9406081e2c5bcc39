import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

/** The application's DataSource; schema changes only through migrations, never synchronize. */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 20,
    applicationName: 'fitgraph',
  });
}

import { DataSource, type Logger } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

/** The application's DataSource; schema changes only through migrations, never synchronize. */
export function createDataSource(url: string, options: { poolSize?: number; logger?: Logger } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // A custom logger sees every statement (tests count them); otherwise TypeORM logs nothing.
    ...(options.logger ? { logger: options.logger, logging: true } : { logging: false }),
    poolSize: options.poolSize ?? 20,
    applicationName: 'fitgraph',
  });
}

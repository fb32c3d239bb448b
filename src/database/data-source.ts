import { DataSourceOptions } from 'typeorm';
import { join } from 'node:path';
import { AppConfig } from 'src/config/config';
import { ENTITIES } from 'src/database/entities';
import { SnakeNamingStrategy } from 'src/database/snake-naming.strategy';

/**
 * The one definition of the database connection: the app, the migration CLI and the tests use it.
 * `statementTimeoutMs` ends any statement that runs longer (0, the default: no limit, for
 * migrations and scripts); PostgreSQL answers 57014, which the API reports as 503.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl'>,
  statementTimeoutMs = 0,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    // `.ts` under ts-node and Jest, `.js` in the build; `.d.ts` never.
    migrations: [join(__dirname, '..', '..', 'migrations', '*{.ts,.js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: 20,
      connectionTimeoutMillis: 5000,
      application_name: 'duijie',
      ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    },
  };
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { dataSourceOptions } from 'src/database/data-source';
import { DomainEvents } from 'src/database/domain-events';
import { Tx } from 'src/database/tx';

/** What the process's statements serve: a request (short limit) or the worker's jobs (longer). */
export type DatabaseWork = 'api' | 'worker';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(work: DatabaseWork): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          // The process checked the database before booting; a lost connection later is the pool's to retry.
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, statementTimeoutOf(config, work)),
            retryAttempts: 0,
          }),
        }),
      ],
      providers: [Tx, DomainEvents],
      exports: [Tx, DomainEvents],
    };
  }
}

/** No statement of a request runs past DB_STATEMENT_TIMEOUT_MS; a job's past DB_JOB_STATEMENT_TIMEOUT_MS. */
function statementTimeoutOf(config: AppConfig, work: DatabaseWork): number {
  return work === 'api'
    ? config.database.statementTimeoutMs
    : config.database.jobStatementTimeoutMs;
}

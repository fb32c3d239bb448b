import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { dataSourceOptions } from 'src/database/data-source';
import { DomainEvents } from 'src/database/domain-events';
import { Tx } from 'src/database/tx';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // The process checked the database before booting; a lost connection later is the pool's to retry.
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), retryAttempts: 0 }),
    }),
  ],
  providers: [Tx, DomainEvents],
  exports: [Tx, DomainEvents],
})
export class DatabaseModule {}

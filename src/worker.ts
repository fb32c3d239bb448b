import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { WorkerModule } from 'src/app.module';
import { createLogger, PinoNestLogger } from 'src/common/logger';
import { watchProcessFaults } from 'src/common/process-faults';
import { checkMigrations, preflight, runMain, stopOnSignals } from 'src/entry-point';

runMain(async () => {
  const config = await preflight();
  const logger = createLogger(config, 'worker');
  watchProcessFaults(logger);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  await checkMigrations(app.get(DataSource));
  stopOnSignals(app, logger);
  logger.info(`duijie worker 已启动 / started (queues and outbox relay on ${config.redisPrefix})`);
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApiApp } from 'src/app';
import { createLogger } from 'src/common/logger';
import { watchProcessFaults } from 'src/common/process-faults';
import { checkMigrations, preflight, runMain, stopOnSignals } from 'src/entry-point';

runMain(async () => {
  const config = await preflight();
  const logger = createLogger(config, 'api');
  watchProcessFaults(logger);
  const app = await createApiApp(config, logger);
  await checkMigrations(app.get(DataSource));
  stopOnSignals(app, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    `duijie API 已启动 / listening on ${config.publicUrl} (接口文档 / API docs: ${config.publicUrl}/api/docs)`,
  );
});

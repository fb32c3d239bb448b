import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { createLogger, PinoNestLogger } from 'src/common/logger';
import { checkMigrations, preflight, runMain } from 'src/entry-point';

/** Runs a script against the platform's services, with the same checks and messages as the API. */
export function runWithApp(script: (app: INestApplicationContext) => Promise<void>): void {
  runMain(async () => {
    const config = await preflight();
    const logger = createLogger({ logLevel: 'warn' }, 'script');
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot(config, { live: false }),
      {
        logger: new PinoNestLogger(logger),
      },
    );
    try {
      await checkMigrations(app.get(DataSource));
      await script(app);
    } finally {
      await app.close();
    }
  });
}

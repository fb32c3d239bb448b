import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { INestApplicationContext } from '@nestjs/common';
import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApiApp } from 'src/app';
import { ApiParts, WorkerModule } from 'src/app.module';
import { createLogger, PinoNestLogger } from 'src/common/logger';
import { AppConfig, loadConfig } from 'src/config/config';

export type Env = Record<string, string>;

/** The config a process started with `overrides` on top of this worker's environment would have. */
export function testConfig(overrides: Env = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

export interface TestApi {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The API in this process, exactly as `main.ts` builds it (but for the `parts` a test replaces). */
export async function startApi(overrides: Env = {}, parts: ApiParts = {}): Promise<TestApi> {
  const config = testConfig(overrides);
  const app = await createApiApp(config, createLogger(config, 'api'), parts);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: supertest(app.getHttpServer()),
    config,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

/** The worker (processors and outbox relay) in this process. */
export async function startWorker(overrides: Env = {}): Promise<INestApplicationContext> {
  const config = testConfig(overrides);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createLogger(config, 'worker')),
  });
  await app.init();
  return app;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

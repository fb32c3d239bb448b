import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { Logger } from 'pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, describeUrl } from 'src/config/config';
import { configFromEnvironment } from 'src/config/config.module';
import { redisOptions } from 'src/queue/redis-options';

/** A start-up problem a person can fix; printed as one line, without a stack trace. */
export class StartupError extends Error {}

async function checkDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(
      `无法连接数据库 / Cannot reach the database ${describeUrl(url)}: ${(error as Error).message}` +
        ' (npm run services 可启动本地服务 / starts local services)',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis({
    ...redisOptions(url),
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // the failure is reported by connect() below
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new StartupError(
      `无法连接 Redis / Cannot reach Redis at ${describeUrl(url)}: ${(error as Error).message}` +
        ' (npm run services 可启动本地服务 / starts local services)',
    );
  } finally {
    redis.disconnect();
  }
}

/** Validates the config and reaches PostgreSQL and Redis before Nest boots. */
export async function preflight(): Promise<AppConfig> {
  const config = configFromEnvironment();
  await checkDatabase(config.databaseUrl);
  await checkRedis(config.redisUrl);
  return config;
}

/** Runs an entry point; a config or start-up problem ends the process with a readable message. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `启动失败 / Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}

/** Refuses to serve a database whose schema is behind the code. */
export async function checkMigrations(dataSource: DataSource): Promise<void> {
  const applied = new Set(
    (
      (await dataSource.query('SELECT name FROM migrations').catch(() => [])) as { name: string }[]
    ).map((r) => r.name),
  );
  const pending = dataSource.migrations
    .map((m) => m.name ?? m.constructor.name)
    .filter((name) => !applied.has(name))
    .sort(byTimestamp);
  if (pending.length > 0) {
    throw new StartupError(
      `数据库有 ${pending.length} 个待执行的迁移 / The database has ${pending.length} pending migration(s): ` +
        `${pending.join(', ')}. 请运行 / Run: npm run migration:run`,
    );
  }
}

/**
 * On SIGTERM or SIGINT: stop taking work, let running requests and jobs finish, close queues and
 * the pool, say so, and exit 0. (Nest's own hooks re-raise the signal, which reads as a crash.)
 */
export function stopOnSignals(app: INestApplicationContext, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: 正在停止 / stopping`);
    app.close().then(
      () => {
        logger.info('已停止 / stopped');
        logger.flush(() => process.exit(0));
      },
      (error: Error) => {
        logger.error({ err: error }, '停止时出错 / error while stopping');
        logger.flush(() => process.exit(1));
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Migration class names end in their epoch-ms timestamp: oldest first. */
function byTimestamp(a: string, b: string): number {
  const stamp = (name: string) => Number(/\d+$/.exec(name)?.[0] ?? 0);
  return stamp(a) - stamp(b);
}

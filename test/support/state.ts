import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptions } from 'src/queue/redis-options';
import { TEMPLATE_DATABASE, databaseUrl } from 'test/support/test-env';

/** This worker's database, fresh from the migrated template, and its Redis keys gone. */
export async function resetState(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const database = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: databaseUrl(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await flushRedisPrefix();
}

/** Deletes every Redis key of this worker's prefix (as if Redis had been emptied for us). */
export async function flushRedisPrefix(): Promise<void> {
  const redis = new Redis(redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${process.env.REDIS_PREFIX}:*`,
        'COUNT',
        1000,
      );
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

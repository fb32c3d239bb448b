import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Global,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ClientLimits } from 'src/common/client-limits';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { QUEUE } from 'src/queue/queues';
import { CONNECTION_SETTLE_MS } from 'src/queue/queue-processor';
import { redisOptions } from 'src/queue/redis-options';
import { withinDeadline } from 'src/common/timers';
import { REDIS } from 'src/queue/redis-token';

export { REDIS };

const queues = Object.values(QUEUE).map((name) => ({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redisUrl),
        prefix: config.redisPrefix,
        defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      // Commands fail after one retry instead of waiting for Redis to return, so a health check or
      // a rate limit answers while Redis is away.
      useFactory: (config: AppConfig) => {
        const redis = new Redis({ ...redisOptions(config.redisUrl), maxRetriesPerRequest: 1 });
        const reset = logRedisErrors(redis, new Logger('Redis'));
        redis.on('ready', reset);
        return redis;
      },
    },
    // Counters in Redis that every feature may limit with.
    RateLimiter,
    ClientLimits,
  ],
  exports: [BullModule, REDIS, RateLimiter, ClientLimits],
})
export class QueueModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * A queue re-emits its connection's errors, and an EventEmitter without an 'error' listener
   * throws them: a queue closed while still connecting (a process stopped right after it started)
   * or Redis going away would otherwise end in an unhandled error instead of a log line.
   */
  onModuleInit(): void {
    for (const queue of this.queues()) logRedisErrors(queue, new Logger(`Queue ${queue.name}`));
  }

  /** The queues close after this (their own shutdown hook): let their connections finish setting up. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.queues().map((queue) => withinDeadline(queue.waitUntilReady(), CONNECTION_SETTLE_MS)),
    );
  }

  private queues(): Queue[] {
    return queues.map(({ name }) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
  }

  /** Closed politely when it can be; a connection that drops during the goodbye is closed all the same. */
  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Logs a Redis client's or queue's errors, each distinct message once (a client retrying logs the
 * same error every few seconds); the returned function forgets the last one, for when it is back.
 */
function logRedisErrors(
  source: { on(event: 'error', listener: (error: Error) => void): unknown },
  logger: Logger,
): () => void {
  let lastError = '';
  source.on('error', (error: Error) => {
    if (error.message !== lastError) logger.warn(`Redis unreachable, retrying: ${error.message}`);
    lastError = error.message;
  });
  return () => (lastError = '');
}

import { BullModule } from '@nestjs/bullmq';
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { QUEUE } from 'src/queue/queues';
import { redisOptions } from 'src/queue/redis-options';

/** The shared Redis client for counters, rate limits and health (queues keep their own connections). */
export const REDIS = Symbol('REDIS');

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
        const logger = new Logger('Redis');
        let lastError = '';
        redis.on('error', (error: Error) => {
          if (error.message !== lastError)
            logger.warn(`Redis unreachable, retrying: ${error.message}`);
          lastError = error.message;
        });
        redis.on('ready', () => (lastError = ''));
        return redis;
      },
    },
  ],
  exports: [BullModule, REDIS],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}

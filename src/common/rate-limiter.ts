import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CommonError } from 'src/common/errors/common.errors';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { REDIS } from 'src/queue/queue.module';

/** Fixed-window counters in Redis, shared by every API process. */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one attempt under `key`; past `limit` in the window, refuses with 429 and when to retry. */
  async consume(key: string, limit: number, windowSeconds: number): Promise<void> {
    const redisKey = `${this.config.redisPrefix}:rate:${key}`;
    const result = await this.redis
      .multi()
      .incr(redisKey)
      .expire(redisKey, windowSeconds, 'NX')
      .ttl(redisKey)
      .exec();
    const count = Number(result?.[0]?.[1] ?? 0);
    const ttl = Number(result?.[2]?.[1] ?? windowSeconds);
    if (count > limit) throw CommonError.TOO_MANY_REQUESTS({ retryAfterSeconds: Math.max(ttl, 1) });
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`${this.config.redisPrefix}:rate:${key}`);
  }
}

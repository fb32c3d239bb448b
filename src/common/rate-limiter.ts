import { Inject, Injectable } from '@nestjs/common';
import Redis, { ReplyError } from 'ioredis';
import { CommonError } from 'src/common/errors/common.errors';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { REDIS } from 'src/queue/redis-token';

/** One fixed-window counter: its key, how many attempts it allows, and the window in seconds. */
export interface Counter {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every API process. Redis being away is a 503
 * (`REDIS_UNAVAILABLE`) for the caller, never a 500 and never a wait: the client gives up after
 * one retry.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one attempt under `key`; past `limit` in the window, refuses with 429 and when to retry. */
  async consume(key: string, limit: number, windowSeconds: number): Promise<void> {
    await this.consumeEach([{ key, limit, windowSeconds }]);
  }

  /**
   * Counts one attempt under each counter in one round trip (a registration counts its address
   * and each of its contacts); past any counter's limit, refuses with 429 and the longest wait.
   */
  async consumeEach(counters: Counter[]): Promise<void> {
    const multi = this.redis.multi();
    for (const { key, windowSeconds } of counters) {
      const redisKey = this.key(key);
      multi.incr(redisKey).expire(redisKey, windowSeconds, 'NX').ttl(redisKey);
    }
    const result = await whileRedisAnswers(multi.exec());
    let retryAfterSeconds = 0;
    counters.forEach(({ limit, windowSeconds }, i) => {
      const count = Number(result?.[3 * i]?.[1] ?? 0);
      const ttl = Number(result?.[3 * i + 2]?.[1] ?? windowSeconds);
      if (count > limit) retryAfterSeconds = Math.max(retryAfterSeconds, ttl, 1);
    });
    if (retryAfterSeconds > 0) throw CommonError.TOO_MANY_REQUESTS({ retryAfterSeconds });
  }

  /** Takes back one attempt counted under `key` (one that turned out not to count, e.g. a success). */
  async giveBack(key: string): Promise<void> {
    await whileRedisAnswers(this.redis.decr(this.key(key)));
  }

  async reset(key: string): Promise<void> {
    await whileRedisAnswers(this.redis.del(this.key(key)));
  }

  /** Remembers a fact under `key` for `seconds` (e.g. an address an account signed in from). */
  async remember(key: string, seconds: number): Promise<void> {
    await whileRedisAnswers(this.redis.set(this.key(key), '1', 'EX', seconds));
  }

  async remembers(key: string): Promise<boolean> {
    return (await whileRedisAnswers(this.redis.exists(this.key(key)))) === 1;
  }

  private key(key: string): string {
    return `${this.config.redisPrefix}:rate:${key}`;
  }
}

/**
 * The command's answer, or 503 `REDIS_UNAVAILABLE` when Redis could not be reached (a reply error
 * is a fault of ours and stays one).
 */
export async function whileRedisAnswers<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (error instanceof ReplyError) throw error;
    throw CommonError.REDIS_UNAVAILABLE({ reason: (error as Error).message });
  }
}

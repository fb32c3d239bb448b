import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { REDIS } from 'src/queue/queue.module';

/** A viewer whose last heartbeat is older than this has left (a closed tab, a lost network). */
export const STALE_MS = 60_000;
/** How often clients send a heartbeat: well inside the stale window. */
export const HEARTBEAT_MS = 20_000;

export interface AudienceFigures {
  totalViews: number;
  uniqueViewers: number;
  peakConcurrent: number;
  /** Seconds watched by everyone together. */
  watchSeconds: number;
  /** Watching now. */
  concurrent: number;
}

/**
 * One step of a connection's presence, atomically: credit the time since its last heartbeat (if it
 * was still present), drop connections gone stale, then mark it present (join, beat) or gone
 * (leave), and raise the peak. KEYS: present (zset conn → last beat ms), watch ms, peak, views,
 * viewers (set). ARGV: conn, now ms, stale ms, mode, viewer id.
 */
const STEP = `
local now = tonumber(ARGV[2])
local stale = tonumber(ARGV[3])
local prev = redis.call('ZSCORE', KEYS[1], ARGV[1])
if prev and now - tonumber(prev) <= stale and now > tonumber(prev) then
  redis.call('INCRBY', KEYS[2], now - tonumber(prev))
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - stale - 1)
if ARGV[4] == 'leave' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], now, ARGV[1])
end
if ARGV[4] == 'join' then
  redis.call('INCR', KEYS[4])
  redis.call('SADD', KEYS[5], ARGV[5])
end
local n = redis.call('ZCARD', KEYS[1])
local peak = tonumber(redis.call('GET', KEYS[3]) or '0')
if n > peak then redis.call('SET', KEYS[3], n) end
return n
`;

/** Ends everyone's presence at `now`: what they watched since their last beat is credited. */
const FINISH = `
local now = tonumber(ARGV[1])
local stale = tonumber(ARGV[2])
local beats = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 2, #beats, 2 do
  local since = now - tonumber(beats[i])
  if since > 0 and since <= stale then redis.call('INCRBY', KEYS[2], since) end
end
redis.call('DEL', KEYS[1])
return #beats / 2
`;

type Mode = 'join' | 'beat' | 'leave';

/**
 * Counts a live session's audience in Redis while it is live, shared by every API process: total
 * views (joins), unique viewers (signed-in users by account, guests by their viewer id), peak
 * concurrent viewers and watch time from heartbeats.
 */
@Injectable()
export class Audience {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  join(sessionId: string, connectionId: string, viewerId: string, now = Date.now()) {
    return this.step(sessionId, connectionId, 'join', now, viewerId);
  }

  beat(sessionId: string, connectionId: string, now = Date.now()) {
    return this.step(sessionId, connectionId, 'beat', now);
  }

  leave(sessionId: string, connectionId: string, now = Date.now()) {
    return this.step(sessionId, connectionId, 'leave', now);
  }

  async figures(sessionId: string, now = Date.now()): Promise<AudienceFigures> {
    const k = this.keys(sessionId);
    const [views, unique, peak, watchMs, concurrent] = (await this.redis
      .multi()
      .get(k.views)
      .scard(k.viewers)
      .get(k.peak)
      .get(k.watch)
      .zcount(k.present, now - STALE_MS, '+inf')
      .exec())!.map(([error, value]) => {
      if (error) throw error;
      return Number(value ?? 0);
    });
    return {
      totalViews: views,
      uniqueViewers: unique,
      peakConcurrent: peak,
      watchSeconds: Math.round(watchMs / 1000),
      concurrent,
    };
  }

  /** Everyone watching stops at `now`; returns the final figures and the viewer ids. */
  async finish(
    sessionId: string,
    now = Date.now(),
  ): Promise<{ figures: AudienceFigures; viewerIds: string[] }> {
    const k = this.keys(sessionId);
    await this.redis.eval(FINISH, 2, k.present, k.watch, now, STALE_MS);
    const figures = await this.figures(sessionId, now);
    const viewerIds = await this.redis.smembers(k.viewers);
    return { figures, viewerIds };
  }

  /** Forgets the session's counters, once they are safely in PostgreSQL. */
  async forget(sessionId: string): Promise<void> {
    await this.redis.del(...Object.values(this.keys(sessionId)));
  }

  private async step(
    sessionId: string,
    connectionId: string,
    mode: Mode,
    now: number,
    viewerId = '',
  ): Promise<number> {
    const k = this.keys(sessionId);
    const keys = [k.present, k.watch, k.peak, k.views, k.viewers];
    const args = [connectionId, now, STALE_MS, mode, viewerId];
    return (await this.redis.eval(STEP, keys.length, ...keys, ...args)) as number;
  }

  private keys(sessionId: string) {
    // One hash tag per session: a Redis cluster keeps a session's keys together for the scripts.
    const base = `${this.config.redisPrefix}:live:{${sessionId}}`;
    return {
      present: `${base}:present`,
      watch: `${base}:watch`,
      peak: `${base}:peak`,
      views: `${base}:views`,
      viewers: `${base}:viewers`,
    };
  }
}

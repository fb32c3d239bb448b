import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { HEARTBEAT_MS, STALE_MS } from 'src/live/audience';
import { REDIS } from 'src/queue/queue.module';

/** Claims (or keeps) a session's media for this host, unless another host serves it. */
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/**
 * Which API process serves a session's media: the first to claim it in Redis, under a lease this
 * process renews while it has peers in the session. A media room lives in one process's workers,
 * so a peer that reaches another process is told so (LIVE_MEDIA_ON_OTHER_HOST) instead of getting
 * a second, empty room.
 */
@Injectable()
export class MediaHostClaim {
  private readonly logger = new Logger('Live');
  private readonly hostId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True when this process holds (or now takes) the session's media. */
  claim(sessionId: string): Promise<boolean> {
    const key = `${this.config.redisPrefix}:live:{${sessionId}}:host`;
    return this.redis.eval(CLAIM, 1, key, this.hostId, STALE_MS).then((won) => won === 1);
  }

  /**
   * Renews the claims on the sessions `served` names, every heartbeat, for as long as the process
   * runs; a renewal that fails (Redis away) is tried again at the next beat, before the lease ends.
   */
  keep(served: () => Iterable<string>): void {
    setInterval(() => {
      for (const sessionId of served())
        this.claim(sessionId).catch((error: unknown) =>
          this.logger.warn(`media claim on ${sessionId} not renewed yet: ${String(error)}`),
        );
    }, HEARTBEAT_MS).unref();
  }
}

import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { REDIS } from 'src/queue/queue.module';

/** Who of a session's peers hears a broadcast. */
export type Hearers = 'everyone' | 'moderators';

export interface LiveNews {
  sessionId: string;
  hearers: Hearers;
  event: string;
  data: unknown;
}

/**
 * What happens in a session (a question approved, a chat line, the end) told to its peers on every
 * API process, through Redis pub/sub.
 */
@Injectable()
export class LiveBroadcast implements OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private subscriber?: Redis;
  private readonly listeners: ((news: LiveNews) => void)[] = [];
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:live:news`;
  }

  /** Hears every session's news in this process (the gateway passes it to its sockets). */
  listen(listener: (news: LiveNews) => void): void {
    this.listeners.push(listener);
    if (this.subscriber) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_, message: string) => {
      const news = JSON.parse(message) as LiveNews;
      for (const hear of this.listeners) hear(news);
    });
    // Redis may be down at start (health says so); ioredis subscribes again when it reconnects.
    this.subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.logger.warn(`live news not subscribed yet: ${(error as Error).message}`);
    });
  }

  async tell(sessionId: string, hearers: Hearers, event: string, data: unknown): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify({ sessionId, hearers, event, data }));
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }
}

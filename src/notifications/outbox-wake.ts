import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { REDIS } from 'src/queue/queue.module';

/**
 * However many commits recorded messages, a process wakes the relay at most once in this many ms:
 * a rush of commits becomes a few large relay passes, not one pass per commit.
 */
export const WAKE_EVERY_MS = 20;

/** The Redis channel on which the relay hears that committed messages are waiting. */
export const outboxWakeChannel = (config: Pick<AppConfig, 'redisPrefix'>) =>
  `${config.redisPrefix}:outbox-wake`;

/**
 * Wakes the outbox relay through Redis after a commit that recorded messages. Nothing in the
 * database: a NOTIFY would make PostgreSQL let one notifying commit through at a time. A wake-up
 * lost (Redis away, the relay restarting) costs only time: the relay's poll finds the rows.
 */
@Injectable()
export class OutboxWake {
  private readonly logger = new Logger(OutboxWake.name);
  private scheduled = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Asks for a relay pass soon; called once the messages are committed. */
  soon(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.redis
        .publish(outboxWakeChannel(this.config), '')
        .catch((error: Error) => this.logger.debug(`relay not woken (${error.message}); it polls`));
    }, WAKE_EVERY_MS).unref();
  }
}

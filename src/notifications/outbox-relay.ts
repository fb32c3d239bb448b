import { InjectQueue } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { outboxWakeChannel } from 'src/notifications/outbox-wake';
import { REDIS } from 'src/queue/queue.module';
import { JobPayloads, QUEUE, jobId } from 'src/queue/queues';

const BATCH = 1000;

/**
 * Moves committed outbox rows into BullMQ. Woken through Redis after commits (`OutboxWake`, a few
 * times a second at most during a rush), and polling every `OUTBOX_POLL_MS` as the safety net that
 * finds whatever a lost wake-up left.
 * It also relays again what Redis lost (a job not run within `requeueAfterSeconds`) and what a dead
 * worker left (`sending` past its lease). Job ids are the row ids, so relaying twice is harmless;
 * several worker processes share the rows with SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private subscriber?: Redis;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUE.delivery) private readonly queue: Queue<JobPayloads['deliver']>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    // A connection of its own: a subscribed connection serves nothing else. ioredis reconnects
    // and subscribes again by itself; meanwhile the poll relays.
    this.subscriber = redis.duplicate({ maxRetriesPerRequest: null, lazyConnect: true });
    this.subscriber.on('error', (error: Error) =>
      this.logger.debug(`wake-up channel unavailable (${error.message}); polling`),
    );
    this.subscriber.on('message', () => this.wake());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => this.wake(), this.config.outbox.pollMs);
    this.subscriber?.subscribe(outboxWakeChannel(this.config)).catch((error: Error) => {
      // Stopping closes the channel, which fails a subscription still under way: no news.
      if (!this.stopped) this.logger.warn(`not subscribed to wake-ups: ${error.message}`);
    });
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }

  /** Runs a pass now, or right after the one under way. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.warn(`relay pass failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) === BATCH) {
      // a full batch: there may be more
    }
  }

  /** Relays one batch of due rows; returns how many. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(
        `SELECT id FROM outbox_message
          WHERE available_at <= now()
            AND (status = 'pending'
              OR (status = 'enqueued' AND enqueued_at < now() - make_interval(secs => $1))
              OR (status = 'sending' AND lease_until < now()))
          ORDER BY available_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [this.config.outbox.requeueAfterSeconds, BATCH],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      await this.queue.addBulk(
        ids.map((messageId) => ({
          name: 'deliver',
          data: { messageId },
          opts: {
            jobId: jobId.deliver(messageId),
            attempts: this.config.outbox.maxAttempts,
            backoff: { type: 'exponential', delay: 5000 },
          },
        })),
      );
      await manager.query(
        `UPDATE outbox_message SET status = 'enqueued', enqueued_at = now(), lease_until = NULL WHERE id = ANY($1)`,
        [ids],
      );
      return ids.length;
    });
  }
}

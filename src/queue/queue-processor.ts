import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from 'src/config/config';
import { QueueName } from 'src/queue/queues';
import { redisOptions } from 'src/queue/redis-options';
import { withinDeadline } from 'src/common/timers';

/**
 * How long a stopping process lets a Redis connection still being set up finish before closing
 * it: BullMQ reports a connection closed mid-setup as an unhandled error (a process stopped right
 * after it started). When Redis is away the connection never finishes, and the close goes ahead.
 */
export const CONNECTION_SETTLE_MS = 2000;

/**
 * Base of every processor: runs one BullMQ worker for its queue in the worker process, with the
 * configured concurrency and lock, and lets active jobs finish before the database closes.
 * (We start workers ourselves rather than with `@Processor` so that the lock duration comes from
 * the validated config.)
 */
export abstract class QueueProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker;
  protected readonly logger = new Logger(this.constructor.name);

  protected constructor(
    private readonly queueName: QueueName,
    private readonly config: AppConfig,
  ) {}

  /** Hands the job over to a service method; throwing makes BullMQ retry it. */
  protected abstract process(job: Job): Promise<void>;

  onApplicationBootstrap(): void {
    const lockDuration = this.config.queue.lockSeconds * 1000;
    this.worker = new Worker(this.queueName, (job) => this.process(job), {
      connection: redisOptions(this.config.redisUrl),
      prefix: this.config.redisPrefix,
      concurrency: this.config.queue.concurrency,
      lockDuration,
      stalledInterval: lockDuration,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(
        `job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
      ),
    );
    this.worker.on('error', (error) => this.logger.error(`worker error: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    await withinDeadline(this.worker.waitUntilReady(), CONNECTION_SETTLE_MS);
    await this.worker.close();
  }
}

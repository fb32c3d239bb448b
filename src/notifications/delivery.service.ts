import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { EmailChannel } from 'src/notifications/channels/email.channel';
import { MessageChannel } from 'src/notifications/channels/message-channel';
import { SmsChannel } from 'src/notifications/channels/sms.channel';
import { MessageRenderer } from 'src/notifications/message-renderer';
import { OutboxAttachments } from 'src/notifications/outbox-attachments';
import { Channel, OutboxMessage } from 'src/notifications/outbox-message.entity';
import { outboxSourcesOf } from 'src/notifications/outbox-status';
import { pause } from 'src/common/timers';
import { DATA_WITHOUT_SECRETS } from 'src/notifications/one-time-secrets';
import { OutboxTasks, UnknownTaskError } from 'src/notifications/outbox-tasks';

/** Thrown to make BullMQ retry a delivery later; the row already says why. */
export class RetryableDeliveryError extends Error {}

/** Sends one outbox message (or runs one task) at most once at a time, and records what happened. */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly host: string;
  private readonly channels: Record<Exclude<Channel, 'task'>, MessageChannel>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: MessageRenderer,
    private readonly tasks: OutboxTasks,
    private readonly attachments: OutboxAttachments,
    email: EmailChannel,
    sms: SmsChannel,
  ) {
    this.host = new URL(config.publicUrl).hostname;
    this.channels = { email, sms };
  }

  async deliver(messageId: string): Promise<void> {
    const message = await this.claim(messageId);
    if (!message) return; // delivered or failed already, or another worker holds its lease
    if (message.channel === 'task') {
      return this.attempt(
        message,
        async () => {
          await this.tasks.run(message.template, message.data);
          return null;
        },
        (error) => error instanceof UnknownTaskError,
      );
    }
    const channel = this.channels[message.channel];
    let rendered: Record<string, string>;
    try {
      rendered = this.renderer.render(
        message.template,
        message.locale,
        channel.parts,
        message.data,
      );
    } catch (error) {
      return this.giveUp(message, error); // a template fault does not heal by waiting
    }
    return this.attempt(
      message,
      async () =>
        channel.send(
          { to: message.recipient, messageId: `<outbox-${message.id}@${this.host}>` },
          rendered,
          await this.attachments.files(message.attachments),
        ),
      (error) => channel.isPermanent(error),
    );
  }

  /**
   * Sends or runs the claimed message and records the outcome: delivered; failed for good; or
   * waiting for BullMQ to retry it.
   */
  private async attempt(
    message: OutboxMessage,
    action: () => Promise<string | null>,
    isPermanent: (error: unknown) => boolean,
  ): Promise<void> {
    let accepted: string | null;
    try {
      accepted = await this.whileLeased(message, action);
    } catch (error) {
      if (isPermanent(error) || message.attempts >= this.config.outbox.maxAttempts) {
        return this.giveUp(message, error);
      }
      await this.record(message.id, 'enqueued', { lastError: describe(error) });
      throw new RetryableDeliveryError(`message ${message.id}: ${describe(error)}`);
    }
    await this.recordSent(message.id, accepted);
  }

  /**
   * Renews the claim's lease while its action runs (a slow mail server, a report being drawn), so
   * that a lease runs out only when its sender died. Were it to run out under a live sender, the
   * relay would queue the message again and it would go out twice.
   */
  private async whileLeased<T>(message: OutboxMessage, action: () => Promise<T>): Promise<T> {
    const { leaseSeconds } = this.config.outbox;
    const timer = setInterval(
      () => {
        this.dataSource
          .query(
            `UPDATE outbox_message SET lease_until = now() + make_interval(secs => $2)
            WHERE id = $1 AND status = 'sending' AND attempts = $3`,
            [message.id, leaseSeconds, message.attempts],
          )
          .catch((error: unknown) =>
            this.logger.warn(`message ${message.id}: lease not renewed: ${describe(error)}`),
          );
      },
      (leaseSeconds * 1000) / 3,
    );
    timer.unref();
    try {
      return await action();
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Records a sent message as delivered, trying again while the database is away (a restart, a
   * dropped connection) for as long as the lease holds: the message has left, and a record lost
   * or written as a retry would have it sent a second time.
   */
  private async recordSent(id: string, accepted: string | null): Promise<void> {
    const leaseEnds = Date.now() + this.config.outbox.leaseSeconds * 1000;
    for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return await this.record(id, 'delivered', { providerMessageId: accepted ?? undefined });
      } catch (error) {
        if (Date.now() + wait >= leaseEnds) throw error;
        this.logger.warn(
          `message ${id} sent, recording it failed, trying again: ${describe(error)}`,
        );
        await pause(wait);
      }
    }
  }

  private async giveUp(message: OutboxMessage, error: unknown): Promise<void> {
    await this.record(message.id, 'failed', { lastError: describe(error) });
    this.logger.error(
      `message ${message.id} (${message.template}) failed for good: ${describe(error)}`,
    );
  }

  /** Moves the message to `sending` under a lease, if nobody else is sending it or has sent it. */
  private async claim(id: string): Promise<OutboxMessage | undefined> {
    const [rows] = await this.dataSource.query<[OutboxMessage[], number]>(
      `UPDATE outbox_message
          SET status = 'sending', attempts = attempts + 1,
              lease_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND available_at <= now()
          AND status = ANY($3) AND (status <> 'sending' OR lease_until < now())
        RETURNING id, channel, template, locale, recipient, data, attachments, attempts`,
      [id, this.config.outbox.leaseSeconds, outboxSourcesOf('sending')],
    );
    return rows[0];
  }

  private async record(
    id: string,
    status: 'delivered' | 'failed' | 'enqueued',
    fields: { providerMessageId?: string; lastError?: string },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_message
          SET status = $2::text, lease_until = NULL,
              delivered_at = CASE WHEN $2::text = 'delivered' THEN now() ELSE delivered_at END,
              provider_message_id = COALESCE($3, provider_message_id),
              last_error = COALESCE($4, last_error),
              data = CASE WHEN $2::text = 'enqueued' THEN data ELSE ${DATA_WITHOUT_SECRETS} END
        WHERE id = $1 AND status = ANY($5)`,
      [
        id,
        status,
        fields.providerMessageId ?? null,
        fields.lastError ?? null,
        outboxSourcesOf(status),
      ],
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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
import { Batches, ItemOutcome } from 'src/common/batches';
import { isRowFault } from 'src/database/postgres-errors';
import { pause } from 'src/common/timers';
import { DATA_WITHOUT_SECRETS } from 'src/notifications/one-time-secrets';
import { OutboxTasks, UnknownTaskError } from 'src/notifications/outbox-tasks';

/** Thrown to make BullMQ retry a delivery later; the row already says why. */
export class RetryableDeliveryError extends Error {}

type Outcome = 'delivered' | 'failed' | 'enqueued';

/** One row of a batched record: the columns of `recordAll`'s `jsonb_to_recordset`. */
interface OutcomeRow {
  id: string;
  status: Outcome;
  /** The statuses the row may move from to `status`: a conditional UPDATE's WHERE clause. */
  sources: string[];
  provider_message_id: string | null;
  last_error: string | null;
}

/**
 * Group commit of the claims and of the records of outcomes: under a rush each costs PostgreSQL a
 * commit per message, and the many deliveries BullMQ runs at once make the same single-row
 * statement at the same moment. At most 50 rows a statement keeps each batch's row locks and its
 * wait short; two batches in flight let one commit while the next fills, and leave the rest of the
 * pool (20) to lease renewals and tasks, where more in flight would only make smaller batches.
 */
const BATCH_LIMITS = { size: 50, inFlight: 2 };

/** Sends one outbox message (or runs one task) at most once at a time, and records what happened. */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly host: string;
  private readonly channels: Record<Exclude<Channel, 'task'>, MessageChannel>;
  private readonly claims = new Batches<string, OutboxMessage | undefined>(
    (ids) => this.claimAll(ids),
    { ...BATCH_LIMITS, name: 'outbox-claim' },
  );
  /** A value PostgreSQL refuses (an error text it cannot store) fails its own record alone. */
  private readonly records = new Batches<OutcomeRow, void>((rows) => this.recordAll(rows), {
    ...BATCH_LIMITS,
    name: 'outbox-record',
    splitOn: isRowFault,
  });

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
  private claim(id: string): Promise<OutboxMessage | undefined> {
    return this.claims.submit('claim', id);
  }

  /** The claims of a batch in one statement; each id gets its row, or undefined if not claimable. */
  private async claimAll(ids: string[]): Promise<ItemOutcome<OutboxMessage | undefined>[]> {
    const [rows] = await this.dataSource.query<[OutboxMessage[], number]>(
      `UPDATE outbox_message
          SET status = 'sending', attempts = attempts + 1,
              lease_until = now() + make_interval(secs => $2)
        WHERE id = ANY($1) AND available_at <= now()
          AND status = ANY($3) AND (status <> 'sending' OR lease_until < now())
        RETURNING id, channel, template, locale, recipient, data, attachments, attempts`,
      [ids, this.config.outbox.leaseSeconds, outboxSourcesOf('sending')],
    );
    const claimed = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      // An id twice in a batch (the same message asked for twice) is claimed once, as two
      // statements one after the other would: only the first caller may send it.
      const row = claimed.get(id);
      claimed.delete(id);
      return { value: row };
    });
  }

  /**
   * Records the outcome of a claimed message. Batched by outcome: two different records of one
   * message (a sender whose lease was taken over, and its successor) stay two statements, each
   * checked against what the other left, as without batching; in one statement they would be two
   * rows of one join, of which PostgreSQL applies one it picks.
   */
  private record(
    id: string,
    status: Outcome,
    fields: { providerMessageId?: string; lastError?: string },
  ): Promise<void> {
    return this.records.submit(status, {
      id,
      status,
      sources: outboxSourcesOf(status),
      provider_message_id: fields.providerMessageId ?? null,
      last_error: fields.lastError ?? null,
    });
  }

  /**
   * The records of a batch in one statement. A row no longer in a status it may move from
   * (delivered already, or claimed again by another sender) is left alone; a message delivered or
   * given up loses its one-time secrets.
   */
  private async recordAll(rows: OutcomeRow[]): Promise<ItemOutcome<void>[]> {
    await this.dataSource.query(
      `UPDATE outbox_message AS o
          SET status = r.status, lease_until = NULL,
              delivered_at = CASE WHEN r.status = 'delivered' THEN now() ELSE o.delivered_at END,
              provider_message_id = COALESCE(r.provider_message_id, o.provider_message_id),
              last_error = COALESCE(r.last_error, o.last_error),
              data = CASE WHEN r.status = 'enqueued' THEN o.data ELSE ${DATA_WITHOUT_SECRETS} END
         FROM jsonb_to_recordset($1::jsonb) AS r(
                id bigint, status text, sources text[], provider_message_id text, last_error text)
        WHERE o.id = r.id AND o.status = ANY(r.sources)`,
      [JSON.stringify(rows)],
    );
    return rows.map(() => ({ value: undefined }));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

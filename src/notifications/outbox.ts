import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Locale } from 'src/config/config';
import { Attachment, Channel } from 'src/notifications/outbox-message.entity';

export interface NewMessage {
  idempotencyKey: string;
  channel: Channel;
  template: string;
  locale: Locale;
  recipient: string;
  data: Record<string, unknown>;
  availableAt?: Date;
  subject?: string;
  attachments?: Attachment[];
}

/** PostgreSQL channel the relay listens on; a NOTIFY inside a transaction is delivered at commit. */
export const OUTBOX_CHANNEL = 'outbox_message';

/** The write side of the outbox: services record messages inside their own transaction. */
@Injectable()
export class Outbox {
  /**
   * Records the messages and wakes the relay at commit, in one statement whatever their number.
   * A message whose idempotency key exists already is skipped: recording a cause twice sends once.
   */
  async add(manager: EntityManager, messages: NewMessage[]): Promise<void> {
    await this.write(manager, messages, 'DO NOTHING');
  }

  /**
   * Records the messages, or reschedules them where they are still waiting (pending or dropped):
   * a reminder moves with its event. A message on its way or sent is left alone.
   */
  async schedule(manager: EntityManager, messages: NewMessage[]): Promise<void> {
    await this.write(
      manager,
      messages,
      `DO UPDATE SET available_at = EXCLUDED.available_at, data = EXCLUDED.data,
                     attachments = EXCLUDED.attachments, status = 'pending'
        WHERE outbox_message.status IN ('pending', 'dropped')`,
    );
  }

  /**
   * Schedules a task (see `OutboxTasks`) to run at `at`, or moves it there while it is still
   * waiting. `key` names it: scheduling the same key again moves the one task.
   */
  async scheduleTask(
    manager: EntityManager,
    task: { name: string; key: string; subject: string; data: Record<string, unknown>; at: Date },
  ): Promise<void> {
    await this.schedule(manager, [
      {
        idempotencyKey: task.key,
        channel: 'task',
        template: task.name,
        locale: 'zh-CN',
        recipient: task.subject,
        subject: task.subject,
        data: task.data,
        availableAt: task.at,
      },
    ]);
  }

  /** Drops the waiting messages of these subjects and template: their cause went away. */
  async drop(manager: EntityManager, subjects: string[], template: string): Promise<void> {
    if (subjects.length === 0) return;
    await manager.query(
      `UPDATE outbox_message SET status = 'dropped'
        WHERE subject = ANY($1) AND template = $2 AND status IN ('pending', 'enqueued')`,
      [subjects, template],
    );
  }

  private async write(
    manager: EntityManager,
    messages: NewMessage[],
    onConflict: string,
  ): Promise<void> {
    if (messages.length === 0) return;
    const insert = outboxInsertion(messages, { onConflict });
    await manager.query(
      `WITH added AS (${insert.sql}) SELECT pg_notify('${OUTBOX_CHANNEL}', '')`,
      insert.params,
    );
  }
}

/**
 * The INSERT of `messages` as SQL text whose parameters are numbered from `firstParam`, for a
 * caller that records them in the same statement as its own writes; no message is recorded unless
 * the SQL condition `when` holds. The statement must also `pg_notify` the relay.
 */
export function outboxInsertion(
  messages: NewMessage[],
  { onConflict = 'DO NOTHING', firstParam = 1, when = 'true' } = {},
): { sql: string; params: unknown[] } {
  const now = new Date();
  // One JSON document rather than an array per column: much cheaper to send for thousands of rows.
  const rows = messages.map((m) => ({
    idempotency_key: m.idempotencyKey,
    channel: m.channel,
    template: m.template,
    locale: m.locale,
    recipient: m.recipient,
    data: m.data,
    available_at: m.availableAt ?? now,
    subject: m.subject ?? null,
    attachments: m.attachments ?? [],
  }));
  return {
    sql: `INSERT INTO outbox_message
            (idempotency_key, channel, template, locale, recipient, data, available_at, subject, attachments)
          SELECT * FROM jsonb_to_recordset($${firstParam}::jsonb) AS m(
                   idempotency_key text, channel text, template text, locale text, recipient text,
                   data jsonb, available_at timestamptz, subject text, attachments jsonb)
           WHERE ${when}
          ON CONFLICT (idempotency_key) ${onConflict}
          RETURNING 1`,
    params: [JSON.stringify(rows)],
  };
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Locale } from 'src/config/config';
import { Channel, StoredAttachment } from 'src/notifications/outbox-message.entity';
import { OutboxWake } from 'src/notifications/outbox-wake';
import { Tx } from 'src/database/tx';

export interface NewMessage {
  idempotencyKey: string;
  channel: Channel;
  template: string;
  locale: Locale;
  /** Null for a person without an address on this channel: such a message is not recorded. */
  recipient: string | null;
  data: Record<string, unknown>;
  availableAt?: Date;
  subject?: string;
  attachments?: StoredAttachment[];
}

/** A task to run at `at`; `key` names it (see `Outbox.scheduleTask`). */
export interface ScheduledTask {
  name: string;
  key: string;
  subject: string;
  data: Record<string, unknown>;
  at: Date;
}

/** The write side of the outbox: services record messages inside their own transaction. */
@Injectable()
export class Outbox {
  constructor(
    private readonly tx: Tx,
    private readonly wake: OutboxWake,
  ) {}

  /**
   * Records the messages and wakes the relay after commit, in one statement whatever their number.
   * A message whose idempotency key exists already is skipped: recording a cause twice sends once.
   */
  async add(messages: NewMessage[]): Promise<void> {
    await this.write(messages, 'DO NOTHING');
  }

  /**
   * Records the messages, or reschedules them where they are still waiting (pending or dropped):
   * a reminder moves with its event. A message on its way or sent is left alone.
   */
  async schedule(messages: NewMessage[]): Promise<void> {
    await this.write(
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
  async scheduleTask(task: ScheduledTask): Promise<void> {
    await this.scheduleTasks([task]);
  }

  /** Many tasks as `scheduleTask` does, in one statement. */
  async scheduleTasks(tasks: ScheduledTask[]): Promise<void> {
    await this.schedule(
      tasks.map((task) => ({
        idempotencyKey: task.key,
        channel: 'task',
        template: task.name,
        locale: 'zh-CN',
        recipient: task.subject,
        subject: task.subject,
        data: task.data,
        availableAt: task.at,
      })),
    );
  }

  /**
   * Asks for one more run of the task `name` for `subject`, merged with a run still waiting for
   * the same subject (so that many changes in a row run it once). A run already relayed, under way
   * or done is left alone and a new one is scheduled: it may have read the records before this
   * transaction commits.
   */
  async runTaskAgain(task: {
    name: string;
    subject: string;
    data: Record<string, unknown>;
    at: Date;
  }): Promise<void> {
    // The row lock taken here keeps the relay off the waiting run until this transaction ends.
    const [, merged] = await this.tx.query<[unknown[], number]>(
      `UPDATE outbox_message SET available_at = LEAST(available_at, $3)
        WHERE channel = 'task' AND template = $1 AND subject = $2 AND status = 'pending'
        RETURNING 1`,
      [task.name, task.subject, task.at],
    );
    if (merged > 0) return;
    await this.scheduleTask({ ...task, key: `${task.name}:${task.subject}:${randomUUID()}` });
  }

  /**
   * Completes a message recorded ahead of what it must say (its data merged with `data`) and makes
   * it due now; its text-message twin (`<key>:sms`) too. A message already on its way is left alone.
   */
  async release(idempotencyKey: string, data: Record<string, unknown>): Promise<void> {
    await this.tx.query(
      `UPDATE outbox_message SET data = data || $2::jsonb, available_at = now()
        WHERE idempotency_key IN ($1::text, $1::text || ':sms') AND status = 'pending'`,
      [idempotencyKey, JSON.stringify(data)],
    );
    await this.tx.afterCommit(() => this.wake.soon());
  }

  /** Drops the waiting messages of these subjects and template: their cause went away. */
  async drop(subjects: string[], template: string): Promise<void> {
    const { manager } = this.tx;
    if (subjects.length === 0) return;
    await manager.query(
      `UPDATE outbox_message SET status = 'dropped'
        WHERE subject = ANY($1) AND template = $2 AND status IN ('pending', 'enqueued')`,
      [subjects, template],
    );
  }

  private async write(all: NewMessage[], onConflict: string): Promise<void> {
    const { manager } = this.tx;
    const messages = all.filter((m): m is NewMessage & { recipient: string } => !!m.recipient);
    if (messages.length === 0) return;
    const insert = outboxInsertion(messages, { onConflict });
    await manager.query(insert.sql, insert.params);
    await this.tx.afterCommit(() => this.wake.soon());
  }
}

/**
 * The INSERT of `messages` as SQL text whose parameters are numbered from `firstParam`, for a
 * caller that records them in the same statement as its own writes; a message is recorded only
 * where the SQL condition `when` holds, which may name the message's `owner` (an id the caller
 * gave it, say its registration's) as `m.owner`. The caller wakes the relay once it has committed
 * (`OutboxWake`).
 */
export function outboxInsertion(
  messages: (NewMessage & { owner?: string })[],
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
    owner: m.owner ?? null,
  }));
  return {
    sql: `INSERT INTO outbox_message
            (idempotency_key, channel, template, locale, recipient, data, available_at, subject, attachments)
          SELECT m.idempotency_key, m.channel, m.template, m.locale, m.recipient, m.data,
                 m.available_at, m.subject, m.attachments
            FROM jsonb_to_recordset($${firstParam}::jsonb) AS m(
                   idempotency_key text, channel text, template text, locale text, recipient text,
                   data jsonb, available_at timestamptz, subject text, attachments jsonb, owner uuid)
           WHERE ${when}
          ON CONFLICT (idempotency_key) ${onConflict}
          RETURNING 1`,
    params: [JSON.stringify(rows)],
  };
}

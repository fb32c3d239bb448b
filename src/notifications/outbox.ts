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
  const column = <T>(pick: (m: NewMessage) => T) => messages.map(pick);
  const $ = (i: number) => `$${firstParam + i}`;
  return {
    sql: `INSERT INTO outbox_message
            (idempotency_key, channel, template, locale, recipient, data, available_at, subject, attachments)
          SELECT * FROM unnest(${$(0)}::text[], ${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[],
                               ${$(4)}::text[], ${$(5)}::jsonb[], ${$(6)}::timestamptz[],
                               ${$(7)}::text[], ${$(8)}::jsonb[])
           WHERE ${when}
          ON CONFLICT (idempotency_key) ${onConflict}
          RETURNING 1`,
    params: [
      column((m) => m.idempotencyKey),
      column((m) => m.channel),
      column((m) => m.template),
      column((m) => m.locale),
      column((m) => m.recipient),
      column((m) => JSON.stringify(m.data)),
      column((m) => m.availableAt ?? now),
      column((m) => m.subject ?? null),
      column((m) => JSON.stringify(m.attachments ?? [])),
    ],
  };
}

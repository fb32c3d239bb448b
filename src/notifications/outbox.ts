import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Locale } from 'src/config/config';
import { Channel } from 'src/notifications/outbox-message.entity';

export interface NewMessage {
  idempotencyKey: string;
  channel: Channel;
  template: string;
  locale: Locale;
  recipient: string;
  data: Record<string, unknown>;
  availableAt?: Date;
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
    if (messages.length === 0) return;
    const now = new Date();
    await manager.query(
      `WITH added AS (
         INSERT INTO outbox_message (idempotency_key, channel, template, locale, recipient, data, available_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[])
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING 1)
       SELECT pg_notify('${OUTBOX_CHANNEL}', '')`,
      [
        messages.map((m) => m.idempotencyKey),
        messages.map((m) => m.channel),
        messages.map((m) => m.template),
        messages.map((m) => m.locale),
        messages.map((m) => m.recipient),
        messages.map((m) => JSON.stringify(m.data)),
        messages.map((m) => m.availableAt ?? now),
      ],
    );
  }
}

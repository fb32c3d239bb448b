import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Locale } from 'src/config/config';
import { Channel, OutboxMessage } from 'src/notifications/outbox-message.entity';

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

const ROWS_PER_INSERT = 1000;

/** The write side of the outbox: services record messages inside their own transaction. */
@Injectable()
export class Outbox {
  /** Messages whose idempotency key exists already are skipped: recording a cause twice sends once. */
  async add(manager: EntityManager, messages: NewMessage[]): Promise<void> {
    if (messages.length === 0) return;
    for (let i = 0; i < messages.length; i += ROWS_PER_INSERT) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values(
          messages.slice(i, i + ROWS_PER_INSERT).map(
            (m) =>
              ({
                ...m,
                availableAt: m.availableAt ?? new Date(),
              }) as QueryDeepPartialEntity<OutboxMessage>,
          ),
        )
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
    await manager.query(`NOTIFY ${OUTBOX_CHANNEL}`);
  }
}

import { quickClaim, randomShard } from 'src/events/seat-ledger';
import { NewMessage, OUTBOX_CHANNEL, outboxInsertion } from 'src/notifications/outbox';
import { Registration } from 'src/registrations/registration.entity';

/** The columns the database fills in, as `confirmAtOnce` returns them. */
export interface ConfirmedAtOnce {
  queue_number: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * One statement that takes a seat from a shard nobody else is using, inserts `row` as confirmed
 * and records its messages, or does nothing at all (no row returned) when no seat was free at once.
 * One round trip and an implicit transaction: a duplicate registration undoes the seat too.
 */
export function confirmAtOnce(
  event: { id: string; capacity: number | null },
  row: Registration,
  messages: NewMessage[],
): { sql: string; params: unknown[] } {
  const params = [
    event.id,
    randomShard(),
    row.id,
    row.userId,
    row.name,
    row.email,
    row.mobile,
    row.organizationName,
    row.sector,
    JSON.stringify(row.answers),
    row.locale,
    row.confirmedAt,
    row.checkInCode,
  ];
  const insertMessages = outboxInsertion(messages, {
    firstParam: params.length + 1,
    when: 'EXISTS (SELECT 1 FROM registration)',
  });
  return {
    sql: `WITH seat AS (${event.capacity === null ? 'SELECT $2::int AS shard' : quickClaim(1, 2)}),
              registration AS (
                INSERT INTO registration (event_id, id, user_id, name, email, mobile, organization_name,
                                          sector, answers, locale, confirmed_at, check_in_code, status)
                SELECT $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'confirmed'
                 WHERE EXISTS (SELECT 1 FROM seat)
                RETURNING queue_number, created_at, updated_at),
              messages AS (${insertMessages.sql})
         SELECT queue_number, created_at, updated_at, pg_notify('${OUTBOX_CHANNEL}', '')
           FROM registration`,
    params: [...params, ...insertMessages.params],
  };
}

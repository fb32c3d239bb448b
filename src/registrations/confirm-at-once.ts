import { quickClaim, randomShard } from 'src/events/seat-ledger';
import { NewMessage, outboxInsertion } from 'src/notifications/outbox';
import { StatementPart } from 'src/database/statement-part';
import { Registration } from 'src/registrations/registration.entity';

/** The columns the database fills in, as `confirmAtOnce` returns them. */
export interface ConfirmedAtOnce {
  queue_number: string;
  created_at: Date;
  updated_at: Date;
}

/**
 * One statement that takes a seat from a shard nobody else is using, inserts `row` as confirmed
 * and records its messages and `also` (what the registrant accepted), or does nothing at all (no row returned) when no seat was free at once.
 * One round trip and an implicit transaction: a duplicate registration undoes the seat too. No
 * NOTIFY: PostgreSQL lets one notifying commit through at a time, so the caller wakes the relay
 * through Redis once the statement has committed (`OutboxWake`).
 */
export function confirmAtOnce(
  event: { id: string; capacity: number | null },
  row: Registration,
  messages: NewMessage[],
  also?: StatementPart,
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
  const seated = 'EXISTS (SELECT 1 FROM registration)';
  const insertMessages = outboxInsertion(messages, { firstParam: params.length + 1, when: seated });
  const more = also?.(params.length + insertMessages.params.length + 1, seated);
  return {
    sql: `WITH seat AS (${event.capacity === null ? 'SELECT $2::int AS shard' : quickClaim(1, 2)}),
              registration AS (
                INSERT INTO registration (event_id, id, user_id, name, email, mobile, organization_name,
                                          sector, answers, locale, confirmed_at, check_in_code, status)
                SELECT $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'confirmed'
                 WHERE EXISTS (SELECT 1 FROM seat)
                RETURNING queue_number, created_at, updated_at),
              messages AS (${insertMessages.sql})${
                more
                  ? `,
${more.ctes}`
                  : ''
              }
         SELECT queue_number, created_at, updated_at FROM registration`,
    params: [...params, ...insertMessages.params, ...(more?.params ?? [])],
  };
}

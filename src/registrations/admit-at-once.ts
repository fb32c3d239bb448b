import { quickClaim, randomShard } from 'src/events/seat-ledger';
import { NewMessage, outboxInsertion } from 'src/notifications/outbox';
import { StatementPart } from 'src/database/statement-part';
import { Registration } from 'src/registrations/registration.entity';

/** The columns the database fills in, as the statements below return them. */
export interface AdmittedAtOnce {
  queue_number: string;
  created_at: Date;
  updated_at: Date;
}

/** The advisory lock of the waiting line of the event whose id the SQL expression `eventId` gives. */
export const lineLock = (eventId: string) =>
  `hashtext('registration-line'), hashtext((${eventId})::text)`;

/**
 * One statement that takes a seat from a shard nobody else is using, inserts `row` as confirmed
 * and records its messages and `also` (what the registrant accepted), or does nothing at all (no
 * row returned) when no seat was free at once.
 */
export function confirmAtOnce(
  event: { id: string; capacity: number | null },
  row: Registration,
  messages: NewMessage[],
  also?: StatementPart,
): { sql: string; params: unknown[] } {
  // The shard to start the search at is the statement's last own parameter.
  const seat = (shard: number) => ({
    sql: event.capacity === null ? `SELECT $${shard}::int AS shard` : quickClaim(1, shard),
    params: [randomShard()],
  });
  return admitAtOnce('seat', seat, 'confirmed', event, row, messages, also);
}

/**
 * One statement that joins the event's waiting line: the line held in shared mode while the row
 * takes its queue number (its default, drawn after the lock), with its messages and `also`. The
 * lock ends with the statement, so a count of the line (`registration_line_places`) waits for
 * statements in flight, never for a round trip to a busy API process.
 */
export function waitlistAtOnce(
  event: { id: string },
  row: Registration,
  messages: NewMessage[],
  also?: StatementPart,
): { sql: string; params: unknown[] } {
  const line = () => ({
    sql: `SELECT pg_advisory_xact_lock_shared(${lineLock('$1::uuid')})`,
    params: [],
  });
  return admitAtOnce('line', line, 'waitlisted', event, row, messages, also);
}

/**
 * The registration inserted when the gate (a CTE named `gate`, its parameters numbered from the
 * one given) yields a row, with its messages and `also`, in one round trip and an implicit
 * transaction: a duplicate registration undoes the gate's writes too. No NOTIFY: PostgreSQL lets
 * one notifying commit through at a time, so the caller wakes the relay through Redis once the
 * statement has committed (`OutboxWake`). `$1` is the event.
 */
function admitAtOnce(
  gate: string,
  gateAt: (firstParam: number) => { sql: string; params: unknown[] },
  status: 'confirmed' | 'waitlisted',
  event: { id: string },
  row: Registration,
  messages: NewMessage[],
  also?: StatementPart,
): { sql: string; params: unknown[] } {
  const own = [
    event.id,
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
  const gated = gateAt(own.length + 1);
  const params = [...own, ...gated.params];
  const admitted = 'EXISTS (SELECT 1 FROM registration)';
  const insertMessages = outboxInsertion(messages, {
    firstParam: params.length + 1,
    when: admitted,
  });
  const more = also?.(params.length + insertMessages.params.length + 1, admitted);
  return {
    sql: `WITH ${gate} AS (${gated.sql}),
              registration AS (
                INSERT INTO registration (event_id, id, user_id, name, email, mobile, organization_name,
                                          sector, answers, locale, confirmed_at, check_in_code, status)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '${status}'
                 WHERE EXISTS (SELECT 1 FROM ${gate})
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

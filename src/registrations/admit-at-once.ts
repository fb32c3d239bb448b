import { randomShard, seatsClaim } from 'src/events/seat-ledger';
import { NewMessage, outboxInsertion } from 'src/notifications/outbox';
import { ConsentGrant, consentsGiven } from 'src/privacy/consents';
import { Registration } from 'src/registrations/registration.entity';

/** A registrant admitted by a statement: their new row, its messages and what they consented to. */
export interface Admittee {
  row: Registration;
  messages: NewMessage[];
  consents: ConsentGrant[];
}

/** The columns the database fills in, as the statements below return them, per registration. */
export interface AdmittedAtOnce {
  id: string;
  queue_number: string;
  created_at: Date;
  updated_at: Date;
}

/** The event a statement admits to, as far as the statement needs it. */
type EventOf = { id: string; capacity: number | null; organizationId: string };

/** The advisory lock of the waiting line of the event whose id the SQL expression `eventId` gives. */
export const lineLock = (eventId: string) =>
  `hashtext('registration-line'), hashtext((${eventId})::text)`;

/**
 * One statement that seats as many of `admittees` as there are seats free at once, in their order,
 * each with their messages and consents, and leaves the others out (they are not among the rows
 * returned). The seats are the ledger's `seatsClaim`, from a random shard on: concurrent statements
 * stay off each other's rows and nobody waits on a lock.
 */
export function confirmAtOnce(
  event: EventOf,
  admittees: Admittee[],
): { sql: string; params: unknown[] } {
  if (event.capacity === null) {
    return admitAtOnce(event, admittees, 'confirmed', (k) => ({
      ctes: `admissible AS (SELECT $${k}::int AS n)`,
      params: [admittees.length],
    }));
  }
  return admitAtOnce(event, admittees, 'confirmed', (k) => ({
    ctes: `${seatsClaim(1, k, k + 1)}, admissible AS (SELECT n FROM seats_taken)`,
    params: [admittees.length, randomShard()],
  }));
}

/**
 * One statement that puts `admittees` at the end of the event's waiting line, in their order: the
 * line held in shared mode while the rows take their queue numbers (their default, drawn after the
 * lock), with their messages and consents. The lock ends with the statement, so a count of the
 * line (`registration_line_places`) waits for statements in flight, never for a round trip to a
 * busy API process.
 */
export function waitlistAtOnce(
  event: EventOf,
  admittees: Admittee[],
): { sql: string; params: unknown[] } {
  return admitAtOnce(event, admittees, 'waitlisted', (k) => ({
    ctes: `line AS (SELECT pg_advisory_xact_lock_shared(${lineLock('$1::uuid')})),
           admissible AS (SELECT $${k}::int AS n FROM line)`,
    params: [admittees.length],
  }));
}

/**
 * The first `admissible.n` of the admittees inserted with `status`, their messages and consents,
 * in one round trip and an implicit transaction: a duplicate registration undoes everything,
 * the gate's writes too. The gate is WITH parts ending in `admissible(n)`, their parameters
 * numbered from the one given. No NOTIFY: PostgreSQL lets one notifying commit through at a
 * time, so the caller wakes the relay through Redis once the statement has committed
 * (`OutboxWake`). `$1` is the event, `$2` the registrations.
 */
function admitAtOnce(
  event: EventOf,
  admittees: Admittee[],
  status: 'confirmed' | 'waitlisted',
  gate: (firstParam: number) => { ctes: string; params: unknown[] },
): { sql: string; params: unknown[] } {
  const rows = admittees.map(({ row }, i) => ({
    i: i + 1,
    id: row.id,
    user_id: row.userId,
    name: row.name,
    email: row.email,
    mobile: row.mobile,
    organization_name: row.organizationName,
    sector: row.sector,
    answers: row.answers,
    locale: row.locale,
    confirmed_at: row.confirmedAt,
    check_in_code: row.checkInCode,
  }));
  const params: unknown[] = [event.id, JSON.stringify(rows)];
  const gated = gate(params.length + 1);
  params.push(...gated.params);
  const admitted = (id: string) => `${id} IN (SELECT id FROM registration)`;
  const messages = outboxInsertion(
    admittees.flatMap(({ row, messages }) => messages.map((m) => ({ ...m, owner: row.id }))),
    { firstParam: params.length + 1, when: admitted('m.owner') },
  );
  params.push(...messages.params);
  const consents = consentsGiven(
    admittees.flatMap((a) => a.consents),
    event.organizationId,
    { firstParam: params.length + 1, given: admitted },
  );
  params.push(...consents.params);
  return {
    sql: `WITH ${gated.ctes},
              registration AS (
                INSERT INTO registration (event_id, id, user_id, name, email, mobile, organization_name,
                                          sector, answers, locale, confirmed_at, check_in_code, status)
                SELECT $1, r.id, r.user_id, r.name, r.email, r.mobile, r.organization_name, r.sector,
                       r.answers, r.locale, r.confirmed_at, r.check_in_code, '${status}'
                  FROM jsonb_to_recordset($2::jsonb) AS r(
                         i int, id uuid, user_id uuid, name text, email text, mobile text,
                         organization_name text, sector text, answers jsonb, locale text,
                         confirmed_at timestamptz, check_in_code text)
                 WHERE r.i <= (SELECT n FROM admissible)
                 ORDER BY r.i
                RETURNING id, queue_number, created_at, updated_at),
              messages AS (${messages.sql}),
              ${consents.ctes}
         SELECT id, queue_number, created_at, updated_at FROM registration`,
    params,
  };
}

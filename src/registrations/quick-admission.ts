import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { pause } from 'src/common/timers';
import { Batches, ItemOutcome } from 'src/common/batches';
import { isRowFault } from 'src/database/postgres-errors';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { SeatLedger } from 'src/events/seat-ledger';
import { OutboxWake } from 'src/notifications/outbox-wake';
import {
  Admittee,
  AdmittedAtOnce,
  confirmAtOnce,
  waitlistAtOnce,
} from 'src/registrations/admit-at-once';
import { Accepted } from 'src/registrations/registrant-consents';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { refuseDuplicate } from 'src/registrations/registrations.errors';
import { Applicant } from 'src/registrations/applicant';

/** How long a registrant retries the one-statement seat while the event may have room. */
const TRYING_MS = 2000;

/**
 * Registrations of one event and status that arrive while `inFlight` statements of theirs are
 * under way go together in the next, up to `size` (group commit): one round trip, one plan and one
 * commit for many. Alone, a registration goes at once. Two in flight, so that one statement
 * waiting on a commit never holds up the registrations behind it.
 */
export const ADMISSION_BATCHES = { size: 32, inFlight: 2 };

/** A registration waiting to go in one statement with others of its event and status. */
interface Admission {
  status: 'confirmed' | 'waitlisted';
  event: Event;
  admittee: Admittee;
}

/**
 * Registration's common case in one statement, without a transaction's round trips: a seat when
 * one is free at once, else, once the event is known full, a place in its waiting line.
 * Concurrent registrations of an event share their statement (`ADMISSION_BATCHES`). A quota, a hold, an
 * approval or a kept seat is the careful path's, in `RegistrationsService`.
 */
@Injectable()
export class QuickAdmission {
  private readonly batches = new Batches<Admission, AdmittedAtOnce | null>(
    (admissions) => this.admitTogether(admissions),
    { ...ADMISSION_BATCHES, name: 'registration', splitOn: isRowFault },
  );

  constructor(
    private readonly tx: Tx,
    private readonly seats: SeatLedger,
    private readonly messages: RegistrantMessages,
    private readonly relay: OutboxWake,
  ) {}

  /**
   * The registration, confirmed or waitlisted (its place in line not yet counted), or null for
   * the careful path. As an event fills, its last shards with room are busy with other
   * one-statement claims, each over within a commit: the registrant waits for them without a
   * connection (a short pause, then one statement again) rather than on their row locks inside a
   * transaction, which would hold a pooled connection; a few dozen such waits starve every other
   * request of the process. After a while of trying, the careful path waits for the seat a longer
   * transaction holds. Inside a caller's transaction it tries once: pausing would hold it open.
   */
  async admit(
    event: Event,
    applicant: Applicant,
    accepted?: Accepted,
  ): Promise<Registration | null> {
    const tryUntil = Date.now() + TRYING_MS;
    for (let wait = 2; ; wait = Math.min(wait * 2, 40)) {
      const seated = await this.once('confirmed', event, applicant, accepted);
      if (seated) return seated;
      if (this.tx.active) return null;
      if (!(await this.seats.mayHaveRoom(event.id))) {
        return this.once('waitlisted', event, applicant, accepted);
      }
      if (Date.now() > tryUntil) return null;
      await pause(wait / 2 + Math.random() * wait); // spread: the retries do not come in waves
    }
  }

  /**
   * One statement (shared with others of the event when not in a caller's transaction): the
   * registration with its messages and what the registrant accepted, all or nothing. Null when no
   * seat was free at once (for `confirmed`).
   */
  private async once(
    status: 'confirmed' | 'waitlisted',
    event: Event,
    applicant: Applicant,
    accepted?: Accepted,
  ): Promise<Registration | null> {
    const confirmed = status === 'confirmed';
    const row = this.tx.manager.create(Registration, {
      id: randomUUID(),
      eventId: event.id,
      ...applicant,
      status,
      confirmedAt: confirmed ? new Date() : null,
      cancelledAt: null,
      heldUntil: null,
      seatKept: false,
      checkInCode: confirmed ? newCheckInCode() : null,
      checkedInAt: null,
      checkedInBy: null,
    });
    const admittee: Admittee = {
      row,
      messages: confirmed
        ? this.messages.confirmation(event, row)
        : this.messages.waitlistedMessages(event, row),
      consents: accepted?.(row.id) ?? [],
    };
    const admitted = this.tx.active
      ? (await this.run(status, event, [admittee]))[0]
      : await this.batches.submit(`${status}:${event.id}:${event.capacity === null}`, {
          status,
          event,
          admittee,
        });
    if (!admitted) return null;
    await this.tx.afterCommit(() => this.relay.soon());
    return Object.assign(row, {
      queueNumber: admitted.queue_number,
      createdAt: admitted.created_at,
      updatedAt: admitted.updated_at,
    });
  }

  /**
   * One statement for registrations of one event and status, each answered with their row or
   * null (no seat for them). A duplicate among them undoes the whole statement: then each goes
   * alone (`isRowFault`), and only the duplicate is refused.
   */
  private async admitTogether(
    admissions: Admission[],
  ): Promise<ItemOutcome<AdmittedAtOnce | null>[]> {
    const { status, event } = admissions[0];
    const admittees = admissions.map((a) => a.admittee);
    const rows = await this.run(status, event, admittees);
    return admittees.map(({ row }) => ({ value: rows.find((r) => r.id === row.id) ?? null }));
  }

  /** The statement; alone, a duplicate is refused as such (409 on the field that found it). */
  private run(
    status: 'confirmed' | 'waitlisted',
    event: Event,
    admittees: Admittee[],
  ): Promise<AdmittedAtOnce[]> {
    const { sql, params } =
      status === 'confirmed' ? confirmAtOnce(event, admittees) : waitlistAtOnce(event, admittees);
    const query = this.tx.query<AdmittedAtOnce[]>(sql, params);
    return admittees.length === 1 ? refuseDuplicate(query) : query;
  }
}

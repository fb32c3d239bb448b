import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { pause } from 'src/common/timers';
import { StatementPart } from 'src/database/statement-part';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { SeatLedger } from 'src/events/seat-ledger';
import { OutboxWake } from 'src/notifications/outbox-wake';
import { AdmittedAtOnce, confirmAtOnce, waitlistAtOnce } from 'src/registrations/admit-at-once';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { refuseDuplicate } from 'src/registrations/registrations.errors';
import type { Applicant } from 'src/registrations/registrations.service';

/** How long a registrant retries the one-statement seat while the event may have room. */
const TRYING_MS = 2000;

/**
 * Registration's common case in one statement each, without a transaction's round trips: a seat
 * when one is free at once, else, once the event is known full, a place in its waiting line. A
 * quota, a hold, an approval or a kept seat is the careful path's, in `RegistrationsService`.
 */
@Injectable()
export class QuickAdmission {
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
    accepted?: (registrationId: string) => StatementPart,
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
   * One statement: the registration with its messages and what the registrant accepted, all or
   * nothing. Null when no seat was free at once (for `confirmed`).
   */
  private async once(
    status: 'confirmed' | 'waitlisted',
    event: Event,
    applicant: Applicant,
    accepted?: (registrationId: string) => StatementPart,
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
    const statement = confirmed
      ? confirmAtOnce(event, row, this.messages.confirmation(event, row), accepted?.(row.id))
      : waitlistAtOnce(
          event,
          row,
          this.messages.waitlistedMessages(event, row),
          accepted?.(row.id),
        );
    const rows = await refuseDuplicate(
      this.tx.query<AdmittedAtOnce[]>(statement.sql, statement.params),
    );
    if (rows.length === 0) return null;
    await this.tx.afterCommit(() => this.relay.soon());
    return Object.assign(row, {
      queueNumber: rows[0].queue_number,
      createdAt: rows[0].created_at,
      updatedAt: rows[0].updated_at,
    });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Batches } from 'src/common/batches';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { lineLock } from 'src/registrations/admit-at-once';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { SeatLedger } from 'src/events/seat-ledger';
import { seatsKeptForInvitees } from 'src/invitations/invitation-queries';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { CapacityDto } from 'src/registrations/dto/registration.dto';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { holdEndsAt, holdsUntilConfirmed } from 'src/registrations/registration-rules';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';

/** The advisory lock of an event's waiting line (`$1`: the event id). */
const LINE_LOCK = lineLock('$1');

/** Waiting-list places are served one at a time; a fill step promotes at most this many. */
const MAX_PROMOTIONS_PER_FILL = 500;

/**
 * Seats and the waiting list on the careful path: taking a seat within the sector's quota, handing a
 * freed seat to the first in line who may take it, and changing the capacity. Every method runs in
 * the caller's transaction or opens its own; the seat ledger's constraints forbid overbooking.
 */
@Injectable()
export class SeatAllocationService {
  private readonly logger = new Logger(SeatAllocationService.name);
  /**
   * Places asked for while a count of the event's line is under way are counted together in the
   * next (one count at a time per event: each holds the line alone), so a rush takes a few
   * counts, not one per person.
   */
  private readonly counts = new Batches<{ eventId: string; queueNumber: string }, number>(
    (asked) =>
      this.countPlaces(
        asked[0].eventId,
        asked.map((a) => a.queueNumber),
      ),
    { size: 1000, inFlight: 1, name: 'line-place' },
  );

  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly seats: SeatLedger,
    private readonly messages: RegistrantMessages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Changes the number of seats; added seats go to the waiting list first. */
  async setCapacity(user: AuthUser, eventId: string, input: CapacityDto): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.access.editableEvent(user, eventId, true);
      const [{ confirmed }] = await manager.query<{ confirmed: number }[]>(
        `SELECT count(*)::int AS confirmed FROM registration
          WHERE event_id = $1 AND (status IN ('confirmed', 'held') OR seat_kept)`,
        [eventId],
      );
      const kept = await seatsKeptForInvitees(this.tx, eventId);
      await this.seats.setCapacity(eventId, input.capacity, confirmed + kept);
      await manager.update(Event, { id: eventId }, { capacity: input.capacity });
    });
    await this.fillFromWaitlist(eventId);
  }

  /** Gives free seats to the waiting list, in order, until seats or people run out. */
  async fillFromWaitlist(eventId: string): Promise<number> {
    let promoted = 0;
    // A full event (the common case after a waitlisting) costs one look, not a transaction.
    while (promoted < MAX_PROMOTIONS_PER_FILL && (await this.seats.mayHaveRoom(eventId))) {
      const more = await this.tx.run(async (manager) => {
        const event = await manager.findOneByOrFail(Event, { id: eventId });
        if (!(await this.hasWaiting(eventId))) return false;
        if (!(await this.seats.claim(event))) return false;
        if (await this.promoteNext(event)) return true;
        // Nobody in line may take it (sector quotas): give the seat back.
        await this.seats.release(eventId);
        return false;
      });
      if (!more) break;
      promoted++;
    }
    if (promoted > 0)
      this.logger.log(`promoted ${promoted} from the waiting list of event ${eventId}`);
    return promoted;
  }

  /**
   * Joins the event's waiting line: the caller's transaction holds the line in shared mode until it
   * ends, and its new row takes its queue number after this. Joiners do not wait for each other;
   * `placeInLine` waits for them.
   */
  async joinLine(eventId: string): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock_shared(${LINE_LOCK})`, [eventId]);
  }

  /**
   * A registrant's place in line, final: counted once every joiner in flight has committed (the
   * line held alone, briefly, in a transaction without writes). Anyone with a smaller queue number
   * took it while in the line, so they are counted; nobody can join ahead later. Call it after the
   * registrant's own transaction has committed. The places asked for while a count runs are counted
   * together in the next one, so a rush takes a few counts, not one per person.
   */
  placeInLine({ eventId, queueNumber }: Registration): Promise<number> {
    return this.counts.submit(eventId, { eventId, queueNumber });
  }

  /**
   * The places of these queue numbers in one look at the line held alone: one statement on its own
   * (not in a transaction of ours), so the line is held alone only while the database counts (the
   * function in migrations/…-AddLinePlacesFunction.ts). Promoted or cancelled meanwhile: 0.
   */
  private async countPlaces(eventId: string, queueNumbers: string[]): Promise<{ value: number }[]> {
    const rows = await this.tx.query<{ queue_number: string; place: number }[]>(
      `SELECT queue_number::text, place FROM registration_line_places($1, $2::bigint[])`,
      [eventId, queueNumbers],
    );
    const places = new Map(rows.map((r) => [r.queue_number, r.place]));
    return queueNumbers.map((n) => ({ value: places.get(n) ?? 0 }));
  }

  /**
   * Holds the event's waiting line alone until the caller's transaction ends (for joining it where
   * the commit is not ours to wait for, and for approvals: both rare). A place counted in that
   * transaction is final.
   */
  async holdLine(eventId: string): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(${LINE_LOCK})`, [eventId]);
  }

  /**
   * A registration already recorded (awaiting approval) joins the line at its end, as it is now,
   * holding the line alone until the caller commits (approvals are rare): the place the caller
   * counts in its transaction is final.
   */
  async toEndOfLine(registration: Registration): Promise<void> {
    await this.holdLine(registration.eventId);
    const [rows] = await this.tx.query<[{ queue_number: string }[], number]>(
      `UPDATE registration SET queue_number = nextval(pg_get_serial_sequence('registration', 'queue_number'))
        WHERE id = $1 RETURNING queue_number`,
      [registration.id],
    );
    registration.queueNumber = rows[0].queue_number;
  }

  /** A seat and, when the sector has a quota, a place in it; false (and nothing held) if either is full. */
  async takeSeat(event: Event, sector: Registration['sector']): Promise<boolean> {
    if (!(await this.takeSector(event, sector))) return false;
    if (await this.seats.claim(event)) return true;
    await this.releaseSector(event, sector);
    return false;
  }

  /**
   * A confirmed registrant left: their sector place is freed and their seat goes straight to the
   * first in line who may take it, else back to the ledger. Runs in the caller's transaction.
   */
  async handOverSeat(event: Event, sector: Registration['sector']): Promise<void> {
    await this.releaseSector(event, sector);
    const promoted = await this.promoteNext(event);
    if (!promoted) await this.seats.release(event.id);
  }

  /**
   * Confirms the first waitlisted registrant whose sector quota has room, on a seat the caller
   * holds. Concurrent callers each take a different person (SKIP LOCKED), in queue order.
   */
  private async promoteNext(event: Event): Promise<boolean> {
    const { manager } = this.tx;
    const passedOver: string[] = [];
    // One at a time: a locked row is one being promoted by a concurrent transaction.
    for (;;) {
      const [candidate] = await manager.query<{ id: string }[]>(
        `SELECT id FROM registration
          WHERE event_id = $1 AND status = 'waitlisted' AND NOT (id = ANY($2))
          ORDER BY queue_number LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [event.id, passedOver],
      );
      if (!candidate) return false;
      const registration = await manager.findOneByOrFail(Registration, { id: candidate.id });
      if (!(await this.takeSector(event, registration.sector))) {
        passedOver.push(registration.id);
        continue;
      }
      // A guest who must confirm gets the seat held for them, as at registering.
      const holds = holdsUntilConfirmed(event, registration);
      const now = new Date();
      REGISTRATION_LIFECYCLE.assertMove(registration.status, holds ? 'held' : 'confirmed');
      if (holds) {
        registration.status = 'held';
        registration.heldUntil = holdEndsAt(now, this.config.registrationHoldMinutes);
      } else {
        registration.status = 'confirmed';
        registration.confirmedAt = now;
        registration.checkInCode = newCheckInCode();
      }
      await manager.save(registration);
      // A promoted registrant has left the line: their notice names no place in it.
      await this.messages.notice(event, registration, holds ? 'held' : 'promoted', {
        position: null,
      });
      return true;
    }
  }

  private async takeSector(event: Event, sector: Registration['sector']): Promise<boolean> {
    const quota = event.sectorQuotas[sector];
    return quota === undefined || this.seats.claimSector(event.id, sector, quota);
  }

  private async releaseSector(event: Event, sector: Registration['sector']): Promise<void> {
    if (event.sectorQuotas[sector] !== undefined) await this.seats.releaseSector(event.id, sector);
  }

  private async hasWaiting(eventId: string): Promise<boolean> {
    const rows = await this.tx.query<unknown[]>(
      "SELECT 1 FROM registration WHERE event_id = $1 AND status = 'waitlisted' LIMIT 1",
      [eventId],
    );
    return rows.length > 0;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { SeatLedger } from 'src/events/seat-ledger';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { CapacityDto } from 'src/registrations/dto/registration.dto';
import { RegistrantMessages } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';

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

  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
    private readonly seats: SeatLedger,
    private readonly messages: RegistrantMessages,
  ) {}

  /** Changes the number of seats; added seats go to the waiting list first. */
  async setCapacity(user: AuthUser, eventId: string, input: CapacityDto): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.access.editableEvent(user, eventId, true);
      const [{ confirmed }] = await manager.query<{ confirmed: number }[]>(
        "SELECT count(*)::int AS confirmed FROM registration WHERE event_id = $1 AND status = 'confirmed'",
        [eventId],
      );
      await this.seats.setCapacity(eventId, input.capacity, confirmed);
      await manager.update(Event, { id: eventId }, { capacity: input.capacity });
    });
    await this.fillFromWaitlist(eventId);
  }

  /** Gives free seats to the waiting list, in order, until seats or people run out. */
  async fillFromWaitlist(eventId: string): Promise<number> {
    let promoted = 0;
    while (promoted < MAX_PROMOTIONS_PER_FILL) {
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
      REGISTRATION_LIFECYCLE.assertMove(registration.status, 'confirmed');
      registration.status = 'confirmed';
      registration.confirmedAt = new Date();
      registration.checkInCode = newCheckInCode();
      await manager.save(registration);
      // A promoted registrant has left the line: their notice names no place in it.
      await this.messages.notice(event, registration, 'promoted', { position: null });
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

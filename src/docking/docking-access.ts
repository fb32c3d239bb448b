import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { DockingError } from 'src/docking/docking.errors';
import { Event } from 'src/events/event.entity';
import { EventAccess, manages } from 'src/events/event-access';
import { EventError } from 'src/events/events.errors';
import { hasConfirmedSeat, SeatHolder } from 'src/registrations/registration-queries';

/** Who someone is at a session: an organizer of it or a participant (nobody else gets one). */
export interface DockingSeat {
  event: Event;
  manages: boolean;
}

/**
 * Who may see a precise-docking session, written once for its setup and its meetings: nothing of
 * a session exists for anyone but its organizers and participants, so everyone else gets the
 * same 404 as for a session that does not exist.
 */
@Injectable()
export class DockingAccess {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
  ) {}

  /** Organizers and participants of a precise-docking session; 404 for everyone else. */
  async seatAt(user: AuthUser, eventId: string): Promise<DockingSeat> {
    const event = await this.tx.manager.findOneBy(Event, { id: eventId });
    const isManager = event !== null && manages(await this.access.managedBy(user), event);
    if (!event || (!isManager && !(await this.participates(user, eventId)))) {
      throw EventError.EVENT_NOT_FOUND({ id: eventId });
    }
    if (event.kind !== 'precise_docking') {
      throw DockingError.DOCKING_NOT_A_SESSION({ kind: event.kind });
    }
    return { event, manages: isManager };
  }

  /** The session, for its organizers; a participant is refused (403), anyone else gets 404. */
  async managedSession(user: AuthUser, eventId: string): Promise<Event> {
    const seat = await this.seatAt(user, eventId);
    if (!seat.manages)
      throw EventError.EVENT_NOT_ORGANIZER({ organizationId: seat.event.organizationId });
    return seat.event;
  }

  /** A confirmed registrant of the session, by account or verified e-mail (invitees are guests). */
  async participates(person: SeatHolder, eventId: string): Promise<boolean> {
    return hasConfirmedSeat(this.tx, eventId, person);
  }
}

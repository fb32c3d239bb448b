import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { inviteeSeatHeldUntil } from 'src/events/event-rules';
import { Sector } from 'src/events/sectors';
import { Outbox } from 'src/notifications/outbox';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';

/** The outbox task that releases an invitee's kept seat when the hold ends. */
export const RELEASE_INVITEE_SEAT_TASK = 'release-invitee-seat';

/** Its own subject, apart from the invitation's messages (`invitation:<id>`). */
const subjectOf = (invitationId: string) => `invitation-seat:${invitationId}`;

/**
 * Seats kept for invitees, where the event holds them (`event.invitationsHoldSeats`): taken from
 * the seat ledger as the invitations are written, so an invitee who accepts in time is seated and
 * never waitlisted. The seat leaves the invitation exactly once, by one conditional UPDATE of
 * `invitation.seat_held_until` under the row's lock: taken by accepting (`take`), or released by a
 * decline, a revoke or the hold's end (`release`, the outbox task `release-invitee-seat` written
 * with the hold), which hands it to the first in line as a cancelled registration's seat is.
 */
@Injectable()
export class InvitationSeats {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly seats: SeatAllocationService,
    private readonly outbox: Outbox,
    tasks: OutboxTasks,
  ) {
    tasks.register(RELEASE_INVITEE_SEAT_TASK, (data) => this.release(String(data.invitationId)));
  }

  /**
   * Keeps a seat for each new invitation, in order, while seats are free (an invitation beyond the
   * capacity keeps none: its invitee is waitlisted like anyone if they accept). Nothing is kept
   * for an unlimited event (there is always room) or one that does not hold seats.
   */
  async keepFor(event: Event, invitations: { id: string; sector: Sector }[]): Promise<void> {
    if (!event.invitationsHoldSeats || event.capacity === null || invitations.length === 0) return;
    const until = inviteeSeatHeldUntil(new Date(), this.config.invitationSeatHoldDays, event);
    if (!until) return;
    await this.tx.run(async () => {
      const kept: string[] = [];
      for (const invitation of invitations) {
        if (await this.seats.takeSeat(event, invitation.sector)) kept.push(invitation.id);
        else if (event.sectorQuotas[invitation.sector] === undefined) break; // the event is full
      }
      if (kept.length === 0) return;
      await this.tx.query('UPDATE invitation SET seat_held_until = $2 WHERE id = ANY($1)', [
        kept,
        until,
      ]);
      await this.outbox.scheduleTasks(
        kept.map((id) => ({
          name: RELEASE_INVITEE_SEAT_TASK,
          key: `${subjectOf(id)}:seat-hold`,
          subject: subjectOf(id),
          data: { invitationId: id },
          at: until,
        })),
      );
    });
  }

  /**
   * The accepting invitee takes the seat kept for them, if it is still kept (true); a release
   * landing at the same moment waits for the row, so only one of them has it.
   */
  async take(invitationId: string): Promise<boolean> {
    const [, taken] = await this.tx.query<[unknown[], number]>(
      `UPDATE invitation SET seat_held_until = NULL
        WHERE id = $1 AND seat_held_until IS NOT NULL RETURNING id`,
      [invitationId],
    );
    if (taken === 1) await this.outbox.drop([subjectOf(invitationId)], RELEASE_INVITEE_SEAT_TASK);
    return taken === 1;
  }

  /**
   * The kept seat goes back (declined, revoked, or the hold ended) and straight to the first in
   * line who may take it. Run twice, or after the invitee took it, it does nothing.
   */
  async release(invitationId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const [[released]] = await manager.query<[{ event_id: string; sector: Sector }[], number]>(
        `UPDATE invitation SET seat_held_until = NULL
          WHERE id = $1 AND seat_held_until IS NOT NULL RETURNING event_id, sector`,
        [invitationId],
      );
      if (!released) return;
      await this.outbox.drop([subjectOf(invitationId)], RELEASE_INVITEE_SEAT_TASK);
      const event = await manager.findOneByOrFail(Event, { id: released.event_id });
      await this.seats.handOverSeat(event, released.sector);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { Audit } from 'src/audit/audit';
import { Tx } from 'src/database/tx';
import { Event } from 'src/events/event.entity';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { RegistrantMessages, RELEASE_HOLD_TASK } from 'src/registrations/registrant-messages';
import { Registration } from 'src/registrations/registration.entity';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';
import { RegistrationViews } from 'src/registrations/registration-views';
import { RegistrationError } from 'src/registrations/registrations.errors';
import { SeatAllocationService } from 'src/registrations/seat-allocation.service';

/** A released hold: whose seat goes back. */
interface Released {
  event_id: string;
  sector: Registration['sector'];
}

/**
 * Seats held for guests who must confirm (events with `guestsConfirm`): the guest confirms by the
 * link in their message, or the outbox task `release-registration-hold` releases the seat at the
 * hold's end and gives it to the next in line. Both move the row conditionally under its lock, so
 * of a confirmation and a release landing together exactly one wins, and a release run twice
 * (a retried job) releases once.
 */
@Injectable()
export class RegistrationHolds {
  constructor(
    private readonly tx: Tx,
    private readonly views: RegistrationViews,
    private readonly seats: SeatAllocationService,
    private readonly messages: RegistrantMessages,
    private readonly audit: Audit,
    tasks: OutboxTasks,
  ) {
    tasks.register(RELEASE_HOLD_TASK, (data) => this.release(String(data.registrationId)));
  }

  /** The guest confirms by their link (or an organizer for them): the held seat is theirs. */
  async confirm(user: AuthUser | undefined, id: string, token?: string): Promise<RegistrationDto> {
    await this.tx.run(async (manager) => {
      const registration = await this.views.authorized(user, id, token, true);
      if (registration.status === 'confirmed') return; // a second click changes nothing
      if (registration.status !== 'held')
        throw REGISTRATION_LIFECYCLE.refusal(registration.status, 'confirmed');
      if (registration.heldUntil! <= new Date())
        throw RegistrationError.REGISTRATION_HOLD_EXPIRED({ heldUntil: registration.heldUntil });
      Object.assign(registration, {
        status: 'confirmed',
        confirmedAt: new Date(),
        heldUntil: null,
        checkInCode: newCheckInCode(),
      });
      await manager.save(registration);
      await this.record(id, user?.id ?? null, 'confirmed');
      const event = await manager.findOneByOrFail(Event, { id: registration.eventId });
      await this.messages.notice(event, registration, 'confirmed');
    });
    return this.views.dto(id);
  }

  /** The hold's end: a seat still held is released and handed to the next in line. */
  async release(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      // An UPDATE … RETURNING answers [rows, count].
      const [[released]] = await manager.query<[Released[], number]>(
        `UPDATE registration SET status = 'cancelled', cancelled_at = now(), held_until = NULL,
                updated_at = now()
          WHERE id = $1 AND status = 'held' RETURNING event_id, sector`,
        [id],
      );
      if (!released) return;
      await this.record(id, null, 'released');
      const event = await manager.findOneByOrFail(Event, { id: released.event_id });
      await this.seats.handOverSeat(event, released.sector);
    });
  }

  private async record(id: string, actorId: string | null, action: 'confirmed' | 'released') {
    await this.audit.record({
      subject: 'registration',
      subjectId: id,
      action,
      actorId,
      before: { status: 'held' },
      after: { status: action === 'confirmed' ? 'confirmed' : 'cancelled' },
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { signedToken } from 'src/common/signed-token';
import { formatDateTime } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { EventChangeListener, EventChanges } from 'src/events/event-changes';
import { venueOf } from 'src/events/event-rules';
import { Organization } from 'src/identity/organization.entity';
import { Invitation } from 'src/invitations/invitation.entity';
import { NewMessage, Outbox } from 'src/notifications/outbox';

export const INVITATION_TOKEN = 'invitation';
const REMINDER = 'invitation-reminder';
const DAY = 24 * 3600 * 1000;
/** Invitees who may still answer. */
const UNANSWERED = ['created', 'opened'];

const subjectOf = (invitation: { id: string }) => `invitation:${invitation.id}`;

/** What the messages need to know of an invitation. */
export type Invitee = Pick<Invitation, 'id' | 'name' | 'email' | 'mobile' | 'role' | 'locale'>;

/**
 * Every message an invitee receives: the invitation, a resend, a reminder before the event to
 * those who have not answered (moved with the event, dropped once they answer), and the news of a
 * cancelled event.
 */
@Injectable()
export class InvitationMessages implements EventChangeListener {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: Outbox,
    changes: EventChanges,
  ) {
    changes.subscribe(this);
  }

  /** The invitations, and their reminders. */
  async invite(manager: EntityManager, event: Event, invitations: Invitee[]): Promise<void> {
    const organizer = await this.organizerOf(manager, event);
    await this.outbox.add(manager, [
      ...invitations.map((i) =>
        this.message(event, organizer, i, 'invitation', `invitation:${i.id}:initial`),
      ),
      // A text message too, to those whose mobile number we have.
      ...invitations
        .filter((i) => i.mobile !== null)
        .map((i) => ({
          ...this.message(event, organizer, i, 'invitation', `invitation:${i.id}:initial:sms`),
          channel: 'sms' as const,
          recipient: i.mobile ?? '',
        })),
    ]);
    await this.scheduleReminders(manager, event, organizer, invitations);
  }

  /** Sends the invitation again; the number keeps two clicks of one resend from sending twice. */
  async resend(
    manager: EntityManager,
    event: Event,
    invitation: Invitation,
    sent: number,
  ): Promise<void> {
    const organizer = await this.organizerOf(manager, event);
    await this.outbox.add(manager, [
      this.message(
        event,
        organizer,
        invitation,
        'invitation',
        `invitation:${invitation.id}:resend:${sent}`,
      ),
    ]);
  }

  /** The invitee answered or the invitation was revoked: no reminder. */
  async answered(manager: EntityManager, invitation: Invitation): Promise<void> {
    await this.outbox.drop(manager, [subjectOf(invitation)], REMINDER);
  }

  async eventChanged(manager: EntityManager, event: Event): Promise<void> {
    const invitations = await manager
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.eventId = :eventId AND i.status IN (:...open)', {
        eventId: event.id,
        open: UNANSWERED,
      })
      .getMany();
    await this.outbox.drop(manager, invitations.map(subjectOf), REMINDER);
    const organizer = await this.organizerOf(manager, event);
    if (event.status === 'cancelled') {
      await this.outbox.add(
        manager,
        invitations.map((i) =>
          this.message(
            event,
            organizer,
            i,
            'event-cancelled',
            `event:${event.id}:cancelled:${i.id}`,
            {
              reason: event.cancellationReason,
            },
          ),
        ),
      );
      return;
    }
    await this.scheduleReminders(manager, event, organizer, invitations);
  }

  private async scheduleReminders(
    manager: EntityManager,
    event: Event,
    organizer: string,
    invitations: Invitee[],
  ): Promise<void> {
    const days = this.config.invitationReminderDays;
    const at = new Date(event.startsAt.getTime() - days * DAY);
    if (days === 0 || at.getTime() <= Date.now()) return;
    await this.outbox.schedule(
      manager,
      invitations.map((i) => ({
        ...this.message(event, organizer, i, REMINDER, `invitation:${i.id}:reminder`),
        availableAt: at,
      })),
    );
  }

  private async organizerOf(manager: EntityManager, event: Event): Promise<string> {
    return (await manager.findOneByOrFail(Organization, { id: event.organizationId })).name;
  }

  private message(
    event: Event,
    organizer: string,
    invitation: Invitee,
    template: string,
    idempotencyKey: string,
    extra: Record<string, unknown> = {},
  ): NewMessage {
    const token = signedToken(this.config.jwtSecret, INVITATION_TOKEN, invitation.id);
    const link = `${this.config.publicUrl}/invitations/${invitation.id}?token=${token}`;
    return {
      idempotencyKey,
      channel: 'email',
      template,
      locale: invitation.locale,
      recipient: invitation.email,
      subject: subjectOf(invitation),
      data: {
        name: invitation.name,
        organizer,
        role: invitation.role,
        eventTitle: event.title,
        startsAt: formatDateTime(event.startsAt, event.timeZone, invitation.locale),
        venue: venueOf(event),
        acceptUrl: `${link}&action=accept`,
        declineUrl: `${link}&action=decline`,
        ...extra,
      },
    };
  }
}

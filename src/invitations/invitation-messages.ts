import { Inject, Injectable } from '@nestjs/common';
import { linkExpiryFor, linkToken } from 'src/common/signed-token';
import { formatDateTime } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { EventChanged } from 'src/events/event-changed';
import { DomainEvents } from 'src/database/domain-events';
import { venueOf } from 'src/events/event-rules';
import { Organization } from 'src/identity/organization.entity';
import { Invitation } from 'src/invitations/invitation.entity';
import { reaching, SmsWhenBoth } from 'src/notifications/contact';
import { NewMessage, Outbox } from 'src/notifications/outbox';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { Tx } from 'src/database/tx';

export const INVITATION_TOKEN = 'invitation';
const REMINDER = 'invitation-reminder';
const REMINDER_TASK = 'invitation-reminders';
const DAY = 24 * 3600 * 1000;
/** Invitees who may still answer. */
const UNANSWERED = ['created', 'opened'];

const subjectOf = (invitation: { id: string }) => `invitation:${invitation.id}`;
const taskSubjectOf = (event: { id: string }) => `event:${event.id}`;

/** What the messages need to know of an invitation. */
export type Invitee = Pick<Invitation, 'id' | 'name' | 'email' | 'mobile' | 'role' | 'locale'>;

/**
 * Every message an invitee receives: the invitation, a resend, a reminder before the event to
 * those who have not answered, and the news of a cancelled event.
 *
 * The reminders of an event are one task in the outbox, moved with the event and dropped when it
 * is cancelled; when it falls due it reminds whoever has not answered by then. Inviting 10,000
 * people thus records 10,000 invitations, not 20,000 messages.
 */
@Injectable()
export class InvitationMessages {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: Outbox,
    events: DomainEvents,
    tasks: OutboxTasks,
  ) {
    events.subscribe(EventChanged, 'in-transaction', ({ event }) => this.eventChanged(event));
    tasks.register(REMINDER_TASK, (data) => this.remindUnanswered(String(data.eventId)));
  }

  /** The invitations, and the event's reminder task. */
  async invite(event: Event, invitations: Invitee[]): Promise<void> {
    const organizer = await this.organizerOf(event);
    // A text message too, to everyone whose mobile number we have: people answer on their phones.
    await this.outbox.add(
      invitations.flatMap((i) =>
        this.messages(event, organizer, i, 'invitation', `invitation:${i.id}:initial`, {}, 'both'),
      ),
    );
    if (invitations.length > 0) await this.scheduleReminders(event);
  }

  /** Sends the invitation again; the number keeps two clicks of one resend from sending twice. */
  async resend(event: Event, invitation: Invitation, sent: number): Promise<void> {
    const organizer = await this.organizerOf(event);
    await this.outbox.add(
      this.messages(
        event,
        organizer,
        invitation,
        'invitation',
        `invitation:${invitation.id}:resend:${sent}`,
      ),
    );
  }

  async eventChanged(event: Event): Promise<void> {
    const { manager } = this.tx;
    const invitations = await manager
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.eventId = :eventId AND i.status IN (:...open)', {
        eventId: event.id,
        open: UNANSWERED,
      })
      .getMany();
    // A reminder moment that has passed, or a cancelled event: nothing stays scheduled.
    await this.outbox.drop([taskSubjectOf(event)], REMINDER_TASK);
    if (event.status === 'cancelled') {
      const organizer = await this.organizerOf(event);
      await this.outbox.add(
        invitations.flatMap((i) =>
          this.messages(
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
    if (invitations.length > 0) await this.scheduleReminders(event);
  }

  /** The event's reminder task, at `INVITATION_REMINDER_DAYS` before its start if that is ahead. */
  private async scheduleReminders(event: Event): Promise<void> {
    const at = this.reminderMoment(event);
    if (!at || at.getTime() <= Date.now()) return;
    await this.outbox.scheduleTask({
      name: REMINDER_TASK,
      key: `event:${event.id}:invitation-reminders`,
      subject: taskSubjectOf(event),
      data: { eventId: event.id },
      at,
    });
  }

  private reminderMoment(event: Event): Date | null {
    const days = this.config.invitationReminderDays;
    return days === 0 ? null : new Date(event.startsAt.getTime() - days * DAY);
  }

  /**
   * The reminder task: one reminder to each invitee who has not answered and was invited before
   * the reminder moment (someone invited later has just been told). Running it again sends nothing
   * new: each reminder's idempotency key names its invitation.
   */
  private async remindUnanswered(eventId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const event = await manager.findOneBy(Event, { id: eventId });
      const moment = event && this.reminderMoment(event);
      if (!event || !moment || event.status === 'cancelled' || event.startsAt <= new Date()) return;
      const invitations = await manager
        .getRepository(Invitation)
        .createQueryBuilder('i')
        .where('i.eventId = :eventId AND i.status IN (:...open) AND i.createdAt < :moment', {
          eventId,
          open: UNANSWERED,
          moment,
        })
        .getMany();
      const organizer = await this.organizerOf(event);
      await this.outbox.add(
        invitations.flatMap((i) =>
          this.messages(event, organizer, i, REMINDER, `invitation:${i.id}:reminder`),
        ),
      );
    });
  }

  private async organizerOf(event: Event): Promise<string> {
    const { manager } = this.tx;
    return (await manager.findOneByOrFail(Organization, { id: event.organizationId })).name;
  }

  /** The message by e-mail, or by text message to an invitee known by mobile only (`reaching`). */
  private messages(
    event: Event,
    organizer: string,
    invitation: Invitee,
    template: string,
    idempotencyKey: string,
    extra: Record<string, unknown> = {},
    whenBoth: SmsWhenBoth = 'first',
  ): NewMessage[] {
    const token = linkToken(
      this.config.linkTokens,
      INVITATION_TOKEN,
      invitation.id,
      linkExpiryFor(event),
    );
    const link = `${this.config.publicUrl}/invitations/${invitation.id}?token=${token}`;
    return reaching(
      invitation,
      {
        idempotencyKey,
        template,
        locale: invitation.locale,
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
      },
      whenBoth,
    );
  }
}

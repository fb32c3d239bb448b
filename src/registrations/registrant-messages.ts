import { Inject, Injectable } from '@nestjs/common';
import { calendarEntry, toICalendar } from 'src/calendar/calendar';
import { signedToken } from 'src/common/signed-token';
import { formatDateTime } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { EventChanged } from 'src/events/event-changed';
import { DomainEvents } from 'src/database/domain-events';
import { venueOf } from 'src/events/event-rules';
import { reaching } from 'src/notifications/contact';
import { NewMessage, Outbox } from 'src/notifications/outbox';
import { Registration } from 'src/registrations/registration.entity';
import { ACTIVE_STATUSES } from 'src/registrations/registration-status';
import { Tx } from 'src/database/tx';

export type Notice = 'pending' | 'confirmed' | 'waitlisted' | 'promoted' | 'rejected' | 'cancelled';

const REMINDER = 'event-reminder';
const subjectOf = (registration: { id: string }) => `registration:${registration.id}`;

/**
 * Every message a registrant receives: notices of their registration, reminders before the event
 * (scheduled in the outbox, moved when the event moves, dropped when it no longer applies), and the
 * news of a cancelled event.
 */
@Injectable()
export class RegistrantMessages {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: Outbox,
    private readonly tx: Tx,
    events: DomainEvents,
  ) {
    events.subscribe(EventChanged, 'in-transaction', ({ event }) => this.eventChanged(event));
  }

  async notice(
    event: Event,
    registration: Registration,
    notice: Notice,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.outbox.add(this.noticeMessages(event, registration, notice, extra));
    if (notice === 'confirmed' || notice === 'promoted')
      await this.scheduleReminders(event, [registration]);
    if (notice === 'cancelled') await this.outbox.drop([subjectOf(registration)], REMINDER);
  }

  /** What a new confirmed registration sends: the confirmation and the reminders ahead. */
  confirmation(event: Event, registration: Registration): NewMessage[] {
    return [
      ...this.noticeMessages(event, registration, 'confirmed', {}),
      ...this.reminders(event, [registration]),
    ];
  }

  /** Reminders at the event's offsets before its start, for the ones still ahead. */
  async scheduleReminders(event: Event, registrations: Registration[]): Promise<void> {
    await this.outbox.schedule(this.reminders(event, registrations));
  }

  private noticeMessages(
    event: Event,
    registration: Registration,
    notice: Notice,
    extra: Record<string, unknown>,
  ): NewMessage[] {
    return this.messages(
      event,
      registration,
      `registration-${notice}`,
      `registration:${registration.id}:${notice}`,
      extra,
    );
  }

  private reminders(event: Event, registrations: Registration[]): NewMessage[] {
    const now = Date.now();
    const calendar = toICalendar(event.title, [calendarEntry(event, this.config.publicUrl)]);
    return registrations.flatMap((registration) =>
      event.reminderOffsetsMinutes
        .map((minutes) => ({ minutes, at: new Date(event.startsAt.getTime() - minutes * 60_000) }))
        .filter(({ at }) => at.getTime() > now)
        .flatMap(({ minutes, at }) =>
          this.messages(
            event,
            registration,
            REMINDER,
            `reminder:${registration.id}:${minutes}`,
            { hoursBefore: Math.round((minutes / 60) * 10) / 10 },
            {
              availableAt: at,
              attachments: [
                {
                  filename: 'event.ics',
                  contentType: 'text/calendar; charset=utf-8',
                  content: calendar,
                },
              ],
            },
          ),
        ),
    );
  }

  /** The event moved or changed its reminders: reschedule them; it was cancelled: tell everyone. */
  async eventChanged(event: Event): Promise<void> {
    const { manager } = this.tx;
    const registrations = await manager.find(Registration, { where: { eventId: event.id } });
    const active = registrations.filter((r) => ACTIVE_STATUSES.includes(r.status));
    const confirmed = registrations.filter((r) => r.status === 'confirmed');
    // Offsets that were dropped from the event, or a cancelled event: nothing stays scheduled.
    await this.outbox.drop(registrations.map(subjectOf), REMINDER);
    if (event.status === 'cancelled') {
      await this.outbox.add(
        active.flatMap((r) =>
          this.messages(event, r, 'event-cancelled', `event:${event.id}:cancelled:${r.id}`, {
            reason: event.cancellationReason,
          }),
        ),
      );
      return;
    }
    await this.scheduleReminders(event, confirmed);
  }

  /**
   * The message by e-mail, or by text message to a registrant known by mobile only (see
   * `reaching`); either carries the registration's own page, where the check-in code is shown.
   */
  private messages(
    event: Event,
    registration: Registration,
    template: string,
    idempotencyKey: string,
    extra: Record<string, unknown>,
    timing: Pick<NewMessage, 'availableAt' | 'attachments'> = {},
  ): NewMessage[] {
    const token = signedToken(this.config.jwtSecret, 'registration', registration.id);
    const api = `${this.config.publicUrl}/api/registrations/${registration.id}`;
    return reaching(registration, {
      idempotencyKey,
      template,
      locale: registration.locale,
      subject: subjectOf(registration),
      ...timing,
      data: {
        name: registration.name,
        eventTitle: event.title,
        startsAt: formatDateTime(event.startsAt, event.timeZone, registration.locale),
        venue: venueOf(event),
        manageUrl: `${this.config.publicUrl}/registrations/${registration.id}?token=${token}`,
        checkInCode: registration.checkInCode,
        qrUrl: registration.checkInCode ? `${api}/qr.png?token=${token}` : null,
        ...extra,
      },
    });
  }
}

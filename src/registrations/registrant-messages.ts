import { Inject, Injectable } from '@nestjs/common';
import { calendarEntry, toICalendar } from 'src/calendar/calendar';
import { linkExpiryFor, linkToken } from 'src/common/signed-token';
import { formatDateTime } from 'src/common/time';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { EventChanged } from 'src/events/event-changed';
import { DomainEvents } from 'src/database/domain-events';
import { venueOf } from 'src/events/event-rules';
import { reaching, SmsWhenBoth } from 'src/notifications/contact';
import { NewMessage, Outbox } from 'src/notifications/outbox';
import { OutboxAttachments } from 'src/notifications/outbox-attachments';
import { Registration } from 'src/registrations/registration.entity';
import { ACTIVE_STATUSES } from 'src/registrations/registration-status';
import { Tx } from 'src/database/tx';

/** A change of a republished agenda, as the agenda tells it (times as ISO strings). */
export interface AgendaChangeNotice {
  change: 'added' | 'removed' | 'moved';
  item: { title: string; startsAt: string; endsAt: string; room: string | null };
  was?: { title: string; startsAt: string; endsAt: string; room: string | null };
}

export type Notice =
  'pending' | 'held' | 'confirmed' | 'waitlisted' | 'promoted' | 'rejected' | 'cancelled';

const REMINDER = 'event-reminder';
/** The outbox task that releases a guest's held seat when its time is up (`RegistrationHolds`). */
export const RELEASE_HOLD_TASK = 'release-registration-hold';
/** How long a waitlisted notice waits for its place before it goes out without one. */
const PLACE_WAIT_MS = 60_000;
/** The event's calendar file, made when a reminder is sent (not stored in every reminder). */
const EVENT_CALENDAR = 'event-calendar';
const subjectOf = (registration: { id: string }) => `registration:${registration.id}`;
/** The notices that carry the check-in code go by text message too when a mobile was given. */
const CODE_NOTICES: readonly Notice[] = ['confirmed', 'promoted'];
/** The message that sends a registrant their own page's link again. */
const LINK_AGAIN = 'registration-link';

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
    attachments: OutboxAttachments,
  ) {
    events.subscribe(EventChanged, 'in-transaction', ({ event }) => this.eventChanged(event));
    attachments.register(EVENT_CALENDAR, (eventId) => this.calendarOf(eventId));
  }

  async notice(
    event: Event,
    registration: Registration,
    notice: Notice,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const held = notice === 'held' ? this.holdData(event, registration) : {};
    await this.outbox.add(this.noticeMessages(event, registration, notice, { ...extra, ...held }));
    if (notice === 'held') await this.scheduleRelease(registration);
    if (notice === 'confirmed' || notice === 'promoted')
      await this.scheduleReminders(event, [registration]);
    if (notice === 'cancelled') await this.outbox.drop([subjectOf(registration)], REMINDER);
  }

  /** What a guest's held seat tells them: until when it is held for them. */
  private holdData(event: Event, registration: Registration): Record<string, unknown> {
    const until = registration.heldUntil!;
    return {
      heldUntil: formatDateTime(until, event.timeZone, registration.locale),
      holdMinutes: this.config.registrationHoldMinutes,
    };
  }

  /** The hold ends at its time: the task releases the seat unless the guest confirmed (once). */
  private async scheduleRelease(registration: Registration): Promise<void> {
    await this.outbox.scheduleTask({
      name: RELEASE_HOLD_TASK,
      key: `${subjectOf(registration)}:hold`,
      subject: subjectOf(registration),
      data: { registrationId: registration.id },
      at: registration.heldUntil!,
    });
  }

  /**
   * The notice of a new place on the waiting list, held until its place is known
   * (`placeKnown`, right after the commit). Should the process die in between, it goes out after
   * `PLACE_WAIT_MS` without a place (the templates then name none): never a wrong place, never lost.
   */
  async waitlisted(event: Event, registration: Registration): Promise<void> {
    await this.outbox.add(this.waitlistedMessages(event, registration));
  }

  /** The messages `waitlisted` records, for a caller that records them in its own statement. */
  waitlistedMessages(event: Event, registration: Registration): NewMessage[] {
    return this.noticeMessages(event, registration, 'waitlisted', { position: null }).map((m) => ({
      ...m,
      availableAt: new Date(Date.now() + PLACE_WAIT_MS),
    }));
  }

  /** The place of a waitlisted registrant is final: their notice names it and goes out now. */
  async placeKnown(registration: Registration, position: number): Promise<void> {
    await this.outbox.release(`registration:${registration.id}:waitlisted`, { position });
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
      {},
      CODE_NOTICES.includes(notice) ? 'both' : 'first',
    );
  }

  /**
   * The registration's own page sent again, on the one channel the person named (`via`): each
   * request is a message of its own (`requestId`); the limits on who may ask are the caller's.
   */
  async linkAgain(
    event: Event,
    registration: Registration,
    via: 'email' | 'sms',
    requestId: string,
  ): Promise<void> {
    const key = `${subjectOf(registration)}:link:${requestId}`;
    const all = this.messages(event, registration, LINK_AGAIN, key, {}, {}, 'both');
    await this.outbox.add(all.filter((m) => m.channel === via));
  }

  private reminders(event: Event, registrations: Registration[]): NewMessage[] {
    const now = Date.now();
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
                  source: { kind: EVENT_CALENDAR, key: event.id },
                },
              ],
            },
          ),
        ),
    );
  }

  /** The event's calendar file as the event is now; null once the event is gone. */
  private async calendarOf(eventId: string): Promise<string | null> {
    const event = await this.tx.manager.findOneBy(Event, { id: eventId });
    return event && toICalendar(event.title, [calendarEntry(event, this.config.publicUrl)]);
  }

  /**
   * The agenda was published again with items added, removed or moved: every active registrant is
   * told what, once per publication (`version` in the key). `changes` come from the agenda as plain
   * data (times as ISO strings), shown here in each registrant's language.
   */
  async agendaChanged(event: Event, version: number, changes: AgendaChangeNotice[]): Promise<void> {
    const { manager } = this.tx;
    const registrations = await manager.find(Registration, { where: { eventId: event.id } });
    const active = registrations.filter((r) => ACTIVE_STATUSES.includes(r.status));
    await this.outbox.add(
      active.flatMap((r) => {
        const at = (iso: string) => formatDateTime(new Date(iso), event.timeZone, r.locale);
        const shown = changes.map((c) => ({
          change: c.change,
          added: c.change === 'added',
          removed: c.change === 'removed',
          moved: c.change === 'moved',
          title: c.item.title,
          startsAt: at(c.item.startsAt),
          endsAt: at(c.item.endsAt),
          room: c.item.room,
          wasStartsAt: c.was ? at(c.was.startsAt) : null,
          wasRoom: c.was?.room ?? null,
        }));
        return this.messages(event, r, 'agenda-changed', `${subjectOf(r)}:agenda:${version}`, {
          changes: shown,
          agendaUrl: `${this.config.publicUrl}/activities/${event.id}#agenda`,
        });
      }),
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
    whenBoth: SmsWhenBoth = 'first',
  ): NewMessage[] {
    const token = linkToken(
      this.config.linkTokens,
      'registration',
      registration.id,
      linkExpiryFor(event),
    );
    const api = `${this.config.publicUrl}/api/registrations/${registration.id}`;
    return reaching(
      registration,
      {
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
      },
      whenBoth,
    );
  }
}

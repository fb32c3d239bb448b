import { Inject, Injectable } from '@nestjs/common';
import { Audit } from 'src/audit/audit';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DomainEvents } from 'src/database/domain-events';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';
import { EventChanged } from 'src/events/event-changed';
import { Event } from 'src/events/event.entity';
import { EventStatus } from 'src/events/event-status';
import { Outbox } from 'src/notifications/outbox';
import { OutboxTasks } from 'src/notifications/outbox-tasks';
import { anonymisePeople } from 'src/personal-data/anonymise';
import { RetentionDto } from 'src/personal-data/dto/personal-data.dto';

const ANONYMISE = 'anonymise-event-people';
const OVER: readonly EventStatus[] = ['concluded', 'archived', 'cancelled'];

/** When an event's people are anonymised: `months` after it ends. */
export function retentionEnds(endsAt: Date, months: number): Date {
  const at = new Date(endsAt);
  at.setUTCMonth(at.getUTCMonth() + months);
  return at;
}

/**
 * Keeps the personal data of an event's guests, invitees and registrants for its retention period
 * (the event's own, or the platform's default) after it ends, then anonymises it: a task through
 * the outbox, scheduled for each event when it changes and moved when its period changes. Only
 * people are touched: every count and figure of the event stays as it was.
 */
@Injectable()
export class Retention {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly outbox: Outbox,
    private readonly audit: Audit,
    events: DomainEvents,
    tasks: OutboxTasks,
  ) {
    events.subscribe(EventChanged, 'in-transaction', ({ event }) => this.schedule(event));
    tasks.register(ANONYMISE, async (data) => {
      await this.anonymiseIfDue(String(data.eventId), new Date());
    });
  }

  /** The event's retention in months and when its people are (or were) anonymised. */
  retentionOf(event: Event): RetentionDto {
    const months = event.retentionMonths ?? this.config.retentionMonths;
    return {
      eventId: event.id,
      months,
      ownPeriod: event.retentionMonths !== null,
      anonymiseAt: retentionEnds(event.endsAt, months),
      anonymisedAt: event.anonymisedAt,
    };
  }

  /** The organizers set the event's own period (null: the platform's default again). */
  async setRetention(
    user: AuthUser,
    eventId: string,
    months: number | null,
  ): Promise<RetentionDto> {
    return this.tx.run(async (manager) => {
      const event = await this.access.managedEvent(user, eventId, true);
      event.retentionMonths = months;
      await manager.update(Event, { id: eventId }, { retentionMonths: months });
      await this.schedule(event);
      return this.retentionOf(event);
    });
  }

  async get(user: AuthUser, eventId: string): Promise<RetentionDto> {
    return this.retentionOf(await this.access.insiderEvent(user, eventId));
  }

  /**
   * (Re)schedules the anonymisation of the event's people at the end of its period, once the event
   * is over (concluded, archived or cancelled); moving its times or its period moves the task.
   */
  private async schedule(event: Event): Promise<void> {
    if (event.anonymisedAt || !OVER.includes(event.status)) return;
    await this.outbox.scheduleTask({
      name: ANONYMISE,
      key: `${ANONYMISE}:${event.id}`,
      subject: `event:${event.id}`,
      data: { eventId: event.id },
      at: this.retentionOf(event).anonymiseAt,
    });
  }

  /**
   * Anonymises the event's people if its period is over (a task run early or twice does nothing),
   * and records it in the audit log with how many people. Returns that number (0: not due).
   */
  async anonymiseIfDue(eventId: string, now: Date): Promise<number> {
    return this.tx.run(async (manager) => {
      const event = await manager.findOne(Event, {
        where: { id: eventId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!event || event.anonymisedAt || this.retentionOf(event).anonymiseAt > now) return 0;
      const people = await anonymisePeople(this.tx, {
        registrations: { sql: 'event_id = $1', params: [eventId] },
        invitations: { sql: 'event_id = $1', params: [eventId] },
      });
      await manager.update(Event, { id: eventId }, { anonymisedAt: now });
      await this.audit.personalData({
        action: 'anonymised',
        actorId: null,
        subjectId: eventId,
        organizationId: event.organizationId,
        people,
        about: { reason: 'retention', months: this.retentionOf(event).months },
      });
      return people;
    });
  }
}

import { Event } from 'src/events/event.entity';

/**
 * An event's times, reminders or status changed: announced through `DomainEvents` inside the
 * transaction that changed it. Features that follow events (registrant and invitation messages,
 * the agenda, live sessions, statistics) subscribe; the events feature knows none of them.
 */
export class EventChanged {
  constructor(readonly event: Event) {}
}

import { EntityManager } from 'typeorm';
import { Event } from 'src/events/event.entity';

/**
 * Told, inside the transaction that changes an event, that its times, reminders or status changed.
 * The registrations feature provides it (reminders move, registrants hear of a cancellation);
 * the events feature does not depend on it.
 */
export interface EventChangeHook {
  eventChanged(manager: EntityManager, event: Event): Promise<void>;
}
export const EVENT_CHANGE_HOOK = Symbol('EVENT_CHANGE_HOOK');

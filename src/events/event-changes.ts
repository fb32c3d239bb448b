import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Event } from 'src/events/event.entity';

/** Told, inside the transaction that changes an event, that its times, reminders or status changed. */
export interface EventChangeListener {
  eventChanged(manager: EntityManager, event: Event): Promise<void>;
}

/**
 * Where features that follow events (registrations, invitations) subscribe, so that the events
 * feature tells them of changes without depending on them.
 */
@Injectable()
export class EventChanges {
  private readonly listeners: EventChangeListener[] = [];

  subscribe(listener: EventChangeListener): void {
    this.listeners.push(listener);
  }

  async publish(manager: EntityManager, event: Event): Promise<void> {
    for (const listener of this.listeners) await listener.eventChanged(manager, event);
  }
}

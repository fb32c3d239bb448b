import { Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { Event } from 'src/events/event.entity';
import { canSeeEvent, isEditable } from 'src/events/event-rules';
import { EventError } from 'src/events/events.errors';
import { Membership } from 'src/identity/membership.entity';
import { Tx } from 'src/database/tx';
import { Invitees } from 'src/events/invitees';

/** Organizations whose events the user manages: every one for an admin. */
export type Managed = 'all' | string[];

export function manages(managed: Managed, event: { organizationId: string }): boolean {
  return managed === 'all' || managed.includes(event.organizationId);
}

/** Who may see and who may manage an event: the one place that answers it. */
@Injectable()
export class EventAccess {
  constructor(
    private readonly tx: Tx,
    private readonly invitees: Invitees,
  ) {}

  async managedBy(user: AuthUser | undefined): Promise<Managed> {
    if (!user) return [];
    if (user.roles.includes('admin')) return 'all';
    if (!user.roles.includes('organizer')) return [];
    const memberships = await this.tx.repository(Membership).findBy({ userId: user.id });
    return memberships.map((m) => m.organizationId);
  }

  async assertOrganizerOf(user: AuthUser, organizationId: string): Promise<void> {
    if (!manages(await this.managedBy(user), { organizationId })) {
      throw EventError.EVENT_NOT_ORGANIZER({ organizationId });
    }
  }

  /**
   * The event if the user may know it exists, else 404 (never 403). `lock` takes a row lock in the
   * caller's transaction (see Tx).
   */
  async visibleEvent(
    user: AuthUser | undefined,
    id: string,
    lock = false,
  ): Promise<{ event: Event; manages: boolean }> {
    const event = await this.tx.manager.findOne(Event, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!event) throw EventError.EVENT_NOT_FOUND({ id });
    return { event, manages: await this.assertVisible(user, event) };
  }

  /**
   * The event someone asks to register for: as `visibleEvent`, except that a draft is returned
   * (so that registering for it is refused with 409 as not open) unless it is behind a closed door.
   */
  async eventToRegister(user: AuthUser | undefined, id: string): Promise<Event> {
    const event = await this.tx.repository(Event).findOneBy({ id });
    if (!event) throw EventError.EVENT_NOT_FOUND({ id });
    if (event.status !== 'draft' || event.visibility === 'closed_door')
      await this.assertVisible(user, event);
    return event;
  }

  /** The event if the user manages it: 404 when they may not see it, 403 when they only see it. */
  async managedEvent(user: AuthUser, id: string, lock = false): Promise<Event> {
    const { event, manages: isManager } = await this.visibleEvent(user, id, lock);
    if (!isManager) throw EventError.EVENT_NOT_ORGANIZER({ organizationId: event.organizationId });
    return event;
  }

  /** As `managedEvent`, and not yet history: concluded, archived and cancelled events are 409. */
  async editableEvent(user: AuthUser, id: string, lock = false): Promise<Event> {
    const event = await this.managedEvent(user, id, lock);
    if (!isEditable(event.status)) throw EventError.EVENT_NOT_EDITABLE({ status: event.status });
    return event;
  }

  /** 404 unless the user may know the event exists; returns whether they manage it. */
  private async assertVisible(user: AuthUser | undefined, event: Event): Promise<boolean> {
    const isManager = manages(await this.managedBy(user), event);
    // Only a closed door asks whether the user holds an invitation.
    const invited =
      !isManager &&
      event.visibility === 'closed_door' &&
      !!user &&
      (await this.invitees.holds(user, event.id));
    if (!canSeeEvent(event, { manages: isManager, invited })) {
      throw EventError.EVENT_NOT_FOUND({ id: event.id });
    }
    return isManager;
  }

  /** Events as `e` that the user may see: public ones, their own, and those they are invited to. */
  visibleEvents(user: AuthUser | undefined, managed: Managed): SelectQueryBuilder<Event> {
    const qb = this.tx.repository(Event).createQueryBuilder('e');
    if (managed === 'all') return qb;
    return qb.where(
      new Brackets((visible) => {
        visible.where("e.status <> 'draft' AND e.visibility <> 'closed_door'");
        if (managed.length > 0) visible.orWhere('e.organizationId IN (:...managed)', { managed });
        if (user) {
          const [invited, params] = this.invitees.heldBy('e.id', user);
          visible.orWhere(`(e.status <> 'draft' AND ${invited})`, params);
        }
      }),
    );
  }
}

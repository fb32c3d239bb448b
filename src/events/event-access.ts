import { Injectable } from '@nestjs/common';
import { Access } from 'src/access/access';
import { can, Facts, holds, Subject } from 'src/access/policy';
import { Right } from 'src/access/rights';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { Event } from 'src/events/event.entity';
import { isEditable } from 'src/events/event-rules';
import { EventError } from 'src/events/events.errors';
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
  /** Reads of events to register for under way, by id (see `eventToRegister`). */
  private readonly readsUnderWay = new Map<string, Promise<Event>>();

  constructor(
    private readonly tx: Tx,
    private readonly invitees: Invitees,
    private readonly access: Access,
  ) {}

  /** The organizations whose events the user manages (their managers; admins: all). */
  managedBy(user: AuthUser | undefined): Promise<Managed> {
    return this.access.scope(user, 'manage');
  }

  /**
   * The organizations all of whose events the user sees, drafts and closed doors included: their
   * team (any role) and, read-only, the teams of the organizations above them.
   */
  insidersOf(user: AuthUser | undefined): Promise<Managed> {
    return this.access.scope(user, 'figures');
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
    const event = await this.eventRow(id, lock);
    return { event, manages: await this.assertVisible(user, event) };
  }

  /**
   * The event someone asks to register for: as `visibleEvent` (a draft is not found). Outside a
   * transaction, registrations of an event arriving together share one read of it (each gets its
   * own copy): in a rush, one read per moment rather than one per registrant. A read that began
   * a few milliseconds before the request arrived misses only what changed in those milliseconds,
   * as if the request had arrived then.
   */
  async eventToRegister(user: AuthUser | undefined, id: string): Promise<Event> {
    const event = this.tx.active
      ? await this.eventRow(id, false)
      : Object.assign(new Event(), await this.sharedRead(id));
    await this.assertVisible(user, event);
    return event;
  }

  private sharedRead(id: string): Promise<Event> {
    let read = this.readsUnderWay.get(id);
    if (!read) {
      read = this.eventRow(id, false).finally(() => this.readsUnderWay.delete(id));
      this.readsUnderWay.set(id, read);
    }
    return read;
  }

  /** The event if the user manages it: 404 when they may not see it, 403 when they only see it. */
  managedEvent(user: AuthUser, id: string, lock = false): Promise<Event> {
    return this.eventFor(user, id, 'manage', lock);
  }

  /**
   * The event if the user holds `right` over it (`admit`: its registrations and check-in): 404 when
   * they may not see it, 403 when they only see it.
   */
  async eventFor(user: AuthUser, id: string, right: Right, lock = false): Promise<Event> {
    const event = await this.eventRow(id, lock);
    const facts = await this.access.factsOf(user);
    const subject = eventSubject(event, await this.invited(facts, user, event));
    const decision = can(facts, right, subject);
    if (decision === 'not-found') throw EventError.EVENT_NOT_FOUND({ id });
    if (decision === 'forbidden')
      throw EventError.EVENT_NOT_ORGANIZER({ organizationId: event.organizationId });
    return event;
  }

  /**
   * The event if the user is of its team or of a team above (its figures are theirs to read): 404
   * when they may not see it, 403 when they only see it.
   */
  insiderEvent(user: AuthUser, id: string): Promise<Event> {
    return this.eventFor(user, id, 'figures');
  }

  /** As `managedEvent`, and not yet history: concluded, archived and cancelled events are 409. */
  async editableEvent(user: AuthUser, id: string, lock = false): Promise<Event> {
    const event = await this.managedEvent(user, id, lock);
    if (!isEditable(event.status)) throw EventError.EVENT_NOT_EDITABLE({ status: event.status });
    return event;
  }

  /** 404 unless the user may know the event exists; returns whether they manage it. */
  private async assertVisible(user: AuthUser | undefined, event: Event): Promise<boolean> {
    const facts = await this.access.factsOf(user);
    const subject = eventSubject(event, await this.invited(facts, user, event));
    if (can(facts, 'see', subject) === 'not-found') {
      throw EventError.EVENT_NOT_FOUND({ id: event.id });
    }
    return can(facts, 'manage', subject) === 'allow';
  }

  /** The event's row (`lock`: a row lock in the caller's transaction, see Tx); 404 if none. */
  private async eventRow(id: string, lock: boolean): Promise<Event> {
    const event = await this.tx.manager.findOne(Event, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!event) throw EventError.EVENT_NOT_FOUND({ id });
    return event;
  }

  /** Whether the user holds an invitation, asked only where it matters: of an outsider at a closed door. */
  private async invited(facts: Facts, user: AuthUser | undefined, event: Event): Promise<boolean> {
    return (
      !holds(facts, 'figures', event.organizationId) &&
      event.visibility === 'closed_door' &&
      !!user &&
      this.invitees.holds(user, event.id)
    );
  }

  /**
   * Events as `e` that the user may see: public ones, all of the organizations they are insiders
   * of (see insidersOf), and those they are invited to.
   */
  visibleEvents(user: AuthUser | undefined, insiders: Managed): SelectQueryBuilder<Event> {
    const qb = this.tx.repository(Event).createQueryBuilder('e');
    if (insiders === 'all') return qb;
    return qb.where(
      new Brackets((visible) => {
        visible.where("e.status <> 'draft' AND e.visibility <> 'closed_door'");
        if (insiders.length > 0)
          visible.orWhere('e.organizationId IN (:...insiders)', { insiders });
        if (user) {
          const [invited, params] = this.invitees.heldBy('e.id', user);
          visible.orWhere(`(e.status <> 'draft' AND ${invited})`, params);
        }
      }),
    );
  }
}

/** An event as the access policy asks about it. */
export function eventSubject(event: Event, invited: boolean): Subject {
  return {
    kind: 'event',
    organizationId: event.organizationId,
    draft: event.status === 'draft',
    closedDoor: event.visibility === 'closed_door',
    invited,
  };
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AgendaPresenter } from 'src/agenda/agenda-presenter.entity';
import { agendaDiffers, itemTimesProblem } from 'src/agenda/agenda-rules';
import { AgendaPublication } from 'src/agenda/agenda-publication.entity';
import { AgendaPublications } from 'src/agenda/agenda-publications';
import { fromPublishedItem, toAgendaItemDto } from 'src/agenda/agenda-items';
import { AgendaError } from 'src/agenda/agenda.errors';
import { AgendaRooms } from 'src/agenda/agenda-rooms';
import {
  AgendaDto,
  AgendaItemDto,
  CreateAgendaItemDto,
  ReorderAgendaDto,
  LiveState,
  UpdateAgendaItemDto,
} from 'src/agenda/dto/agenda.dto';
import { PresenterMessages } from 'src/agenda/presenter-messages';
import { toICalendar } from 'src/calendar/calendar';
import { ResultsService } from 'src/catalog/results.service';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isExclusionViolation, retryingDeadlocks } from 'src/database/postgres-errors';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { EventChanged } from 'src/events/event-changed';
import { DraftEventMoved, EventCopied } from 'src/events/event-copied';
import { LiveNow } from 'src/agenda/live-now';
import { DomainEvents } from 'src/database/domain-events';
import { User } from 'src/identity/user.entity';
import { Tx } from 'src/database/tx';

/**
 * An event's agenda. PostgreSQL's exclusion constraints keep rooms and presenters from being
 * double-booked, whatever arrives at once; a refusal names the item in the way.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly messages: PresenterMessages,
    private readonly results: ResultsService,
    private readonly rooms: AgendaRooms,
    private readonly publications: AgendaPublications,
    events: DomainEvents,
    @Optional() private readonly liveNow?: LiveNow,
  ) {
    events.subscribe(EventChanged, 'in-transaction', ({ event }) => this.eventChanged(event));
    events.subscribe(EventCopied, 'in-transaction', ({ fromId, toId, shiftMs }) =>
      this.rooms.copyAgenda(fromId, toId, shiftMs),
    );
    events.subscribe(DraftEventMoved, 'in-transaction', ({ eventId, shiftMs }) =>
      this.rooms.moveItems(eventId, shiftMs),
    );
  }

  async create(
    user: AuthUser,
    eventId: string,
    input: CreateAgendaItemDto,
  ): Promise<AgendaItemDto> {
    const presenterIds = input.presenterIds ?? [];
    const { room, roomId, ...fields } = input;
    const id = await this.guarded(eventId, input, undefined, async (manager) => {
      const event = await this.access.editableEvent(user, eventId);
      await this.publications.keepPublished(event);
      await this.check(user, event, input, presenterIds, input.resultId);
      const item = manager.create(AgendaItem, {
        ...fields,
        eventId,
        description: input.description ?? '',
        roomId: await this.rooms.resolve(eventId, { room, roomId }),
        streamUrl: input.streamUrl ?? null,
        resultId: input.resultId ?? null,
        position: input.kind === 'visit_stop' ? await this.nextPosition(eventId) : null,
        place: input.place ?? null,
        capacity: input.capacity ?? null,
      });
      await manager.insert(AgendaItem, item);
      await this.setPresenters(item, presenterIds);
      return item.id;
    });
    return this.item(id);
  }

  /**
   * Edits or moves an item; its presenters move with it (the foreign key cascades). Once the
   * agenda is published this is a draft: people see it, and are told, when it is published again.
   */
  async update(user: AuthUser, itemId: string, input: UpdateAgendaItemDto): Promise<AgendaItemDto> {
    await this.guarded(undefined, input, itemId, async (manager) => {
      const item = await manager.findOne(AgendaItem, {
        where: { id: itemId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!item) throw AgendaError.AGENDA_ITEM_NOT_FOUND({ id: itemId });
      const event = await this.access.editableEvent(user, item.eventId);
      await this.publications.keepPublished(event);
      const { room, roomId, ...fields } = input;
      const next = manager.merge(AgendaItem, item, fields);
      // A room chosen (or named) moves the item there; an empty choice leaves it without one.
      if (roomId === null) next.roomId = null;
      else if (roomId !== undefined || room !== undefined)
        next.roomId = await this.rooms.resolve(item.eventId, { room, roomId });
      await this.check(user, event, next, input.presenterIds ?? [], input.resultId);
      await manager.save(AgendaItem, next);
      if (input.presenterIds) await this.setPresenters(next, input.presenterIds);
    });
    return this.item(itemId);
  }

  async remove(user: AuthUser, itemId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const item = await manager.findOneBy(AgendaItem, { id: itemId });
      if (!item) throw AgendaError.AGENDA_ITEM_NOT_FOUND({ id: itemId });
      const event = await this.access.editableEvent(user, item.eventId);
      await this.publications.keepPublished(event);
      await manager.delete(AgendaItem, { id: itemId });
      // Once published, its presenters keep their reminders until the removal is published.
      if (!event.agendaPublishedAt) await this.messages.withdraw([itemId]);
    });
  }

  /** Puts the event's visit stops in a new order. */
  async reorder(user: AuthUser, eventId: string, input: ReorderAgendaDto): Promise<AgendaDto> {
    await this.tx.run(async (manager) => {
      await this.publications.keepPublished(await this.access.editableEvent(user, eventId));
      const stops = await manager.find(AgendaItem, {
        where: { eventId, kind: 'visit_stop' },
        lock: { mode: 'pessimistic_write' },
      });
      const given = new Set(input.itemIds);
      if (stops.length !== given.size || stops.some((s) => !given.has(s.id))) {
        throw AgendaError.AGENDA_NOT_VISIT_STOPS({ stops: stops.length }).onField('itemIds');
      }
      for (const [i, id] of input.itemIds.entries()) {
        await manager.update(AgendaItem, { id }, { position: i + 1 });
      }
    });
    return this.agenda(user, eventId);
  }

  /** Publishes the agenda as it is now (see `AgendaPublications.publish`). */
  async publish(user: AuthUser, eventId: string): Promise<AgendaDto> {
    await this.publications.publish(user, eventId);
    return this.agenda(user, eventId);
  }

  /**
   * The agenda as published for anyone who may see the event; the draft (the items as they are
   * now, and whether they differ from what is published) for its organizers.
   */
  async agenda(user: AuthUser | undefined, eventId: string): Promise<AgendaDto> {
    return this.agendaAs(user, eventId, true);
  }

  /** The agenda as published, whoever asks (organizers too): public and live pages, calendar file. */
  async publishedAgenda(user: AuthUser | undefined, eventId: string): Promise<AgendaDto> {
    return this.agendaAs(user, eventId, false);
  }

  private async agendaAs(user: AuthUser | undefined, eventId: string, draftForOrganizers: boolean) {
    const { event, manages } = await this.access.visibleEvent(user, eventId);
    const draft = manages && draftForOrganizers;
    if (!event.agendaPublishedAt && !draft) throw AgendaError.AGENDA_NOT_PUBLISHED({ eventId });
    const live = await this.itemsLive(eventId);
    const publication = await this.tx.repository(AgendaPublication).findOneBy({ eventId });
    // No publication row: published before drafts were kept, its items are as published.
    const current = draft || !publication ? await this.publications.currentItems(eventId) : null;
    const shown = current ?? publication!.items;
    return {
      eventId,
      publishedAt: event.agendaPublishedAt,
      changedSincePublished: draft && !!publication && agendaDiffers(publication.items, current!),
      items: shown.map((item) => fromPublishedItem(item, live)),
    };
  }

  /** The items the user presents at every event, as published (no draft), with the event's title. */
  async presenting(user: AuthUser): Promise<(AgendaItemDto & { eventTitle: string })[]> {
    const items = await this.publications.presentedBy(user.id);
    const live = new Map<string, LiveState>();
    for (const eventId of new Set(items.map((i) => i.item.eventId))) {
      for (const [item, state] of await this.itemsLive(eventId)) live.set(item, state);
    }
    return items.map(({ item, eventTitle }) => ({ ...fromPublishedItem(item, live), eventTitle }));
  }

  /** The items of the event that are live now, with their session (none without a live stage). */
  private async itemsLive(eventId: string): Promise<Map<string, LiveState>> {
    return (await this.liveNow?.itemsLive(eventId)) ?? new Map<string, LiveState>();
  }

  /** The agenda as an iCalendar file: one entry per item. */
  async calendar(user: AuthUser | undefined, eventId: string): Promise<string> {
    const agenda = await this.publishedAgenda(user, eventId);
    const { event } = await this.access.visibleEvent(user, eventId);
    return toICalendar(
      `${event.title} 日程 / agenda`,
      agenda.items.map((item) => ({
        id: item.id,
        title: item.title,
        summary: item.description,
        startsAt: item.startsAt,
        endsAt: item.endsAt,
        location: [item.room, item.place].filter(Boolean).join(' ') || item.streamUrl,
        url: `${this.config.publicUrl}/activities/${eventId}#agenda-${item.id}`,
        cancelled: event.status === 'cancelled',
        updatedAt: event.agendaPublishedAt ?? event.updatedAt,
      })),
    );
  }

  /** A cancelled event's presenters are not reminded. */
  async eventChanged(event: Event): Promise<void> {
    const { manager } = this.tx;
    if (event.status !== 'cancelled') return;
    const items = await manager.find(AgendaItem, {
      where: { eventId: event.id },
      select: { id: true },
    });
    await this.messages.withdraw(items.map((i) => i.id));
  }

  private async item(id: string): Promise<AgendaItemDto> {
    const item = await this.tx.repository(AgendaItem).findOneOrFail({
      where: { id },
      relations: { presenters: { user: true }, room: true },
    });
    return toAgendaItemDto(item, await this.itemsLive(item.eventId));
  }

  private async check(
    user: AuthUser,
    event: Event,
    item: { startsAt: Date; endsAt: Date },
    presenterIds: string[],
    resultId: string | undefined,
  ): Promise<void> {
    const { manager } = this.tx;
    const field = itemTimesProblem(item, event);
    if (field) {
      throw AgendaError.AGENDA_INVALID_TIMES({
        eventStartsAt: event.startsAt,
        eventEndsAt: event.endsAt,
      }).onField(field);
    }
    if (presenterIds.length > 0) {
      const found = await manager.countBy(User, { id: In(presenterIds) });
      if (found !== presenterIds.length) {
        throw AgendaError.AGENDA_UNKNOWN_PRESENTER().onField('presenterIds');
      }
    }
    // Only a result the organizer may see; presented here, the event's organizers curate it.
    if (resultId) await this.results.present(user, resultId, event.id);
  }

  private async setPresenters(item: AgendaItem, presenterIds: string[]): Promise<void> {
    const { manager } = this.tx;
    await manager.delete(AgendaPresenter, { itemId: item.id });
    if (presenterIds.length === 0) return;
    await manager.insert(
      AgendaPresenter,
      presenterIds.map((userId) => ({
        itemId: item.id,
        userId,
        startsAt: item.startsAt,
        endsAt: item.endsAt,
      })),
    );
  }

  private async presenterIdsOf(itemId: string): Promise<string[]> {
    const { manager } = this.tx;
    return (await manager.findBy(AgendaPresenter, { itemId })).map((p) => p.userId);
  }

  private async nextPosition(eventId: string): Promise<number> {
    const { manager } = this.tx;
    const [{ last }] = await manager.query<{ last: number }[]>(
      "SELECT coalesce(max(position), 0)::int AS last FROM agenda_item WHERE event_id = $1 AND kind = 'visit_stop'",
      [eventId],
    );
    return last + 1;
  }

  /**
   * Runs `write` in a transaction; an overlap refused by PostgreSQL becomes a 409 naming the item
   * in the way (looked up after the refusal, when the winner has committed).
   */
  private async guarded<T>(
    eventId: string | undefined,
    input: {
      startsAt?: Date;
      endsAt?: Date;
      room?: string;
      roomId?: string | null;
      presenterIds?: string[];
    },
    itemId: string | undefined,
    write: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await retryingDeadlocks(() => this.tx.run(write));
    } catch (error) {
      const room = isExclusionViolation(error, 'ex_agenda_item_room');
      if (!room && !isExclusionViolation(error, 'ex_agenda_presenter_time')) throw error;
      const current = itemId
        ? await this.tx.repository(AgendaItem).findOneBy({ id: itemId })
        : null;
      const wanted = {
        eventId: eventId ?? current?.eventId,
        startsAt: input.startsAt ?? current?.startsAt,
        endsAt: input.endsAt ?? current?.endsAt,
        itemId: itemId ?? null,
      };
      if (room) {
        // The room wanted: chosen, named (its row written by the refused transaction is gone, but
        // a room in the way exists), or the item's own.
        const roomId =
          input.roomId ??
          (input.room
            ? await this.rooms.find(wanted.eventId!, input.room)
            : (current?.roomId ?? null));
        const conflict = await this.roomConflict({ ...wanted, roomId });
        throw AgendaError.AGENDA_ROOM_CONFLICT({ conflict }).onField('room');
      }
      const presenterIds = input.presenterIds ?? (itemId ? await this.presenterIdsOf(itemId) : []);
      const conflict = await this.presenterConflict({ ...wanted, presenterIds });
      throw AgendaError.AGENDA_PRESENTER_CONFLICT({ conflict }).onField('presenterIds');
    }
  }

  private async roomConflict(wanted: Wanted & { roomId: string | null }): Promise<Conflict | null> {
    const rows = await this.tx.query<ConflictRow[]>(
      `SELECT i.id, i.event_id, i.title, r.name AS room, i.starts_at, i.ends_at, NULL AS presenter_id
         FROM agenda_item i JOIN agenda_room r ON r.id = i.room_id
        WHERE i.event_id = $1 AND i.room_id = $2
          AND tstzrange(i.starts_at, i.ends_at) && tstzrange($3, $4) AND i.id IS DISTINCT FROM $5
        ORDER BY i.starts_at LIMIT 1`,
      [wanted.eventId, wanted.roomId, wanted.startsAt, wanted.endsAt, wanted.itemId],
    );
    return toConflict(rows[0], wanted.eventId);
  }

  private async presenterConflict(
    wanted: Wanted & { presenterIds: string[] },
  ): Promise<Conflict | null> {
    const rows = await this.tx.query<ConflictRow[]>(
      `SELECT i.id, i.event_id, i.title, r.name AS room, i.starts_at, i.ends_at,
              p.user_id AS presenter_id
         FROM agenda_presenter p JOIN agenda_item i ON i.id = p.item_id
         LEFT JOIN agenda_room r ON r.id = i.room_id
        WHERE p.user_id = ANY($1) AND tstzrange(p.starts_at, p.ends_at) && tstzrange($2, $3)
          AND i.id IS DISTINCT FROM $4
        ORDER BY i.starts_at LIMIT 1`,
      [wanted.presenterIds, wanted.startsAt, wanted.endsAt, wanted.itemId],
    );
    return toConflict(rows[0], wanted.eventId);
  }
}

interface Wanted {
  eventId: string | undefined;
  startsAt: Date | undefined;
  endsAt: Date | undefined;
  itemId: string | null;
}

interface ConflictRow {
  id: string;
  event_id: string;
  title: string;
  room: string | null;
  starts_at: Date;
  ends_at: Date;
  presenter_id: string | null;
}

type Conflict = Record<string, unknown>;

/**
 * The item in the way, as the 409 names it: in full when it is of the same event; only its times
 * (and the presenter) when it is another event's, which the caller may not be allowed to see.
 */
function toConflict(row: ConflictRow | undefined, eventId: string | undefined): Conflict | null {
  if (!row) return null;
  const when = { startsAt: row.starts_at, endsAt: row.ends_at, presenterId: row.presenter_id };
  return row.event_id === eventId
    ? { itemId: row.id, title: row.title, room: row.room, ...when }
    : { otherEvent: true, ...when };
}

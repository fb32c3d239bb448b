import { Injectable } from '@nestjs/common';
import { AgendaRoom } from 'src/agenda/agenda-room.entity';
import { roomKey, roomName } from 'src/agenda/agenda-rules';
import { AgendaError } from 'src/agenda/agenda.errors';
import { RoomDto } from 'src/agenda/dto/agenda.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';

/**
 * An event's rooms: a list its organizers keep, from which items choose. A name is one room
 * however it is spaced or typed: PostgreSQL's unique key on the normalised name keeps the list
 * free of twins even when two organizers add the same room at once.
 */
@Injectable()
export class AgendaRooms {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
  ) {}

  /** The rooms of an event the caller manages, by name. */
  async list(user: AuthUser, eventId: string): Promise<RoomDto[]> {
    await this.access.managedEvent(user, eventId);
    return this.of(eventId);
  }

  /** The rooms of an event, by name (the caller has checked who may see them). */
  async of(eventId: string): Promise<RoomDto[]> {
    const rooms = await this.tx.repository(AgendaRoom).findBy({ eventId });
    return rooms.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map(toRoomDto);
  }

  /** Adds a room; a name that is one already (spaces and full-width forms aside) is a 409 naming it. */
  async add(user: AuthUser, eventId: string, name: string): Promise<RoomDto> {
    return this.tx.run(async () => {
      await this.access.editableEvent(user, eventId);
      const { room, added } = await this.named(eventId, name);
      if (!added) throw AgendaError.AGENDA_ROOM_EXISTS({ room }).onField('name');
      return room;
    });
  }

  /**
   * The room an item is given: `roomId` must be of the event's list; a name finds its room in
   * the list or adds it. Null for an item without a room.
   */
  async resolve(
    eventId: string,
    input: { roomId?: string; room?: string },
  ): Promise<string | null> {
    if (input.roomId) {
      const found = await this.tx.repository(AgendaRoom).existsBy({ id: input.roomId, eventId });
      if (!found) throw AgendaError.AGENDA_ROOM_NOT_FOUND().onField('roomId');
      return input.roomId;
    }
    if (input.room) return (await this.named(eventId, input.room)).room.id;
    return null;
  }

  /**
   * A copied event gets the rooms of the one it was copied from and their items (without
   * presenters, who cannot be in two places at once, and without the result presented): an
   * unpublished draft the organizers move to the new times.
   */
  async copyAgenda(fromId: string, toId: string, shiftMs: number): Promise<void> {
    await this.tx.query(
      `WITH rooms AS (
         INSERT INTO agenda_room (event_id, name, name_key)
         SELECT $2, name, name_key FROM agenda_room WHERE event_id = $1
         RETURNING id, name_key)
       INSERT INTO agenda_item (event_id, kind, title, description, room_id, stream_url, starts_at,
                                ends_at, position, place, capacity)
       SELECT $2, i.kind, i.title, i.description, r.id, i.stream_url,
              i.starts_at + $3::bigint * interval '1 millisecond',
              i.ends_at + $3::bigint * interval '1 millisecond',
              i.position, i.place, i.capacity
         FROM agenda_item i
         LEFT JOIN agenda_room old ON old.id = i.room_id
         LEFT JOIN rooms r ON r.name_key = old.name_key
        WHERE i.event_id = $1`,
      [fromId, toId, shiftMs],
    );
  }

  /**
   * Moves every item of the event by `shiftMs`, keeping them where they were relative to each
   * other. The room and presenter exclusions are checked row by row, so the items are first parked
   * a century away (where nothing of the event is) and then put in place: no item ever meets one
   * not yet moved.
   */
  async moveItems(eventId: string, shiftMs: number): Promise<void> {
    const century = 100 * 366 * 24 * 3600 * 1000;
    for (const by of [shiftMs + century, -century]) {
      await this.tx.query(
        `UPDATE agenda_item SET starts_at = starts_at + $2::bigint * interval '1 millisecond',
                                ends_at = ends_at + $2::bigint * interval '1 millisecond'
          WHERE event_id = $1`,
        [eventId, by],
      );
    }
  }

  /** The id of the event's room this name names, if it has one. */
  async find(eventId: string, typed: string): Promise<string | null> {
    const room = await this.tx
      .repository(AgendaRoom)
      .findOneBy({ eventId, nameKey: roomKey(typed) });
    return room?.id ?? null;
  }

  /** The room of this name, added if the event has none (a concurrent add waits, then finds it). */
  private async named(eventId: string, typed: string): Promise<{ room: RoomDto; added: boolean }> {
    const name = roomName(typed);
    const key = roomKey(typed);
    const inserted = await this.tx.query<AgendaRoom[]>(
      `INSERT INTO agenda_room (event_id, name, name_key) VALUES ($1, $2, $3)
       ON CONFLICT (event_id, name_key) DO NOTHING RETURNING id, event_id AS "eventId", name`,
      [eventId, name, key],
    );
    if (inserted.length > 0) return { room: toRoomDto(inserted[0]), added: true };
    const existing = await this.tx
      .repository(AgendaRoom)
      .findOneByOrFail({ eventId, nameKey: key });
    return { room: toRoomDto(existing), added: false };
  }
}

function toRoomDto(room: Pick<AgendaRoom, 'id' | 'eventId' | 'name'>): RoomDto {
  return { id: room.id, eventId: room.eventId, name: room.name };
}

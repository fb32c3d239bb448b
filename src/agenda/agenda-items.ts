import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { PublishedItem } from 'src/agenda/agenda-rules';
import { AgendaItemDto, LiveState } from 'src/agenda/dto/agenda.dto';

/** An agenda item as read, and as kept in a publication: the same fields, times as ISO strings there. */
export function toAgendaItemDto(
  item: AgendaItem,
  live: ReadonlyMap<string, LiveState> = new Map(),
): AgendaItemDto {
  return {
    id: item.id,
    eventId: item.eventId,
    kind: item.kind,
    title: item.title,
    description: item.description,
    roomId: item.roomId,
    room: item.room?.name ?? null,
    streamUrl: item.streamUrl,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    presenters: (item.presenters ?? []).map((p) => ({
      userId: p.userId,
      name: p.user?.name ?? '',
    })),
    resultId: item.resultId,
    position: item.position,
    place: item.place,
    capacity: item.capacity,
    live: live.get(item.id) ?? null,
  };
}

export function toPublishedItem(item: AgendaItemDto): PublishedItem {
  return {
    id: item.id,
    eventId: item.eventId,
    kind: item.kind,
    title: item.title,
    description: item.description,
    roomId: item.roomId,
    room: item.room,
    streamUrl: item.streamUrl,
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
    presenters: item.presenters,
    resultId: item.resultId,
    position: item.position,
    place: item.place,
    capacity: item.capacity,
  };
}

export function fromPublishedItem(
  item: PublishedItem,
  live: ReadonlyMap<string, LiveState>,
): AgendaItemDto {
  return {
    ...item,
    kind: item.kind as AgendaItemDto['kind'],
    startsAt: new Date(item.startsAt),
    endsAt: new Date(item.endsAt),
    live: live.get(item.id) ?? null,
  };
}

import { AGENDA_ITEM_KINDS } from 'src/agenda/agenda-kinds';
import { newItemTimes } from 'src/agenda/agenda-rules';
import { AgendaDto, AgendaItemDto, RoomDto } from 'src/agenda/dto/agenda.dto';
import { toWallClock } from 'src/common/time';
import { checkedOf } from 'src/web/form-values';
import { Form } from 'src/web/forms';
import { ConsoleEvent, Expert, RefusedForms } from 'src/web/console/events/event-pages';
import { RefusedForm } from 'src/web/forms';

/**
 * What the agenda builder shows, from the agenda service's DTOs: pure, so it is tested without a
 * browser. The controller loads, this presents, `program/agenda.hbs` draws.
 */

/** An item with its times as `<input type="datetime-local">` shows them, and its presenters' ids. */
export interface AgendaItemView extends AgendaItemDto {
  startsAtInput: string;
  endsAtInput: string;
  presenterIdList: string[];
}

/** The one item form of the page: editing an item, else adding one; refused, with the refusal. */
export interface ItemForm extends Partial<RefusedForm> {
  action: string;
  editing?: AgendaItemView;
  form: Form;
}

export interface AgendaPage {
  agenda: AgendaDto;
  /** The items but the visit stops, by room (the ones without a room last), each in time order. */
  rooms: { room: string | null; items: AgendaItemView[] }[];
  /** The visit stops in their order, the first and last marked (they move one way only). */
  stops: (AgendaItemView & { first: boolean; last: boolean })[];
  kinds: readonly string[];
  experts: Expert[];
  /** The event's rooms, which an item chooses from (added by the room form). */
  roomList: RoomDto[];
  itemForm: ItemForm;
}

/** How the page is read: the item being edited (`?edit=`), a refused form, the platform's time zone. */
export interface AgendaReading {
  timeZone: string;
  editing?: string;
  refused?: RefusedForms;
}

export function agendaPage(
  event: ConsoleEvent,
  { agenda, experts, roomList }: { agenda: AgendaDto; experts: Expert[]; roomList: RoomDto[] },
  reading: AgendaReading,
): AgendaPage {
  const items = agenda.items.map((item) => itemView(item, reading.timeZone));
  const stops = items.filter((i) => i.kind === 'visit_stop');
  return {
    agenda,
    rooms: byRoom(items.filter((i) => i.kind !== 'visit_stop')),
    stops: stops.map((stop, i) => ({ ...stop, first: i === 0, last: i === stops.length - 1 })),
    kinds: AGENDA_ITEM_KINDS,
    experts,
    roomList,
    itemForm: itemForm(
      event,
      items,
      items.find((i) => i.id === reading.editing),
      reading,
    ),
  };
}

function itemView(item: AgendaItemDto, timeZone: string): AgendaItemView {
  return {
    ...item,
    startsAtInput: toWallClock(item.startsAt, timeZone),
    endsAtInput: toWallClock(item.endsAt, timeZone),
    presenterIdList: item.presenters.map((p) => p.userId),
  };
}

/**
 * The item form: the item edited as it is (or as typed when refused), else a new one of 30
 * minutes after the last item (or at the event's start).
 */
function itemForm(
  event: ConsoleEvent,
  items: AgendaItemView[],
  editing: AgendaItemView | undefined,
  { refused = {}, timeZone }: AgendaReading,
): ItemForm {
  const base = `/console/events/${event.id}/agenda`;
  if (editing) {
    const shown = refused.edit ?? {
      form: {
        ...editing,
        startsAt: editing.startsAtInput,
        endsAt: editing.endsAtInput,
        presenterIds: editing.presenterIdList,
      },
    };
    return { action: `${base}/${editing.id}`, editing, ...shown };
  }
  const times = newItemTimes(
    items.map((i) => ({ endsAt: new Date(i.endsAt) })),
    event,
  );
  const form = {
    startsAt: toWallClock(times.startsAt, timeZone),
    endsAt: toWallClock(times.endsAt, timeZone),
  };
  return { action: base, ...(refused.add ?? { form }) };
}

/** The item form as the page shows it again: as typed, presenters as a list. */
export function shownItem(body: Form): Form {
  return { ...body, presenterIds: checkedOf(body?.presenterIds) };
}

/** Items grouped by room (the ones without a room last), each room in time order. */
function byRoom<T extends AgendaItemDto>(items: T[]): { room: string | null; items: T[] }[] {
  const rooms = new Map<string | null, T[]>();
  for (const item of [...items].sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt))) {
    rooms.set(item.room, [...(rooms.get(item.room) ?? []), item]);
  }
  return [...rooms.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN')))
    .map(([room, roomItems]) => ({ room, items: roomItems }));
}

/**
 * The visit stops' order with `itemId` one place earlier (`up`) or later, or undefined when it
 * cannot move that way (the first up, the last down, not a stop).
 */
export function movedStops(
  items: AgendaItemDto[],
  itemId: string,
  direction: unknown,
): string[] | undefined {
  const stops = items.filter((i) => i.kind === 'visit_stop').map((i) => i.id);
  const from = stops.indexOf(itemId);
  const to = from + (direction === 'up' ? -1 : 1);
  if (from < 0 || to < 0 || to >= stops.length) return undefined;
  [stops[from], stops[to]] = [stops[to], stops[from]];
  return stops;
}

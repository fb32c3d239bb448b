/**
 * Whether an item fits its event: it ends after it starts, and lies within the event's times.
 * The field to blame, or null when it fits.
 */
export function itemTimesProblem(
  item: { startsAt: Date; endsAt: Date },
  event: { startsAt: Date; endsAt: Date },
): 'startsAt' | 'endsAt' | null {
  if (item.startsAt < event.startsAt) return 'startsAt';
  if (item.endsAt <= item.startsAt || item.endsAt > event.endsAt) return 'endsAt';
  return null;
}

/** A visit's stops in their order (by position), then the other items in time order. */
export function agendaOrder(
  a: { startsAt: Date; position: number | null },
  b: { startsAt: Date; position: number | null },
): number {
  const byPosition = (a.position ?? Infinity) - (b.position ?? Infinity);
  return byPosition || a.startsAt.getTime() - b.startsAt.getTime();
}

/**
 * A room's name as shown: full-width letters, digits and spaces as half-width (NFKC), runs of
 * spaces as one, no spaces at the ends.
 */
export function roomName(typed: string): string {
  return typed.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * What makes two names one room: the shown name without any space, in lower case, so that
 * "B座3楼路演厅", "B 座 3 楼路演厅" and "Ｂ座３楼路演厅" are the same room.
 */
export function roomKey(typed: string): string {
  return roomName(typed).replace(/\s/g, '').toLowerCase();
}

/** A new item's default times: after the last item ends (else at the event's start), 30 minutes, within the event. */
export function newItemTimes(
  items: { endsAt: Date }[],
  event: { startsAt: Date; endsAt: Date },
): { startsAt: Date; endsAt: Date } {
  const lastEnd = Math.max(event.startsAt.getTime(), ...items.map((i) => i.endsAt.getTime()));
  const startsAt = new Date(Math.min(lastEnd, event.endsAt.getTime() - 30 * 60_000));
  const from = startsAt < event.startsAt ? event.startsAt : startsAt;
  const endsAt = new Date(Math.min(from.getTime() + 30 * 60_000, event.endsAt.getTime()));
  return { startsAt: from, endsAt };
}

/** An item as published (times as ISO strings, as JSON keeps them). */
export interface PublishedItem {
  id: string;
  eventId: string;
  kind: string;
  title: string;
  description: string;
  roomId: string | null;
  room: string | null;
  streamUrl: string | null;
  startsAt: string;
  endsAt: string;
  presenters: { userId: string; name: string }[];
  resultId: string | null;
  position: number | null;
  place: string | null;
  capacity: number | null;
}

/** Where and when an item is, as registrants are told. */
export interface ItemSlot {
  title: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
}

/** What changed for registrants between two publications: items added, removed, or moved in time or room. */
export interface AgendaChange {
  change: 'added' | 'removed' | 'moved';
  item: ItemSlot;
  /** Where and when a moved item was. */
  was?: ItemSlot;
}

const slotOf = (i: PublishedItem): ItemSlot => ({
  title: i.title,
  startsAt: i.startsAt,
  endsAt: i.endsAt,
  room: i.room,
});

/** The changes from one publication to the next, in the new agenda's time order (removed ones last). */
export function agendaChanges(before: PublishedItem[], after: PublishedItem[]): AgendaChange[] {
  const was = new Map(before.map((i) => [i.id, i]));
  const now = new Set(after.map((i) => i.id));
  const changes: AgendaChange[] = [];
  for (const item of [...after].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const old = was.get(item.id);
    if (!old) changes.push({ change: 'added', item: slotOf(item) });
    else if (
      Date.parse(old.startsAt) !== Date.parse(item.startsAt) ||
      Date.parse(old.endsAt) !== Date.parse(item.endsAt) ||
      old.roomId !== item.roomId
    )
      changes.push({ change: 'moved', item: slotOf(item), was: slotOf(old) });
  }
  for (const old of before)
    if (!now.has(old.id)) changes.push({ change: 'removed', item: slotOf(old) });
  return changes;
}

/** What the public page shows of an item, times as instants: two items alike here read alike. */
const shownOf = (i: PublishedItem) =>
  JSON.stringify([
    Date.parse(i.startsAt),
    Date.parse(i.endsAt),
    i.kind,
    i.title,
    i.description,
    i.roomId,
    i.room,
    i.streamUrl,
    i.presenters.map((p) => `${p.userId} ${p.name}`).sort(),
    i.resultId,
    i.position,
    i.place,
    i.capacity,
  ]);

/**
 * Whether the draft differs in anything the public page shows from what was published: a new
 * title or presenter is unpublished too, though only what moved is told to registrants
 * (`agendaChanges`), so the organizer is told to publish again.
 */
export function agendaDiffers(published: PublishedItem[], draft: PublishedItem[]): boolean {
  if (published.length !== draft.length) return true;
  const was = new Map(published.map((i) => [i.id, shownOf(i)]));
  return draft.some((i) => was.get(i.id) !== shownOf(i));
}

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

import { AgendaDto, AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { dayBounds, isDay, toWallClock } from 'src/common/time';
import { Locale } from 'src/config/config';
import { problemLines, readForm } from 'src/web/forms';

/**
 * What the public pages show of a search and of an agenda, from the services' answers: pure (the
 * search is handed in), so it is tested without a browser.
 */

/** What a search page lists: the items its form finds, or none and the form's problems as lines. */
export interface Found<I> {
  items: I[];
  total: number;
  problems: { message: string }[];
}

/** Reads a search form with the API's query DTO and, when it reads, searches with it. */
export async function found<D extends object, I>(
  dto: new () => D,
  input: object,
  locale: Locale,
  search: (query: D) => Promise<{ items: I[]; total: number }>,
): Promise<Found<I>> {
  const form = await readForm(dto, input);
  const { items, total } = form.value ? await search(form.value) : { items: [], total: 0 };
  return { items, total, problems: problemLines(form.problems, locale) };
}

/**
 * The activities filter as the events query reads it: days picked in the form are the reader's
 * days, from the first one's start to the last one's end; empty inputs are filters not given.
 */
export function activityFilters(
  query: Record<string, string>,
  timeZone: string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      ...query,
      from: isDay(query.from) ? dayBounds(query.from, timeZone).start.toISOString() : query.from,
      to: isDay(query.to) ? dayBounds(query.to, timeZone).end.toISOString() : query.to,
    }).filter(([, value]) => value !== undefined && value !== ''),
  );
}

/** An event as its card shows it: its status, the seats left (null: no limit), whether it is over. */
export type EventCard<E> = E & { past: boolean; seatsLeft: number | null; full: boolean };

/**
 * The cards of a list of events: the coming ones first, soonest first, then those that are over,
 * latest first and marked as past; each with the seats left where the event has a capacity.
 */
export function eventCards<E extends { id: string; startsAt: Date; endsAt: Date }>(
  events: E[],
  seatsLeft: Map<string, number>,
  now: Date,
): EventCard<E>[] {
  const cards = events.map((event) => {
    const left = seatsLeft.get(event.id);
    return {
      ...event,
      past: new Date(event.endsAt) < now,
      seatsLeft: left ?? null,
      full: left === 0,
    };
  });
  const at = (e: E) => new Date(e.startsAt).getTime();
  return [
    ...cards.filter((c) => !c.past).sort((a, b) => at(a) - at(b)),
    ...cards.filter((c) => c.past).sort((a, b) => at(b) - at(a)),
  ];
}

/** One day of an agenda: the day (its first item's start) and its items with their times only. */
export interface AgendaDay<I> {
  day: Date;
  items: (I & { from: string; to: string })[];
}

/**
 * An agenda as its page lists it: a heading per day (the days in order) and, under it, each item
 * with its start and end times alone (HH:mm in `timeZone`), not the full date on every row.
 */
export function agendaDays<I extends { startsAt: Date; endsAt: Date }>(
  items: I[],
  timeZone: string,
): AgendaDay<I>[] {
  const days: AgendaDay<I>[] = [];
  let current = '';
  // Day by day; within a day, in the agenda's own order (the organizers' positions).
  const dayOf = (item: I) => toWallClock(item.startsAt, timeZone).slice(0, 10);
  const byDay = [...items].sort((a, b) => dayOf(a).localeCompare(dayOf(b)));
  for (const item of byDay) {
    const start = toWallClock(item.startsAt, timeZone);
    if (start.slice(0, 10) !== current) {
      current = start.slice(0, 10);
      days.push({ day: new Date(item.startsAt), items: [] });
    }
    const end = toWallClock(item.endsAt, timeZone);
    days[days.length - 1].items.push({ ...item, from: start.slice(11), to: end.slice(11) });
  }
  return days;
}

/** An event's agenda items, none while its agenda is not published (a page shows that, not an error). */
export async function publishedAgenda(agenda: Promise<AgendaDto>): Promise<AgendaItemDto[]> {
  try {
    return (await agenda).items;
  } catch (error) {
    if (toDomainError(error)?.code === 'AGENDA_NOT_PUBLISHED') return [];
    throw error;
  }
}

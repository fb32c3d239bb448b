import { AgendaDto, AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { toDomainError } from 'src/common/errors/to-domain-error';
import { dayBounds, isDay } from 'src/common/time';
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

/** An event's agenda items, none while its agenda is not published (a page shows that, not an error). */
export async function publishedAgenda(agenda: Promise<AgendaDto>): Promise<AgendaItemDto[]> {
  try {
    return (await agenda).items;
  } catch (error) {
    if (toDomainError(error)?.code === 'AGENDA_NOT_PUBLISHED') return [];
    throw error;
  }
}

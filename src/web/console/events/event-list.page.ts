import { EventDto, EventPageDto } from 'src/events/dto/event.dto';
import { SeriesDto } from 'src/events/dto/series.dto';
import { EVENT_KINDS, EventKind } from 'src/events/event-kinds';
import { EventStatus } from 'src/events/event-status';

/** Which events the list shows: coming (the default), past, drafts, or all. */
export const EVENT_LIST_WHENS = ['coming', 'past', 'drafts', 'all'] as const;
export type EventListWhen = (typeof EVENT_LIST_WHENS)[number];
export const EVENTS_PER_PAGE = 20;

/** The list's filters as read from its address; anything not understood is left out. */
export interface EventListFilters {
  when: EventListWhen;
  kind?: EventKind;
  seriesId?: string;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function eventListFilters(query: Record<string, unknown>): EventListFilters {
  const when = EVENT_LIST_WHENS.find((w) => w === query.when) ?? 'coming';
  const kind = EVENT_KINDS.find((k) => k === query.kind);
  const seriesId =
    typeof query.seriesId === 'string' && UUID.test(query.seriesId) ? query.seriesId : undefined;
  const asked = typeof query.page === 'string' ? Number(query.page) : 1;
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
  return { when, kind, seriesId, page };
}

/** The events query of the filters: coming soonest first, past latest first. */
export function eventListQuery(filters: EventListFilters, now: Date) {
  const status: EventStatus | undefined = filters.when === 'drafts' ? 'draft' : undefined;
  return {
    inside: true,
    kind: filters.kind,
    seriesId: filters.seriesId,
    status,
    from: filters.when === 'coming' ? now : undefined,
    to: filters.when === 'past' ? now : undefined,
    order: filters.when === 'past' ? ('desc' as const) : ('asc' as const),
    limit: EVENTS_PER_PAGE,
    offset: (filters.page - 1) * EVENTS_PER_PAGE,
  };
}

export interface EventListPage {
  title: string;
  section: 'events';
  filters: EventListFilters;
  whens: readonly string[];
  kinds: readonly string[];
  series: SeriesDto[];
  events: (EventDto & { past: boolean })[];
  total: number;
  /** The other pages' addresses, keeping the filters. */
  previous: string | null;
  next: string | null;
  pageOf: { page: number; pages: number };
}

function address(filters: EventListFilters, page: number): string {
  const query = new URLSearchParams({ when: filters.when });
  if (filters.kind) query.set('kind', filters.kind);
  if (filters.seriesId) query.set('seriesId', filters.seriesId);
  if (page > 1) query.set('page', String(page));
  return `/console/events?${query.toString()}`;
}

export function eventListPage(
  title: string,
  filters: EventListFilters,
  found: EventPageDto,
  series: SeriesDto[],
  now: Date,
): EventListPage {
  const pages = Math.max(1, Math.ceil(found.total / EVENTS_PER_PAGE));
  return {
    title,
    section: 'events',
    filters,
    whens: EVENT_LIST_WHENS,
    kinds: EVENT_KINDS,
    series,
    events: found.items.map((e) => ({ ...e, past: new Date(e.endsAt) < now })),
    total: found.total,
    previous: filters.page > 1 ? address(filters, filters.page - 1) : null,
    next: filters.page < pages ? address(filters, filters.page + 1) : null,
    pageOf: { page: filters.page, pages },
  };
}

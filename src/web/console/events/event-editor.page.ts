import { EventDto } from 'src/events/dto/event.dto';
import { SeriesDto } from 'src/events/dto/series.dto';
import { EVENT_FORMATS, EVENT_KINDS, VISIBILITIES } from 'src/events/event-kinds';
import { EVENT_LIFECYCLE, EventStatus } from 'src/events/event-status';
import { OrganizationDto } from 'src/identity/dto/organization.dto';
import { navOf, Text } from 'src/web/console/console-event';
import { EventForm, questionRows } from 'src/web/console/events/event-form';
import { Refusal } from 'src/web/forms';

/**
 * What the event editor shows (a new event, or one to edit and move along its lifecycle), from
 * the services' DTOs: pure, so it is tested without a browser.
 */

/** What the editor offers to choose from: the organizer's organizations and their series. */
export interface EditorChoices {
  organizations: OrganizationDto[];
  series: SeriesDto[];
}

/** What the editor shows besides the event: the form as typed (or saved), a refusal, a notice. */
export interface EditorState {
  form: EventForm;
  /** The refused form. */
  refused?: Refusal;
  /** A refused move along the lifecycle. */
  statusRefusal?: Refusal;
  done?: string;
}

export interface EditorPage extends Partial<Refusal> {
  title: string;
  section: 'event' | 'new-event';
  consoleEvent?: { id: string; title: string };
  event?: EventDto;
  moves: readonly EventStatus[];
  /** Where the form posts. */
  action: string;
  kinds: typeof EVENT_KINDS;
  formats: typeof EVENT_FORMATS;
  visibilities: typeof VISIBILITIES;
  organizations: OrganizationDto[];
  /** The organizer's one organization, when they have only one (the form then names it). */
  singleOrganization?: OrganizationDto;
  series: SeriesDto[];
  questions: Record<string, unknown>[];
  form: EventForm;
  statusRefusal?: Refusal;
  done?: string;
}

/** The series one may file the event in: its organizers' own, and the one it is in. */
export function seriesChoices(
  organizations: OrganizationDto[],
  series: SeriesDto[],
  event?: EventDto,
): SeriesDto[] {
  const own = new Set(organizations.map((o) => o.id));
  return series.filter(
    (s) => own.has(s.organizationId) || s.organizationId === event?.organizationId,
  );
}

/** The editor of `event` (a new event when none). */
export function editorPage(
  event: EventDto | undefined,
  { organizations, series }: EditorChoices,
  { refused, ...state }: EditorState,
  text: Text,
): EditorPage {
  return {
    title: event
      ? text('console.event.editTitle', { event: event.title })
      : text('console.event.newTitle'),
    section: event ? 'event' : 'new-event',
    consoleEvent: event && navOf(event),
    event,
    moves: event ? EVENT_LIFECYCLE.next(event.status) : [],
    action: event ? `/console/events/${event.id}` : '/console/events/new',
    kinds: EVENT_KINDS,
    formats: EVENT_FORMATS,
    visibilities: VISIBILITIES,
    organizations,
    singleOrganization: organizations.length === 1 ? organizations[0] : undefined,
    series: seriesChoices(organizations, series, event),
    questions: questionRows(state.form),
    ...refused,
    ...state,
  };
}

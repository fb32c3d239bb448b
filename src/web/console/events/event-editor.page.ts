import { CoHostDto } from 'src/events/dto/co-host.dto';
import { EventDto } from 'src/events/dto/event.dto';
import { SeriesDto } from 'src/events/dto/series.dto';
import { EVENT_FORMATS, EVENT_KINDS, VISIBILITIES } from 'src/events/event-kinds';
import { EVENT_LIFECYCLE } from 'src/events/event-status';
import { OrganizationDto } from 'src/identity/dto/organization.dto';
import { navOf, Text } from 'src/web/console/console-event';
import { offeredMoves } from 'src/web/console/event-sections';
import { EventForm, questionRows, SEAT_HOLD_CHOICES } from 'src/web/console/events/event-form';
import { CopyForm } from 'src/web/console/events/event-copy';
import { Refusal } from 'src/web/forms';

/**
 * What the event editor shows (a new event, or one to edit and move along its lifecycle), from
 * the services' DTOs: pure, so it is tested without a browser.
 */

/** What the editor offers to choose from: the organizer's organizations and their series. */
export interface EditorChoices {
  organizations: OrganizationDto[];
  series: SeriesDto[];
  /** The event's co-hosts, and the platform's organizations that may be named one. */
  coHosts?: CoHostDto[];
  platformOrganizations?: OrganizationDto[];
  /** How long seats are held, as the platform is set (the hints say it in minutes and days). */
  holds?: SeatHolds;
}

/** A guest's held seat in minutes, an invitee's kept seat in days. */
export interface SeatHolds {
  guestMinutes: number;
  inviteeDays: number;
}

/** What the editor shows besides the event: the form as typed (or saved), a refusal, a notice. */
export interface EditorState {
  form: EventForm;
  /** The refused form. */
  refused?: Refusal;
  /** A refused move along the lifecycle. */
  statusRefusal?: Refusal;
  /** A refused co-host. */
  coHostRefusal?: Refusal;
  /** Words the co-host choices were searched by. */
  coHostSearch?: string;
  /** The copy form: the day and time offered, or as typed when refused, and its refusal. */
  copyForm?: CopyForm;
  copyRefusal?: Refusal;
  done?: string;
}

export interface EditorPage extends Partial<Refusal> {
  title: string;
  section: 'event' | 'new-event';
  consoleEvent?: { id: string; title: string };
  event?: EventDto;
  /** The status buttons: the lifecycle's next moves that fit the event (see `offeredMoves`). */
  moves: readonly string[];
  /** Where the form posts. */
  action: string;
  kinds: typeof EVENT_KINDS;
  formats: typeof EVENT_FORMATS;
  visibilities: typeof VISIBILITIES;
  /** Whether invitations keep seats: a new event may leave it to its visibility. */
  seatHoldChoices: readonly string[];
  holds?: SeatHolds;
  organizations: OrganizationDto[];
  /** The organizer's one organization, when they have only one (the form then names it). */
  singleOrganization?: OrganizationDto;
  series: SeriesDto[];
  questions: Record<string, unknown>[];
  form: EventForm;
  statusRefusal?: Refusal;
  coHosts: CoHostDto[];
  /** Organizations that may be named co-host: neither the organizer nor a co-host already. */
  coHostChoices: OrganizationDto[];
  coHostRefusal?: Refusal;
  coHostSearch?: string;
  copyForm?: CopyForm;
  copyRefusal?: Refusal;
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
  { organizations, series, coHosts = [], platformOrganizations = [], holds }: EditorChoices,
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
    moves: event
      ? offeredMoves(EVENT_LIFECYCLE.next(event.status), event.status, event.format)
      : [],
    action: event ? `/console/events/${event.id}` : '/console/events/new',
    kinds: EVENT_KINDS,
    formats: EVENT_FORMATS,
    visibilities: VISIBILITIES,
    seatHoldChoices: event ? SEAT_HOLD_CHOICES.slice(1) : SEAT_HOLD_CHOICES,
    holds,
    organizations,
    singleOrganization: organizations.length === 1 ? organizations[0] : undefined,
    series: seriesChoices(organizations, series, event),
    questions: questionRows(state.form),
    coHosts,
    coHostChoices: coHostChoices(platformOrganizations, coHosts, event),
    ...refused,
    ...state,
  };
}

/** The organizations an event's organizers may name co-host: not its own, not one named already. */
export function coHostChoices(
  organizations: OrganizationDto[],
  coHosts: CoHostDto[],
  event?: EventDto,
): OrganizationDto[] {
  const taken = new Set([event?.organizationId, ...coHosts.map((c) => c.organizationId)]);
  return organizations.filter((o) => !taken.has(o.id));
}

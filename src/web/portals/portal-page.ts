import { AuthUser } from 'src/common/auth/auth-user';
import { DealsService } from 'src/deals/deals.service';
import { MeetingDto } from 'src/docking/dto/docking.dto';
import { EventsService } from 'src/events/events.service';
import { doneOf, Refusal } from 'src/web/forms';
import { formPage, PageView, seeOther } from 'src/web/page-answer';

/** The portals, each at its own path with its own pages. */
export type Portal = 'expert' | 'enterprise';

/** Enough of one's own entries to list and choose from. */
export const ALL_MINE = { mine: true, limit: 100, offset: 0 };

/** What a portal's change (`?done=`) may announce; anything else announces nothing. */
const DONE = [
  'created',
  'saved',
  'published',
  'unpublished',
  'imported',
  'submitted',
  'withdrawn',
  'accepted',
  'declined',
  'booked',
  'cancelled',
  'requested',
  'approved',
  'rejected',
  'shared',
  'unshared',
] as const;

export type PortalDone = (typeof DONE)[number];

/** The notice's text key after a change, or undefined. */
export function doneKey(done: unknown): string | undefined {
  const known = doneOf(done, DONE);
  return known && `portals.done.${known}`;
}

/**
 * A page of a portal: `templates/pages/portals/<portal>-<page>.hbs`, titled by the text
 * `portals.<portal>.<page>.title`, with the navigation's `section` marked.
 */
export function portalPage<T extends object>(
  portal: Portal,
  page: string,
  section: string,
  data: T,
  refused?: Refusal,
): PageView {
  const title = { titleKey: `portals.${portal}.${page}.title` };
  return formPage(`portals/${portal}-${page}`, title, { section, ...data }, refused);
}

/** Post/Redirect/Get: after a change, the page that shows it, with its notice. */
export function changed(path: string, done: PortalDone) {
  return seeOther(path, done);
}

/** Titles of the events by id, as the user may see them (an event they may no longer see: no title). */
export async function eventTitles(
  events: EventsService,
  user: AuthUser,
  ids: Iterable<string | null>,
): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  for (const id of new Set(ids)) {
    if (!id) continue;
    const event = await events.get(user, id).catch(() => undefined);
    if (event) titles[id] = event.title;
  }
  return titles;
}

/** One's intents and deals as both portals show them (the template writes the amounts). */
export async function dealsPage(portal: Portal, deals: DealsService, user: AuthUser) {
  const { intents, deals: signed } = await deals.mine(user);
  return portalPage(portal, 'deals', 'deals', { intents, deals: signed });
}

/** One's docking meetings as the portals list them: with the event's title and the other side. */
export async function meetingRows(
  events: EventsService,
  user: AuthUser,
  meetings: MeetingDto[],
): Promise<(MeetingDto & { eventTitle: string; other: MeetingDto['requester'] })[]> {
  const titles = await eventTitles(
    events,
    user,
    meetings.map((m) => m.eventId),
  );
  return meetings.map((m) => ({
    ...m,
    eventTitle: titles[m.eventId] ?? '',
    other: m.requester.userId === user.id ? m.counterpart : m.requester,
  }));
}

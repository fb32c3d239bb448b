import { EventDto } from 'src/events/dto/event.dto';
import { Managed, manages } from 'src/events/event-access';
import { OrganizationBranch, OrganizationInSight } from 'src/identity/organization-tree';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { Text } from 'src/web/console/console-event';
import { Locale } from 'src/config/config';
import { moneyText } from 'src/common/chinese-numbers';

/**
 * What the console's organization switcher and an organization's read-only view of its children
 * show, from the services' answers: pure, so it is tested without a browser.
 */

/** The cookie that keeps the organization chosen in the console's switcher. */
export const ORGANIZATION_COOKIE = 'duijie_console_org';

/** Where the switcher sends its choice. */
export const SWITCH_PATH = '/console/organization';

/** The organization a console page is narrowed to: none for all of the person's organizations. */
export interface ConsoleScope {
  organizationId?: string;
  /** The switcher, for a person who sees more than one organization. */
  switcher?: Switcher;
}

export interface Switcher {
  action: string;
  /** The page to come back to. */
  next: string;
  options: { value: string; label: string; selected: boolean }[];
  /** The views of the children of the organizations shown that have some (a city's districts). */
  parents: { id: string; name: string }[];
}

/** The chosen organization if it is still in the person's sight, else none (all of them). */
export function chosenOf(
  cookie: string | undefined,
  inSight: OrganizationInSight[],
): string | undefined {
  return inSight.some((o) => o.id === cookie) ? cookie : undefined;
}

/**
 * The console's scope: the chosen organization, and the switcher where the person sees several
 * (their own first, those below marked so); one organization alone gets none.
 */
export function consoleScope(
  inSight: OrganizationInSight[],
  cookie: string | undefined,
  next: string,
  text: Text,
): ConsoleScope {
  const organizationId = chosenOf(cookie, inSight);
  if (inSight.length < 2) return { organizationId };
  const ordered = [...inSight.filter((o) => !o.below), ...inSight.filter((o) => o.below)];
  const hasChildren = (o: OrganizationInSight) => inSight.some((c) => c.parentId === o.id);
  const shown = organizationId ? ordered.filter((o) => o.id === organizationId) : ordered;
  return {
    organizationId,
    switcher: {
      action: SWITCH_PATH,
      next,
      options: [
        { value: '', label: text('console.organizations.all'), selected: !organizationId },
        ...ordered.map((o) => ({
          value: o.id,
          label: o.below ? text('console.organizations.below', { name: o.name }) : o.name,
          selected: o.id === organizationId,
        })),
      ],
      parents: shown.filter(hasChildren).map((o) => ({ id: o.id, name: o.name })),
    },
  };
}

/** A child's figures: its events (all, and those held) and its roll-up, with its latest events. */
export interface ChildFigures {
  events: { total: number; latest: EventDto[] };
  rollup: RollupDto;
}

export interface ChildRow {
  id: string;
  name: string;
  managers: string;
  events: number;
  held: number;
  registered: number;
  deals: number;
  value: string;
  latest: (Pick<EventDto, 'id' | 'title' | 'startsAt' | 'status' | 'kind'> & { href: string })[];
}

export interface BranchPage {
  title: string;
  section: 'organizations';
  organization: { id: string; name: string };
  parent: { id: string; name: string } | null;
  children: ChildRow[];
  switcher?: Switcher;
}

/**
 * Where a child's event leads: the statistics of one that took place, for a reader who manages it,
 * else its public page (which its organization's insiders and those above read, drafts included).
 */
export function eventHref(
  event: Pick<EventDto, 'id' | 'status' | 'organizationId'>,
  managed: Managed,
): string {
  const held = ['concluded', 'archived'].includes(event.status);
  return held && manages(managed, event)
    ? `/console/events/${event.id}/statistics`
    : `/activities/${event.id}`;
}

/** The organization, its parent, and each child with its figures and its latest events. */
export function branchPage(
  branch: OrganizationBranch,
  figures: ChildFigures[],
  reader: { text: Text; locale: Locale; managed: Managed },
  switcher?: Switcher,
): BranchPage {
  const { text, locale, managed } = reader;
  return {
    title: text('console.organizations.title', { name: branch.name }),
    section: 'organizations',
    organization: { id: branch.id, name: branch.name },
    parent: branch.parent,
    switcher,
    children: branch.children.map((child, i) => {
      const { events, rollup } = figures[i];
      return {
        id: child.id,
        name: child.name,
        managers: child.managers.join('、'),
        events: events.total,
        held: rollup.events,
        registered: rollup.totals.registered.total,
        deals: rollup.totals.dealsSince.count,
        value: moneyText(rollup.totals.dealsSince.valueFen, locale),
        latest: events.latest.map((e) => ({
          id: e.id,
          title: e.title,
          startsAt: e.startsAt,
          status: e.status,
          kind: e.kind,
          href: eventHref(e, managed),
        })),
      };
    }),
  };
}

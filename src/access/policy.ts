import { Right, ROLE_RIGHTS, SIGHT_RIGHTS } from 'src/access/rights';
import { MembershipRole, Role, TeamRole } from 'src/identity/roles';

/**
 * Who the caller is, as every access decision needs it: loaded once per question, in the caller's
 * transaction (Access.factsOf), or from the signed-in user alone for platform questions
 * (platformFacts).
 */
export interface Facts {
  /** The caller, or null when nobody is signed in. */
  userId: string | null;
  /** A platform admin may do everything. */
  admin: boolean;
  /** What the person is on the platform (organizer, expert, enterprise). */
  platform: readonly Role[];
  /** Whether they hold a team role in some organization (see inTeam on AuthUser). */
  inTeam: boolean;
  /** The team roles the caller holds, by organization (loaded facts only). */
  roles: ReadonlyMap<string, readonly TeamRole[]>;
  /** The organizations below those, with the role held above them (read-only sight). */
  below: ReadonlySet<string>;
}

export const NO_FACTS: Facts = {
  userId: null,
  admin: false,
  platform: [],
  inTeam: false,
  roles: new Map(),
  below: new Set(),
};

/** The signed-in person as their session carries them: enough for platform questions. */
export interface Caller {
  id: string;
  roles: readonly Role[];
  inTeam?: boolean;
}

/** Facts for questions about the platform alone (no organization's roles needed). */
export function platformFacts(user: Caller | undefined): Facts {
  if (!user) return NO_FACTS;
  return {
    ...NO_FACTS,
    userId: user.id,
    admin: user.roles.includes('admin'),
    platform: user.roles,
    inTeam: user.inTeam ?? false,
  };
}

/**
 * What a question is about, carrying what the decision needs to know of it:
 * - `platform`: acting in a platform role (the console, the portals, a role an endpoint names);
 * - `event`: an event and everything of it (its series, invitations, registrations, check-in,
 *   agenda, roadshows, docking sessions, statistics, live sessions, HLS and recordings) — the
 *   subject's owning organization and who may know it exists;
 * - `organization`: its team, its membership requests, its place in the hierarchy, and acting for
 *   it (`act`: naming it on a result, a need or a profile);
 * - `entry`: something a person entered and organizations follow (a result, a need, an expert
 *   profile, a match, a challenge and its bids, an intent, a deal, a follow-up task): the people
 *   it is theirs (author, owner, poster) and the organizations whose programmes it belongs to;
 * - `co_host`: an event's registrants as one of its co-hosts (协办单位) reads them — the co-host's
 *   organization, whether the event names it, and the event's organizing organization;
 * - `users`: the list of the platform's people.
 */
export type Subject =
  | { kind: 'platform'; role: Role }
  | {
      kind: 'event';
      organizationId: string;
      draft: boolean;
      closedDoor: boolean;
      /** The caller holds an invitation to it (asked only of a closed door). */
      invited: boolean;
    }
  | {
      kind: 'organization';
      organizationId: string;
      /** The caller is one of its people (any membership, `member` included). */
      member?: boolean;
    }
  | { kind: 'entry'; people: readonly (string | null)[]; organizationIds: readonly string[] }
  | {
      kind: 'co_host';
      /** The organization the caller reads as. */
      organizationId: string;
      /** Whether the event names it as a co-host. */
      named: boolean;
      /** The event's organizing organization. */
      eventOrganizationId: string;
    }
  | { kind: 'users' };

/**
 * What may be asked: `see` (know it exists and read it), `act` (in a platform role), the rights
 * over an organization's events (`manage`, `admit`, `review`, `figures`), and `change` (edit an
 * entry, an organization's team).
 */
export type Action = 'see' | 'act' | 'change' | Right;

/** What the caller may not know exists is not found; what they see but may not do is forbidden. */
export type Decision = 'allow' | 'not-found' | 'forbidden';

/** Whether the caller holds `right` over the organization's events. */
export function holds(facts: Facts, right: Right, organizationId: string): boolean {
  if (facts.admin) return true;
  const roles = facts.roles.get(organizationId) ?? [];
  if (roles.some((role) => ROLE_RIGHTS[role].includes(right))) return true;
  return facts.below.has(organizationId) && SIGHT_RIGHTS.includes(right);
}

/** The organizations over whose events the caller holds `right`: every one for an admin. */
export function scopeOf(facts: Facts, right: Right): 'all' | string[] {
  if (facts.admin) return 'all';
  const own = [...facts.roles.entries()]
    .filter(([, roles]) => roles.some((role) => ROLE_RIGHTS[role].includes(right)))
    .map(([id]) => id);
  const seen = SIGHT_RIGHTS.includes(right) ? [...facts.below] : [];
  return [...new Set([...own, ...seen])];
}

/** The organizations in which the caller holds a team role (as whose co-host they read, say). */
export const teamsOf = (facts: Facts): string[] => [...facts.roles.keys()];

/** Whether a membership role gives the right to manage its organization (it keeps its team). */
export const managesWith = (role: MembershipRole): boolean =>
  role !== 'member' && ROLE_RIGHTS[role].includes('manage');

/**
 * Whom a manager lists beyond their own team (without contacts): the experts, to name presenters
 * and reviewers.
 */
export const LISTED_BEYOND_TEAM: readonly Role[] = ['expert'];

/**
 * What the person who registers an organization becomes in it: its manager when the platform made
 * them an organizer (or admin), else a member — a self-registered expert or enterprise does not
 * make itself an organizing centre (an admin grants an institution's or enterprise's manager, who
 * then approves who joins).
 */
export const foundingRole = (user: Caller): MembershipRole =>
  user.roles.includes('admin') || user.roles.includes('organizer') ? 'manager' : 'member';

/** Where a person keeps their organizations: their portal's page, else the console's team, else their account. */
export function membershipsPathOf(roles: readonly Role[]): string {
  if (roles.includes('expert')) return '/expert/organizations';
  if (roles.includes('enterprise')) return '/enterprise/organizations';
  if (roles.includes('organizer')) return '/console/team';
  return '/account';
}

/** An admin may not take their own admin role away (nobody would be left to give it back). */
export const mayRevoke = (actor: Caller, userId: string, role: Role): boolean =>
  !(actor.id === userId && role === 'admin');

const allowIf = (allowed: boolean, otherwise: Decision): Decision =>
  allowed ? 'allow' : otherwise;

/** The one answer to "may the caller do this?" for every subject. */
export function can(facts: Facts, action: Action, subject: Subject): Decision {
  if (facts.admin) return 'allow';
  switch (subject.kind) {
    case 'platform':
      return allowIf(action === 'act' && inRole(facts, subject.role), 'forbidden');
    case 'event':
      return onEvent(facts, action, subject);
    case 'organization':
      // Acting for it (naming it on a result, a need, a profile) is for its people.
      if (action === 'act') return allowIf(subject.member === true, 'forbidden');
      return allowIf(
        action === 'see' ||
          holds(facts, action === 'change' ? 'manage' : asRight(action), subject.organizationId),
        'not-found',
      );
    case 'entry':
      return onEntry(facts, action, subject);
    case 'co_host':
      return asCoHost(facts, action, subject);
    case 'users':
      // Managers list their own team (and experts, to name presenters); the scope says which.
      return allowIf(action === 'see' && scopeOf(facts, 'manage').length > 0, 'forbidden');
  }
}

/**
 * A platform role: one's own, and the organizer's console for whoever holds a team role in an
 * organizing organization (`inTeam`; what they see there is scoped by their organizations).
 */
function inRole(facts: Facts, role: Role): boolean {
  return facts.platform.includes(role) || (role === 'organizer' && facts.inTeam);
}

/** Whether the signed-in person may act as `role` (admins act as every role). */
export const actsAs = (user: Caller | undefined, role: Role): boolean =>
  can(platformFacts(user), 'act', { kind: 'platform', role }) === 'allow';

function onEvent(facts: Facts, action: Action, event: Extract<Subject, { kind: 'event' }>) {
  const insider = holds(facts, 'figures', event.organizationId);
  const visible = insider || (!event.draft && (!event.closedDoor || event.invited));
  if (!visible) return 'not-found';
  if (action === 'see') return 'allow';
  return allowIf(holds(facts, asRight(action), event.organizationId), 'forbidden');
}

/** Its people and the managers of the programmes it belongs to; nobody else knows it exists. */
function onEntry(facts: Facts, action: Action, entry: Extract<Subject, { kind: 'entry' }>) {
  const follows = entry.organizationIds.some((id) => holds(facts, 'manage', id));
  const owns = facts.userId !== null && entry.people.includes(facts.userId);
  if (!owns && !follows) return 'not-found';
  // Its people read and edit it; curating it is for the programmes' managers.
  return allowIf(follows || action === 'see' || action === 'change', 'forbidden');
}

/**
 * An event's registrants as a co-host the event names reads them: its team (any team role), and
 * the event's managers (who see more on their own lists). Anyone else — another organization's
 * team, a co-host's plain member, a city above it — and anyone asking as an organization the
 * event does not name may not know the relation exists.
 */
function asCoHost(facts: Facts, action: Action, coHost: Extract<Subject, { kind: 'co_host' }>) {
  const ofItsTeam = (facts.roles.get(coHost.organizationId) ?? []).length > 0;
  const reads = coHost.named && (ofItsTeam || holds(facts, 'manage', coHost.eventOrganizationId));
  if (!reads) return 'not-found';
  return allowIf(action === 'see', 'forbidden');
}

function asRight(action: Action): Right {
  return action === 'see' || action === 'act' || action === 'change' ? 'manage' : action;
}

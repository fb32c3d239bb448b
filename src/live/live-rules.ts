import { EventKind, Visibility } from 'src/events/event-kinds';
import { EVENT_LIFECYCLE, EventStatus } from 'src/events/event-status';

/** How a person stands to an event, as far as watching and presenting its live sessions go. */
export interface LiveStanding {
  signedIn: boolean;
  manages: boolean;
  /** Presents the agenda item the session belongs to. */
  presents: boolean;
  /** Holds an invitation that was neither revoked nor declined. */
  invited: boolean;
  /** Holds a confirmed registration. */
  registered: boolean;
}

/** What joining as a viewer comes to: admitted, or refused with the reason a client can act on. */
export type Admission = 'admitted' | 'sign_in_first' | 'not_invited' | 'not_found';

/**
 * Who may watch, by the event's visibility: public events admit anyone signed in, and guests too
 * when the event is an online cloud docking; invite-only events admit their invitees and
 * registrants; a closed door admits its participants and does not exist for anyone else.
 */
export function admitViewer(
  event: { kind: EventKind; visibility: Visibility },
  who: LiveStanding,
): Admission {
  if (who.manages || who.presents) return 'admitted';
  const participant = who.invited || who.registered;
  switch (event.visibility) {
    case 'public':
      return who.signedIn || event.kind === 'cloud_docking' ? 'admitted' : 'sign_in_first';
    case 'invite_only':
      if (participant) return 'admitted';
      return who.signedIn ? 'not_invited' : 'sign_in_first';
    case 'closed_door':
      return participant ? 'admitted' : 'not_found';
  }
}

/** Only the item's presenters and the event's organizers put media on stage. */
export function mayProduce(who: Pick<LiveStanding, 'manages' | 'presents'>): boolean {
  return who.manages || who.presents;
}

/**
 * Events whose sessions may start: live, or one the event lifecycle lets go live (the first start
 * makes it live).
 */
export const STARTABLE_STATUSES: readonly EventStatus[] = [
  ...EVENT_LIFECYCLE.sourcesOf('live'),
  'live',
];

/** A router of a session, and how many consumers its worker carries in all. */
export interface RouterLoad {
  routerId: string;
  workerId: string;
  workerConsumers: number;
}

/** A worker that could take a new router of the session, with its consumer count. */
export interface WorkerLoad {
  workerId: string;
  consumers: number;
}

export type Placement =
  { kind: 'router'; routerId: string } | { kind: 'pipe'; workerId: string } | { kind: 'full' };

/**
 * Where a new viewer consuming `needed` streams goes: onto the session's router whose worker has
 * most room under the budget; else onto a new router, fed by `pipeToRouter`, on the least loaded
 * worker the session does not use yet; else nowhere (the audience is full on this host).
 */
export function placeViewer(
  routers: readonly RouterLoad[],
  workers: readonly WorkerLoad[],
  budget: number,
  needed: number,
): Placement {
  const fits = (consumers: number) => consumers + needed <= budget;
  const router = leastBy(
    routers.filter((r) => fits(r.workerConsumers)),
    (r) => r.workerConsumers,
  );
  if (router) return { kind: 'router', routerId: router.routerId };
  const used = new Set(routers.map((r) => r.workerId));
  const worker = leastBy(
    workers.filter((w) => !used.has(w.workerId) && fits(w.consumers)),
    (w) => w.consumers,
  );
  return worker ? { kind: 'pipe', workerId: worker.workerId } : { kind: 'full' };
}

/** The first of the items with the smallest key, or undefined for none. */
export function leastBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || key(item) < key(best)) best = item;
  return best;
}

/** What every guest's name carries, so that nobody takes a guest for a person the platform knows. */
export const GUEST_MARK = '（访客 / guest）';
/** What a guest who gave no name is called. */
export const UNNAMED_GUEST = '访客 / Guest';
/** The longest name a guest may give (the mark comes on top). */
export const GUEST_NAME_MAX = 20;

/**
 * Words a guest's name may not carry: the mark itself (a signed-in person's name never has it)
 * and the roles of the people on stage, so that no guest passes for an organizer or presenter.
 * Brackets are refused too, as they would make a name look marked.
 */
const IMPERSONATING =
  /访客|游客|主持|主办|主讲|嘉宾|官方|管理员|平台|\b(guest|organi[sz]|moderat|presenter|host|admin|official)|[()（）[\]【】<>《》]/i;

/** The name a guest is shown under, or the reason it is refused. */
export function guestDisplayName(
  given: string | undefined,
): { name: string } | { refused: 'too_long' | 'impersonating' } {
  const name = given?.trim();
  if (!name) return { name: UNNAMED_GUEST };
  if ([...name].length > GUEST_NAME_MAX) return { refused: 'too_long' };
  if (IMPERSONATING.test(name.normalize('NFKC'))) return { refused: 'impersonating' };
  return { name: `${name}${GUEST_MARK}` };
}

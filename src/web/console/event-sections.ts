import { EventFormat, EventKind } from 'src/events/event-kinds';
import { EventStatus } from 'src/events/event-status';

/** The pages of an event that fit only some kinds: roadshow review, docking schedule, matching. */
const KIND_SECTIONS: Record<'roadshows' | 'docking' | 'matching', readonly EventKind[]> = {
  roadshows: ['roadshow', 'cloud_docking'],
  docking: ['precise_docking', 'cloud_docking'],
  matching: ['roadshow', 'precise_docking', 'cloud_docking'],
};

/** The event's console pages that do not fit its kind (a salon has no roadshow review). */
export function hiddenSections(kind: EventKind): string[] {
  return Object.entries(KIND_SECTIONS)
    .filter(([, kinds]) => !kinds.includes(kind))
    .map(([section]) => section);
}

/** One action for the everyday path: a draft published with registration open at once. */
export const PUBLISH_AND_OPEN = 'publish-and-open';

/**
 * The status buttons an event's page offers: the lifecycle's next moves, without going live for an
 * offline event (nothing is streamed), and with "publish and open registration" for a draft.
 */
export function offeredMoves(
  next: readonly EventStatus[],
  status: EventStatus,
  format: EventFormat,
): string[] {
  const moves: string[] = next.filter((m) => m !== 'live' || format !== 'offline');
  return status === 'draft' ? [PUBLISH_AND_OPEN, ...moves] : moves;
}

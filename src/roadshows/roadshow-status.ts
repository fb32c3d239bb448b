import { defineLifecycle } from 'src/common/lifecycle';
import { RoadshowError } from 'src/roadshows/roadshows.errors';

export const ROADSHOW_STATUSES = ['submitted', 'accepted', 'rejected', 'withdrawn'] as const;
export type RoadshowStatus = (typeof ROADSHOW_STATUSES)[number];

/** A roadshow submission: decided by the organizers, or withdrawn by its presenters. */
const TRANSITIONS: Readonly<Record<RoadshowStatus, readonly RoadshowStatus[]>> = {
  submitted: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['withdrawn'],
  rejected: [],
  withdrawn: [],
};

export const ROADSHOW_LIFECYCLE = defineLifecycle(ROADSHOW_STATUSES, TRANSITIONS, (moved) =>
  RoadshowError.ROADSHOW_INVALID_TRANSITION(moved),
);

/** Whether a call for roadshows takes submissions at `now`. */
export function callIsOpen(call: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return call.opensAt <= now && now < call.closesAt;
}

/** The mean of the scores given so far, to one decimal; null before the first. */
export function meanScore(scores: (number | null)[]): number | null {
  const given = scores.filter((s): s is number => s !== null);
  if (given.length === 0) return null;
  return Math.round((given.reduce((a, b) => a + b, 0) / given.length) * 10) / 10;
}

import { defineLifecycle } from 'src/common/lifecycle';
import { DockingError } from 'src/docking/docking.errors';

/** A 1:1 docking meeting: requested by one side, answered by the other, or called off. */
export const MEETING_STATUSES = ['requested', 'accepted', 'declined', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

const TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  requested: ['accepted', 'declined', 'cancelled'],
  accepted: ['cancelled'],
  declined: [],
  cancelled: [],
};

export const MEETING_LIFECYCLE = defineLifecycle(MEETING_STATUSES, TRANSITIONS, (moved) =>
  DockingError.DOCKING_INVALID_TRANSITION(moved),
);

/** What came of a meeting, as each side records it; it feeds the follow-up. */
export const OUTCOMES = [
  'no_further_contact',
  'valuable_contact',
  'negotiation_started',
  'agreement_reached',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who may answer a request: the other side only. */
export function answeringSide(
  meeting: { requesterId: string; counterpartId: string },
  userId: string,
): 'requester' | 'counterpart' | null {
  if (meeting.requesterId === userId) return 'requester';
  if (meeting.counterpartId === userId) return 'counterpart';
  return null;
}

import { defineLifecycle } from 'src/common/lifecycle';
import { ChallengeError } from 'src/challenges/challenges.errors';

/** A bid's way through the selection: submitted → shortlisted → awarded, or rejected. */
export const BID_STATUSES = [
  'submitted',
  'shortlisted',
  'awarded',
  'rejected',
  'withdrawn',
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

const TRANSITIONS: Readonly<Record<BidStatus, readonly BidStatus[]>> = {
  submitted: ['shortlisted', 'rejected', 'withdrawn'],
  shortlisted: ['awarded', 'rejected', 'withdrawn'],
  awarded: [],
  rejected: [],
  withdrawn: [],
};

export const BID_LIFECYCLE = defineLifecycle(BID_STATUSES, TRANSITIONS, (moved) =>
  ChallengeError.CHALLENGE_BID_INVALID_TRANSITION(moved),
);

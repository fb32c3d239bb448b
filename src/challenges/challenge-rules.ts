/** A bid's way through the selection: submitted → shortlisted → awarded, or rejected. */
export const BID_STATUSES = [
  'submitted',
  'shortlisted',
  'awarded',
  'rejected',
  'withdrawn',
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

const MOVES: Record<BidStatus, readonly BidStatus[]> = {
  submitted: ['shortlisted', 'rejected', 'withdrawn'],
  shortlisted: ['awarded', 'rejected', 'withdrawn'],
  awarded: [],
  rejected: [],
  withdrawn: [],
};

export function canMoveBid(from: BidStatus, to: BidStatus): boolean {
  return MOVES[from].includes(to);
}

/** Bids are taken while the challenge is published and before its deadline. */
export function takesBids(challenge: { published: boolean; deadline: Date }, now: Date): boolean {
  return challenge.published && now < challenge.deadline;
}

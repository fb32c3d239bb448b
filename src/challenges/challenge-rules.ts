/** Bids are taken while the challenge is published and before its deadline. */
export function takesBids(challenge: { published: boolean; deadline: Date }, now: Date): boolean {
  return challenge.published && now < challenge.deadline;
}

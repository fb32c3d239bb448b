import { takesBids } from 'src/challenges/challenge-rules';
import { BID_LIFECYCLE } from 'src/challenges/bid-status';

describe('challenge rules', () => {
  it.each([
    ['submitted', 'shortlisted', true],
    ['submitted', 'rejected', true],
    ['submitted', 'awarded', false],
    ['shortlisted', 'awarded', true],
    ['shortlisted', 'rejected', true],
    ['awarded', 'rejected', false],
    ['rejected', 'shortlisted', false],
    ['submitted', 'withdrawn', true],
    ['withdrawn', 'submitted', false],
  ] as const)('%s → %s: %p', (from, to, allowed) => {
    expect(BID_LIFECYCLE.can(from, to)).toBe(allowed);
  });

  it('takes bids while published and before the deadline', () => {
    const deadline = new Date('2027-03-01T00:00:00Z');
    expect(takesBids({ published: true, deadline }, new Date('2027-02-28T23:59:59Z'))).toBe(true);
    expect(takesBids({ published: true, deadline }, deadline)).toBe(false);
    expect(takesBids({ published: false, deadline }, new Date('2027-01-01'))).toBe(false);
  });
});

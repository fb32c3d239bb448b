import { callIsOpen, ROADSHOW_LIFECYCLE, meanScore } from 'src/roadshows/roadshow-status';

describe('roadshow rules', () => {
  it.each([
    ['submitted', 'accepted', true],
    ['submitted', 'rejected', true],
    ['submitted', 'withdrawn', true],
    ['accepted', 'withdrawn', true],
    ['accepted', 'rejected', false],
    ['rejected', 'accepted', false],
    ['withdrawn', 'submitted', false],
  ] as const)('%s → %s: %p', (from, to, allowed) => {
    expect(ROADSHOW_LIFECYCLE.can(from, to)).toBe(allowed);
  });

  it('takes submissions from the opening to (not at) the closing', () => {
    const call = { opensAt: new Date('2027-01-01'), closesAt: new Date('2027-02-01') };
    expect(callIsOpen(call, new Date('2026-12-31'))).toBe(false);
    expect(callIsOpen(call, new Date('2027-01-01'))).toBe(true);
    expect(callIsOpen(call, new Date('2027-02-01'))).toBe(false);
  });

  it('averages the scores given, to one decimal', () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([null, null])).toBeNull();
    expect(meanScore([4, null, 5, 3])).toBe(4);
    expect(meanScore([4, 5])).toBe(4.5);
    expect(meanScore([5, 4, 4])).toBe(4.3);
  });
});

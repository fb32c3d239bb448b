import { answeringSide, MEETING_LIFECYCLE, MEETING_STATUSES } from 'src/docking/docking-status';

describe('docking meeting status', () => {
  it.each([
    ['requested', 'accepted', true],
    ['requested', 'declined', true],
    ['requested', 'cancelled', true],
    ['accepted', 'cancelled', true],
    ['accepted', 'declined', false],
    ['declined', 'accepted', false],
    ['cancelled', 'accepted', false],
  ] as const)('%s → %s: %p', (from, to, allowed) => {
    expect(MEETING_LIFECYCLE.can(from, to)).toBe(allowed);
  });

  it('never moves a meeting to where it is', () => {
    for (const s of MEETING_STATUSES) expect(MEETING_LIFECYCLE.can(s, s)).toBe(false);
  });

  it('knows each side of a meeting', () => {
    const meeting = { requesterId: 'a', counterpartId: 'b' };
    expect(answeringSide(meeting, 'a')).toBe('requester');
    expect(answeringSide(meeting, 'b')).toBe('counterpart');
    expect(answeringSide(meeting, 'c')).toBeNull();
  });
});

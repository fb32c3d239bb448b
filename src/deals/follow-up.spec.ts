import { canMoveStage, monthsAfter, STAGES } from 'src/deals/follow-up';

describe('follow-up stages', () => {
  it('moves one step at a time, or drops', () => {
    const forward = ['intent', 'contacted', 'negotiating', 'signed', 'landed'] as const;
    for (let i = 0; i < forward.length - 1; i++) {
      expect(canMoveStage(forward[i], forward[i + 1])).toBe(true);
      if (forward[i + 2]) expect(canMoveStage(forward[i], forward[i + 2])).toBe(false);
      expect(canMoveStage(forward[i], 'dropped')).toBe(true);
    }
  });

  it('never moves back, nor out of landed or dropped', () => {
    expect(canMoveStage('negotiating', 'contacted')).toBe(false);
    for (const to of STAGES) {
      expect(canMoveStage('landed', to)).toBe(false);
      expect(canMoveStage('dropped', to)).toBe(false);
    }
  });

  it('puts check-ins months after the signing day, at 09:00 Beijing time', () => {
    expect(monthsAfter('2026-11-21', 3).toISOString()).toBe('2027-02-21T01:00:00.000Z');
    expect(monthsAfter('2026-11-21', 12).toISOString()).toBe('2027-11-21T01:00:00.000Z');
  });
});

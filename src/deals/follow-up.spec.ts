import { monthsAfter } from 'src/deals/follow-up';
import { STAGES, STAGE_LIFECYCLE } from 'src/deals/follow-up-status';

describe('follow-up stages', () => {
  it('moves one step at a time, or drops', () => {
    const forward = ['intent', 'contacted', 'negotiating', 'signed', 'landed'] as const;
    for (let i = 0; i < forward.length - 1; i++) {
      expect(STAGE_LIFECYCLE.can(forward[i], forward[i + 1])).toBe(true);
      if (forward[i + 2]) expect(STAGE_LIFECYCLE.can(forward[i], forward[i + 2])).toBe(false);
      expect(STAGE_LIFECYCLE.can(forward[i], 'dropped')).toBe(true);
    }
  });

  it('never moves back, nor out of landed or dropped', () => {
    expect(STAGE_LIFECYCLE.can('negotiating', 'contacted')).toBe(false);
    for (const to of STAGES) {
      expect(STAGE_LIFECYCLE.can('landed', to)).toBe(false);
      expect(STAGE_LIFECYCLE.can('dropped', to)).toBe(false);
    }
  });

  it('puts check-ins months after the signing day, at 09:00 in the platform’s zone', () => {
    expect(monthsAfter('2026-11-21', 3, 'Asia/Shanghai').toISOString()).toBe(
      '2027-02-21T01:00:00.000Z',
    );
    expect(monthsAfter('2026-11-21', 12, 'Asia/Shanghai').toISOString()).toBe(
      '2027-11-21T01:00:00.000Z',
    );
    expect(monthsAfter('2026-11-21', 6, 'Europe/Berlin').toISOString()).toBe(
      '2027-05-21T07:00:00.000Z',
    );
  });
});

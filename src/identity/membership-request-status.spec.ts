import { MEMBERSHIP_REQUEST_LIFECYCLE } from 'src/identity/membership-request-status';

describe('membership request lifecycle', () => {
  const pairs: [string, string, boolean][] = [
    ['pending', 'approved', true],
    ['pending', 'rejected', true],
    ['approved', 'rejected', false],
    ['approved', 'pending', false],
    ['rejected', 'approved', false],
    ['rejected', 'pending', false],
    ['pending', 'pending', false],
  ];
  it.each(pairs)('%s → %s: %s', (from, to, allowed) => {
    const lifecycle = MEMBERSHIP_REQUEST_LIFECYCLE;
    type S = (typeof lifecycle.statuses)[number];
    expect(lifecycle.can(from as S, to as S)).toBe(allowed);
  });

  it('approves or rejects only a pending request', () => {
    expect(MEMBERSHIP_REQUEST_LIFECYCLE.sourcesOf('approved')).toEqual(['pending']);
    expect(MEMBERSHIP_REQUEST_LIFECYCLE.sourcesOf('rejected')).toEqual(['pending']);
  });
});

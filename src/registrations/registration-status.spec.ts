import {
  ACTIVE_STATUSES,
  REGISTRATION_STATUSES,
  RegistrationStatus,
  REGISTRATION_LIFECYCLE,
} from 'src/registrations/registration-status';

const allowed: ReadonlyArray<[RegistrationStatus, RegistrationStatus]> = [
  ['pending', 'confirmed'],
  ['pending', 'waitlisted'],
  ['pending', 'rejected'],
  ['pending', 'cancelled'],
  ['waitlisted', 'confirmed'],
  ['waitlisted', 'held'],
  ['waitlisted', 'cancelled'],
  ['held', 'confirmed'],
  ['held', 'cancelled'],
  ['confirmed', 'cancelled'],
];

describe('registration transitions', () => {
  const pairs = REGISTRATION_STATUSES.flatMap((from) =>
    REGISTRATION_STATUSES.map((to) => [from, to] as const),
  );

  it.each(pairs)('%s → %s', (from, to) => {
    expect(REGISTRATION_LIFECYCLE.can(from, to)).toBe(
      allowed.some(([f, t]) => f === from && t === to),
    );
  });

  it('counts as active exactly the statuses that can still be cancelled', () => {
    expect(REGISTRATION_STATUSES.filter((s) => REGISTRATION_LIFECYCLE.can(s, 'cancelled'))).toEqual(
      ACTIVE_STATUSES,
    );
  });
});

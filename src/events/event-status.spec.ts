import { EVENT_STATUSES, EventStatus, EVENT_LIFECYCLE } from 'src/events/event-status';

const allowed: ReadonlyArray<[EventStatus, EventStatus]> = [
  ['draft', 'published'],
  ['published', 'registration_open'],
  ['registration_open', 'registration_closed'],
  ['registration_closed', 'registration_open'],
  ['registration_closed', 'live'],
  ['published', 'live'],
  ['registration_open', 'live'],
  ['live', 'concluded'],
  ['concluded', 'archived'],
  ['draft', 'cancelled'],
  ['published', 'cancelled'],
  ['registration_open', 'cancelled'],
  ['registration_closed', 'cancelled'],
  ['live', 'cancelled'],
];

describe('event transitions', () => {
  const pairs = EVENT_STATUSES.flatMap((from) => EVENT_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    expect(EVENT_LIFECYCLE.can(from, to)).toBe(allowed.some(([f, t]) => f === from && t === to));
  });

  it('cannot cancel a concluded or archived event', () => {
    expect(EVENT_LIFECYCLE.can('concluded', 'cancelled')).toBe(false);
    expect(EVENT_LIFECYCLE.can('archived', 'cancelled')).toBe(false);
  });
});

import { EVENT_LIFECYCLE } from 'src/events/event-status';
import { hiddenSections, offeredMoves } from 'src/web/console/event-sections';

describe('an event’s console fits its kind and format', () => {
  it.each([
    ['salon', ['roadshows', 'docking', 'matching']],
    ['roadshow', ['docking']],
    ['precise_docking', ['roadshows']],
    ['cloud_docking', []],
    ['campus_visit', ['roadshows', 'docking', 'matching']],
  ] as const)('a %s hides %j', (kind, hidden) => {
    expect(hiddenSections(kind)).toEqual(hidden);
  });

  it('offers going live only where something is streamed, and publishing with registration open for a draft', () => {
    const open = EVENT_LIFECYCLE.next('registration_open');
    expect(offeredMoves(open, 'registration_open', 'offline')).not.toContain('live');
    expect(offeredMoves(open, 'registration_open', 'online')).toContain('live');
    expect(offeredMoves(open, 'registration_open', 'hybrid')).toContain('live');
    expect(offeredMoves(EVENT_LIFECYCLE.next('draft'), 'draft', 'offline')).toEqual([
      'publish-and-open',
      'published',
      'cancelled',
    ]);
  });
});

import { defineLifecycle } from 'src/common/lifecycle';

describe('defineLifecycle', () => {
  const refused: unknown[] = [];
  const door = defineLifecycle(
    ['closed', 'open', 'locked'] as const,
    { closed: ['open', 'locked'], open: ['closed'], locked: ['closed'] },
    (moved) => {
      refused.push(moved);
      return new Error(`${moved.from} → ${moved.to}`);
    },
  );

  it('answers moves, next moves and sources from the one table', () => {
    expect(door.can('closed', 'open')).toBe(true);
    expect(door.can('open', 'locked')).toBe(false);
    expect(door.next('closed')).toEqual(['open', 'locked']);
    expect(door.next('locked')).toEqual(['closed']);
    expect(door.sourcesOf('closed')).toEqual(['open', 'locked']);
    expect(door.sourcesOf('locked')).toEqual(['closed']);
  });

  it('refuses an illegal move with its own error, naming both statuses', () => {
    expect(() => door.assertMove('closed', 'locked')).not.toThrow();
    expect(() => door.assertMove('open', 'locked')).toThrow('open → locked');
    expect(refused).toEqual([{ from: 'open', to: 'locked' }]);
  });
});

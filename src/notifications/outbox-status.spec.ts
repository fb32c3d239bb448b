import {
  OUTBOX_STATUSES,
  OutboxStatus,
  canMoveOutbox,
  outboxSourcesOf,
} from 'src/notifications/outbox-status';

const allowed: ReadonlyArray<[OutboxStatus, OutboxStatus]> = [
  ['pending', 'enqueued'],
  ['pending', 'sending'],
  ['enqueued', 'enqueued'],
  ['enqueued', 'sending'],
  ['sending', 'sending'],
  ['sending', 'enqueued'],
  ['sending', 'delivered'],
  ['sending', 'failed'],
  ['failed', 'pending'],
  ['pending', 'dropped'],
  ['enqueued', 'dropped'],
  ['dropped', 'pending'],
];

describe('outbox transitions', () => {
  const pairs = OUTBOX_STATUSES.flatMap((from) => OUTBOX_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(canMoveOutbox(from, to)).toBe(expected);
  });

  it('never leaves delivered: a message is sent once', () => {
    expect(OUTBOX_STATUSES.filter((to) => canMoveOutbox('delivered', to))).toEqual([]);
  });

  it('derives the sources of a status', () => {
    expect(outboxSourcesOf('sending')).toEqual(['pending', 'enqueued', 'sending']);
    expect(outboxSourcesOf('enqueued')).toEqual(['pending', 'enqueued', 'sending']);
  });
});

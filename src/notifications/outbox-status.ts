/**
 * Lifecycle of an outbox message, as a pure transition table.
 *
 *   pending ──relay──▶ enqueued ──claim──▶ sending ──▶ delivered
 *                        ▲  ▲                │  │
 *                        │  └──retryable─────┘  └──permanent / last attempt──▶ failed
 *                        └── relayed again when its job vanished or its sender's lease ran out
 *
 *   pending | enqueued ──▶ dropped (its cause went away: a cancelled registration's reminder)
 *   dropped ──▶ pending (scheduled again, e.g. the event moved back)
 */
export const OUTBOX_STATUSES = [
  'pending',
  'enqueued',
  'sending',
  'delivered',
  'failed',
  'dropped',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_TRANSITIONS: Readonly<Record<OutboxStatus, readonly OutboxStatus[]>> = {
  pending: ['enqueued', 'sending', 'dropped'],
  enqueued: ['enqueued', 'sending', 'dropped'],
  // `sending → sending`: another worker takes over a message whose sender's lease ran out.
  sending: ['sending', 'enqueued', 'delivered', 'failed'],
  delivered: [],
  failed: ['pending'],
  dropped: ['pending'],
};

export function canMoveOutbox(from: OutboxStatus, to: OutboxStatus): boolean {
  return OUTBOX_TRANSITIONS[from].includes(to);
}

/** The statuses a message may reach `to` from: what a conditional UPDATE's WHERE clause allows. */
export function outboxSourcesOf(to: OutboxStatus): OutboxStatus[] {
  return OUTBOX_STATUSES.filter((from) => canMoveOutbox(from, to));
}

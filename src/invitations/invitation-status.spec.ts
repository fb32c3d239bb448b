import {
  INVITATION_STATUSES,
  InvitationStatus,
  INVITATION_LIFECYCLE,
  invitationView,
} from 'src/invitations/invitation-status';

const allowed: ReadonlyArray<[InvitationStatus, InvitationStatus]> = [
  ['created', 'opened'],
  ['created', 'accepted'],
  ['created', 'declined'],
  ['created', 'revoked'],
  ['opened', 'accepted'],
  ['opened', 'declined'],
  ['opened', 'revoked'],
  ['declined', 'accepted'],
  ['declined', 'revoked'],
];

describe('invitation transitions', () => {
  const pairs = INVITATION_STATUSES.flatMap((from) =>
    INVITATION_STATUSES.map((to) => [from, to] as const),
  );
  it.each(pairs)('%s → %s', (from, to) => {
    expect(INVITATION_LIFECYCLE.can(from, to)).toBe(
      allowed.some(([f, t]) => f === from && t === to),
    );
  });
});

describe('invitationView', () => {
  it.each([
    ['created', 'pending', false, 'created'],
    ['created', 'delivered', false, 'sent'],
    ['created', 'failed', false, 'failed'],
    ['opened', 'delivered', false, 'opened'],
    ['declined', 'delivered', false, 'declined'],
    ['created', 'delivered', true, 'expired'],
    ['opened', 'delivered', true, 'expired'],
    ['accepted', 'delivered', true, 'accepted'],
    ['revoked', 'pending', false, 'revoked'],
  ] as const)('%s, message %s, started %s → %s', (status, delivery, started, view) => {
    expect(invitationView(status, delivery, started)).toBe(view);
  });
});

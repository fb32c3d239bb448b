import { defineLifecycle } from 'src/common/lifecycle';
import { InvitationError } from 'src/invitations/invitations.errors';

/**
 * What invitees and organizers did with an invitation, as a pure transition table. Whether its
 * message went out (sent, failed) is read from the outbox, and expiry from the event's start:
 * neither is stored twice.
 */
export const INVITATION_STATUSES = [
  'created',
  'opened',
  'accepted',
  'declined',
  'revoked',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

const TRANSITIONS: Readonly<Record<InvitationStatus, readonly InvitationStatus[]>> = {
  created: ['opened', 'accepted', 'declined', 'revoked'],
  opened: ['accepted', 'declined', 'revoked'],
  // A person who declined may still change their mind while the invitation stands.
  declined: ['accepted', 'revoked'],
  accepted: [],
  revoked: [],
};

export const INVITATION_LIFECYCLE = defineLifecycle(INVITATION_STATUSES, TRANSITIONS, (moved) =>
  InvitationError.INVITATION_INVALID_TRANSITION(moved),
);

/** The status people see: the stored one, with delivery and expiry folded in. */
export type InvitationView = InvitationStatus | 'sent' | 'failed' | 'expired';

export function invitationView(
  status: InvitationStatus,
  delivery: 'pending' | 'delivered' | 'failed',
  eventStarted: boolean,
): InvitationView {
  if (status === 'accepted' || status === 'revoked') return status;
  if (eventStarted) return 'expired';
  if (status !== 'created') return status;
  if (delivery === 'delivered') return 'sent';
  if (delivery === 'failed') return 'failed';
  return 'created';
}

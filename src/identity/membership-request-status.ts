import { defineLifecycle } from 'src/common/lifecycle';
import { IdentityError } from 'src/identity/identity.errors';

export const MEMBERSHIP_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type MembershipRequestStatus = (typeof MEMBERSHIP_REQUEST_STATUSES)[number];

/** A request to join an institution or enterprise: decided once by one of its managers. */
const TRANSITIONS: Readonly<Record<MembershipRequestStatus, readonly MembershipRequestStatus[]>> = {
  pending: ['approved', 'rejected'],
  approved: [],
  rejected: [],
};

export const MEMBERSHIP_REQUEST_LIFECYCLE = defineLifecycle(
  MEMBERSHIP_REQUEST_STATUSES,
  TRANSITIONS,
  (moved) => IdentityError.MEMBERSHIP_REQUEST_DECIDED(moved),
);

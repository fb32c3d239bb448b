import { defineLifecycle } from 'src/common/lifecycle';
import { RegistrationError } from 'src/registrations/registrations.errors';

/**
 * Lifecycle of a registration, as a pure transition table:
 *   pending (awaiting the organizer's approval) → confirmed | waitlisted | rejected
 *   waitlisted → confirmed (promoted when a seat frees)
 *   pending | waitlisted | confirmed → cancelled
 */
export const REGISTRATION_STATUSES = [
  'pending',
  'waitlisted',
  'confirmed',
  'rejected',
  'cancelled',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

const TRANSITIONS: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  pending: ['confirmed', 'waitlisted', 'rejected', 'cancelled'],
  waitlisted: ['confirmed', 'cancelled'],
  confirmed: ['cancelled'],
  rejected: [],
  cancelled: [],
};

export const REGISTRATION_LIFECYCLE = defineLifecycle(REGISTRATION_STATUSES, TRANSITIONS, (moved) =>
  RegistrationError.REGISTRATION_INVALID_TRANSITION(moved),
);

/** Statuses that hold the person's place: one of these per person and event. */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = [
  'pending',
  'waitlisted',
  'confirmed',
];

import { defineLifecycle } from 'src/common/lifecycle';
import { RegistrationError } from 'src/registrations/registrations.errors';

/**
 * Lifecycle of a registration, as a pure transition table:
 *   pending (awaiting the organizer's approval) → confirmed | waitlisted | rejected
 *   waitlisted → confirmed (promoted when a seat frees) | held (a guest promoted where guests confirm)
 *   held (a guest's seat, held until they confirm by link) → confirmed | cancelled (the hold lapsed)
 *   pending | waitlisted | confirmed → cancelled
 */
export const REGISTRATION_STATUSES = [
  'pending',
  'waitlisted',
  'held',
  'confirmed',
  'rejected',
  'cancelled',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

const TRANSITIONS: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  pending: ['confirmed', 'waitlisted', 'rejected', 'cancelled'],
  waitlisted: ['confirmed', 'held', 'cancelled'],
  held: ['confirmed', 'cancelled'],
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
  'held',
  'confirmed',
];

/** Statuses that take a seat of the ledger. */
export const SEATED_STATUSES: readonly RegistrationStatus[] = ['held', 'confirmed'];

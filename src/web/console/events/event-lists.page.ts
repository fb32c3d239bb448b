import { InvitationDto } from 'src/invitations/dto/invitation.dto';
import { InvitationView } from 'src/invitations/invitation-status';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { REGISTRATION_LIFECYCLE } from 'src/registrations/registration-status';
import { Locale } from 'src/config/config';

/**
 * What the rows of an event's invitations and registrations offer, from the services' DTOs: pure,
 * so it is tested without a browser.
 */

/** The invitations' states the list filters by, in the order they happen. */
export const INVITATION_VIEWS: readonly InvitationView[] = [
  'created',
  'sent',
  'failed',
  'opened',
  'accepted',
  'declined',
  'revoked',
  'expired',
];

/** Invitations no one can act on any more: answered for good, withdrawn, or past the event's start. */
const SETTLED: readonly InvitationView[] = ['accepted', 'revoked', 'expired'];

export interface InvitationRow extends InvitationDto {
  revocable: boolean;
  resendable: boolean;
}

export function invitationRow(invitation: InvitationDto): InvitationRow {
  const open = !SETTLED.includes(invitation.status);
  return { ...invitation, revocable: open, resendable: open && invitation.status !== 'declined' };
}

export interface RegistrationRow extends RegistrationDto {
  decidable: boolean;
  cancellable: boolean;
}

export function registrationRow(registration: RegistrationDto): RegistrationRow {
  return {
    ...registration,
    // Approving or rejecting is a decision on a pending registration only.
    decidable: registration.status === 'pending',
    cancellable: REGISTRATION_LIFECYCLE.can(registration.status, 'cancelled'),
  };
}

/**
 * The downloads of an event's registrations (the API's, through the page's progress script), in
 * the page's language: one language per file.
 */
export function registrationExports(
  eventId: string,
  locale: Locale,
): { format: string; href: string }[] {
  return ['csv', 'xlsx'].map((format) => ({
    format,
    href: `/api/events/${eventId}/registrations.${format}?lang=${locale}`,
  }));
}

/** A typed number of seats as the DTO reads it: empty is unlimited (null). */
export function seatsOf(typed: unknown): unknown {
  if (typeof typed !== 'string' || typed.trim() === '') return null;
  return /^\d+$/.test(typed.trim()) ? Number(typed) : typed;
}

import { StatementPart } from 'src/database/statement-part';
import { coHostScope } from 'src/privacy/consent.entity';
import { ConsentGrant, consentsGiven } from 'src/privacy/consents';
import { RegistrationError } from 'src/registrations/registrations.errors';

/**
 * What a registrant consents to with their registration (whose id it is given), written by the
 * statement or the transaction that books the seat: never a seat without its consents.
 */
export type Accepted = (registrationId: string) => ConsentGrant[];

/**
 * The privacy notice, and the separate consent (PIPL Art. 23) to show their contacts to each
 * co-host they ticked.
 */
export function registrantConsents(sharedWith: readonly string[]): Accepted {
  return (registrationId) => [
    { person: { type: 'registration', id: registrationId }, purpose: 'notice', scope: null },
    ...coHostShares(sharedWith)(registrationId),
  ];
}

/** The separate consent to show each co-host ticked the registrant's contacts. */
export function coHostShares(sharedWith: readonly string[]): Accepted {
  return (registrationId) =>
    sharedWith.map((coHost) => ({
      person: { type: 'registration', id: registrationId },
      purpose: 'share_contacts',
      scope: coHostScope(coHost),
    }));
}

/** Consents given to the event's organization, as a part of a statement (see `consentsGiven`). */
export function consentsPart(organizationId: string, grants: ConsentGrant[]): StatementPart {
  return (firstParam, when) =>
    consentsGiven(grants, organizationId, { firstParam, given: () => when });
}

/** The ticked co-hosts the event does not name (a stale form, a forged one). */
export function unnamedCoHosts(ticked: readonly string[], named: readonly string[]): string[] {
  return ticked.filter((id) => !named.includes(id));
}

/**
 * The co-hosts ticked, each once, every one named by the event (`named`, asked only when some are
 * ticked, so a registration without them costs no query): else 400 on the field.
 */
export async function tickedCoHosts(
  ticked: readonly string[] = [],
  named: () => Promise<string[]>,
): Promise<string[]> {
  const sharedWith = [...new Set(ticked)];
  if (sharedWith.length === 0) return [];
  const unnamed = unnamedCoHosts(sharedWith, await named());
  if (unnamed.length > 0)
    throw RegistrationError.REGISTRATION_NOT_A_CO_HOST({ organizationIds: unnamed }).onField(
      'shareContactsWith',
    );
  return sharedWith;
}

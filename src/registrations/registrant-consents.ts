import { allParts, StatementPart } from 'src/database/statement-part';
import { coHostScope } from 'src/privacy/consent.entity';
import { consentGiven } from 'src/privacy/consents';
import { RegistrationError } from 'src/registrations/registrations.errors';

/**
 * What a registrant consents to with their registration, written by the statement or the
 * transaction that books the seat (never a seat without its consents): the privacy notice, and
 * the separate consent (PIPL Art. 23) to show their contacts to each co-host they ticked.
 */
export function registrantConsents(
  organizationId: string,
  sharedWith: readonly string[],
): (registrationId: string) => StatementPart {
  return (registrationId) => {
    const person = { type: 'registration' as const, id: registrationId };
    const notice: StatementPart = (firstParam, when) =>
      consentGiven(person, 'notice', null, organizationId, { firstParam, when });
    return allParts(notice, coHostShares(organizationId, sharedWith)(registrationId));
  };
}

/** The separate consent to show each co-host ticked the registrant's contacts, as one part. */
export function coHostShares(
  organizationId: string,
  sharedWith: readonly string[],
): (registrationId: string) => StatementPart {
  return (registrationId) =>
    allParts(
      ...sharedWith.map(
        (coHost, n): StatementPart =>
          (firstParam, when) =>
            consentGiven(
              { type: 'registration', id: registrationId },
              'share_contacts',
              coHostScope(coHost),
              organizationId,
              { firstParam, when, name: `co_host_${n}` },
            ),
      ),
    );
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

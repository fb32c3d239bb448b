import { createHmac, timingSafeEqual } from 'node:crypto';

/** An HMAC of what a token opens, so that nothing needs storing. */
export function signedToken(secret: string, purpose: string, id: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${id}`).digest('base64url').slice(0, 32);
}

export function isSignedToken(secret: string, purpose: string, id: string, token: string): boolean {
  const expected = Buffer.from(signedToken(secret, purpose, id));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The secrets of links that act without an account (`LINK_TOKEN_SECRET`, and while rotating
 * `LINK_TOKEN_SECRET_PREVIOUS`): the current one signs, both are accepted.
 */
export interface LinkSecrets {
  current: string;
  previous: string | null;
}

/** Signed by the current link secret, or by the previous one while it is being rotated out. */
export function isSignedByLinkSecret(
  secrets: LinkSecrets,
  purpose: string,
  id: string,
  token: string,
): boolean {
  return (
    isSignedToken(secrets.current, purpose, id, token) ||
    (secrets.previous !== null && isSignedToken(secrets.previous, purpose, id, token))
  );
}

/** Days a registration's or an invitation's link keeps working after its event has ended. */
export const LINK_DAYS_AFTER_EVENT = 30;

/** When the links of an event's registrations and invitations stop working. */
export function linkExpiryFor(event: { endsAt: Date }): Date {
  return new Date(event.endsAt.getTime() + LINK_DAYS_AFTER_EVENT * 24 * 3600 * 1000);
}

/**
 * A link's token that expires (a guest's registration, an invitation): `<expiry>.<signature>`,
 * the expiry in seconds (base 36) signed with the record's id, so any message can carry it again
 * and the link stops working by itself.
 */
export function linkToken(
  secrets: LinkSecrets,
  purpose: string,
  id: string,
  expiresAt: Date,
): string {
  const expires = Math.ceil(expiresAt.getTime() / 1000).toString(36);
  return `${expires}.${signedToken(secrets.current, purpose, `${id}:${expires}`)}`;
}

export function isLinkToken(
  secrets: LinkSecrets,
  purpose: string,
  id: string,
  token: string,
  now = Date.now(),
): boolean {
  const [expires, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !expires || !signature || !/^[0-9a-z]{1,10}$/.test(expires)) return false;
  if (parseInt(expires, 36) * 1000 <= now) return false;
  return isSignedByLinkSecret(secrets, purpose, `${id}:${expires}`, signature);
}

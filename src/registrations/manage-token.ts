import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The secret in a registration's links that lets a guest see or cancel it: an HMAC of its id, so
 * any message can carry it again and nothing needs storing.
 */
export function manageToken(secret: string, registrationId: string): string {
  return createHmac('sha256', secret)
    .update(`registration:${registrationId}`)
    .digest('base64url')
    .slice(0, 32);
}

export function isManageToken(secret: string, registrationId: string, token: string): boolean {
  const expected = Buffer.from(manageToken(secret, registrationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A secret for links that act without an account (a guest's registration, a calendar feed): an
 * HMAC of what it opens, so any message can carry it again and nothing needs storing.
 */
export function signedToken(secret: string, purpose: string, id: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${id}`).digest('base64url').slice(0, 32);
}

export function isSignedToken(secret: string, purpose: string, id: string, token: string): boolean {
  const expected = Buffer.from(signedToken(secret, purpose, id));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

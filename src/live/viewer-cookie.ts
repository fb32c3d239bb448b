import { randomUUID } from 'node:crypto';
import { isSignedToken, signedToken } from 'src/common/signed-token';

/**
 * A guest's viewer id, issued by the server in a signed cookie when their socket opens, so that a
 * guest counts once however many tabs they open and a made-up id counts for nothing: the audience
 * figures a programme reports count the viewers the server saw.
 */
export const VIEWER_COOKIE = 'duijie_viewer';
const PURPOSE = 'live-viewer';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cookie's value for a viewer id: `<id>.<signature>`. */
export function viewerCookieValue(secret: string, viewerId: string): string {
  return `${viewerId}.${signedToken(secret, PURPOSE, viewerId)}`;
}

/** The viewer id a cookie value carries, if the server signed it; undefined for anything else. */
export function viewerIdOf(secret: string, value: string | undefined): string | undefined {
  const [id, signature, extra] = (value ?? '').split('.');
  if (extra !== undefined || !id || !signature || !UUID.test(id)) return undefined;
  return isSignedToken(secret, PURPOSE, id, signature) ? id : undefined;
}

/** The guest's viewer id from the request's cookie, or a new one with the cookie to set. */
export function guestViewer(
  secret: string,
  cookieValue: string | undefined,
  secure: boolean,
): { viewerId: string; setCookie?: string } {
  const known = viewerIdOf(secret, cookieValue);
  if (known) return { viewerId: known };
  const viewerId = randomUUID();
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${365 * 24 * 3600}`];
  if (secure) attributes.push('Secure');
  const value = viewerCookieValue(secret, viewerId);
  return { viewerId, setCookie: [`${VIEWER_COOKIE}=${value}`, ...attributes].join('; ') };
}

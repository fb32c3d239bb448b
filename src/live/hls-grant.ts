import { isSignedByLinkSecret, LinkSecrets, signedToken } from 'src/common/signed-token';

/**
 * The address of a session's HLS relay for those who may watch a session that is not public: a
 * grant in the path (`<expires>.<signature>`), so that the player's requests for the segments,
 * relative to the playlist, carry it too. It expires; anyone holding it until then may watch, as
 * with any CDN's signed URL.
 */
export const HLS_GRANT_SECONDS = 6 * 3600;

export function hlsGrant(secrets: LinkSecrets, sessionId: string, now = Date.now()): string {
  // Rounded to the hour, so that the address of one viewer stays the same for a while.
  const expires = Math.ceil((now / 1000 + HLS_GRANT_SECONDS) / 3600) * 3600;
  return `${expires}.${signedToken(secrets.current, 'hls', `${sessionId}:${expires}`)}`;
}

export function isHlsGrant(
  secrets: LinkSecrets,
  sessionId: string,
  grant: string,
  now = Date.now(),
): boolean {
  const [expires, token] = grant.split('.');
  if (!/^\d{1,12}$/.test(expires ?? '') || !token || Number(expires) * 1000 <= now) return false;
  return isSignedByLinkSecret(secrets, 'hls', `${sessionId}:${expires}`, token);
}

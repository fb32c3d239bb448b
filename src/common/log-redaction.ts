/**
 * What a request's log line may say about its address. Links that act without an account carry
 * their secret in the address (a registration's or an invitation's `?token=`, a calendar feed,
 * a team invitation's `/team-invitations/<token>`, an HLS grant, an e-mail's verification or
 * password-reset link): whoever reads the log must not be able to use them.
 */
export const SECRET_QUERY_NAMES: readonly string[] = [
  'token',
  'code',
  'grant',
  'password',
  // Not secrets, but a person's: the pages that say where a code went carry the number.
  'mobile',
  'email',
];
export const SECRET_PATH_PARAMS: readonly string[] = ['token', 'grant'];
export const REDACTED = '[redacted]';

/**
 * The address with the secrets replaced: path parameters named in SECRET_PATH_PARAMS (read from
 * the matched route's pattern) and query values named in SECRET_QUERY_NAMES. An address no route
 * matched keeps no segment that looks like a token.
 */
export function redactedUrl(url: string, route: string | undefined): string {
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? '' : url.slice(mark + 1);
  return redactedPath(path, route) + (query ? `?${redactedQuery(query)}` : '');
}

function redactedPath(path: string, route: string | undefined): string {
  const segments = path.split('/');
  if (!route) return segments.map((s) => (looksLikeToken(s) ? REDACTED : s)).join('/');
  const pattern = route.split('/');
  return segments
    .map((segment, i) => {
      const name = pattern[i]?.startsWith(':') ? pattern[i].slice(1) : undefined;
      return name !== undefined && SECRET_PATH_PARAMS.includes(name) ? REDACTED : segment;
    })
    .join('/');
}

function redactedQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeSafely(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
      return eq >= 0 && SECRET_QUERY_NAMES.includes(name)
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    })
    .join('&');
}

/** Long url-safe runs that are not ids (UUIDs) or words: what signed tokens look like. */
function looksLikeToken(segment: string): boolean {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return false;
  return segment.length >= 24 && /^[A-Za-z0-9._~-]+$/.test(segment) && /\d/.test(segment);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

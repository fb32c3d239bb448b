import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { fromAllowedOrigin } from 'src/common/origins';
import { isSignedToken, signedToken } from 'src/common/signed-token';
import type { AppConfig } from 'src/config/config';

/** The hidden field every page form carries, and the header page scripts send it in instead. */
export const FORM_TOKEN_FIELD = '_csrf';
export const FORM_TOKEN_HEADER = 'x-csrf-token';
/**
 * A random value kept in a cookie for readers not signed in, so that the sign-in and sign-up
 * forms carry a token too (a foreign site cannot sign a visitor into its own account).
 */
export const PRE_SESSION_COOKIE = 'duijie_form';

/** Bodies the JSON API takes with the session cookie: JSON, and the imports' CSV and XLSX files. */
const COOKIE_BODY_TYPES = [
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** A page form's token: an HMAC of the reader's session (or pre-session) cookie. */
export function formTokenFor(secret: string, cookie: string): string {
  return signedToken(secret, 'form', cookie);
}

export interface CsrfRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
  body: unknown;
}

export type CsrfVerdict = 'pass' | 'cross-site' | 'form-expired' | 'cookie-needs-json';

/**
 * Whether a request may change something, as far as cross-site forgery goes:
 * - what a bearer token sends is the client's own doing (a browser cannot add the header for
 *   another site without CORS, which the API does not allow);
 * - otherwise only from our own origins (Origin, else Sec-Fetch-Site; a client that sends neither
 *   is not a browser, and carries no victim's cookie);
 * - the API with the session cookie: only JSON (or the imports' files) — the bodies a plain HTML
 *   form can send are refused;
 * - a page: with the form's token matching the reader's cookie (session, else pre-session).
 */
export function csrfVerdict(
  request: CsrfRequest,
  config: Pick<AppConfig, 'allowedOrigins' | 'jwtSecret'>,
): CsrfVerdict {
  if (SAFE_METHODS.includes(request.method)) return 'pass';
  const authorization = single(request.headers.authorization);
  if (authorization?.startsWith('Bearer ')) return 'pass';
  // Without a cookie too: the API's sign-in sets one, which another site must not make it do.
  if (!fromAllowedOrigin(request.headers, config)) return 'cross-site';
  const session = request.cookies[SESSION_COOKIE] || undefined;
  if (/^\/api(\/|$|\?)/.test(request.url)) {
    return !session || sendsCookieBody(request.headers) ? 'pass' : 'cookie-needs-json';
  }
  const given = formTokenOf(request);
  const cookies = [session, request.cookies[PRE_SESSION_COOKIE] || undefined];
  const matches = cookies.some(
    (cookie) =>
      cookie !== undefined &&
      given !== undefined &&
      isSignedToken(config.jwtSecret, 'form', cookie, given),
  );
  return matches ? 'pass' : 'form-expired';
}

function sendsCookieBody(headers: CsrfRequest['headers']): boolean {
  const type = single(headers['content-type'])?.split(';')[0].trim().toLowerCase();
  return type === undefined || type === '' || COOKIE_BODY_TYPES.includes(type);
}

/** The token a page's form or script sent: the hidden field, else the header. */
function formTokenOf(request: CsrfRequest): string | undefined {
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = typeof body === 'object' && body !== null ? body[FORM_TOKEN_FIELD] : undefined;
  if (typeof field === 'string') return field;
  return single(request.headers[FORM_TOKEN_HEADER]);
}

/** The form's own field is the check's, not the page's: forms read their DTO without it. */
export function dropFormToken(body: unknown): void {
  if (typeof body === 'object' && body !== null) {
    delete (body as Record<string, unknown>)[FORM_TOKEN_FIELD];
  }
}

/** A new pre-session value (a reader without cookies opening a page). */
export function newPreSession(): string {
  return randomBytes(24).toString('base64url');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

import { FastifyRequest } from 'fastify';
import { actsAs } from 'src/access/policy';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { formTokenFor, PRE_SESSION_COOKIE } from 'src/common/csrf';
import { pickLocale } from 'src/common/i18n';
import { AppConfig, Locale, LOCALES } from 'src/config/config';
import { Role } from 'src/identity/roles';
import { PageContext } from 'src/web/page-renderer';

/** The cookie that keeps the language a reader chose with the switch. */
export const LANGUAGE_COOKIE = 'duijie_lang';

/** The language of a page: the reader's choice, else their browser's, else the platform's. */
export function localeOf(request: FastifyRequest, config: AppConfig): Locale {
  const chosen = request.cookies?.[LANGUAGE_COOKIE];
  if (chosen && (LOCALES as readonly string[]).includes(chosen)) return chosen as Locale;
  return pickLocale(request.headers['accept-language'], config.defaultLocale);
}

export function pageContext(request: FastifyRequest, config: AppConfig): PageContext {
  const user = request.user;
  // What the navigation offers is what the policy lets the reader act as (as the API's guard).
  const holds = (role: Role) => actsAs(user, role);
  return {
    locale: localeOf(request, config),
    timeZone: config.defaultTimeZone,
    path: request.url,
    formToken: formTokenOf(request, config),
    user: user ? { name: user.name, roles: user.roles } : undefined,
    can: {
      organize: holds('organizer'),
      expert: holds('expert'),
      enterprise: holds('enterprise'),
    },
  };
}

/**
 * The token the page's forms carry: bound to the session cookie, else to the pre-session one
 * every page sets for readers who are not signed in (`app.ts`).
 */
function formTokenOf(request: FastifyRequest, config: AppConfig): string {
  const cookie = request.cookies?.[SESSION_COOKIE] || request.cookies?.[PRE_SESSION_COOKIE];
  return cookie ? formTokenFor(config.jwtSecret, cookie) : '';
}

const NEXT_BASE = 'http://next.invalid';

/**
 * A path on this site to go back to (never another site), percent-encoded as a `Location` header
 * must be: a path in Chinese is kept, written as its UTF-8 escapes.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !/^\/(?!\/)[^\s\\]*$/.test(next)) return '/';
  const url = new URL(next, NEXT_BASE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments may resolve to "//host": still a path only if it stays one.
  return url.origin === NEXT_BASE && !path.startsWith('//') ? path : '/';
}

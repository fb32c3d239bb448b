import { FastifyRequest } from 'fastify';
import { actsAs } from 'src/access/policy';
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
    user: user ? { name: user.name, roles: user.roles } : undefined,
    can: {
      organize: holds('organizer'),
      expert: holds('expert'),
      enterprise: holds('enterprise'),
    },
  };
}

/** A path on this site to go back to (never another site). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

import { Locale } from 'src/config/config';
import { Role } from 'src/identity/roles';

/** The signed-in person, as guards and controllers see them. */
export interface AuthUser {
  id: string;
  name: string;
  /** The account's addresses, proved or not: for showing and prefilling, never for granting. */
  email: string | null;
  mobile: string | null;
  /**
   * The addresses the person proved are theirs (e-mail by its link, mobile by an SMS code):
   * everything granted on an address (invitations, seats, registrations) matches these only.
   */
  verifiedEmail: string | null;
  verifiedMobile: string | null;
  locale: Locale;
  roles: Role[];
  /** Holds a team role (manager, staff, reviewer, viewer) in some organization. */
  inTeam: boolean;
  sessionId: string;
}

/** Resolves a bearer token or cookie to its user; provided by the identity feature. */
export interface Authenticator {
  authenticate(token: string): Promise<AuthUser | undefined>;
}
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** The HttpOnly cookie that carries the token for pages. */
export const SESSION_COOKIE = 'duijie_token';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

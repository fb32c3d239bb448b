import { AuthUser } from 'src/common/auth/auth-user';
import { User } from 'src/identity/user.entity';

/** The signed-in form of an account: its addresses, and those of them it proved. */
export function authUserOf(user: User, session: { id: string; inTeam: boolean }): AuthUser {
  const { name, email, mobile, locale, roles } = user;
  return {
    name,
    email,
    mobile,
    ...verifiedOf(user),
    locale,
    roles,
    inTeam: session.inTeam,
    sessionId: session.id,
  };
}

/** The addresses of an account that anything may be granted on: those it proved it owns. */
export function verifiedOf(user: User): {
  id: string;
  verifiedEmail: string | null;
  verifiedMobile: string | null;
} {
  return {
    id: user.id,
    verifiedEmail: user.emailVerifiedAt ? user.email : null,
    verifiedMobile: user.mobileVerifiedAt ? user.mobile : null,
  };
}

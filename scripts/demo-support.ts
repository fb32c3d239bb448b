import { AuthUser } from 'src/common/auth/auth-user';
import { User } from 'src/identity/user.entity';

export const DAY = 24 * 3600 * 1000;

/** A demo account acting through the services, as if signed in. */
export function asActor({ id, name, email, locale, roles }: User): AuthUser {
  return { id, name, email, locale, roles, sessionId: '' };
}

/** A day `days` from today at `hour`:`minute` Beijing time. */
export function beijing(days: number, hour: number, minute = 0): Date {
  const date = new Date(Date.now() + days * DAY);
  date.setUTCHours(hour - 8, minute, 0, 0);
  return date;
}

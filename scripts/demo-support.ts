import { AuthUser } from 'src/common/auth/auth-user';
import { atWallClock, dayIn } from 'src/common/time';
import { User } from 'src/identity/user.entity';
import { authUserOf } from 'src/identity/verified-identity';

export const DAY = 24 * 3600 * 1000;

/**
 * A demo account acting through the services, as if signed in (what its teams allow is asked of
 * the database by each service, as for anyone).
 */
export function asActor(user: User): AuthUser {
  return authUserOf(user, { id: '', inTeam: false });
}

/** A day `days` from today at `hour`:`minute` Beijing time (the demo's events are in Chengdu). */
export function beijing(days: number, hour: number, minute = 0): Date {
  const day = dayIn(new Date(Date.now() + days * DAY), 'Asia/Shanghai');
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return atWallClock(`${day}T${time}`, 'Asia/Shanghai');
}

import { Inject, Injectable } from '@nestjs/common';
import { calendarEntry, toICalendar } from 'src/calendar/calendar';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { isSignedToken, signedToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Event } from 'src/events/event.entity';
import { EventAccess } from 'src/events/event-access';
import { Tx } from 'src/database/tx';
import { activePlaceOf } from 'src/registrations/registration-queries';

const FEED = 'calendar';

@Injectable()
export class CalendarService {
  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
  ) {}

  /** One event, for whoever may see it. */
  async eventCalendar(user: AuthUser | undefined, eventId: string): Promise<string> {
    const { event } = await this.access.visibleEvent(user, eventId);
    return toICalendar(event.title, [calendarEntry(event, this.config.publicUrl)]);
  }

  /** The address of the user's personal feed: the events they are registered for. */
  feedUrl(user: AuthUser): string {
    const token = `${user.id}.${signedToken(this.config.jwtSecret, FEED, user.id)}`;
    return `${this.config.publicUrl}/api/calendar/feed.ics?token=${token}`;
  }

  async feed(token: string): Promise<string> {
    const [userId, mac] = token.split('.');
    if (!userId || !mac || !isSignedToken(this.config.jwtSecret, FEED, userId, mac)) {
      throw CommonError.NOT_FOUND();
    }
    const events = await this.tx
      .repository(Event)
      .createQueryBuilder('e')
      .where(...activePlaceOf('e', userId))
      .orderBy('e.startsAt', 'ASC')
      .getMany();
    return toICalendar(
      '对接 · 我的活动 / duijie · my events',
      events.map((e) => calendarEntry(e, this.config.publicUrl)),
    );
  }
}

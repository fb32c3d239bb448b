import { Inject, Injectable } from '@nestjs/common';
import { calendarEntry, toICalendar } from 'src/calendar/calendar';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { isSignedByLinkSecret, signedToken } from 'src/common/signed-token';
import { CalendarFeed } from 'src/calendar/calendar-feed.entity';
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
  async feedUrl(user: AuthUser): Promise<string> {
    return this.addressOf(user.id, await this.versionOf(user.id));
  }

  /** A new address for the feed; the old one stops working (it leaked, or was shared once too often). */
  async resetFeed(user: AuthUser): Promise<string> {
    const [{ version }] = await this.tx.query<{ version: number }[]>(
      `INSERT INTO calendar_feed (user_id, version) VALUES ($1, 2)
       ON CONFLICT (user_id) DO UPDATE SET version = calendar_feed.version + 1
       RETURNING version`,
      [user.id],
    );
    return this.addressOf(user.id, version);
  }

  /** `<user>.<version>.<signature>`: the signature covers the version, so only the latest opens. */
  private addressOf(userId: string, version: number): string {
    const mac = signedToken(this.config.linkTokens.current, FEED, `${userId}:${version}`);
    return `${this.config.publicUrl}/api/calendar/feed.ics?token=${userId}.${version}.${mac}`;
  }

  private async versionOf(userId: string): Promise<number> {
    const row = await this.tx.repository(CalendarFeed).findOneBy({ userId });
    return row?.version ?? 1;
  }

  async feed(token: string): Promise<string> {
    const [userId, version, mac, ...rest] = token.split('.');
    const signed =
      userId &&
      mac &&
      rest.length === 0 &&
      /^[1-9]\d{0,8}$/.test(version ?? '') &&
      isSignedByLinkSecret(this.config.linkTokens, FEED, `${userId}:${version}`, mac);
    if (!signed || Number(version) !== (await this.versionOf(userId))) {
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

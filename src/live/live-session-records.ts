import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { LiveState } from 'src/agenda/dto/agenda.dto';
import { LiveNow } from 'src/agenda/live-now';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { EventAccess } from 'src/events/event-access';
import { LiveSession } from 'src/live/live-session.entity';
import { LiveError } from 'src/live/live.errors';

/**
 * The reads of a session row that both the session lifecycle (`LiveService`) and the audience's
 * talk (`LiveTalkService`) start from, kept in one place so that a missing session and a hidden
 * event answer the same everywhere. Internal to the live module: it hands out the entity, the
 * services hand out DTOs.
 */
@Injectable()
export class LiveSessionRecords implements LiveNow {
  constructor(
    private readonly tx: Tx,
    private readonly access: EventAccess,
  ) {}

  /** The session's row, or LIVE_SESSION_NOT_FOUND. */
  async row(id: string): Promise<LiveSession> {
    const session = await this.tx.repository(LiveSession).findOneBy({ id });
    if (!session) throw LiveError.LIVE_SESSION_NOT_FOUND({ id });
    return session;
  }

  /** The event's agenda items streamed now, with their session (what the agenda shows as live). */
  async itemsLive(eventId: string): Promise<Map<string, LiveState>> {
    const sessions = await this.tx.repository(LiveSession).find({
      where: { eventId, status: 'live', agendaItemId: Not(IsNull()) },
    });
    return new Map(sessions.map((s) => [s.agendaItemId!, { sessionId: s.id, since: s.startedAt }]));
  }

  /** 404 unless the person may see the session's event; returns whether they manage it. */
  async visible(user: AuthUser | undefined, session: LiveSession): Promise<boolean> {
    return (await this.access.visibleEvent(user, session.eventId)).manages;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { DomainEvents } from 'src/database/domain-events';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { Tx } from 'src/database/tx';
import { EventAccess, manages } from 'src/events/event-access';
import { EventChanged } from 'src/events/event-changed';
import { Event } from 'src/events/event.entity';
import { EventsService } from 'src/events/events.service';
import { Attendance } from 'src/live/attendance';
import { Audience, AudienceFigures } from 'src/live/audience';
import { LiveBroadcast } from 'src/live/broadcast';
import { LiveSessionDto, StartLiveSessionDto } from 'src/live/dto/live.dto';
import {
  Admission,
  LiveStanding,
  STARTABLE_STATUSES,
  admitViewer,
  mayProduce,
} from 'src/live/live-rules';
import { LiveSessionEnded } from 'src/live/live-session-ended';
import { LiveSessionRecords } from 'src/live/live-session-records';
import { LiveSession } from 'src/live/live-session.entity';
import { LiveError } from 'src/live/live.errors';
import { MediaPool } from 'src/live/media-pool';
import { RelayKind, Relays } from 'src/live/relay';
import { holdsInvitation } from 'src/invitations/invitation-queries';
import { hlsGrant, isHlsGrant } from 'src/live/hls-grant';
import { hasConfirmedSeat } from 'src/registrations/registration-queries';
import { presentsItem } from 'src/agenda/agenda-queries';

const ADMISSION_ERRORS: Record<Exclude<Admission, 'admitted'>, (id: string) => Error> = {
  sign_in_first: (id) => LiveError.LIVE_SIGN_IN_REQUIRED({ sessionId: id }),
  not_invited: (id) => LiveError.LIVE_NOT_INVITED({ sessionId: id }),
  not_found: (id) => LiveError.LIVE_SESSION_NOT_FOUND({ id }),
};

/**
 * The life of a live session: started and stopped (and ended with its event), who may watch or
 * present (admission), the HLS relay and recordings, and the audience figures kept when a session
 * ends. What the audience says during a session is `LiveTalkService`'s.
 */
@Injectable()
export class LiveService {
  private readonly logger = new Logger('Live');

  constructor(
    private readonly tx: Tx,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: EventAccess,
    private readonly events: EventsService,
    private readonly pool: MediaPool,
    private readonly audience: Audience,
    private readonly relays: Relays,
    private readonly broadcast: LiveBroadcast,
    private readonly records: LiveSessionRecords,
    private readonly domainEvents: DomainEvents,
  ) {
    domainEvents.subscribe(EventChanged, 'in-transaction', ({ event }) => this.eventChanged(event));
  }

  /** Starts a session of an agenda item (or of the event); the event goes live with its first one. */
  async start(user: AuthUser, input: StartLiveSessionDto): Promise<LiveSessionDto> {
    const reason = this.pool.unavailableReason();
    if (reason) throw LiveError.LIVE_UNAVAILABLE({ reason });
    const id = await this.tx
      .run(async (manager) => {
        const { event, manages } = await this.access.visibleEvent(user, input.eventId, true);
        const itemId = input.agendaItemId ?? null;
        if (itemId && !(await manager.existsBy(AgendaItem, { id: itemId, eventId: event.id })))
          throw LiveError.LIVE_ITEM_NOT_FOUND({ id: itemId }).onField('agendaItemId');
        if (!mayProduce({ manages, presents: await this.presents(itemId, user) }))
          throw LiveError.LIVE_NOT_PRESENTER({ eventId: event.id });
        if (!STARTABLE_STATUSES.includes(event.status))
          throw LiveError.LIVE_EVENT_NOT_STARTABLE({ status: event.status });
        const session = manager.create(LiveSession, {
          eventId: event.id,
          agendaItemId: itemId,
          startedById: user.id,
        });
        await manager.insert(LiveSession, session);
        // The event row is locked: of two first starts, the second sees it live already.
        await this.events.goLive(event.id, user.id);
        return session.id;
      })
      .catch((error: unknown) => {
        if (
          isUniqueViolation(error, 'uq_live_session_item_live') ||
          isUniqueViolation(error, 'uq_live_session_event_live')
        )
          throw LiveError.LIVE_ALREADY_LIVE({
            eventId: input.eventId,
            agendaItemId: input.agendaItemId,
          });
        throw error;
      });
    this.logger.log(`live session ${id} started`);
    return this.toDto(await this.records.row(id), user);
  }

  /** Ends a session: its audience figures go to PostgreSQL and the event's statistics. */
  async stop(user: AuthUser, id: string): Promise<LiveSessionDto> {
    const session = await this.records.row(id);
    const { manages } = await this.access.visibleEvent(user, session.eventId);
    if (
      !mayProduce({
        manages,
        presents: await this.presents(session.agendaItemId, user),
      })
    )
      throw LiveError.LIVE_NOT_PRESENTER({ eventId: session.eventId });
    await this.tx.run(() => this.end(session));
    await this.afterEnd(id);
    return this.toDto(await this.records.row(id), user);
  }

  /** An event that concludes or is cancelled ends its live sessions. */
  async eventChanged(event: Event): Promise<void> {
    const { manager } = this.tx;
    if (event.status !== 'concluded' && event.status !== 'cancelled') return;
    const live = await manager.findBy(LiveSession, { eventId: event.id, status: 'live' });
    for (const session of live) await this.end(session);
    // Viewers are told once the end is committed (never for a rolled-back one).
    for (const session of live) await this.tx.afterCommit(() => this.afterEnd(session.id));
  }

  async get(user: AuthUser | undefined, id: string): Promise<LiveSessionDto> {
    const session = await this.records.row(id);
    await this.records.visible(user, session);
    return this.toDto(session, user);
  }

  async listForEvent(user: AuthUser | undefined, eventId: string): Promise<LiveSessionDto[]> {
    await this.access.visibleEvent(user, eventId);
    const sessions = await this.tx
      .repository(LiveSession)
      .find({ where: { eventId }, order: { startedAt: 'DESC' } });
    return Promise.all(sessions.map((s) => this.toDto(s, user)));
  }

  /** Who the person joining is to the session, or the reason they may not join. */
  async admit(
    user: AuthUser | undefined,
    sessionId: string,
    present: boolean,
    guestId: string,
  ): Promise<Attendance> {
    const session = await this.records.row(sessionId);
    const event = await this.tx.repository(Event).findOneByOrFail({ id: session.eventId });
    const who = await this.standing(user, event, session.agendaItemId);
    const admission = admitViewer(event, who);
    if (admission !== 'admitted') throw ADMISSION_ERRORS[admission](sessionId);
    if (session.status !== 'live') throw LiveError.LIVE_SESSION_ENDED({ sessionId });
    if (present && !mayProduce(who)) throw LiveError.LIVE_NOT_PRESENTER({ eventId: event.id });
    return {
      sessionId: session.id,
      eventId: session.eventId,
      agendaItemId: session.agendaItemId,
      presenter: present,
      moderator: who.manages,
      answers: mayProduce(who),
      viewerId: user ? `user:${user.id}` : `guest:${guestId}`,
    };
  }

  /** Starts the HLS relay or a recording (organizers; on the host that serves the session's media). */
  async startRelay(user: AuthUser, sessionId: string, kind: RelayKind): Promise<LiveSessionDto> {
    const session = await this.managedLiveSession(user, sessionId);
    const output = await this.relays.start(sessionId, kind);
    await this.tx
      .repository(LiveSession)
      .update(
        { id: sessionId },
        kind === 'hls'
          ? { hlsPath: `/api/live/sessions/${sessionId}/hls/index.m3u8` }
          : { recordingFile: output, recordings: [...session.recordings, output] },
      );
    return this.toDto(await this.records.row(sessionId), user);
  }

  async stopRelay(user: AuthUser, sessionId: string, kind: RelayKind): Promise<LiveSessionDto> {
    await this.managedLiveSession(user, sessionId);
    await this.relays.stop(sessionId, kind);
    await this.tx
      .repository(LiveSession)
      .update({ id: sessionId }, kind === 'hls' ? { hlsPath: null } : { recordingFile: null });
    return this.toDto(await this.records.row(sessionId), user);
  }

  /**
   * The directory holding a session's HLS playlist: open for a public event's session (for the CDN
   * to pull), else only with a grant the service handed to someone who may watch (see hls-grant).
   */
  async hlsDirectory(sessionId: string, grant?: string): Promise<string> {
    const session = await this.records.row(sessionId);
    const event = await this.tx.repository(Event).findOneByOrFail({ id: session.eventId });
    const open = event.visibility === 'public' && event.status !== 'draft';
    if (!open && !(grant && isHlsGrant(this.config.linkTokens, sessionId, grant)))
      throw LiveError.LIVE_SESSION_NOT_FOUND({ id: sessionId });
    if (!session.hlsPath) throw LiveError.LIVE_RELAY_NOT_RUNNING({ kind: 'hls' });
    return `${this.config.live.hlsDir}/${sessionId}`;
  }

  private async managedLiveSession(user: AuthUser, sessionId: string): Promise<LiveSession> {
    const session = await this.records.row(sessionId);
    await this.access.managedEvent(user, session.eventId);
    if (session.status !== 'live') throw LiveError.LIVE_SESSION_ENDED({ sessionId });
    if (!this.pool.hosts(sessionId)) throw LiveError.LIVE_MEDIA_ON_OTHER_HOST({ sessionId });
    return session;
  }

  /** Ends a session in the caller's transaction, with the audience figures counted in Redis. */
  private async end(session: LiveSession): Promise<void> {
    const { manager } = this.tx;
    const ended = await manager
      .createQueryBuilder()
      .update(LiveSession)
      .set({ status: 'ended', endedAt: () => 'now()', hlsPath: null, recordingFile: null })
      .where("id = :id AND status = 'live'", { id: session.id })
      .execute();
    if (ended.affected !== 1) throw LiveError.LIVE_SESSION_ENDED({ sessionId: session.id });
    const { figures, viewerIds } = await this.audience.finish(session.id);
    await manager.update(
      LiveSession,
      { id: session.id },
      {
        totalViews: figures.totalViews,
        uniqueViewers: figures.uniqueViewers,
        peakConcurrent: figures.peakConcurrent,
        watchSeconds: figures.watchSeconds,
      },
    );
    for (let i = 0; i < viewerIds.length; i += 10_000) {
      await manager.query(
        `INSERT INTO live_viewer (session_id, viewer_id)
         SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING`,
        [session.id, viewerIds.slice(i, i + 10_000)],
      );
    }
    await this.domainEvents.publish(new LiveSessionEnded(session.id, session.eventId));
  }

  /** Once an end is committed: counters go, and every process closes the session's media. */
  private async afterEnd(sessionId: string): Promise<void> {
    const session = await this.tx.repository(LiveSession).findOneBy({ id: sessionId });
    if (session?.status !== 'ended') return;
    await this.audience.forget(sessionId);
    await this.broadcast.tell(sessionId, 'everyone', 'ended', { sessionId });
    this.logger.log(`live session ${sessionId} ended`);
  }

  /** Closes this process's share of an ended session: relays and media. */
  async closeMedia(sessionId: string): Promise<void> {
    await this.relays.stopAll(sessionId);
    await this.pool.close(sessionId);
  }

  private async standing(
    user: AuthUser | undefined,
    event: Event,
    agendaItemId: string | null,
  ): Promise<LiveStanding> {
    if (!user)
      return {
        signedIn: false,
        manages: false,
        presents: false,
        invited: false,
        registered: false,
      };
    return {
      signedIn: true,
      manages: manages(await this.access.managedBy(user), event),
      presents: await this.presents(agendaItemId, user),
      invited: await holdsInvitation(this.tx, event.id, user),
      registered: await hasConfirmedSeat(this.tx, event.id, user),
    };
  }

  private async presents(
    agendaItemId: string | null,
    user: AuthUser | undefined,
  ): Promise<boolean> {
    return !!agendaItemId && !!user && presentsItem(this.tx, agendaItemId, user.id);
  }

  /**
   * The session as `user` may know it: the HLS address open for a public event, signed for one who
   * may watch otherwise, none for anyone else; the recordings' files for its organizers only.
   */
  private async toDto(session: LiveSession, user: AuthUser | undefined): Promise<LiveSessionDto> {
    const event = await this.tx.repository(Event).findOneByOrFail({ id: session.eventId });
    const who = await this.standing(user, event, session.agendaItemId);
    const figures: AudienceFigures =
      session.status === 'live'
        ? await this.audience.figures(session.id)
        : {
            totalViews: session.totalViews,
            uniqueViewers: session.uniqueViewers,
            peakConcurrent: session.peakConcurrent,
            watchSeconds: session.watchSeconds,
            concurrent: 0,
          };
    return {
      id: session.id,
      eventId: session.eventId,
      agendaItemId: session.agendaItemId,
      status: session.status,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      figures,
      hlsUrl: this.hlsUrl(session, event, who),
      recording: session.recordingFile !== null,
      recordings: who.manages ? session.recordings : [],
    };
  }

  private hlsUrl(session: LiveSession, event: Event, who: LiveStanding): string | null {
    if (!session.hlsPath) return null;
    const base = `${this.config.publicUrl}/api/live/sessions/${session.id}/hls`;
    if (event.visibility === 'public') return `${base}/index.m3u8`;
    if (admitViewer(event, who) !== 'admitted') return null;
    return `${base}/${hlsGrant(this.config.linkTokens, session.id)}/index.m3u8`;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { AuthUser } from 'src/common/auth/auth-user';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { IntentDto } from 'src/deals/dto/deals.dto';
import { IntentsService } from 'src/deals/intents.service';
import { EventAccess, manages } from 'src/events/event-access';
import { EventChanged } from 'src/events/event-changed';
import { DomainEvents } from 'src/database/domain-events';
import { Event } from 'src/events/event.entity';
import { Audience, AudienceFigures } from 'src/live/audience';
import { LiveBroadcast } from 'src/live/broadcast';
import {
  AnswerDto,
  AskDto,
  ChatMessageDto,
  LiveIntentDto,
  LiveQuestionDto,
  LiveSessionDto,
  ModerateDto,
  QuestionQueryDto,
  StartLiveSessionDto,
} from 'src/live/dto/live.dto';
import { LiveChatMessage, LiveQuestion } from 'src/live/live-question.entity';
import {
  Admission,
  LiveStanding,
  STARTABLE_STATUSES,
  admitViewer,
  mayProduce,
} from 'src/live/live-rules';
import { QUESTION_LIFECYCLE, QuestionStatus } from 'src/live/question-status';
import { LiveSession } from 'src/live/live-session.entity';
import { LiveError } from 'src/live/live.errors';
import { MediaPool } from 'src/live/media-pool';
import { RelayKind, Relays } from 'src/live/relay';
import { Tx } from 'src/database/tx';
import { LiveSessionEnded } from 'src/live/live-session-ended';
import { EventsService } from 'src/events/events.service';

/** Who a joined peer is in a session. */
export interface Attendance {
  session: LiveSession;
  /** Sends media. */
  presenter: boolean;
  /** Moderates questions (the event's organizers). */
  moderator: boolean;
  /** Answers questions (presenters and organizers). */
  answers: boolean;
  /** `user:<id>` or `guest:<viewer id>`: what unique viewers count. */
  viewerId: string;
}

const ADMISSION_ERRORS: Record<Exclude<Admission, 'admitted'>, (id: string) => Error> = {
  sign_in_first: (id) => LiveError.LIVE_SIGN_IN_REQUIRED({ sessionId: id }),
  not_invited: (id) => LiveError.LIVE_NOT_INVITED({ sessionId: id }),
  not_found: (id) => LiveError.LIVE_SESSION_NOT_FOUND({ id }),
};

/**
 * The live stage's records and rules: sessions started and stopped, who may watch or present,
 * moderated questions, the chat, intents from the audience, and the audience figures kept when a
 * session ends.
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
    private readonly intents: IntentsService,
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
    return this.toDto(await this.sessionRow(id));
  }

  /** Ends a session: its audience figures go to PostgreSQL and the event's statistics. */
  async stop(user: AuthUser, id: string): Promise<LiveSessionDto> {
    const session = await this.sessionRow(id);
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
    return this.toDto(await this.sessionRow(id));
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
    const session = await this.sessionRow(id);
    await this.visible(user, session);
    return this.toDto(session);
  }

  async listForEvent(user: AuthUser | undefined, eventId: string): Promise<LiveSessionDto[]> {
    await this.access.visibleEvent(user, eventId);
    const sessions = await this.tx
      .repository(LiveSession)
      .find({ where: { eventId }, order: { startedAt: 'DESC' } });
    return Promise.all(sessions.map((s) => this.toDto(s)));
  }

  /** Who the person joining is to the session, or the reason they may not join. */
  async admit(
    user: AuthUser | undefined,
    sessionId: string,
    present: boolean,
    guestId: string,
  ): Promise<Attendance> {
    const session = await this.sessionRow(sessionId);
    const event = await this.tx.repository(Event).findOneByOrFail({ id: session.eventId });
    const who = await this.standing(user, event, session.agendaItemId);
    const admission = admitViewer(event, who);
    if (admission !== 'admitted') throw ADMISSION_ERRORS[admission](sessionId);
    if (session.status !== 'live') throw LiveError.LIVE_SESSION_ENDED({ sessionId });
    if (present && !mayProduce(who)) throw LiveError.LIVE_NOT_PRESENTER({ eventId: event.id });
    return {
      session,
      presenter: present,
      moderator: who.manages,
      answers: mayProduce(who),
      viewerId: user ? `user:${user.id}` : `guest:${guestId}`,
    };
  }

  async questions(
    user: AuthUser | undefined,
    sessionId: string,
    query: QuestionQueryDto,
  ): Promise<LiveQuestionDto[]> {
    const session = await this.sessionRow(sessionId);
    const manages = await this.visible(user, session);
    const qb = this.tx
      .repository(LiveQuestion)
      .createQueryBuilder('q')
      .where('q.sessionId = :sessionId', { sessionId })
      .orderBy('q.askedAt', 'ASC');
    if (query.status) qb.andWhere('q.status = :status', { status: query.status });
    if (!manages) qb.andWhere("q.status IN ('approved', 'answered')");
    return (await qb.getMany()).map(toQuestionDto);
  }

  async ask(
    user: AuthUser | undefined,
    attendance: Attendance,
    input: AskDto,
  ): Promise<LiveQuestionDto> {
    const repo = this.tx.repository(LiveQuestion);
    const question = repo.create({
      sessionId: attendance.session.id,
      userId: user?.id ?? null,
      viewerId: attendance.viewerId,
      askerName: displayName(user, input.name),
      text: input.text,
    });
    await repo.insert(question);
    const dto = toQuestionDto(question);
    await this.broadcast.tell(attendance.session.id, 'moderators', 'questionAsked', dto);
    return dto;
  }

  async moderate(attendance: Attendance, input: ModerateDto): Promise<LiveQuestionDto> {
    if (!attendance.moderator) throw LiveError.LIVE_NOT_MODERATOR({});
    const to: QuestionStatus = input.decision === 'approve' ? 'approved' : 'rejected';
    return this.moveQuestion(attendance, input.questionId, to, { moderatedAt: new Date() });
  }

  async answer(attendance: Attendance, input: AnswerDto): Promise<LiveQuestionDto> {
    if (!attendance.answers) throw LiveError.LIVE_NOT_PRESENTER({});
    return this.moveQuestion(attendance, input.questionId, 'answered', {
      answer: input.answer ?? null,
      answeredAt: new Date(),
    });
  }

  async chat(
    user: AuthUser | undefined,
    attendance: Attendance,
    input: AskDto,
  ): Promise<ChatMessageDto> {
    const repo = this.tx.repository(LiveChatMessage);
    const message = repo.create({
      sessionId: attendance.session.id,
      userId: user?.id ?? null,
      viewerId: attendance.viewerId,
      name: displayName(user, input.name),
      text: input.text,
    });
    await repo.insert(message);
    const dto: ChatMessageDto = {
      id: message.id,
      sessionId: message.sessionId,
      name: message.name,
      text: message.text,
      sentAt: message.sentAt,
    };
    await this.broadcast.tell(attendance.session.id, 'everyone', 'chat', dto);
    return dto;
  }

  /** The intent button: a signed-in enterprise viewer wants to cooperate on the presented result. */
  async intent(
    user: AuthUser | undefined,
    attendance: Attendance,
    input: LiveIntentDto,
  ): Promise<IntentDto> {
    if (!user?.roles.includes('enterprise'))
      throw LiveError.LIVE_INTENT_ENTERPRISE_ONLY({ sessionId: attendance.session.id });
    const { agendaItemId, eventId } = attendance.session;
    const item = agendaItemId
      ? await this.tx.repository(AgendaItem).findOneBy({ id: agendaItemId })
      : null;
    if (!item?.resultId)
      throw LiveError.LIVE_INTENT_NO_RESULT({ sessionId: attendance.session.id });
    const [organization] = await this.tx.query<{ name: string }[]>(
      `SELECT o.name FROM membership m JOIN organization o ON o.id = m.organization_id
        WHERE m.user_id = $1 ORDER BY (o.kind = 'enterprise') DESC, o.name LIMIT 1`,
      [user.id],
    );
    return this.intents.createIntent(user, {
      enterpriseName: input.enterpriseName ?? organization?.name ?? user.name,
      resultId: item.resultId,
      eventId,
      note: input.note ?? `直播中表达意向 / From the live stream: ${item.title}`,
    });
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
    return this.toDto(await this.sessionRow(sessionId));
  }

  async stopRelay(user: AuthUser, sessionId: string, kind: RelayKind): Promise<LiveSessionDto> {
    await this.managedLiveSession(user, sessionId);
    await this.relays.stop(sessionId, kind);
    await this.tx
      .repository(LiveSession)
      .update({ id: sessionId }, kind === 'hls' ? { hlsPath: null } : { recordingFile: null });
    return this.toDto(await this.sessionRow(sessionId));
  }

  /** A public session's HLS relay: the directory holding its playlist, for the CDN to pull. */
  async hlsDirectory(sessionId: string): Promise<string> {
    const session = await this.sessionRow(sessionId);
    await this.visible(undefined, session);
    if (!session.hlsPath) throw LiveError.LIVE_RELAY_NOT_RUNNING({ kind: 'hls' });
    return `${this.config.live.hlsDir}/${sessionId}`;
  }

  private async managedLiveSession(user: AuthUser, sessionId: string): Promise<LiveSession> {
    const session = await this.sessionRow(sessionId);
    await this.access.managedEvent(user, session.eventId);
    if (session.status !== 'live') throw LiveError.LIVE_SESSION_ENDED({ sessionId });
    if (!this.pool.hosts(sessionId)) throw LiveError.LIVE_MEDIA_ON_OTHER_HOST({ sessionId });
    return session;
  }

  private async moveQuestion(
    attendance: Attendance,
    questionId: string,
    to: QuestionStatus,
    changes: Partial<LiveQuestion>,
  ): Promise<LiveQuestionDto> {
    const repo = this.tx.repository(LiveQuestion);
    const question = await repo.findOneBy({ id: questionId, sessionId: attendance.session.id });
    if (!question) throw LiveError.LIVE_QUESTION_NOT_FOUND({ id: questionId });
    QUESTION_LIFECYCLE.assertMove(question.status, to);
    // Conditional on the state we checked: two moderators cannot both move it.
    const result = await repo.update(
      { id: questionId, status: question.status },
      { ...changes, status: to },
    );
    if (result.affected !== 1) throw QUESTION_LIFECYCLE.refusal(question.status, to);
    const dto = toQuestionDto(await repo.findOneByOrFail({ id: questionId }));
    await this.broadcast.tell(attendance.session.id, 'everyone', 'question', dto);
    return dto;
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
    const [row] = await this.tx.query<{ invited: boolean; registered: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM invitation WHERE event_id = $1 AND email = $2
                         AND status NOT IN ('revoked', 'declined')) AS invited,
              EXISTS (SELECT 1 FROM registration WHERE event_id = $1 AND status = 'confirmed'
                         AND (user_id = $3 OR email = $2)) AS registered`,
      [event.id, user.email, user.id],
    );
    return {
      signedIn: true,
      manages: manages(await this.access.managedBy(user), event),
      presents: await this.presents(agendaItemId, user),
      invited: row.invited,
      registered: row.registered,
    };
  }

  private async presents(
    agendaItemId: string | null,
    user: AuthUser | undefined,
  ): Promise<boolean> {
    const { manager } = this.tx;
    if (!agendaItemId || !user) return false;
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM agenda_presenter WHERE item_id = $1 AND user_id = $2',
      [agendaItemId, user.id],
    );
    return rows.length > 0;
  }

  /** 404 unless the person may see the session's event; returns whether they manage it. */
  private async visible(user: AuthUser | undefined, session: LiveSession): Promise<boolean> {
    return (await this.access.visibleEvent(user, session.eventId)).manages;
  }

  private async sessionRow(id: string): Promise<LiveSession> {
    const session = await this.tx.repository(LiveSession).findOneBy({ id });
    if (!session) throw LiveError.LIVE_SESSION_NOT_FOUND({ id });
    return session;
  }

  private async toDto(session: LiveSession): Promise<LiveSessionDto> {
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
      hlsUrl: session.hlsPath ? `${this.config.publicUrl}${session.hlsPath}` : null,
      recording: session.recordingFile !== null,
      recordings: session.recordings,
    };
  }
}

function displayName(user: AuthUser | undefined, given: string | undefined): string {
  return user?.name ?? given ?? '游客 / Guest';
}

function toQuestionDto(q: LiveQuestion): LiveQuestionDto {
  return {
    id: q.id,
    sessionId: q.sessionId,
    askerName: q.askerName,
    text: q.text,
    status: q.status,
    answer: q.answer ?? null,
    askedAt: q.askedAt,
    answeredAt: q.answeredAt ?? null,
  };
}

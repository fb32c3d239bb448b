import { Inject, Logger, OnModuleInit, UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { IncomingMessage } from 'node:http';
import { RawData } from 'ws';
import { CommonError } from 'src/common/errors/common.errors';
import { pickLocale } from 'src/common/i18n';
import { createValidationPipe } from 'src/common/validation';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Attendance } from 'src/live/attendance';
import { Audience, HEARTBEAT_MS } from 'src/live/audience';
import { LiveBroadcast, LiveNews } from 'src/live/broadcast';
import {
  AnswerDto,
  AskDto,
  ChatDto,
  ConnectTransportDto,
  ConsumeDto,
  CreateTransportDto,
  HeartbeatDto,
  JoinDto,
  LiveIntentDto,
  LiveMessageDto,
  ModerateDto,
  ProduceDto,
  ResumeDto,
} from 'src/live/dto/live.dto';
import { LiveLimits, Speech } from 'src/live/live-limits';
import { LivePeers, Peer } from 'src/live/live-peers';
import { envelopeProblem, reply } from 'src/live/live-protocol';
import { LiveSocketGate } from 'src/live/live-socket-gate';
import { LiveSocket, LiveSocketFilter, sendError } from 'src/live/live-socket.filter';
import { LiveTalkService, displayName } from 'src/live/live-talk.service';
import { LiveError } from 'src/live/live.errors';
import { LiveService } from 'src/live/live.service';
import { DtlsParameters, RtpCapabilities, RtpParameters } from 'src/live/media-adapter';
import { MediaHostClaim } from 'src/live/media-host-claim';
import { MediaPool, RoomMoved } from 'src/live/media-pool';

/**
 * Signalling for the live stage over a WebSocket at `/api/live/ws`: messages are
 * `{ event, data }` with an optional `data.requestId` echoed in the reply, and errors arrive as
 * `{ event: 'error', data: { requestId, code, message, details } }`. Sign in with the bearer token
 * (`Authorization` header or `?token=`) or the session cookie; guests of public cloud dockings
 * come without one. Who may open a socket, and who they are, is settled during the upgrade
 * (`LiveSocketGate`, through `LiveSocketAdapter`), so no message waits on a sign-in. Each handler
 * checks what the peer holds and hands the work on: admission to `LiveService`, media to
 * `MediaPool`, questions, chat and intents (limited by `LiveLimits`) to `LiveTalkService`.
 */
@WebSocketGateway({ path: '/api/live/ws' })
@UsePipes(createValidationPipe())
@UseFilters(LiveSocketFilter)
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit {
  private readonly logger = new Logger('Live');
  private readonly peers = new LivePeers();

  constructor(
    private readonly live: LiveService,
    private readonly talk: LiveTalkService,
    private readonly pool: MediaPool,
    private readonly audience: Audience,
    private readonly broadcast: LiveBroadcast,
    private readonly hostClaim: MediaHostClaim,
    private readonly gate: LiveSocketGate,
    private readonly limits: LiveLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.pool.onMoved((moved) => this.moved(moved));
    this.broadcast.listen((news) => {
      this.hear(news).catch((error: unknown) =>
        this.logger.warn(`live news for ${news.sessionId} not passed on: ${String(error)}`),
      );
    });
    this.hostClaim.keep(() => this.peers.sessions().filter((id) => this.pool.hosts(id)));
  }

  handleConnection(socket: LiveSocket, request: IncomingMessage): void {
    socket.locale = pickLocale(request.headers['accept-language'], this.config.defaultLocale);
    const pass = this.gate.passOf(request);
    if (!pass) return socket.close(1011, 'not checked'); // only sockets the gate let through
    this.peers.connect(socket, pass);
    socket.on('message', (raw: RawData) => this.checkEnvelope(socket, raw));
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    const peer = this.peers.disconnect(socket);
    if (peer) await this.depart(peer).catch((error: unknown) => this.logger.warn(String(error)));
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: JoinDto) {
    const peer = this.peers.of(socket);
    await this.depart(peer);
    const user = peer.user; // a guest's viewerId in the body is ignored: the cookie's counts
    const present = body.present ?? false;
    const attendance = await this.live.admit(user, body.sessionId, present, peer.guestId);
    const rtpCapabilities = await this.seat(peer, attendance);
    return reply('joined', body, {
      sessionId: attendance.sessionId,
      role: attendance.presenter ? 'presenter' : 'viewer',
      moderator: attendance.moderator,
      viewerId: user ? null : peer.guestId,
      rtpCapabilities,
      producers: this.pool.producers(attendance.sessionId),
      heartbeatSeconds: HEARTBEAT_MS / 1000,
    });
  }

  @SubscribeMessage('createTransport')
  async createTransport(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: CreateTransportDto,
  ) {
    const peer = this.peers.of(socket);
    const { sessionId, presenter } = peer.attending();
    if (body.direction === 'send' && !presenter) throw LiveError.LIVE_NOT_PRESENTER({ sessionId });
    const transport = await this.pool.createTransport(sessionId, peer.routerId!);
    peer.transports.add(transport.id);
    return reply('transportCreated', body, { direction: body.direction, ...transport });
  }

  @SubscribeMessage('connectTransport')
  async connectTransport(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: ConnectTransportDto,
  ) {
    const peer = this.peers.of(socket);
    const { sessionId } = peer.attending();
    peer.ownTransport(body.transportId);
    const dtlsParameters = body.dtlsParameters as unknown as DtlsParameters;
    await this.pool.connectTransport(sessionId, body.transportId, dtlsParameters);
    return reply('transportConnected', body, { transportId: body.transportId });
  }

  @SubscribeMessage('produce')
  async produce(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ProduceDto) {
    const peer = this.peers.of(socket);
    const { sessionId, presenter } = peer.attending();
    if (!presenter) throw LiveError.LIVE_NOT_PRESENTER({ sessionId });
    peer.ownTransport(body.transportId);
    const rtpParameters = body.rtpParameters as unknown as RtpParameters;
    const producerId = await this.pool.produce(
      sessionId,
      body.transportId,
      body.kind,
      rtpParameters,
    );
    peer.producers.add(producerId);
    await this.broadcast.tell(sessionId, 'everyone', 'newProducer', {
      producerId,
      kind: body.kind,
    });
    return reply('produced', body, { producerId });
  }

  @SubscribeMessage('consume')
  async consume(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ConsumeDto) {
    const peer = this.peers.of(socket);
    const { sessionId } = peer.attending();
    peer.ownTransport(body.transportId);
    const { transportId, producerId, rtpCapabilities } = body;
    const consumer = await this.pool.consume(sessionId, transportId, producerId, rtpCapabilities);
    return reply('consumed', body, consumer);
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ResumeDto) {
    const { sessionId } = this.peers.of(socket).attending();
    await this.pool.resumeConsumer(sessionId, body.consumerId);
    return reply('resumed', body, { consumerId: body.consumerId });
  }

  @SubscribeMessage('heartbeat')
  async heartbeat(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: HeartbeatDto) {
    const peer = this.peers.of(socket);
    const { sessionId, presenter } = peer.attending();
    // Presenters are not counted in the audience: they read the count without beating.
    const concurrent = presenter
      ? (await this.audience.figures(sessionId)).concurrent
      : await this.audience.beat(sessionId, peer.id);
    return reply('heartbeat', body, { concurrent });
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: LiveMessageDto) {
    await this.depart(this.peers.of(socket));
    return reply('left', body, {});
  }

  @SubscribeMessage('ask')
  async ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: AskDto) {
    const peer = this.peers.of(socket);
    const attendance = await this.speaking(peer, 'question', body.name);
    return reply('asked', body, await this.talk.ask(peer.user, attendance, body));
  }

  @SubscribeMessage('chat')
  async chat(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ChatDto) {
    const peer = this.peers.of(socket);
    const attendance = await this.speaking(peer, 'chat', body.name);
    return reply('chatSent', body, await this.talk.chat(peer.user, attendance, body));
  }

  @SubscribeMessage('moderate')
  async moderate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ModerateDto) {
    const attendance = this.peers.of(socket).attending();
    return reply('moderated', body, await this.talk.moderate(attendance, body));
  }

  @SubscribeMessage('answer')
  async answer(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: AnswerDto) {
    const attendance = this.peers.of(socket).attending();
    return reply('answered', body, await this.talk.answer(attendance, body));
  }

  @SubscribeMessage('intent')
  async intent(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: LiveIntentDto) {
    const peer = this.peers.of(socket);
    const attendance = await this.speaking(peer, 'intent');
    return reply('intentRecorded', body, await this.talk.intent(peer.user, attendance, body));
  }

  /** Answers what Nest's adapter would drop silently: text that is not JSON, or an unknown message. */
  private checkEnvelope(socket: LiveSocket, raw: RawData): void {
    const problem = envelopeProblem(raw);
    if (!problem) return;
    const error = CommonError.MALFORMED_REQUEST({ reason: problem.reason });
    sendError(socket, error, problem.requestId, this.config.defaultLocale);
  }

  /**
   * The session a peer speaks in, within the limits of what one person and one address may say;
   * a guest's name is checked first, so that a refused name does not use up a line.
   */
  private async speaking(peer: Peer, speech: Speech, name?: string): Promise<Attendance> {
    const attendance = peer.attending();
    displayName(peer.user, name);
    await this.limits.speak(speech, { viewerId: attendance.viewerId, address: peer.address });
    return attendance;
  }

  /** Puts an admitted peer on a router of the session's media, hosted here, and counts a viewer. */
  private async seat(peer: Peer, attendance: Attendance): Promise<RtpCapabilities> {
    const { sessionId, presenter } = attendance;
    if (!this.pool.hosts(sessionId) && !(await this.hostClaim.claim(sessionId)))
      throw LiveError.LIVE_MEDIA_ON_OTHER_HOST({ sessionId });
    const rtpCapabilities = await this.pool.open(sessionId);
    peer.routerId = presenter
      ? this.pool.presenterRouter(sessionId)
      : await this.pool.viewerRouter(sessionId);
    this.peers.enter(peer, attendance);
    if (!presenter) await this.audience.join(sessionId, peer.id, attendance.viewerId);
    return rtpCapabilities;
  }

  /** Leaves the joined session: media closed, no longer counted. */
  private async depart(peer: Peer): Promise<void> {
    const attendance = this.peers.leave(peer);
    if (!attendance) return;
    const { sessionId } = attendance;
    for (const transportId of peer.transports) await this.pool.closeTransport(transportId);
    peer.transports.clear();
    for (const producerId of peer.producers) {
      await this.broadcast.tell(sessionId, 'everyone', 'producerClosed', { producerId });
    }
    peer.producers.clear();
    if (!attendance.presenter) await this.audience.leave(sessionId, peer.id);
  }

  /** Passes a session's news to this process's peers in it. */
  private async hear(news: LiveNews): Promise<void> {
    for (const peer of this.peers.in(news.sessionId)) {
      if (news.hearers === 'moderators' && !peer.attendance?.moderator) continue;
      if (peer.socket.readyState === peer.socket.OPEN)
        peer.socket.send(JSON.stringify({ event: news.event, data: news.data }));
    }
    if (news.event === 'ended') {
      this.peers.endSession(news.sessionId);
      await this.live.closeMedia(news.sessionId);
    }
  }

  /** Peers whose router went with a dead worker are told to join again (the media moved). */
  private moved({ sessionId, lostRouterIds }: RoomMoved): void {
    for (const peer of this.peers.in(sessionId)) {
      if (!peer.routerId || !lostRouterIds.includes(peer.routerId)) continue;
      peer.transports.clear(); // closed with their router
      this.depart(peer)
        .then(() => {
          if (peer.socket.readyState === peer.socket.OPEN)
            peer.socket.send(JSON.stringify({ event: 'sessionMoved', data: { sessionId } }));
        })
        .catch((error: unknown) =>
          this.logger.warn(`peer ${peer.id} not moved off ${sessionId}: ${String(error)}`),
        );
    }
  }
}

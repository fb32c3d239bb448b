import { Inject, Logger, OnModuleInit, UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WsResponse,
} from '@nestjs/websockets';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { RawData } from 'ws';
import { AUTHENTICATOR, AuthUser, Authenticator, SESSION_COOKIE } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { pickLocale } from 'src/common/i18n';
import { createValidationPipe } from 'src/common/validation';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Audience, HEARTBEAT_MS, STALE_MS } from 'src/live/audience';
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
import { LiveSocket, LiveSocketFilter, sendError } from 'src/live/live-socket.filter';
import { LiveError } from 'src/live/live.errors';
import { Attendance, LiveService } from 'src/live/live.service';
import { DtlsParameters, RtpParameters } from 'src/live/media-adapter';
import { MediaPool, RoomMoved } from 'src/live/media-pool';
import { REDIS } from 'src/queue/queue.module';

/** A connected person: who they are, and what they hold in the session they joined. */
interface Peer {
  id: string;
  socket: LiveSocket;
  user: Promise<AuthUser | undefined>;
  guestId: string;
  attendance?: Attendance;
  routerId?: string;
  transports: Set<string>;
  producers: Set<string>;
  lastSpokeAt: number;
}

/** The messages a client may send; anything else is answered with an error. */
const MESSAGES = [
  'join',
  'createTransport',
  'connectTransport',
  'produce',
  'consume',
  'resume',
  'heartbeat',
  'leave',
  'ask',
  'moderate',
  'answer',
  'chat',
  'intent',
];

/** The least time between two chat lines or questions of one person. */
const SPEAK_INTERVAL_MS = 1000;

/** Claims (or keeps) a session's media for this host, unless another host serves it. */
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

function reply(event: string, request: LiveMessageDto, data: object): WsResponse {
  return { event, data: { requestId: request.requestId ?? null, ...data } };
}

/**
 * Signalling for the live stage over a WebSocket at `/api/live/ws`: messages are
 * `{ event, data }` with an optional `data.requestId` echoed in the reply, and errors arrive as
 * `{ event: 'error', data: { requestId, code, message, details } }`. Sign in with the bearer token
 * (`Authorization` header or `?token=`) or the session cookie; guests of public cloud dockings
 * come without one.
 */
@WebSocketGateway({ path: '/api/live/ws' })
@UsePipes(createValidationPipe())
@UseFilters(LiveSocketFilter)
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect, OnModuleInit {
  private readonly logger = new Logger('Live');
  private readonly peers = new Map<LiveSocket, Peer>();
  private readonly bySession = new Map<string, Set<Peer>>();
  private readonly hostId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly live: LiveService,
    private readonly pool: MediaPool,
    private readonly audience: Audience,
    private readonly broadcast: LiveBroadcast,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.pool.onMoved((moved) => this.moved(moved));
    this.broadcast.listen((news) => void this.hear(news));
    // Keeps this host's claim on the media of the sessions it serves.
    setInterval(() => {
      for (const sessionId of this.bySession.keys()) {
        if (this.pool.hosts(sessionId)) void this.claim(sessionId).catch(() => undefined);
      }
    }, HEARTBEAT_MS).unref();
  }

  handleConnection(socket: LiveSocket, request: IncomingMessage): void {
    socket.locale = pickLocale(request.headers['accept-language'], this.config.defaultLocale);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const token = tokenOf(request, url);
    const peer: Peer = {
      id: randomUUID(),
      socket,
      user: token ? this.authenticator.authenticate(token) : Promise.resolve(undefined),
      guestId: randomUUID(),
      transports: new Set(),
      producers: new Set(),
      lastSpokeAt: 0,
    };
    this.peers.set(socket, peer);
    socket.on('message', (raw: RawData) => this.checkEnvelope(socket, raw));
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    const peer = this.peers.get(socket);
    this.peers.delete(socket);
    if (peer) await this.depart(peer).catch((error: unknown) => this.logger.warn(String(error)));
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: JoinDto) {
    const peer = this.peer(socket);
    await this.depart(peer);
    if (body.viewerId) peer.guestId = body.viewerId;
    const user = await peer.user;
    const attendance = await this.live.admit(
      user,
      body.sessionId,
      body.present ?? false,
      peer.guestId,
    );
    const { id: sessionId } = attendance.session;
    if (!this.pool.hosts(sessionId) && !(await this.claim(sessionId)))
      throw LiveError.LIVE_MEDIA_ON_OTHER_HOST({ sessionId });
    const rtpCapabilities = await this.pool.open(sessionId);
    peer.routerId = attendance.presenter
      ? this.pool.presenterRouter(sessionId)
      : await this.pool.viewerRouter(sessionId);
    peer.attendance = attendance;
    if (!this.bySession.has(sessionId)) this.bySession.set(sessionId, new Set());
    this.bySession.get(sessionId)!.add(peer);
    if (!attendance.presenter) await this.audience.join(sessionId, peer.id, attendance.viewerId);
    return reply('joined', body, {
      sessionId,
      role: attendance.presenter ? 'presenter' : 'viewer',
      moderator: attendance.moderator,
      viewerId: user ? null : peer.guestId,
      rtpCapabilities,
      producers: this.pool.producers(sessionId),
      heartbeatSeconds: HEARTBEAT_MS / 1000,
    });
  }

  @SubscribeMessage('createTransport')
  async createTransport(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: CreateTransportDto,
  ) {
    const peer = this.peer(socket);
    const attendance = this.attending(peer);
    if (body.direction === 'send' && !attendance.presenter)
      throw LiveError.LIVE_NOT_PRESENTER({ sessionId: attendance.session.id });
    const transport = await this.pool.createTransport(attendance.session.id, peer.routerId!);
    peer.transports.add(transport.id);
    return reply('transportCreated', body, { direction: body.direction, ...transport });
  }

  @SubscribeMessage('connectTransport')
  async connectTransport(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: ConnectTransportDto,
  ) {
    const peer = this.peer(socket);
    const sessionId = this.attending(peer).session.id;
    this.ownTransport(peer, body.transportId);
    await this.pool.connectTransport(
      sessionId,
      body.transportId,
      body.dtlsParameters as unknown as DtlsParameters,
    );
    return reply('transportConnected', body, { transportId: body.transportId });
  }

  @SubscribeMessage('produce')
  async produce(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ProduceDto) {
    const peer = this.peer(socket);
    const attendance = this.attending(peer);
    if (!attendance.presenter)
      throw LiveError.LIVE_NOT_PRESENTER({ sessionId: attendance.session.id });
    this.ownTransport(peer, body.transportId);
    const producerId = await this.pool.produce(
      attendance.session.id,
      body.transportId,
      body.kind,
      body.rtpParameters as unknown as RtpParameters,
    );
    peer.producers.add(producerId);
    await this.broadcast.tell(attendance.session.id, 'everyone', 'newProducer', {
      producerId,
      kind: body.kind,
    });
    return reply('produced', body, { producerId });
  }

  @SubscribeMessage('consume')
  async consume(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ConsumeDto) {
    const peer = this.peer(socket);
    const sessionId = this.attending(peer).session.id;
    this.ownTransport(peer, body.transportId);
    const consumer = await this.pool.consume(
      sessionId,
      body.transportId,
      body.producerId,
      body.rtpCapabilities,
    );
    return reply('consumed', body, consumer);
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ResumeDto) {
    const peer = this.peer(socket);
    await this.pool.resumeConsumer(this.attending(peer).session.id, body.consumerId);
    return reply('resumed', body, { consumerId: body.consumerId });
  }

  @SubscribeMessage('heartbeat')
  async heartbeat(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: HeartbeatDto) {
    const peer = this.peer(socket);
    const attendance = this.attending(peer);
    const concurrent = attendance.presenter
      ? (await this.audience.figures(attendance.session.id)).concurrent
      : await this.audience.beat(attendance.session.id, peer.id);
    return reply('heartbeat', body, { concurrent });
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: LiveMessageDto) {
    await this.depart(this.peer(socket));
    return reply('left', body, {});
  }

  @SubscribeMessage('ask')
  async ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: AskDto) {
    const peer = this.peer(socket);
    const attendance = this.speaking(peer);
    return reply('asked', body, await this.live.ask(await peer.user, attendance, body));
  }

  @SubscribeMessage('chat')
  async chat(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ChatDto) {
    const peer = this.peer(socket);
    const attendance = this.speaking(peer);
    return reply('chatSent', body, await this.live.chat(await peer.user, attendance, body));
  }

  @SubscribeMessage('moderate')
  async moderate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: ModerateDto) {
    const attendance = this.attending(this.peer(socket));
    return reply('moderated', body, await this.live.moderate(attendance, body));
  }

  @SubscribeMessage('answer')
  async answer(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: AnswerDto) {
    const attendance = this.attending(this.peer(socket));
    return reply('answered', body, await this.live.answer(attendance, body));
  }

  @SubscribeMessage('intent')
  async intent(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: LiveIntentDto) {
    const peer = this.peer(socket);
    const attendance = this.attending(peer);
    return reply('intentRecorded', body, await this.live.intent(await peer.user, attendance, body));
  }

  /** Answers what Nest's adapter would drop silently: text that is not JSON, or an unknown message. */
  private checkEnvelope(socket: LiveSocket, raw: RawData): void {
    let message: unknown;
    try {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as Uint8Array);
      message = JSON.parse(bytes.toString('utf8'));
    } catch {
      message = undefined;
    }
    const event = (message as { event?: unknown } | undefined)?.event;
    if (typeof event === 'string' && MESSAGES.includes(event)) return;
    const requestId = (message as { data?: { requestId?: unknown } } | undefined)?.data?.requestId;
    const problem =
      message === undefined ? 'not JSON' : `unknown event; one of ${MESSAGES.join(', ')}`;
    sendError(
      socket,
      CommonError.MALFORMED_REQUEST({ reason: problem }),
      requestId,
      this.config.defaultLocale,
    );
  }

  /** Leaves the joined session: media closed, no longer counted. */
  private async depart(peer: Peer): Promise<void> {
    const attendance = peer.attendance;
    if (!attendance) return;
    const sessionId = attendance.session.id;
    peer.attendance = undefined;
    this.bySession.get(sessionId)?.delete(peer);
    if (this.bySession.get(sessionId)?.size === 0) this.bySession.delete(sessionId);
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
    const peers = [...(this.bySession.get(news.sessionId) ?? [])];
    for (const peer of peers) {
      if (news.hearers === 'moderators' && !peer.attendance?.moderator) continue;
      if (peer.socket.readyState === peer.socket.OPEN)
        peer.socket.send(JSON.stringify({ event: news.event, data: news.data }));
    }
    if (news.event === 'ended') {
      for (const peer of peers) {
        peer.attendance = undefined;
        peer.transports.clear();
        peer.producers.clear();
      }
      this.bySession.delete(news.sessionId);
      await this.live.closeMedia(news.sessionId);
    }
  }

  /** Peers whose router went with a dead worker are told to join again (the media moved). */
  private moved({ sessionId, lostRouterIds }: RoomMoved): void {
    for (const peer of [...(this.bySession.get(sessionId) ?? [])]) {
      if (!peer.routerId || !lostRouterIds.includes(peer.routerId)) continue;
      peer.transports.clear(); // closed with their router
      void this.depart(peer).then(() =>
        peer.socket.send(JSON.stringify({ event: 'sessionMoved', data: { sessionId } })),
      );
    }
  }

  private claim(sessionId: string): Promise<boolean> {
    const key = `${this.config.redisPrefix}:live:{${sessionId}}:host`;
    return this.redis.eval(CLAIM, 1, key, this.hostId, STALE_MS).then((won) => won === 1);
  }

  private peer(socket: LiveSocket): Peer {
    const peer = this.peers.get(socket);
    if (!peer) throw LiveError.LIVE_NOT_JOINED({});
    return peer;
  }

  private attending(peer: Peer): Attendance {
    if (!peer.attendance) throw LiveError.LIVE_NOT_JOINED({});
    return peer.attendance;
  }

  /** The session a peer speaks in (a question, a chat line), at most once a second. */
  private speaking(peer: Peer): Attendance {
    const attendance = this.attending(peer);
    const now = Date.now();
    if (now - peer.lastSpokeAt < SPEAK_INTERVAL_MS) throw LiveError.LIVE_TOO_FAST({});
    peer.lastSpokeAt = now;
    return attendance;
  }

  private ownTransport(peer: Peer, transportId: string): void {
    if (!peer.transports.has(transportId)) throw LiveError.LIVE_MEDIA_NOT_FOUND({ transportId });
  }
}

/** The bearer token (header or `?token=`), else the session cookie. */
function tokenOf(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  const query = url.searchParams.get('token');
  if (query) return query;
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE);
  return cookie?.[1] ? decodeURIComponent(cookie[1]) : undefined;
}

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { placeViewer } from 'src/live/live-rules';
import { LiveError } from 'src/live/live.errors';
import {
  ConsumerOptions,
  DtlsParameters,
  MEDIA_ADAPTER,
  MediaAdapter,
  MediaKind,
  RtpCapabilities,
  RtpParameters,
  RtpTarget,
  WebRtcTransportOptions,
} from 'src/live/media-adapter';
import { MediaLedger, WorkerSlot } from 'src/live/media-ledger';

interface RoomRouter {
  routerId: string;
  workerId: string;
}

/** A live session's media on this host: its origin router (producers) and the routers piped from it. */
interface Room {
  sessionId: string;
  rtpCapabilities: RtpCapabilities;
  origin: RoomRouter;
  routers: RoomRouter[];
  producers: Map<string, MediaKind>;
}

/** Routers lost with a worker, so that the peers on them are told to join again. */
export interface RoomMoved {
  sessionId: string;
  lostRouterIds: string[];
}

/**
 * The pool of media workers and the rooms on them: the orchestration of the live stage. Every media
 * call goes through the adapter; this class decides which worker hosts a session, where each viewer
 * goes (piping producers to another worker's router when a worker reaches its consumer budget), and
 * what happens when a worker dies (a replacement starts and the sessions it hosted move). What
 * each worker and transport carries is counted in its `MediaLedger`.
 */
@Injectable()
export class MediaPool implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Live');
  private readonly ledger = new MediaLedger();
  private readonly rooms = new Map<string, Room>();
  private readonly movedListeners: ((moved: RoomMoved) => void)[] = [];
  private reason: string | null = 'starting';
  private closing = false;

  constructor(
    @Inject(MEDIA_ADAPTER) private readonly media: MediaAdapter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.reason = await this.media.unavailableReason();
    if (this.reason === null) {
      try {
        for (let i = 0; i < this.config.live.workers; i++) await this.startWorker();
      } catch (error) {
        this.reason = `mediasoup worker failed to start: ${(error as Error).message}`;
      }
    }
    if (this.reason) {
      this.logger.warn(`直播不可用 / Live streaming unavailable: ${this.reason}`);
    } else {
      this.logger.log(
        `直播已就绪 / Live streaming ready: ${this.ledger.workerCount} media worker(s)`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.all(this.ledger.workerIds().map((id) => this.media.closeWorker(id)));
    this.ledger.clearWorkers();
  }

  /** Why live streaming is unavailable here, or null when it works. */
  unavailableReason(): string | null {
    return this.reason;
  }

  onMoved(listener: (moved: RoomMoved) => void): void {
    this.movedListeners.push(listener);
  }

  /** Consumers per worker, for the health page and the benchmark. */
  load(): WorkerSlot[] {
    return this.ledger.load();
  }

  workerCpuMs(workerId: string): Promise<number> {
    return this.media.workerCpuMs(workerId);
  }

  hosts(sessionId: string): boolean {
    return this.rooms.has(sessionId);
  }

  /** The session's room, opened on the least loaded worker the first time someone joins. */
  async open(sessionId: string): Promise<RtpCapabilities> {
    this.assertAvailable();
    const existing = this.rooms.get(sessionId);
    if (existing) return existing.rtpCapabilities;
    const worker = this.ledger.leastLoadedWorker()!;
    const { routerId, rtpCapabilities } = await this.media.createRouter(worker.id);
    // Two joins may race to open the room: the first one kept wins, the other router goes.
    const raced = this.rooms.get(sessionId);
    if (raced) {
      await this.media.closeRouter(routerId);
      return raced.rtpCapabilities;
    }
    const origin = { routerId, workerId: worker.id };
    this.rooms.set(sessionId, {
      sessionId,
      rtpCapabilities,
      origin,
      routers: [origin],
      producers: new Map(),
    });
    return rtpCapabilities;
  }

  /** Closes the session's routers (and with them every transport on them). */
  async close(sessionId: string): Promise<void> {
    const room = this.rooms.get(sessionId);
    if (!room) return;
    this.rooms.delete(sessionId);
    await this.dropRouters(room, room.routers);
  }

  /** The router a presenter sends to: the session's origin. */
  presenterRouter(sessionId: string): string {
    return this.room(sessionId).origin.routerId;
  }

  /** The router a new viewer receives from, piping the producers to a new one when all are full. */
  async viewerRouter(sessionId: string): Promise<string> {
    const room = this.room(sessionId);
    const needed = Math.max(room.producers.size, 2); // audio and video, before they arrive too
    const placement = placeViewer(
      room.routers.map((r) => ({ ...r, workerConsumers: this.ledger.consumersOn(r.workerId) })),
      this.ledger.load().map((w) => ({ workerId: w.id, consumers: w.consumers })),
      this.config.live.consumerBudget,
      needed,
    );
    if (placement.kind === 'router') return placement.routerId;
    if (placement.kind === 'full') throw LiveError.LIVE_AUDIENCE_FULL({ sessionId });
    const { routerId } = await this.media.createRouter(placement.workerId);
    const added = { routerId, workerId: placement.workerId };
    room.routers.push(added);
    for (const producerId of room.producers.keys()) {
      await this.media.pipeProducer(producerId, room.origin.routerId, routerId);
    }
    this.logger.log(`session ${sessionId}: audience spread to worker ${placement.workerId}`);
    return routerId;
  }

  async createTransport(sessionId: string, routerId: string): Promise<WebRtcTransportOptions> {
    const options = await this.media.createWebRtcTransport(routerId);
    this.ledger.addTransport(options.id, sessionId, routerId);
    return options;
  }

  async connectTransport(
    sessionId: string,
    transportId: string,
    dtlsParameters: DtlsParameters,
  ): Promise<void> {
    this.ledger.transport(sessionId, transportId);
    await this.media.connectTransport(transportId, dtlsParameters);
  }

  /** A presenter's stream, received on the origin router and piped to every other router. */
  async produce(
    sessionId: string,
    transportId: string,
    kind: MediaKind,
    rtpParameters: RtpParameters,
  ): Promise<string> {
    const room = this.room(sessionId);
    const transport = this.ledger.transport(sessionId, transportId);
    if (transport.routerId !== room.origin.routerId)
      throw LiveError.LIVE_MEDIA_NOT_FOUND({ transportId });
    const producerId = await this.media.produce(transportId, kind, rtpParameters);
    transport.producers.add(producerId);
    await this.addProducer(room, producerId, kind);
    return producerId;
  }

  /** A stream from an encoder over plain RTP (see MediaAdapter.ingest), on the origin router. */
  async ingest(sessionId: string, kind: MediaKind, rtpParameters: RtpParameters) {
    const room = this.room(sessionId);
    const ingest = await this.media.ingest(room.origin.routerId, kind, rtpParameters);
    await this.addProducer(room, ingest.producerId, kind);
    return {
      ...ingest,
      stop: async () => {
        room.producers.delete(ingest.producerId);
        await ingest.stop();
      },
    };
  }

  /** A producer of the origin router, piped to every other router of the room. */
  private async addProducer(room: Room, producerId: string, kind: MediaKind): Promise<void> {
    room.producers.set(producerId, kind);
    for (const router of room.routers) {
      if (router !== room.origin)
        await this.media.pipeProducer(producerId, room.origin.routerId, router.routerId);
    }
  }

  producers(sessionId: string): { id: string; kind: MediaKind }[] {
    const room = this.rooms.get(sessionId);
    return room ? [...room.producers].map(([id, kind]) => ({ id, kind })) : [];
  }

  async consume(
    sessionId: string,
    transportId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilities,
  ): Promise<ConsumerOptions> {
    const transport = this.ledger.transport(sessionId, transportId);
    if (!this.room(sessionId).producers.has(producerId))
      throw LiveError.LIVE_MEDIA_NOT_FOUND({ producerId });
    const consumer = await this.media.consume(transportId, producerId, rtpCapabilities);
    if (!consumer) throw LiveError.LIVE_CANNOT_CONSUME({ producerId });
    const workerId = this.routerWorker(sessionId, transport.routerId);
    this.ledger.addConsumer(consumer.id, transportId, producerId, workerId);
    return consumer;
  }

  async resumeConsumer(sessionId: string, consumerId: string): Promise<void> {
    this.ledger.assertConsumer(sessionId, consumerId);
    await this.media.resumeConsumer(consumerId);
  }

  /** Closes a peer's transport with its producers and consumers (a peer leaving, a tab closed). */
  async closeTransport(transportId: string): Promise<void> {
    const entry = this.ledger.removeTransport(transportId);
    if (!entry) return;
    const room = this.rooms.get(entry.sessionId);
    for (const producerId of entry.producers) room?.producers.delete(producerId);
    await this.media.closeTransport(transportId).catch(() => undefined); // its router may be gone
  }

  /**
   * Sends one producer of the session out over plain RTP to `target` (ffmpeg for a relay, or a
   * benchmark's viewer), from the origin or another of the room's routers. It counts as a consumer.
   */
  async relay(sessionId: string, producerId: string, target: RtpTarget, routerId?: string) {
    const room = this.room(sessionId);
    const router = room.routers.find((r) => r.routerId === (routerId ?? room.origin.routerId));
    if (!router) throw LiveError.LIVE_MEDIA_NOT_FOUND({ routerId });
    const relay = await this.media.relay(router.routerId, producerId, target);
    const uncount = this.ledger.countOutside(router.workerId);
    return {
      ...relay,
      stop: async () => {
        uncount();
        await relay.stop();
      },
    };
  }

  resumeRelay(consumerId: string): Promise<void> {
    return this.media.resumeConsumer(consumerId);
  }

  private async startWorker(): Promise<void> {
    let id = '';
    id = await this.media.startWorker((reason) => {
      this.workerDied(id, reason).catch((error: unknown) =>
        this.logger.error(`media worker ${id} not cleaned up: ${String(error)}`),
      );
    });
    this.ledger.addWorker(id);
  }

  /** A dead worker is replaced, and the sessions that had routers on it move and are told so. */
  private async workerDied(workerId: string, reason: string): Promise<void> {
    if (this.closing || !this.ledger.removeWorker(workerId)) return;
    this.logger.error(`media worker ${workerId} died (${reason}); starting a replacement`);
    try {
      await this.startWorker();
    } catch (error) {
      this.logger.error(`replacement worker failed to start: ${(error as Error).message}`);
    }
    if (this.ledger.workerCount === 0) this.reason = `every media worker died (last: ${reason})`;
    for (const room of [...this.rooms.values()]) {
      const lost = room.routers.filter((r) => r.workerId === workerId);
      if (lost.length === 0) continue;
      if (room.origin.workerId === workerId) {
        // The producers are gone: the whole room starts again, on a live worker, at the next join.
        this.rooms.delete(room.sessionId);
        await this.dropRouters(room, room.routers);
        this.tellMoved({
          sessionId: room.sessionId,
          lostRouterIds: room.routers.map((r) => r.routerId),
        });
      } else {
        room.routers = room.routers.filter((r) => r.workerId !== workerId);
        await this.dropRouters(room, lost);
        this.tellMoved({ sessionId: room.sessionId, lostRouterIds: lost.map((r) => r.routerId) });
      }
    }
  }

  private tellMoved(moved: RoomMoved): void {
    for (const listener of this.movedListeners) listener(moved);
  }

  /** Closes routers (those of a dead worker are gone already) and forgets what was on them. */
  private async dropRouters(room: Room, routers: RoomRouter[]): Promise<void> {
    const ids = new Set(routers.map((r) => r.routerId));
    for (const producerId of this.ledger.removeRouters(room.sessionId, ids))
      room.producers.delete(producerId);
    for (const router of routers) {
      if (this.ledger.hasWorker(router.workerId))
        await this.media.closeRouter(router.routerId).catch(() => undefined);
    }
  }

  private assertAvailable(): void {
    if (this.reason) throw LiveError.LIVE_UNAVAILABLE({ reason: this.reason });
  }

  private room(sessionId: string): Room {
    this.assertAvailable();
    const room = this.rooms.get(sessionId);
    if (!room) throw LiveError.LIVE_NOT_JOINED({ sessionId });
    return room;
  }

  private routerWorker(sessionId: string, routerId: string): string {
    const router = this.room(sessionId).routers.find((r) => r.routerId === routerId);
    if (!router) throw LiveError.LIVE_MEDIA_NOT_FOUND({ routerId });
    return router.workerId;
  }
}

import { randomUUID } from 'node:crypto';
import {
  ConsumerOptions,
  MediaAdapter,
  MediaKind,
  RtpCapabilities,
  RtpParameters,
  WebRtcTransportOptions,
} from 'src/live/media-adapter';

/** What the stand-in routers offer: Opus and VP8. */
export const FAKE_CAPABILITIES: RtpCapabilities = {
  codecs: [
    {
      kind: 'audio',
      mimeType: 'audio/opus',
      clockRate: 48000,
      channels: 2,
      preferredPayloadType: 100,
    },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101 },
  ],
  headerExtensions: [],
};

export const FAKE_RTP: RtpParameters = {
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
  encodings: [{ ssrc: 1111 }],
};

/**
 * A stand-in for mediasoup where its worker cannot run: it keeps the same objects by id and
 * enforces what the orchestration relies on (a producer is consumed only in a router it is in,
 * transports belong to routers, a dead worker takes its routers with it), and records pipes.
 */
export class FakeMediaAdapter implements MediaAdapter {
  readonly workers = new Map<string, (reason: string) => void>();
  readonly routers = new Map<string, { workerId: string; producers: Set<string> }>();
  readonly transports = new Map<string, string>(); // transport → router
  readonly producers = new Map<string, MediaKind>();
  readonly consumers = new Map<string, { transportId: string; paused: boolean }>();
  readonly pipes: { producerId: string; from: string; to: string }[] = [];
  private nextWorker = 1;

  constructor(private readonly reason: string | null = null) {}

  async unavailableReason() {
    return this.reason;
  }

  async startWorker(died: (reason: string) => void) {
    const id = `w${this.nextWorker++}`;
    this.workers.set(id, died);
    return id;
  }

  async closeWorker(workerId: string) {
    this.workers.delete(workerId);
  }

  async workerCpuMs() {
    return 0;
  }

  /** The worker process ends, as if it crashed. */
  kill(workerId: string): void {
    const died = this.workers.get(workerId)!;
    this.workers.delete(workerId);
    for (const [id, router] of this.routers) if (router.workerId === workerId) this.dropRouter(id);
    died('killed by the test');
  }

  async createRouter(workerId: string) {
    if (!this.workers.has(workerId)) throw new Error(`no worker ${workerId}`);
    const routerId = randomUUID();
    this.routers.set(routerId, { workerId, producers: new Set() });
    return { routerId, rtpCapabilities: FAKE_CAPABILITIES };
  }

  async closeRouter(routerId: string) {
    this.dropRouter(routerId);
  }

  async createWebRtcTransport(routerId: string): Promise<WebRtcTransportOptions> {
    if (!this.routers.has(routerId)) throw new Error(`no router ${routerId}`);
    const id = randomUUID();
    this.transports.set(id, routerId);
    return {
      id,
      iceParameters: { usernameFragment: 'u', password: 'p', iceLite: true },
      iceCandidates: [],
      dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] },
    };
  }

  async connectTransport(transportId: string) {
    if (!this.transports.has(transportId)) throw new Error(`no transport ${transportId}`);
  }

  async closeTransport(transportId: string) {
    this.forgetTransport(transportId);
  }

  async produce(transportId: string, kind: MediaKind, rtpParameters: RtpParameters) {
    const routerId = this.transports.get(transportId);
    if (!routerId) throw new Error(`no transport ${transportId}`);
    if (!Array.isArray(rtpParameters.codecs)) throw new Error('bad rtpParameters');
    const id = randomUUID();
    this.producers.set(id, kind);
    this.routers.get(routerId)!.producers.add(id);
    return id;
  }

  async closeProducer(producerId: string) {
    this.producers.delete(producerId);
  }

  async consume(
    transportId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilities,
  ): Promise<ConsumerOptions | null> {
    const routerId = this.transports.get(transportId);
    if (!routerId) throw new Error(`no transport ${transportId}`);
    if (!this.routers.get(routerId)!.producers.has(producerId))
      throw new Error(`producer ${producerId} is not in router ${routerId}`);
    if (!rtpCapabilities.codecs?.length) return null;
    const id = randomUUID();
    this.consumers.set(id, { transportId, paused: true });
    return { id, producerId, kind: this.producers.get(producerId)!, rtpParameters: FAKE_RTP };
  }

  async resumeConsumer(consumerId: string) {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new Error(`no consumer ${consumerId}`);
    consumer.paused = false;
  }

  async closeConsumer(consumerId: string) {
    this.consumers.delete(consumerId);
  }

  async ingest(routerId: string, kind: MediaKind) {
    const transportId = randomUUID();
    this.transports.set(transportId, routerId);
    const producerId = await this.produce(transportId, kind, FAKE_RTP);
    return { producerId, port: 5004, rtcpPort: 5005, stop: () => this.closeTransport(transportId) };
  }

  async pipeProducer(producerId: string, from: string, to: string) {
    if (!this.routers.get(from)?.producers.has(producerId)) throw new Error('nothing to pipe');
    if (this.routers.get(from)!.workerId === this.routers.get(to)!.workerId)
      throw new Error('pipeToRouter keeps ids only across workers');
    this.routers.get(to)!.producers.add(producerId);
    this.pipes.push({ producerId, from, to });
  }

  async relay(routerId: string, producerId: string) {
    if (!this.routers.get(routerId)?.producers.has(producerId)) throw new Error('nothing to relay');
    const consumerId = randomUUID();
    this.consumers.set(consumerId, { transportId: 'relay', paused: true });
    return {
      consumerId,
      rtpParameters: FAKE_RTP,
      stop: async () => void this.consumers.delete(consumerId),
    };
  }

  private dropRouter(routerId: string): void {
    this.routers.delete(routerId);
    for (const [id, r] of this.transports) if (r === routerId) this.forgetTransport(id);
  }

  /** A transport and its consumers gone (closed, or with their router). */
  private forgetTransport(transportId: string): void {
    this.transports.delete(transportId);
    for (const [id, c] of this.consumers)
      if (c.transportId === transportId) this.consumers.delete(id);
  }
}

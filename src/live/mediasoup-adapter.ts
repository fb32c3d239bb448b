import { accessSync, constants } from 'node:fs';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { AppConfig } from 'src/config/config';
import { LiveError } from 'src/live/live.errors';
import {
  ConsumerOptions,
  DtlsParameters,
  MediaAdapter,
  MediaKind,
  RtpCapabilities,
  RtpParameters,
  RtpTarget,
  WebRtcTransportOptions,
} from 'src/live/media-adapter';

type Consumer = types.Consumer;
type PlainTransport = types.PlainTransport;
type Producer = types.Producer;
type Router = types.Router;
type RouterRtpCodecCapability = types.RouterRtpCodecCapability;
type Transport = types.Transport;
type TransportListenInfo = types.TransportListenInfo;
type WebRtcTransport = types.WebRtcTransport;
type Worker = types.Worker;

/** The codecs browsers send and receive: Opus for sound, VP8 and H.264 for pictures. */
export const MEDIA_CODECS: RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
  },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
    },
  },
];

/** Why the worker binary mediasoup would start cannot run, or null when it can. */
export function workerBinaryProblem(bin: string = mediasoup.workerBin): string | null {
  try {
    accessSync(bin, constants.X_OK);
    return null;
  } catch {
    return (
      `mediasoup worker binary not found or not executable at ${bin} ` +
      '(set MEDIASOUP_WORKER_BIN, or run npm run live:install-worker where the internet is reachable)'
    );
  }
}

/** The media adapter over mediasoup: keeps its objects by id and translates each call. */
export class MediasoupAdapter implements MediaAdapter {
  private readonly workers = new Map<string, Worker>();
  private readonly routers = new Map<string, Router>();
  private readonly transports = new Map<string, Transport>();
  private readonly producers = new Map<string, Producer>();
  private readonly consumers = new Map<string, Consumer>();

  constructor(private readonly config: AppConfig['live']) {}

  async unavailableReason(): Promise<string | null> {
    return workerBinaryProblem();
  }

  async startWorker(died: (reason: string) => void): Promise<string> {
    const worker = await mediasoup.createWorker({ logLevel: 'warn' });
    const id = String(worker.pid);
    this.workers.set(id, worker);
    worker.on('died', (error) => {
      this.workers.delete(id);
      died(error.message);
    });
    return id;
  }

  async closeWorker(workerId: string): Promise<void> {
    this.workers.get(workerId)?.close();
    this.workers.delete(workerId);
  }

  async workerCpuMs(workerId: string): Promise<number> {
    const usage = await this.get(this.workers, workerId).getResourceUsage();
    return usage.ru_utime + usage.ru_stime;
  }

  async createRouter(workerId: string) {
    const router = await this.get(this.workers, workerId).createRouter({
      mediaCodecs: MEDIA_CODECS,
    });
    this.keep(this.routers, router);
    return { routerId: router.id, rtpCapabilities: router.rtpCapabilities };
  }

  async closeRouter(routerId: string): Promise<void> {
    this.routers.get(routerId)?.close();
  }

  async createWebRtcTransport(routerId: string): Promise<WebRtcTransportOptions> {
    const { listenIp, announcedAddress, rtcMinPort, rtcMaxPort } = this.config;
    const listen = (protocol: 'udp' | 'tcp'): TransportListenInfo => ({
      protocol,
      ip: listenIp,
      ...(announcedAddress ? { announcedAddress } : {}),
      portRange: { min: rtcMinPort, max: rtcMaxPort },
    });
    const transport: WebRtcTransport = await this.get(this.routers, routerId).createWebRtcTransport(
      { listenInfos: [listen('udp'), listen('tcp')], preferUdp: true, appData: { routerId } },
    );
    this.keep(this.transports, transport);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const transport = this.get(this.transports, transportId);
    await rejecting(() => transport.connect({ dtlsParameters }));
  }

  async closeTransport(transportId: string): Promise<void> {
    this.transports.get(transportId)?.close();
  }

  async produce(transportId: string, kind: MediaKind, rtpParameters: RtpParameters) {
    const transport = this.get(this.transports, transportId);
    const producer = await rejecting(() => transport.produce({ kind, rtpParameters }));
    this.keep(this.producers, producer);
    return producer.id;
  }

  async closeProducer(producerId: string): Promise<void> {
    this.producers.get(producerId)?.close();
  }

  async consume(
    transportId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilities,
  ): Promise<ConsumerOptions | null> {
    const transport = this.get(this.transports, transportId);
    const router = this.get(this.routers, String(transport.appData.routerId));
    if (!rejecting(() => router.canConsume({ producerId, rtpCapabilities }))) return null;
    const consumer = await rejecting(() =>
      transport.consume({ producerId, rtpCapabilities, paused: true }),
    );
    this.keep(this.consumers, consumer);
    return {
      id: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
    };
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    await this.get(this.consumers, consumerId).resume();
  }

  async closeConsumer(consumerId: string): Promise<void> {
    this.consumers.get(consumerId)?.close();
  }

  async ingest(routerId: string, kind: MediaKind, rtpParameters: RtpParameters) {
    const transport: PlainTransport = await this.get(this.routers, routerId).createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: false,
      comedia: true,
    });
    this.keep(this.transports, transport);
    const producer = await rejecting(() => transport.produce({ kind, rtpParameters }));
    this.keep(this.producers, producer);
    return {
      producerId: producer.id,
      port: transport.tuple.localPort,
      rtcpPort: transport.rtcpTuple!.localPort,
      stop: async () => transport.close(),
    };
  }

  async pipeProducer(producerId: string, fromRouterId: string, toRouterId: string): Promise<void> {
    await this.get(this.routers, fromRouterId).pipeToRouter({
      producerId,
      router: this.get(this.routers, toRouterId),
    });
  }

  async relay(routerId: string, producerId: string, target: RtpTarget) {
    const router = this.get(this.routers, routerId);
    const transport: PlainTransport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: false,
      comedia: false,
    });
    this.keep(this.transports, transport);
    await transport.connect({ ip: target.ip, port: target.port, rtcpPort: target.rtcpPort });
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities: router.rtpCapabilities,
      paused: true,
    });
    this.keep(this.consumers, consumer);
    return {
      consumerId: consumer.id,
      rtpParameters: consumer.rtpParameters,
      stop: async () => transport.close(),
    };
  }

  /** Keeps a mediasoup object by id until it closes, whatever closes it (its parent, a worker's death). */
  private keep<
    T extends { id: string; observer: { once(event: 'close', f: () => void): unknown } },
  >(map: Map<string, T>, item: T): void {
    map.set(item.id, item);
    item.observer.once('close', () => map.delete(item.id));
  }

  private get<T>(map: Map<string, T>, id: string): T {
    const item = map.get(id);
    if (!item) throw LiveError.LIVE_MEDIA_NOT_FOUND({ id });
    return item;
  }
}

/**
 * Runs a mediasoup call on what a client sent (DTLS or RTP parameters, capabilities): mediasoup
 * refuses bad ones with a TypeError or an UnsupportedError, which is the client's mistake (400).
 */
function rejecting<T>(call: () => T): T {
  const refused = (error: unknown) =>
    error instanceof TypeError || (error instanceof Error && error.name === 'UnsupportedError')
      ? LiveError.LIVE_MEDIA_REJECTED({ reason: error.message })
      : error;
  try {
    const result = call();
    return (
      result instanceof Promise
        ? result.catch((error: unknown) => {
            throw refused(error);
          })
        : result
    ) as T;
  } catch (error) {
    throw refused(error);
  }
}

import type { types } from 'mediasoup';

export type DtlsParameters = types.DtlsParameters;
export type MediaKind = types.MediaKind;
export type RtpCapabilities = types.RtpCapabilities;
export type RtpParameters = types.RtpParameters;
type IceCandidate = types.IceCandidate;
type IceParameters = types.IceParameters;

/** What a browser needs to set up its side of a WebRTC transport. */
export interface WebRtcTransportOptions {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

/** What a browser needs to receive a stream (the consumer starts paused; the client resumes it). */
export interface ConsumerOptions {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
}

/** Where a relay (ffmpeg) listens for one stream's RTP and RTCP. */
export interface RtpTarget {
  ip: string;
  port: number;
  rtcpPort: number;
}

/**
 * Every call the platform makes into the media layer, by ids: the one seam between our
 * orchestration and mediasoup, so that the orchestration is tested against a stand-in and the
 * mediasoup implementation stays a thin translation.
 */
export interface MediaAdapter {
  /** Why no media worker can run here (no binary, …), or null when one can. */
  unavailableReason(): Promise<string | null>;
  /** Starts a worker; `died` is called once if it ends without being closed. */
  startWorker(died: (reason: string) => void): Promise<string>;
  closeWorker(workerId: string): Promise<void>;
  /** CPU time the worker has used so far, in milliseconds (user + system). */
  workerCpuMs(workerId: string): Promise<number>;

  createRouter(workerId: string): Promise<{ routerId: string; rtpCapabilities: RtpCapabilities }>;
  closeRouter(routerId: string): Promise<void>;

  createWebRtcTransport(routerId: string): Promise<WebRtcTransportOptions>;
  connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void>;
  closeTransport(transportId: string): Promise<void>;

  produce(transportId: string, kind: MediaKind, rtpParameters: RtpParameters): Promise<string>;
  closeProducer(producerId: string): Promise<void>;
  /** A paused consumer of the producer, or null when the client's capabilities cannot receive it. */
  consume(
    transportId: string,
    producerId: string,
    rtpCapabilities: RtpCapabilities,
  ): Promise<ConsumerOptions | null>;
  resumeConsumer(consumerId: string): Promise<void>;
  closeConsumer(consumerId: string): Promise<void>;

  /**
   * A producer fed with plain RTP (an encoder such as ffmpeg or OBS rather than a browser): the
   * sender sends RTP to `port` and RTCP to `rtcpPort` on the loopback (encoders send them from
   * separate sockets, so they are not muxed); `stop` closes it.
   */
  ingest(
    routerId: string,
    kind: MediaKind,
    rtpParameters: RtpParameters,
  ): Promise<{ producerId: string; port: number; rtcpPort: number; stop: () => Promise<void> }>;

  /** Makes a producer of one router available, under the same id, in another router. */
  pipeProducer(producerId: string, fromRouterId: string, toRouterId: string): Promise<void>;

  /**
   * Sends a producer's RTP out of the router to `target` through a PlainTransport (for ffmpeg),
   * with a paused consumer to resume once the receiver listens; returns what the receiver's SDP
   * must describe. `stop` closes the transport.
   */
  relay(
    routerId: string,
    producerId: string,
    target: RtpTarget,
  ): Promise<{ consumerId: string; rtpParameters: RtpParameters; stop: () => Promise<void> }>;
}

export const MEDIA_ADAPTER = Symbol('MEDIA_ADAPTER');

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { LiveError } from 'src/live/live.errors';
import { MediaKind, RtpParameters } from 'src/live/media-adapter';
import { MediaPool } from 'src/live/media-pool';

/** HLS for a CDN (re-encoded to H.264/AAC, which HLS players need), or a recording (copied as sent). */
export type RelayKind = 'hls' | 'recording';

/** One stream as ffmpeg receives it. */
export interface RelayStream {
  kind: MediaKind;
  port: number;
  rtcpPort: number;
  rtpParameters: RtpParameters;
}

/** The SDP that tells ffmpeg what arrives on which port (RTP from mediasoup's PlainTransports). */
export function relaySdp(streams: readonly RelayStream[]): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=duijie', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const s of streams) {
    const codec = s.rtpParameters.codecs[0];
    const [, name] = codec.mimeType.split('/');
    const channels = codec.channels ? `/${codec.channels}` : '';
    lines.push(
      `m=${s.kind} ${s.port} RTP/AVP ${codec.payloadType}`,
      `a=rtcp:${s.rtcpPort}`,
      `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`,
    );
    const fmtp = Object.entries(codec.parameters ?? {}).map(([k, v]) => `${k}=${String(v)}`);
    if (fmtp.length > 0) lines.push(`a=fmtp:${codec.payloadType} ${fmtp.join(';')}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** ffmpeg's arguments for a relay reading `sdpFile`. */
export function ffmpegArgs(
  kind: RelayKind,
  sdpFile: string,
  output: string,
  videoCodec: string | undefined,
): string[] {
  const input = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-protocol_whitelist',
    'file,udp,rtp',
    '-fflags',
    '+genpts',
    // A live relay starts after a second of probing, not the default five.
    '-analyzeduration',
    '1000000',
    '-i',
    sdpFile,
  ];
  if (kind === 'recording') return [...input, '-c', 'copy', '-y', output];
  const video =
    videoCodec === 'video/H264'
      ? ['-c:v', 'copy']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-g', '50'];
  return [
    ...input,
    ...video,
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-f',
    'hls',
    '-hls_time',
    '2',
    '-hls_list_size',
    '6',
    '-hls_flags',
    'delete_segments',
    '-y',
    output,
  ];
}

/** A free UDP port on the loopback, for ffmpeg to listen on. */
function freeUdpPort(): Promise<number> {
  return new Promise((done, fail) => {
    const socket = createSocket('udp4');
    socket.once('error', fail);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}

interface Running {
  process: ChildProcess;
  stops: (() => Promise<void>)[];
  output: string;
}

/**
 * Relays a live session to ffmpeg: the HLS playlist a CDN pulls, or a recording file without
 * re-encoding. ffmpeg comes from the system (Debian's package); without it, relays are refused with
 * LIVE_RELAY_UNAVAILABLE and everything else goes on.
 */
@Injectable()
export class Relays implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Live');
  private readonly running = new Map<string, Running>();
  private problem: string | null = null;

  constructor(
    private readonly pool: MediaPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const probe = spawnSync(this.config.live.ffmpegPath, ['-version'], { encoding: 'utf8' });
    this.problem =
      probe.status === 0
        ? null
        : `ffmpeg not found at "${this.config.live.ffmpegPath}" (apt-get install ffmpeg, or set FFMPEG_PATH)`;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.running.keys()].map((key) => this.stopKey(key)));
  }

  /** Why relays cannot run here, or null. */
  unavailableReason(): string | null {
    return this.problem;
  }

  isRunning(sessionId: string, kind: RelayKind): boolean {
    return this.running.has(`${sessionId}:${kind}`);
  }

  /** Starts ffmpeg and sends it the session's streams; returns the output file's path. */
  async start(sessionId: string, kind: RelayKind): Promise<string> {
    if (this.problem) throw LiveError.LIVE_RELAY_UNAVAILABLE({ reason: this.problem });
    const key = `${sessionId}:${kind}`;
    if (this.running.has(key)) throw LiveError.LIVE_RELAY_RUNNING({ kind });
    const producers = this.pool.producers(sessionId);
    if (producers.length === 0) throw LiveError.LIVE_NOTHING_TO_RELAY({ sessionId });

    const streams: RelayStream[] = [];
    const consumers: string[] = [];
    const stops: (() => Promise<void>)[] = [];
    for (const producer of producers) {
      const port = await freeUdpPort();
      const rtcpPort = await freeUdpPort();
      const relay = await this.pool.relay(sessionId, producer.id, {
        ip: '127.0.0.1',
        port,
        rtcpPort,
      });
      streams.push({ kind: producer.kind, port, rtcpPort, rtpParameters: relay.rtpParameters });
      consumers.push(relay.consumerId);
      stops.push(relay.stop);
    }
    const video = streams.find((s) => s.kind === 'video')?.rtpParameters.codecs[0].mimeType;
    const dir = resolve(
      kind === 'hls' ? join(this.config.live.hlsDir, sessionId) : this.config.live.recordingsDir,
    );
    await mkdir(dir, { recursive: true });
    const sdpFile = join(dir, `${sessionId}-${kind}.sdp`);
    await writeFile(sdpFile, relaySdp(streams));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const output =
      kind === 'hls'
        ? join(dir, 'index.m3u8')
        : join(dir, `${sessionId}-${stamp}.${video === 'video/H264' ? 'mkv' : 'webm'}`);

    const child = spawn(this.config.live.ffmpegPath, ffmpegArgs(kind, sdpFile, output, video), {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) =>
      this.logger.warn(`ffmpeg ${key}: ${chunk.toString().trim()}`),
    );
    child.once('exit', () => {
      if (this.running.get(key)?.process !== child) return;
      this.stopKey(key).catch((error: unknown) =>
        this.logger.warn(`relay ${key} not stopped cleanly: ${String(error)}`),
      );
    });
    this.running.set(key, { process: child, stops, output });
    // ffmpeg opens its ports once it has read the SDP; the streams start (with a key frame) then.
    setTimeout(() => {
      for (const consumerId of consumers)
        this.pool
          .resumeRelay(consumerId)
          .catch((error: unknown) =>
            this.logger.warn(`relay ${key}: stream not resumed: ${String(error)}`),
          );
    }, 500).unref();
    return output;
  }

  async stop(sessionId: string, kind: RelayKind): Promise<void> {
    const key = `${sessionId}:${kind}`;
    if (!this.running.has(key)) throw LiveError.LIVE_RELAY_NOT_RUNNING({ kind });
    await this.stopKey(key);
  }

  /** Stops every relay of a session (it ended). */
  async stopAll(sessionId: string): Promise<void> {
    for (const kind of ['hls', 'recording'] as const) {
      if (this.isRunning(sessionId, kind)) await this.stopKey(`${sessionId}:${kind}`);
    }
  }

  private async stopKey(key: string): Promise<void> {
    const running = this.running.get(key);
    if (!running) return;
    this.running.delete(key);
    await Promise.all(running.stops.map((stop) => stop().catch(() => undefined)));
    if (running.process.exitCode === null) {
      // SIGINT lets ffmpeg finish the file (the recording's index, the playlist's end).
      const exited = new Promise((done) => running.process.once('exit', done));
      running.process.kill('SIGINT');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000).unref())]);
      if (running.process.exitCode === null) running.process.kill('SIGKILL');
    }
  }
}

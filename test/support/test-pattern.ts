import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { RtpParameters } from 'src/live/media-adapter';

/** What the test pattern's two streams are, as the producers receiving them declare them. */
export const PATTERN_STREAMS: { audio: RtpParameters; video: RtpParameters } = {
  audio: {
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: 100,
        clockRate: 48000,
        channels: 2,
        parameters: { 'sprop-stereo': 1 },
      },
    ],
    encodings: [{ ssrc: 11111111 }],
  },
  video: {
    codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
    encodings: [{ ssrc: 22222222 }],
  },
};

/** Why ffmpeg cannot send a test pattern here, or null. */
export function ffmpegProblem(ffmpeg = process.env.FFMPEG_PATH ?? 'ffmpeg'): string | null {
  const probe = spawnSync(ffmpeg, ['-version']);
  return probe.status === 0 ? null : `ffmpeg not found (${ffmpeg}): apt-get install ffmpeg`;
}

export interface RtpPorts {
  port: number;
  rtcpPort: number;
}

/**
 * A real RTP sender: ffmpeg generating a moving test picture (VP8) and a 440 Hz tone (Opus), sent
 * in real time to the ports of two PlainTransports on the loopback.
 */
export function sendTestPattern(ports: { audio: RtpPorts; video: RtpPorts }): ChildProcess {
  const rtp = ({ port, rtcpPort }: RtpPorts) =>
    `rtp://127.0.0.1:${port}?rtcpport=${rtcpPort}&pkt_size=1200`;
  return spawn(
    process.env.FFMPEG_PATH ?? 'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-map', '0:v:0', '-c:v', 'libvpx', '-b:v', '600k', '-deadline', 'realtime'],
      ...['-cpu-used', '8', '-g', '50', '-f', 'rtp', '-ssrc', '22222222', '-payload_type', '101'],
      rtp(ports.video),
      ...['-map', '1:a:0', '-c:a', 'libopus', '-ac', '2', '-ar', '48000', '-b:a', '64k'],
      ...['-f', 'rtp', '-ssrc', '11111111', '-payload_type', '100'],
      rtp(ports.audio),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

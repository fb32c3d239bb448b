// npm run bench:live-audience [-- --viewers 500 --workers 2 --budget 500 --seconds 10]
//
// One live session: an encoder (ffmpeg) sends a test picture and a tone as one audio and one video
// producer; N simulated viewers each consume both, placed by the media pool (up to the consumer
// budget per worker, then piped to another worker's router). Each viewer's streams leave the
// worker as plain RTP for a local socket to count, so the workers really forward every packet.
// Prints the consumers and CPU of each worker and the packets delivered per second, next to the
// ceiling measured in the same run: one viewer's packet rate × N. The counting socket asks for a
// 4 MiB receive buffer (the kernel grants up to net.core.rmem_max) and the packets the kernel
// dropped for want of room there are printed: a count that overflowed would blame the workers.
import { Logger } from '@nestjs/common';
import { createSocket, Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { DomainError } from 'src/common/errors/domain-error';
import { loadConfig } from 'src/config/config';
import { MediaPool } from 'src/live/media-pool';
import { MediasoupAdapter, workerBinaryProblem } from 'src/live/mediasoup-adapter';
import { log, option } from 'scripts/bench/bench-support';
import { PATTERN_STREAMS, ffmpegProblem, sendTestPattern } from 'test/support/test-pattern';

const VIEWERS = option('viewers', 500);
const SECONDS = option('seconds', 10);
const SESSION = 'bench-live-audience';

/** What the counting socket asks the kernel to hold for it: the packets of a busy second. */
const RECEIVE_BUFFER = 4 * 1024 * 1024;

/** A UDP socket on the loopback that counts what it receives, and what the kernel dropped. */
async function sink(): Promise<{
  socket: Socket;
  port: number;
  packets: () => number;
  buffer: () => number;
  drops: () => number | null;
}> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: RECEIVE_BUFFER });
  let packets = 0;
  socket.on('message', () => packets++);
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const port = socket.address().port;
  return {
    socket,
    port,
    packets: () => packets,
    buffer: () => socket.getRecvBufferSize(),
    drops: () => droppedAt(port),
  };
}

/** Packets the kernel dropped for the UDP socket on this port (Linux's /proc/net/udp), if known. */
function droppedAt(port: number): number | null {
  try {
    const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    const line = readFileSync('/proc/net/udp', 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((fields) => fields[1]?.endsWith(hex));
    return line ? Number(line[line.length - 1]) : null;
  } catch {
    return null;
  }
}

/** Packets per second a sink receives over `seconds`. */
async function rate(counter: () => number, seconds: number): Promise<number> {
  const before = counter();
  await new Promise((done) => setTimeout(done, seconds * 1000));
  return (counter() - before) / seconds;
}

async function main(): Promise<void> {
  const missing = workerBinaryProblem() ?? ffmpegProblem();
  if (missing) {
    log(`没有可运行的 mediasoup worker 或 ffmpeg，未测量 / Nothing measured: ${missing}`);
    return;
  }
  Logger.overrideLogger(['error']);
  const config = loadConfig({
    ...process.env,
    LIVE_LISTEN_IP: '127.0.0.1',
    ...(process.argv.includes('--workers') ? { LIVE_WORKERS: String(option('workers', 2)) } : {}),
    ...(process.argv.includes('--budget')
      ? { LIVE_CONSUMER_BUDGET: String(option('budget', 500)) }
      : {}),
  });
  const pool = new MediaPool(new MediasoupAdapter(config.live), config);
  await pool.onModuleInit();
  log(
    `${config.live.workers} 个 worker，每个最多 ${config.live.consumerBudget} 路消费 / workers, consumer budget each`,
  );
  await pool.open(SESSION);
  const audio = await pool.ingest(SESSION, 'audio', PATTERN_STREAMS.audio);
  const video = await pool.ingest(SESSION, 'video', PATTERN_STREAMS.video);
  const encoder = sendTestPattern({ audio, video });
  const rtp = await sink();
  const rtcp = await sink();

  const addViewer = async () => {
    const routerId = await pool.viewerRouter(SESSION);
    for (const producer of pool.producers(SESSION)) {
      const relay = await pool.relay(
        SESSION,
        producer.id,
        { ip: '127.0.0.1', port: rtp.port, rtcpPort: rtcp.port },
        routerId,
      );
      await pool.resumeRelay(relay.consumerId);
    }
  };

  try {
    await addViewer();
    await new Promise((done) => setTimeout(done, 3000)); // the first key frame
    const one = await rate(rtp.packets, 3);
    log(`1 位观众：${one.toFixed(0)} 包/秒 / one viewer: packets per second`);

    const cpuBefore = new Map<string, number>();
    let viewers = 1;
    for (; viewers < VIEWERS; viewers++) {
      try {
        await addViewer();
      } catch (error) {
        if ((error as DomainError).code !== 'LIVE_AUDIENCE_FULL') throw error;
        log(
          `  满员 Full: 每个 worker 的预算已用完 / every worker is at its budget (${viewers} viewers)`,
        );
        break;
      }
      if ((viewers + 1) % 100 === 0)
        log(`  ${viewers + 1} / ${VIEWERS} 位观众已加入 / viewers joined`);
    }
    await new Promise((done) => setTimeout(done, 3000)); // key frames for everyone
    for (const w of pool.load()) cpuBefore.set(w.id, await pool.workerCpuMs(w.id));
    const dropsBefore = rtp.drops();
    const started = Date.now();
    const delivered = await rate(rtp.packets, SECONDS);
    const wallMs = Date.now() - started;
    const dropsAfter = rtp.drops();

    log('');
    log(`观众 Viewers: ${viewers}`);
    for (const w of pool.load()) {
      const cpu = ((await pool.workerCpuMs(w.id)) - cpuBefore.get(w.id)!) / wallMs;
      log(`  worker ${w.id}: ${w.consumers} 路消费 consumers, CPU ${(cpu * 100).toFixed(0)} %`);
    }
    const ceiling = one * viewers;
    log(
      `送达 Delivered: ${delivered.toFixed(0)} 包/秒 packets/s; 上限 ceiling (1 位观众 × ${viewers}): ${ceiling.toFixed(0)}; 比 ratio ${(delivered / ceiling).toFixed(2)}`,
    );
    const dropped =
      dropsBefore === null || dropsAfter === null
        ? '未知 unknown'
        : String(dropsAfter - dropsBefore);
    log(
      `计数端 Counting socket: 接收缓冲 receive buffer ${(rtp.buffer() / 1048576).toFixed(1)} MiB, 内核丢弃 dropped by the kernel: ${dropped}` +
        (rtp.buffer() < RECEIVE_BUFFER
          ? ` (小于 below 4 MiB: sysctl -w net.core.rmem_max=${RECEIVE_BUFFER})`
          : ''),
    );
  } finally {
    encoder.kill('SIGKILL');
    rtp.socket.close();
    rtcp.socket.close();
    await pool.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

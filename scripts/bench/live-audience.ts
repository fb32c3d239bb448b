// npm run bench:live-audience [-- --viewers 500 --workers 2 --budget 500 --seconds 10]
//
// One live session: an encoder (ffmpeg) sends a test picture and a tone as one audio and one video
// producer; N simulated viewers each consume both, placed by the media pool (up to the consumer
// budget per worker, then piped to another worker's router). Each viewer's streams leave the
// worker as plain RTP for a local socket to count, so the workers really forward every packet.
// Prints the consumers and CPU of each worker and the packets delivered per second, next to the
// ceiling measured in the same run: one viewer's packet rate × N.
import { Logger } from '@nestjs/common';
import { createSocket, Socket } from 'node:dgram';
import { DomainError } from 'src/common/errors/domain-error';
import { loadConfig } from 'src/config/config';
import { MediaPool } from 'src/live/media-pool';
import { MediasoupAdapter, workerBinaryProblem } from 'src/live/mediasoup-adapter';
import { log, option } from 'scripts/bench/bench-support';
import { PATTERN_STREAMS, ffmpegProblem, sendTestPattern } from 'test/support/test-pattern';

const VIEWERS = option('viewers', 500);
const SECONDS = option('seconds', 10);
const SESSION = 'bench-live-audience';

/** A UDP socket on the loopback that counts what it receives. */
async function sink(): Promise<{ socket: Socket; port: number; packets: () => number }> {
  const socket = createSocket('udp4');
  let packets = 0;
  socket.on('message', () => packets++);
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  return { socket, port: socket.address().port, packets: () => packets };
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
    const started = Date.now();
    const delivered = await rate(rtp.packets, SECONDS);
    const wallMs = Date.now() - started;

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

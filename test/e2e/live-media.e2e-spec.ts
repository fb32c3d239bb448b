import { Logger } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaPool } from 'src/live/media-pool';
import { workerBinaryProblem } from 'src/live/mediasoup-adapter';
import { eventually, startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { LiveClient } from 'test/support/live-client';
import { MEDIA_WORKER_ENABLE, describeUnless } from 'test/support/skips';
import { resetState } from 'test/support/state';
import { PATTERN_STREAMS, ffmpegProblem, sendTestPattern } from 'test/support/test-pattern';

// These drive a real mediasoup worker (and ffmpeg); they run wherever one can start.
const withWorker = describeUnless(
  workerBinaryProblem() ?? ffmpegProblem(),
  'live media integration (test/e2e/live-media)',
  MEDIA_WORKER_ENABLE,
);

withWorker('live media with a real mediasoup worker', () => {
  let api: TestApi;
  let sender: ChildProcess | undefined;
  const clients: LiveClient[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'duijie-live-'));

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    api = await startApi({
      LIVE_WORKERS: '2',
      LIVE_CONSUMER_BUDGET: '4',
      LIVE_LISTEN_IP: '127.0.0.1',
      LIVE_HLS_DIR: join(dir, 'hls'),
      LIVE_RECORDINGS_DIR: join(dir, 'recordings'),
    });
    await api.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    sender?.kill('SIGKILL');
    await Promise.all(clients.map((c) => c.close()));
    await api.close();
  });

  it('streams a test pattern to viewers on two workers, relays and records it, survives a dead worker and keeps the figures', async () => {
    const health = await api.http.get('/health').expect(200);
    expect(health.body.live).toMatchObject({ available: true, relay: { available: true } });
    expect(health.body.live.workers).toHaveLength(2);

    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, {
      kind: 'cloud_docking',
      title: '云对接·真实媒体',
    });
    const session = await api.http
      .post('/api/live/sessions')
      .set(bearer(organizer.token))
      .send({ eventId })
      .expect(201);
    const sessionId = session.body.id as string;

    // The organizer's console joins (the media room opens), and an encoder sends the pattern.
    const stage = await LiveClient.connect(api.app, organizer.token);
    clients.push(stage);
    await stage.ok('join', { sessionId, present: true });
    const pool = api.app.get(MediaPool);
    const audio = await pool.ingest(sessionId, 'audio', PATTERN_STREAMS.audio);
    const video = await pool.ingest(sessionId, 'video', PATTERN_STREAMS.video);
    sender = sendTestPattern({ audio, video });

    // Three viewers on WebRTC transports; past the budget of 4 consumers the third is piped.
    const enterprise = await signedInAs(api.app, ['enterprise'], '观众');
    for (let i = 0; i < 3; i++) {
      const viewer = await LiveClient.connect(api.app, enterprise.token);
      clients.push(viewer);
      const joined = await viewer.ok('join', { sessionId });
      const producers = joined.producers as { id: string; kind: string }[];
      expect(producers.map((p) => p.kind).sort()).toEqual(['audio', 'video']);
      const recv = await viewer.ok('createTransport', { direction: 'recv' });
      expect((recv.iceCandidates as { address: string }[])[0].address).toBe('127.0.0.1');
      for (const producer of producers) {
        const consumer = await viewer.ok('consume', {
          transportId: recv.id,
          producerId: producer.id,
          rtpCapabilities: joined.rtpCapabilities as Record<string, unknown>,
        });
        expect(consumer.kind).toBe(producer.kind);
        await viewer.ok('resume', { consumerId: consumer.id });
      }
    }
    const load = pool.load();
    expect(load.map((w) => w.consumers).sort()).toEqual([2, 4]);

    // HLS relay: the pattern arrives at ffmpeg through a PlainTransport and becomes a playlist.
    const relay = await api.http
      .post(`/api/live/sessions/${sessionId}/relays/hls`)
      .set(bearer(organizer.token))
      .expect(201);
    expect(relay.body.hlsUrl).toMatch(/\/api\/live\/sessions\/.+\/hls\/index\.m3u8$/);
    const playlist = await eventually(
      async () => {
        const r = await api.http.get(`/api/live/sessions/${sessionId}/hls/index.m3u8`);
        return r.status === 200 && r.text.includes('.ts') ? r.text : undefined;
      },
      'an HLS playlist with a segment',
      30_000,
    );
    expect(playlist).toContain('#EXTM3U');

    // A recording without re-encoding: a WebM file that grows.
    const recording = await api.http
      .post(`/api/live/sessions/${sessionId}/relays/recording`)
      .set(bearer(organizer.token))
      .expect(201);
    const file = recording.body.recordings[0] as string;
    await eventually(
      async () => (existsSync(file) && statSync(file).size > 10_000 ? true : undefined),
      'a growing recording',
      30_000,
    );
    await api.http
      .delete(`/api/live/sessions/${sessionId}/relays/recording`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(statSync(file).size).toBeGreaterThan(10_000);

    // The worker serving the piped viewer dies: a replacement starts and its viewer is told to rejoin.
    const busiest = load.find((w) => w.consumers === 2)!;
    process.kill(Number(busiest.id), 'SIGKILL');
    await eventually(
      async () => (clients.some((c) => c.heard('sessionMoved')) ? true : undefined),
      'a viewer told that the session moved',
    );
    await eventually(
      async () =>
        pool.load().length === 2 && !pool.load().some((w) => w.id === busiest.id)
          ? true
          : undefined,
      'a replacement worker',
    );

    const ended = await api.http
      .post(`/api/live/sessions/${sessionId}/stop`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(ended.body.figures).toMatchObject({
      totalViews: 3,
      uniqueViewers: 1,
      peakConcurrent: 3,
    });
    expect(ended.body.hlsUrl).toBeNull();
  });
});

import { Logger } from '@nestjs/common';
import { loadConfig } from 'src/config/config';
import { MediaPool, RoomMoved } from 'src/live/media-pool';
import { FAKE_CAPABILITIES, FAKE_RTP, FakeMediaAdapter } from 'test/support/fake-media';

function poolWith(media: FakeMediaAdapter, env: Record<string, string> = {}) {
  const config = loadConfig({ LIVE_WORKERS: '3', LIVE_CONSUMER_BUDGET: '4', ...env });
  return new MediaPool(media, config);
}

/** A presenter on the origin router sending sound and pictures. */
async function presenting(pool: MediaPool, sessionId: string) {
  await pool.open(sessionId);
  const transport = await pool.createTransport(sessionId, pool.presenterRouter(sessionId));
  const audio = await pool.produce(sessionId, transport.id, 'audio', FAKE_RTP);
  const video = await pool.produce(sessionId, transport.id, 'video', FAKE_RTP);
  return { transportId: transport.id, producers: [audio, video] };
}

/** A viewer placed by the pool, consuming every producer; returns its router and transport. */
async function viewing(pool: MediaPool, sessionId: string) {
  const routerId = await pool.viewerRouter(sessionId);
  const transport = await pool.createTransport(sessionId, routerId);
  for (const producer of pool.producers(sessionId)) {
    const consumer = await pool.consume(sessionId, transport.id, producer.id, FAKE_CAPABILITIES);
    await pool.resumeConsumer(sessionId, consumer.id);
  }
  return { routerId, transportId: transport.id };
}

describe('MediaPool', () => {
  // Deaths and spreads are logged on purpose; the test need not show them.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('starts LIVE_WORKERS workers, and reports why it cannot when no worker runs', async () => {
    const pool = poolWith(new FakeMediaAdapter());
    await pool.onModuleInit();
    expect(pool.unavailableReason()).toBeNull();
    expect(pool.load()).toHaveLength(3);

    const none = poolWith(new FakeMediaAdapter('no worker binary here'));
    await none.onModuleInit();
    expect(none.unavailableReason()).toBe('no worker binary here');
    await expect(none.open('s1')).rejects.toMatchObject({ code: 'LIVE_UNAVAILABLE' });
  });

  it('fills a worker up to the consumer budget, then pipes the producers to another worker', async () => {
    const media = new FakeMediaAdapter();
    const pool = poolWith(media);
    await pool.onModuleInit();
    const { producers } = await presenting(pool, 's1');
    const origin = pool.presenterRouter('s1');

    const first = await viewing(pool, 's1');
    const second = await viewing(pool, 's1');
    expect([first.routerId, second.routerId]).toEqual([origin, origin]); // 4 consumers: the budget

    const third = await viewing(pool, 's1');
    expect(third.routerId).not.toBe(origin);
    expect(media.pipes.map((p) => p.producerId).sort()).toEqual([...producers].sort());
    expect(media.routers.get(third.routerId)!.workerId).not.toBe(
      media.routers.get(origin)!.workerId,
    );

    await viewing(pool, 's1');
    await viewing(pool, 's1');
    await viewing(pool, 's1'); // three workers × two viewers
    await expect(pool.viewerRouter('s1')).rejects.toMatchObject({ code: 'LIVE_AUDIENCE_FULL' });
    expect(pool.load().map((w) => w.consumers)).toEqual([4, 4, 4]);

    // A viewer leaving frees its place.
    await pool.closeTransport(first.transportId);
    expect(await pool.viewerRouter('s1')).toBe(origin);
  });

  it('pipes a producer that starts after the audience was spread', async () => {
    const media = new FakeMediaAdapter();
    const pool = poolWith(media, { LIVE_CONSUMER_BUDGET: '2' });
    await pool.onModuleInit();
    await pool.open('s1');
    const send = await pool.createTransport('s1', pool.presenterRouter('s1'));
    await viewing(pool, 's1'); // reserves two consumers' room on the origin
    const spread = await pool.viewerRouter('s1');
    await pool.createTransport('s1', spread);
    const audio = await pool.produce('s1', send.id, 'audio', FAKE_RTP);
    expect(media.routers.get(spread)!.producers.has(audio)).toBe(true);
  });

  it('stops counting the consumers of a presenter who left', async () => {
    const pool = poolWith(new FakeMediaAdapter());
    await pool.onModuleInit();
    const { transportId } = await presenting(pool, 's1');
    await viewing(pool, 's1');
    expect(pool.load().reduce((n, w) => n + w.consumers, 0)).toBe(2);
    await pool.closeTransport(transportId);
    expect(pool.producers('s1')).toEqual([]);
    expect(pool.load().reduce((n, w) => n + w.consumers, 0)).toBe(0);
  });

  it('refuses to consume a producer of another session and media it does not know', async () => {
    const pool = poolWith(new FakeMediaAdapter());
    await pool.onModuleInit();
    const { producers } = await presenting(pool, 's1');
    await pool.open('s2');
    const other = await pool.createTransport('s2', await pool.viewerRouter('s2'));
    await expect(
      pool.consume('s2', other.id, producers[0], FAKE_CAPABILITIES),
    ).rejects.toMatchObject({ code: 'LIVE_MEDIA_NOT_FOUND' });
    await expect(
      pool.consume('s1', other.id, producers[0], FAKE_CAPABILITIES),
    ).rejects.toMatchObject({ code: 'LIVE_MEDIA_NOT_FOUND' });
    const mine = await pool.createTransport('s1', await pool.viewerRouter('s1'));
    await expect(pool.consume('s1', mine.id, producers[0], { codecs: [] })).rejects.toMatchObject({
      code: 'LIVE_CANNOT_CONSUME',
    });
  });

  it('replaces a dead worker and moves the sessions it hosted', async () => {
    const media = new FakeMediaAdapter();
    const pool = poolWith(media);
    await pool.onModuleInit();
    const moved: RoomMoved[] = [];
    pool.onMoved((m) => moved.push(m));
    await presenting(pool, 's1');
    await viewing(pool, 's1');
    await viewing(pool, 's1');
    const spread = await viewing(pool, 's1'); // on a second worker
    const spreadWorker = media.routers.get(spread.routerId)!.workerId;

    // A worker with only spread viewers dies: they move, the presenter stays.
    media.kill(spreadWorker);
    await new Promise((resolve) => setImmediate(resolve));
    expect(moved).toEqual([{ sessionId: 's1', lostRouterIds: [spread.routerId] }]);
    expect(pool.load()).toHaveLength(3); // replaced
    expect(pool.load().map((w) => w.id)).not.toContain(spreadWorker);
    expect(pool.producers('s1')).toHaveLength(2);

    // The origin's worker dies: the room goes, and opens afresh on a live worker.
    const origin = pool.presenterRouter('s1');
    media.kill(media.routers.get(origin)!.workerId);
    await new Promise((resolve) => setImmediate(resolve));
    expect(moved[1].sessionId).toBe('s1');
    expect(moved[1].lostRouterIds).toContain(origin);
    expect(pool.hosts('s1')).toBe(false);
    expect(pool.load().reduce((n, w) => n + w.consumers, 0)).toBe(0);
    await pool.open('s1');
    expect(pool.presenterRouter('s1')).not.toBe(origin);
    expect(pool.unavailableReason()).toBeNull();
  });
});

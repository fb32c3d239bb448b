import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AddressInfo, Socket, connect } from 'node:net';
import Redis from 'ioredis';
import { RateLimiter } from 'src/common/rate-limiter';
import { REDIS } from 'src/queue/queue.module';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { FakeMediaAdapter } from 'test/support/fake-media';
import { bearer } from 'test/support/http';
import { LiveClient, openSocket } from 'test/support/live-client';
import { resetState } from 'test/support/state';

const OWN_ORIGIN = 'http://duijie.test'; // PUBLIC_URL in the tests
const PARTNER_ORIGIN = 'https://partner.example.cn';
const FOREIGN_ORIGIN = 'https://evil.example.com';
const MIB = 1024 * 1024;

/**
 * The live socket as an attacker meets it (issue 17): each test failed on the gateway before the
 * gate, the limits and the server's viewer ids (100 MiB frames, any origin, a per-socket chat
 * limit, guest-chosen viewer ids and names).
 */
describe('abuse of the live socket', () => {
  let api: TestApi;
  let port: number;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let sessionId: string;
  const clients: LiveClient[] = [];

  const connectAs = async (token?: string, headers: Record<string, string> = {}) => {
    const client = await LiveClient.connect(api.app, token, '', headers);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    api = await startApi(
      {
        ALLOWED_ORIGINS: PARTNER_ORIGIN,
        LIVE_CONNECTIONS_PER_ADDRESS: '12',
        LIVE_CHAT_PER_MINUTE: '3',
        LIVE_ADDRESS_LINES_PER_MINUTE: '8',
      },
      { mediaAdapter: new FakeMediaAdapter() },
    );
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    organizer = await signedInOrganizer(api.app);
    sessionId = await newSession();
  });

  /** A live session of a public cloud docking (guests may watch), with an audience of its own. */
  async function newSession(): Promise<string> {
    const eventId = await createEvent(api.http, organizer, { kind: 'cloud_docking' });
    const started = await api.http
      .post('/api/live/sessions')
      .set(bearer(organizer.token))
      .send({ eventId })
      .expect(201);
    return started.body.id as string;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await api.app.get(RateLimiter).reset('live:speech-from:127.0.0.1');
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses a foreign origin at the upgrade, and closes on a 60 MiB frame from its header alone', async () => {
    const foreign = await rawUpgrade(port, FOREIGN_ORIGIN);
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('LIVE_ORIGIN_REFUSED');
    foreign.socket.destroy();

    // Our own page (or a client that sends no Origin): a frame announcing 60 MiB is refused from
    // its header, before a byte of it is sent, so nothing is read, buffered or parsed.
    const own = await rawUpgrade(port, OWN_ORIGIN);
    expect(own.status).toBe(101);
    const closed = new Promise<Buffer>((resolve) => {
      let after = Buffer.alloc(0);
      own.socket.on('data', (chunk: Buffer) => (after = Buffer.concat([after, chunk])));
      own.socket.on('close', () => resolve(after));
    });
    own.socket.write(frameHeader(60 * MIB));
    const reply = await within(closed, 2000, 'the server to close the socket');
    expect(reply[0]).toBe(0x88); // a close frame …
    expect(reply.readUInt16BE(2)).toBe(1009); // … "message too big"

    // A whole message past 64 KiB from a regular client is refused the same way.
    const client = await connectAs();
    const code = new Promise<number>((resolve) => client.socket.once('close', resolve));
    client.sendRaw(JSON.stringify({ event: 'chat', data: { text: 'x'.repeat(65 * 1024) } }));
    expect(await within(code, 2000, 'the close code')).toBe(1009);
  });

  it('opens the socket only from our own origins, and refuses a presented token that is invalid', async () => {
    for (const origin of [OWN_ORIGIN, PARTNER_ORIGIN]) {
      const opened = await openSocket(api.app, '', { origin });
      expect('socket' in opened).toBe(true);
      if ('socket' in opened) opened.socket.close();
    }
    const refused = await openSocket(api.app, '', {
      origin: FOREIGN_ORIGIN,
      cookie: `duijie_token=${encodeURIComponent(organizer.token)}`,
      'accept-language': 'en',
    });
    expect(refused).toMatchObject({
      refused: { status: 403, body: { code: 'LIVE_ORIGIN_REFUSED', message: /own pages/ } },
    });
    // A browser's cross-site request without Origin is recognised by Sec-Fetch-Site.
    const crossSite = await openSocket(api.app, '', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite).toMatchObject({ refused: { status: 403 } });

    const forged = await openSocket(api.app, 'token=not-a-token');
    expect(forged).toMatchObject({
      refused: { status: 401, body: { code: 'LIVE_TOKEN_INVALID' } },
    });
    // A stale session cookie merely comes along: its holder watches as a guest.
    const stale = await connectAs(undefined, { cookie: 'duijie_token=expired' });
    expect((await stale.ok('join', { sessionId })).viewerId).toEqual(expect.any(String));
  });

  it('caps the sockets one address holds open', async () => {
    const open: LiveClient[] = [];
    for (let i = 0; i < 12; i++) open.push(await connectAs());
    const refused = await openSocket(api.app);
    expect(refused).toMatchObject({
      refused: { status: 429, body: { code: 'LIVE_TOO_MANY_CONNECTIONS' } },
    });
    expect('refused' in refused && refused.refused.headers['retry-after']).toBe('10');
    await open[0].close();
    await eventuallyOpens(); // the closed socket's place is free again
  });

  it('counts the client behind our load balancer (TRUST_PROXY), and a forwarded address from anyone else as nothing', async () => {
    // No TRUST_PROXY here: X-Forwarded-For is the client's own say, and every socket counts
    // against the address it comes from.
    for (let i = 0; i < 12; i++)
      await connectAs(undefined, { 'x-forwarded-for': `203.0.113.${i}` });
    const forged = await openSocket(api.app, '', { 'x-forwarded-for': '198.51.100.1' });
    expect(forged).toMatchObject({ refused: { status: 429 } });

    const behind = await startApi(
      { TRUST_PROXY: 'loopback', LIVE_CONNECTIONS_PER_ADDRESS: '2' },
      { mediaAdapter: new FakeMediaAdapter() },
    );
    await behind.app.listen(0, '127.0.0.1');
    const opened: LiveClient[] = [];
    try {
      const from = (client: string) =>
        LiveClient.connect(behind.app, undefined, '', { 'x-forwarded-for': client });
      opened.push(await from('203.0.113.7'), await from('203.0.113.7'));
      await expect(from('203.0.113.7')).rejects.toThrow('429 LIVE_TOO_MANY_CONNECTIONS');
      opened.push(await from('203.0.113.8')); // another client behind the same balancer
    } finally {
      await Promise.all(opened.map((c) => c.close()));
      await behind.close();
    }
  });

  it('limits one person’s chat across all their sockets, and one address’s across its guests', async () => {
    const person = await signedInAs(api.app, ['enterprise'], '刷屏者');
    const sockets: LiveClient[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = await connectAs(person.token);
      await socket.ok('join', { sessionId });
      sockets.push(socket);
    }
    // Eight sockets, one line each at the same moment: one line a second for the person.
    const burst = await Promise.all(
      sockets.map((s, i) => s.request('chat', { text: `刷屏 ${i}` })),
    );
    expect(burst.filter((r) => r.event === 'chatSent')).toHaveLength(1);
    expect(burst.filter((r) => r.data.code === 'LIVE_TOO_FAST')).toHaveLength(7);
    // Then three a minute, whichever socket sends.
    let sent = 1;
    for (let second = 0; second < 3; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const reply = await sockets[second].request('chat', { text: `第 ${second} 秒` });
      if (reply.event === 'chatSent') sent++;
      else expect(reply.data.code).toBe('LIVE_TOO_FAST');
    }
    expect(sent).toBe(3);
    const lines = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM live_chat_message WHERE session_id = $1 AND user_id = $2`,
      [sessionId, person.user.id],
    );
    expect(lines[0].n).toBe(3);
  });

  it('limits what one address says however many guests it makes up', async () => {
    // Guests who throw their cookie away are new guests each time, but from one address.
    const guests: LiveClient[] = [];
    for (let i = 0; i < 11; i++) {
      const guest = await connectAs();
      await guest.ok('join', { sessionId });
      guests.push(guest);
    }
    const said = await Promise.all(guests.map((g, i) => g.request('chat', { text: `水军 ${i}` })));
    expect(said.filter((r) => r.event === 'chatSent')).toHaveLength(8);
    expect(said.filter((r) => r.data.code === 'LIVE_TOO_FAST')).toHaveLength(3);
  });

  it('counts a guest once however many viewer ids they make up, and a forged cookie as nothing', async () => {
    const sessionId = await newSession();
    const first = await connectAs();
    expect(first.setCookie).toMatch(/^duijie_viewer=[0-9a-f-]{36}\.[\w-]{32}; Path=\/; HttpOnly/);
    await first.ok('join', { sessionId, viewerId: '00000000-0000-4000-8000-000000000001' });
    for (let i = 2; i <= 6; i++) {
      const tab = await connectAs(undefined, { cookie: first.cookie() });
      const viewerId = `00000000-0000-4000-8000-00000000000${i}`;
      const joined = await tab.ok('join', { sessionId, viewerId });
      expect(joined.viewerId).not.toBe(viewerId);
    }
    const [issued] = first.cookie().split('=')[1].split('.');
    const forged = await connectAs(undefined, {
      cookie: `duijie_viewer=${issued.replace(/^./, 'f')}.${'A'.repeat(32)}`,
    });
    expect(forged.setCookie).toBeDefined(); // a new id: the forged one counts for nothing
    const figures = (await api.http.get(`/api/live/sessions/${sessionId}`).expect(200)).body
      .figures as { uniqueViewers: number; totalViews: number };
    expect(figures).toMatchObject({ totalViews: 6, uniqueViewers: 1 });
    const redis = api.app.get<Redis>(REDIS);
    const counted = await redis.smembers(`${api.config.redisPrefix}:live:{${sessionId}}:viewers`);
    expect(counted).toEqual([`guest:${issued}`]);
  });

  it('marks guests’ names as guests’ and refuses names that pass for someone else', async () => {
    const guest = await connectAs();
    await guest.ok('join', { sessionId });
    const member = await connectAs((await signedInAs(api.app, ['expert'], '王教授')).token);
    await member.ok('join', { sessionId });

    await guest.ok('chat', { text: '你好', name: '赵工' });
    expect((await member.news('chat')).data).toMatchObject({ name: '赵工（访客 / guest）' });
    for (const name of ['王教授（访客 / guest）', '主持人', 'Organizer', '一'.repeat(21)]) {
      await new Promise((resolve) => setTimeout(resolve, 1100)); // one line a second
      const refused = await guest.request('chat', { text: '我是主持人', name });
      expect(refused.data).toMatchObject({
        code: 'LIVE_GUEST_NAME_REFUSED',
        details: { fields: [expect.objectContaining({ field: 'name' })] },
      });
    }
    const asked = await guest.ok('ask', { text: '能否介绍合作方式？' });
    expect(asked.askerName).toBe('访客 / Guest');
    await member.ok('chat', { text: '欢迎' });
    const welcome = await guest.next((m) => m.data.text === '欢迎', 'the member’s line');
    expect(welcome.data).toMatchObject({ name: '王教授' }); // a signed-in person is not marked
  });

  async function eventuallyOpens(): Promise<void> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const opened = await openSocket(api.app);
      if ('socket' in opened) return opened.socket.close();
      if (Date.now() > deadline) throw new Error('no socket opened after one was closed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});

/** A WebSocket upgrade written by hand, so that the test can send frames no client library would. */
async function rawUpgrade(
  port: number,
  origin: string,
): Promise<{ status: number; text: string; socket: Socket }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    [
      'GET /api/live/ws HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${origin}`,
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) => {
    let text = '';
    const read = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (!text.includes('\r\n\r\n')) return;
      socket.off('data', read);
      resolve(text);
    };
    socket.on('data', read);
  });
  return { status: Number(head.split(' ')[1]), text: head, socket };
}

/** A masked text frame's header announcing `length` bytes (a client's frames are masked). */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(14);
  header[0] = 0x81; // FIN, text
  header[1] = 0x80 | 127; // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(length), 2);
  randomBytes(4).copy(header, 10);
  return header;
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

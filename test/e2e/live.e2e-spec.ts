import { Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Audience, STALE_MS } from 'src/live/audience';
import { LiveSession } from 'src/live/live-session.entity';
import { Relays } from 'src/live/relay';
import { workerBinaryProblem } from 'src/live/mediasoup-adapter';
import { StatisticsService } from 'src/stats/statistics.service';
import { startApi, TestApi } from 'test/support/app';
import {
  createEvent,
  createOrganization,
  signedInAs,
  signedInOrganizer,
} from 'test/support/factories';
import { FAKE_CAPABILITIES, FAKE_RTP, FakeMediaAdapter } from 'test/support/fake-media';
import { bearer } from 'test/support/http';
import { LiveClient } from 'test/support/live-client';
import { resetState } from 'test/support/state';

/** A time on the n-th day of June 2027 (each staged event gets its own day: one presenter presents them all). */
const at = (day: number, time: string) =>
  `2027-06-${String(day).padStart(2, '0')}T${time}:00+08:00`;

describe('live stage over the signalling gateway (media adapter replaced: no mediasoup worker here)', () => {
  let api: TestApi;
  let media: FakeMediaAdapter;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let presenter: Awaited<ReturnType<typeof signedInAs>>;
  let enterprise: Awaited<ReturnType<typeof signedInAs>>;
  let stranger: Awaited<ReturnType<typeof signedInAs>>;
  let eventId: string;
  let itemId: string;
  let resultId: string;
  const clients: LiveClient[] = [];

  const connect = async (token?: string, query = '', headers: Record<string, string> = {}) => {
    const client = await LiveClient.connect(api.app, token, query, headers);
    clients.push(client);
    return client;
  };

  /** An event of the organizer's with one roadshow item presented by `presenter`. */
  let day = 0;
  async function stagedEvent(fields: Record<string, unknown> = {}, withResult = true) {
    day++;
    const id = await createEvent(api.http, organizer, {
      kind: 'cloud_docking',
      format: 'hybrid',
      title: '云对接·智能制造专场',
      startsAt: at(day, '09:00'),
      endsAt: at(day, '18:00'),
      ...fields,
    });
    const item = await api.http
      .post(`/api/events/${id}/agenda`)
      .set(bearer(organizer.token))
      .send({
        kind: 'roadshow',
        title: '工业视觉检测路演',
        startsAt: at(day, '10:00'),
        endsAt: at(day, '10:30'),
        presenterIds: [presenter.user.id],
        ...(withResult ? { resultId } : {}),
      })
      .expect(201);
    return { eventId: id, itemId: (item.body as { id: string }).id };
  }

  const start = (token: string, body: Record<string, unknown>) =>
    api.http.post('/api/live/sessions').set(bearer(token)).send(body);
  /** The organizer starts the staged item's session; returns its id. */
  const startStaged = async (staged: { eventId: string; itemId: string }) =>
    (
      (
        await start(organizer.token, {
          eventId: staged.eventId,
          agendaItemId: staged.itemId,
        }).expect(201)
      ).body as { id: string }
    ).id;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    media = new FakeMediaAdapter();
    api = await startApi({ LIVE_WORKERS: '2', LIVE_CONSUMER_BUDGET: '6' }, { mediaAdapter: media });
    await api.app.listen(0, '127.0.0.1');
    organizer = await signedInOrganizer(api.app);
    presenter = await signedInAs(api.app, ['expert'], '王教授');
    enterprise = await signedInAs(api.app, ['enterprise'], '李经理');
    stranger = await signedInAs(api.app, ['enterprise'], '陌生人');
    await createOrganization(api.dataSource, enterprise.user, {
      name: '成都视觉智能科技有限公司',
      kind: 'enterprise',
    });
    resultId = (
      await api.http
        .post('/api/results')
        .set(bearer(presenter.token))
        .send({
          title: '基于深度学习的工业视觉检测系统',
          summary: '缺陷检出率 99.5%',
          readinessLevel: 7,
          institutionName: '西南交通大学',
          published: true,
        })
        .expect(201)
    ).body.id as string;
    ({ eventId, itemId } = await stagedEvent());
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await api.close();
  });

  it('starts a session for the presenter, puts the event live and shows it on the agenda', async () => {
    await start(stranger.token, { eventId, agendaItemId: itemId })
      .expect(403)
      .expect((r) => expect(r.body.code).toBe('LIVE_NOT_PRESENTER'));
    const session = await start(presenter.token, { eventId, agendaItemId: itemId }).expect(201);
    expect(session.body).toMatchObject({ eventId, agendaItemId: itemId, status: 'live' });
    await start(organizer.token, { eventId, agendaItemId: itemId })
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('LIVE_ALREADY_LIVE'));

    const event = await api.http.get(`/api/events/${eventId}`).set(bearer(organizer.token));
    expect(event.body.status).toBe('live');
    const agenda = await api.http.get(`/api/events/${eventId}/agenda`).set(bearer(organizer.token));
    expect(agenda.body.items[0].live).toMatchObject({ sessionId: session.body.id });
    await api.http
      .post('/api/live/sessions')
      .set(bearer(organizer.token))
      .send({ eventId: 'nope', agendaItemId: 7 })
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('VALIDATION_FAILED'));
  });

  it('lets the presenter send and a guest watch, and refuses a guest who tries to send', async () => {
    const sessionId = await liveSessionOf(itemId);
    const stage = await connect(presenter.token);
    const joined = await stage.ok('join', { sessionId, present: true });
    expect(joined).toMatchObject({ role: 'presenter', moderator: false });
    const send = await stage.ok('createTransport', { direction: 'send' });
    await stage.ok('connectTransport', {
      transportId: send.id,
      dtlsParameters: { role: 'client', fingerprints: [] },
    });
    const audio = await stage.ok('produce', {
      transportId: send.id,
      kind: 'audio',
      rtpParameters: FAKE_RTP,
    });
    await stage.ok('produce', { transportId: send.id, kind: 'video', rtpParameters: FAKE_RTP });

    const guest = await connect();
    const watching = await guest.ok('join', { sessionId });
    expect(watching.role).toBe('viewer');
    expect(watching.viewerId).toEqual(expect.any(String));
    expect(watching.rtpCapabilities).toEqual(FAKE_CAPABILITIES);
    expect((watching.producers as { kind: string }[]).map((p) => p.kind).sort()).toEqual([
      'audio',
      'video',
    ]);
    const recv = await guest.ok('createTransport', { direction: 'recv' });
    const consumer = await guest.ok('consume', {
      transportId: recv.id,
      producerId: audio.producerId,
      rtpCapabilities: FAKE_CAPABILITIES,
    });
    expect(consumer).toMatchObject({ producerId: audio.producerId, kind: 'audio' });
    await guest.ok('resume', { consumerId: consumer.id });
    expect(media.consumers.get(consumer.id as string)?.paused).toBe(false);

    const refused = await guest.request('createTransport', { direction: 'send' });
    expect(refused).toMatchObject({ event: 'error', data: { code: 'LIVE_NOT_PRESENTER' } });
    const cannot = await guest.request('consume', {
      transportId: recv.id,
      producerId: audio.producerId,
      rtpCapabilities: { codecs: [] },
    });
    expect(cannot.data.code).toBe('LIVE_CANNOT_CONSUME');
    const notMine = await guest.request('connectTransport', {
      transportId: send.id,
      dtlsParameters: {},
    });
    expect(notMine.data.code).toBe('LIVE_MEDIA_NOT_FOUND');

    // A guest may not join to present either.
    const second = await connect();
    expect((await second.request('join', { sessionId, present: true })).data.code).toBe(
      'LIVE_NOT_PRESENTER',
    );
  });

  it('answers bad messages with a coded error naming each field, and keeps the socket', async () => {
    const client = await connect();
    client.sendRaw('this is not json');
    expect((await client.next((m) => m.event === 'error', 'error')).data.code).toBe(
      'MALFORMED_REQUEST',
    );
    client.sendRaw(JSON.stringify({ event: 'dance', data: { requestId: 'x' } }));
    expect(await client.next((m) => m.data.requestId === 'x', 'error')).toMatchObject({
      event: 'error',
      data: { code: 'MALFORMED_REQUEST' },
    });
    const invalid = await client.request('join', {
      sessionId: 'not-a-uuid',
      present: 'yes',
      extra: 1,
    });
    expect(invalid.data.code).toBe('VALIDATION_FAILED');
    const fields = (invalid.data.details as { fields: { field: string; message: string }[] })
      .fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['extra', 'present', 'sessionId']);
    expect(fields[0].message).toMatch(/[\u4e00-\u9fa5]/); // zh-CN first
    expect((await client.request('heartbeat')).data.code).toBe('LIVE_NOT_JOINED');
    const unknown = await client.request('join', {
      sessionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.data.code).toBe('LIVE_SESSION_NOT_FOUND');
  });

  it('admits viewers by the event’s visibility and refuses the uninvited', async () => {
    const inviteOnly = await stagedEvent({ visibility: 'invite_only', title: '邀请制路演' });
    const closed = await stagedEvent({
      kind: 'precise_docking',
      visibility: 'closed_door',
      title: '闭门精准对接',
    });
    const publicRoadshow = await stagedEvent({ kind: 'roadshow', title: '公开路演' });
    const sessions: string[] = [];
    for (const e of [inviteOnly, closed, publicRoadshow]) {
      sessions.push(await startStaged(e));
    }
    const [inviteSession, closedSession, roadshowSession] = sessions;

    const guest = await connect();
    expect((await guest.request('join', { sessionId: inviteSession })).data.code).toBe(
      'LIVE_SIGN_IN_REQUIRED',
    );
    expect((await guest.request('join', { sessionId: closedSession })).data.code).toBe(
      'LIVE_SESSION_NOT_FOUND',
    );
    expect((await guest.request('join', { sessionId: roadshowSession })).data.code).toBe(
      'LIVE_SIGN_IN_REQUIRED',
    );

    const outsider = await connect(stranger.token);
    expect((await outsider.request('join', { sessionId: inviteSession })).data.code).toBe(
      'LIVE_NOT_INVITED',
    );
    expect((await outsider.request('join', { sessionId: closedSession })).data.code).toBe(
      'LIVE_SESSION_NOT_FOUND',
    );
    await outsider.ok('join', { sessionId: roadshowSession });

    // An invitation opens both doors.
    for (const e of [inviteOnly, closed]) {
      await api.http
        .post(`/api/events/${e.eventId}/invitations`)
        .set(bearer(organizer.token))
        .send({ invitees: [{ name: '陌生人', email: stranger.user.email, sector: 'industry' }] })
        .expect(201)
        .expect((r) => expect(r.body.errors).toEqual([]));
    }
    await outsider.ok('join', { sessionId: inviteSession });
    await outsider.ok('join', { sessionId: closedSession });
    // The cookie works as well as the bearer token.
    const cookieClient = await connectWithCookie(stranger.token);
    await cookieClient.ok('join', { sessionId: closedSession });
  });

  it('serves an invite-only session’s HLS only by the signed address its viewers get, and no file paths', async () => {
    const inviteOnly = await stagedEvent({ visibility: 'invite_only', title: '邀请制转播' });
    const sessionId = await startStaged(inviteOnly);
    // A relay running (its playlist written as ffmpeg would), and a recording kept.
    const directory = join(api.config.live.hlsDir, sessionId);
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, 'index.m3u8'), '#EXTM3U\n#EXTINF:2.0,\nindex0.ts\n');
    await writeFile(join(directory, 'index0.ts'), 'segment');
    await api.dataSource.getRepository(LiveSession).update(
      { id: sessionId },
      {
        hlsPath: `/api/live/sessions/${sessionId}/hls/index.m3u8`,
        recordings: [`/var/lib/duijie/recordings/${sessionId}.webm`],
      },
    );
    const open = `/api/live/sessions/${sessionId}/hls/index.m3u8`;
    await api.http.get(open).expect(404);

    const listed = await api.http
      .get(`/api/events/${inviteOnly.eventId}/live-sessions`)
      .expect(200);
    expect(listed.body[0]).toMatchObject({ id: sessionId, hlsUrl: null, recordings: [] });
    const uninvited = await api.http
      .get(`/api/live/sessions/${sessionId}`)
      .set(bearer(stranger.token))
      .expect(200);
    expect(uninvited.body).toMatchObject({ hlsUrl: null, recordings: [] });

    const managed = await api.http
      .get(`/api/live/sessions/${sessionId}`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(managed.body.recordings).toEqual([`/var/lib/duijie/recordings/${sessionId}.webm`]);
    const signed = new URL(managed.body.hlsUrl as string).pathname;
    expect(signed).toMatch(
      new RegExp(`^/api/live/sessions/${sessionId}/hls/\\d+\\.[\\w-]{32}/index\\.m3u8$`),
    );
    const playlist = await api.http.get(signed).expect(200);
    expect(playlist.text).toContain('index0.ts');
    // The segment, relative to the playlist, carries the grant too.
    await api.http.get(signed.replace('index.m3u8', 'index0.ts')).expect(200);
    // The grant opens this session only, and a forged one nothing.
    const grant = signed.split('/')[6];
    await api.http
      .get(`/api/live/sessions/00000000-0000-4000-8000-000000000000/hls/${grant}/index.m3u8`)
      .expect(404);
    await api.http.get(signed.replace(/\.[\w-]{32}\//, `.${'A'.repeat(32)}/`)).expect(404);
  });

  it('runs moderated Q&A: viewers ask, organizers approve, presenters answer', async () => {
    const sessionId = await liveSessionOf(itemId);
    const moderator = await connect(organizer.token);
    expect((await moderator.ok('join', { sessionId })).moderator).toBe(true);
    const stage = await connect(presenter.token);
    await stage.ok('join', { sessionId, present: true });
    const guest = await connect();
    await guest.ok('join', { sessionId });
    const viewer = await connect(enterprise.token);
    await viewer.ok('join', { sessionId });

    const asked = await guest.ok('ask', { text: '检测速度能到多少件每分钟？', name: '赵工' });
    expect(asked).toMatchObject({ status: 'pending', askerName: '赵工（访客 / guest）' });
    expect((await moderator.news('questionAsked')).data.id).toBe(asked.id);
    expect(viewer.heard('questionAsked')).toBe(false);
    const publicList = await api.http.get(`/api/live/sessions/${sessionId}/questions`);
    expect(publicList.body).toEqual([]);
    const modList = await api.http
      .get(`/api/live/sessions/${sessionId}/questions?status=pending`)
      .set(bearer(organizer.token));
    expect((modList.body as { id: string }[]).map((q) => q.id)).toEqual([asked.id]);

    expect(
      (await viewer.request('moderate', { questionId: asked.id, decision: 'approve' })).data.code,
    ).toBe('LIVE_NOT_MODERATOR');
    expect((await stage.request('answer', { questionId: asked.id })).data.code).toBe(
      'LIVE_QUESTION_INVALID_TRANSITION',
    );
    await moderator.ok('moderate', { questionId: asked.id, decision: 'approve' });
    expect((await viewer.news('question')).data).toMatchObject({
      id: asked.id,
      status: 'approved',
    });
    const answered = await stage.ok('answer', { questionId: asked.id, answer: '每分钟 120 件' });
    expect(answered).toMatchObject({ status: 'answered', answer: '每分钟 120 件' });
    expect(
      (await guest.next((m) => m.event === 'question' && m.data.status === 'answered', 'answered'))
        .data.id,
    ).toBe(asked.id);
    expect(
      (await moderator.request('moderate', { questionId: asked.id, decision: 'reject' })).data.code,
    ).toBe('LIVE_QUESTION_INVALID_TRANSITION');
    const list = await api.http.get(`/api/live/sessions/${sessionId}/questions`);
    expect(list.body).toEqual([expect.objectContaining({ id: asked.id, status: 'answered' })]);

    // The chat reaches everyone; a second line within a second is refused.
    await viewer.ok('chat', { text: '演示很清楚！' });
    expect((await guest.news('chat')).data).toMatchObject({ name: '李经理', text: '演示很清楚！' });
    expect((await viewer.request('chat', { text: '再说一句' })).data.code).toBe('LIVE_TOO_FAST');
    expect((await viewer.request('ask', { text: '   ' })).data.code).toBe('VALIDATION_FAILED');
  });

  it('records an intent on the presented result from a signed-in enterprise viewer', async () => {
    const sessionId = await liveSessionOf(itemId);
    const viewer = await connect(enterprise.token);
    await viewer.ok('join', { sessionId });
    const intent = await viewer.ok('intent', { note: '希望洽谈产线落地' });
    expect(intent).toMatchObject({
      resultId,
      eventId,
      enterpriseName: '成都视觉智能科技有限公司',
      note: '希望洽谈产线落地',
      stage: 'intent',
    });
    // Ticked on the intent button, the viewer's separate consent to show the presenter their
    // contacts is recorded for that intent alone; unticked, none is.
    const shared = await viewer.ok('intent', { note: '可直接联系我', shareMyContacts: true });
    const consents = await api.dataSource.query<{ scope: string }[]>(
      `SELECT scope FROM consent WHERE person_id = $1 AND purpose = 'share_contacts'
          AND withdrawn_at IS NULL`,
      [enterprise.user.id],
    );
    expect(consents).toEqual([{ scope: `intent:${shared.id as string}` }]);
    const guest = await connect();
    await guest.ok('join', { sessionId });
    expect((await guest.request('intent', {})).data.code).toBe('LIVE_INTENT_ENTERPRISE_ONLY');
    const intents = await api.http
      .get(`/api/intents?eventId=${eventId}`)
      .set(bearer(organizer.token));
    expect((intents.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(
      intent.id,
    );

    const noResult = await stagedEvent({ title: '无成果的专场' }, false);
    const other = await startStaged(noResult);
    await viewer.ok('join', { sessionId: other });
    expect((await viewer.request('intent', {})).data.code).toBe('LIVE_INTENT_NO_RESULT');
  });

  it('relays to HLS and records on the organizer’s word, where ffmpeg is installed', async () => {
    const relayed = await stagedEvent({ title: '转播专场' });
    const sessionId = await startStaged(relayed);
    const relay = (method: 'post' | 'delete', kind: string, token = organizer.token) =>
      api.http[method](`/api/live/sessions/${sessionId}/relays/${kind}`).set(bearer(token));
    // Nobody has joined here: the media is served by no process yet.
    await relay('post', 'hls')
      .expect(503)
      .expect((r) => expect(r.body.code).toBe('LIVE_MEDIA_ON_OTHER_HOST'));
    const stage = await connect(organizer.token);
    await stage.ok('join', { sessionId, present: true });
    await relay('post', 'hls')
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('LIVE_NOTHING_TO_RELAY'));
    const send = await stage.ok('createTransport', { direction: 'send' });
    await stage.ok('produce', { transportId: send.id, kind: 'video', rtpParameters: FAKE_RTP });
    await relay('post', 'hls', presenter.token) // presenters present; organizers relay
      .expect(403)
      .expect((r) => expect(r.body.code).toBe('EVENT_NOT_ORGANIZER'));
    await relay('post', 'dash').expect(400);

    const ffmpegMissing = api.app.get(Relays).unavailableReason();
    if (ffmpegMissing) {
      await relay('post', 'hls')
        .expect(503)
        .expect((r) => expect(r.body).toMatchObject({ code: 'LIVE_RELAY_UNAVAILABLE' }));
      return;
    }
    const started = await relay('post', 'hls').expect(201);
    expect(started.body.hlsUrl).toBe(
      `${api.config.publicUrl}/api/live/sessions/${sessionId}/hls/index.m3u8`,
    );
    await relay('post', 'hls')
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('LIVE_RELAY_RUNNING'));
    const recording = await relay('post', 'recording').expect(201);
    expect(recording.body).toMatchObject({
      recording: true,
      recordings: [expect.stringMatching(/\.webm$/)],
    });
    await relay('delete', 'recording').expect(200);
    const stopped = await relay('delete', 'hls').expect(200);
    expect(stopped.body).toMatchObject({ hlsUrl: null, recording: false });
    await relay('delete', 'hls')
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('LIVE_RELAY_NOT_RUNNING'));
    await api.http.get(`/api/live/sessions/${sessionId}/hls/index.m3u8`).expect(409);
    await api.http.get(`/api/live/sessions/${sessionId}/hls/..%2F..%2Fetc%2Fpasswd`).expect(400);
  });

  it('spreads viewers to another worker’s router past the budget, and moves them when it dies', async () => {
    const spread = await stagedEvent({ title: '大流量专场' });
    const sessionId = await startStaged(spread);
    const stage = await connect(organizer.token);
    await stage.ok('join', { sessionId, present: true });
    const send = await stage.ok('createTransport', { direction: 'send' });
    await stage.ok('produce', { transportId: send.id, kind: 'audio', rtpParameters: FAKE_RTP });
    await stage.ok('produce', { transportId: send.id, kind: 'video', rtpParameters: FAKE_RTP });
    // Budget 6 per worker, two streams each: other sessions' consumers may sit on a worker too.
    const viewers: LiveClient[] = [];
    for (let i = 0; i < 4; i++) {
      const v = await connect(enterprise.token);
      const joined = await v.ok('join', { sessionId });
      const recv = await v.ok('createTransport', { direction: 'recv' });
      for (const p of joined.producers as { id: string }[]) {
        await v.ok('consume', {
          transportId: recv.id,
          producerId: p.id,
          rtpCapabilities: FAKE_CAPABILITIES,
        });
      }
      viewers.push(v);
    }
    expect(media.pipes.length).toBeGreaterThanOrEqual(2);
    const piped = media.pipes[media.pipes.length - 1].to;
    const worker = media.routers.get(piped)!.workerId;
    media.kill(worker);
    const told = await Promise.any(viewers.map((v) => v.news('sessionMoved')));
    expect(told.data).toEqual({ sessionId });
    const health = await api.http.get('/health').expect(200);
    expect(health.body.live.workers).toHaveLength(2); // replaced
  });

  it('counts views, unique viewers, peak concurrency and watch time, and keeps them when the session ends', async () => {
    const counted = await stagedEvent({ title: '统计专场' });
    const sessionId = await startStaged(counted);
    const first = await connect();
    // The same guest in a second tab sends back the cookie the server gave with the first.
    const tabs = [
      first,
      await connect(undefined, '', { cookie: first.cookie() }),
      await connect(enterprise.token),
    ];
    expect(tabs[1].setCookie).toBeUndefined();
    await tabs[0].ok('join', { sessionId });
    await tabs[1].ok('join', { sessionId });
    await tabs[2].ok('join', { sessionId });
    expect((await tabs[2].ok('heartbeat')).concurrent).toBe(3);
    let figures = (await api.http.get(`/api/live/sessions/${sessionId}`).expect(200)).body.figures;
    expect(figures).toMatchObject({
      totalViews: 3,
      uniqueViewers: 2,
      peakConcurrent: 3,
      concurrent: 3,
    });

    await tabs[1].close(); // a closed tab stops counting at once
    figures = (await api.http.get(`/api/live/sessions/${sessionId}`)).body.figures;
    expect(figures).toMatchObject({ concurrent: 2, peakConcurrent: 3 });

    const ended = await api.http
      .post(`/api/live/sessions/${sessionId}/stop`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      figures: { totalViews: 3, uniqueViewers: 2, peakConcurrent: 3, concurrent: 0 },
    });
    expect((await tabs[0].news('ended')).data).toEqual({ sessionId });
    await api.http
      .post(`/api/live/sessions/${sessionId}/stop`)
      .set(bearer(organizer.token))
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('LIVE_SESSION_ENDED'));
    expect((await tabs[2].request('heartbeat')).data.code).toBe('LIVE_NOT_JOINED');

    // The event's statistics count them once it is held (unique viewers across its sessions).
    await api.http
      .post(`/api/events/${counted.eventId}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'concluded' })
      .expect(200);
    await api.app.get(StatisticsService).compile([counted.eventId]);
    const stats = await api.http
      .get(`/api/events/${counted.eventId}/statistics`)
      .set(bearer(organizer.token));
    expect(stats.body.figures.liveViews).toMatchObject({ total: 3, unique: 2, peakConcurrent: 3 });
  });

  it('stops counting a viewer whose heartbeats stop within a minute, crediting watch time to the last one', async () => {
    const audience = api.app.get(Audience);
    const t0 = Date.now();
    await audience.join('s-stale', 'tab-1', 'guest:a', t0);
    await audience.beat('s-stale', 'tab-1', t0 + 20_000);
    await audience.join('s-stale', 'tab-2', 'guest:b', t0 + 30_000);
    expect((await audience.figures('s-stale', t0 + 30_000)).concurrent).toBe(2);
    // tab-1 goes silent after its beat at 20 s; tab-2 keeps beating.
    await audience.beat('s-stale', 'tab-2', t0 + 50_000);
    await audience.beat('s-stale', 'tab-2', t0 + 20_000 + STALE_MS + 1000);
    const later = await audience.figures('s-stale', t0 + 20_000 + STALE_MS + 1000);
    expect(later.concurrent).toBe(1);
    const { figures } = await audience.finish('s-stale', t0 + 20_000 + STALE_MS + 1000);
    // tab-1: 20 s; tab-2: from 30 s to 81 s = 51 s.
    expect(figures).toMatchObject({
      totalViews: 2,
      uniqueViewers: 2,
      peakConcurrent: 2,
      watchSeconds: 71,
    });
  });

  it('ends the live sessions of an event that concludes, telling their viewers', async () => {
    const closing = await stagedEvent({ title: '闭幕专场' });
    const sessionId = await startStaged(closing);
    const viewer = await connect(enterprise.token);
    await viewer.ok('join', { sessionId });
    await api.http
      .post(`/api/events/${closing.eventId}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'concluded' })
      .expect(200);
    expect((await viewer.news('ended')).data).toEqual({ sessionId });
    const row = await api.dataSource.getRepository(LiveSession).findOneByOrFail({ id: sessionId });
    expect(row).toMatchObject({ status: 'ended', totalViews: 1, uniqueViewers: 1 });
  });

  async function liveSessionOf(agendaItemId: string): Promise<string> {
    const row = await api.dataSource
      .getRepository(LiveSession)
      .findOneByOrFail({ agendaItemId, status: 'live' });
    return row.id;
  }

  async function connectWithCookie(token: string): Promise<LiveClient> {
    const { default: WebSocket } = await import('ws');
    const { port } = api.app.getHttpServer().address() as { port: number };
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live/ws`, {
      headers: { cookie: `duijie_token=${encodeURIComponent(token)}` },
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const client = LiveClient.wrap(socket);
    clients.push(client);
    return client;
  }
});

describe('live stage where no media worker can run', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi(
      {},
      { mediaAdapter: new FakeMediaAdapter('mediasoup worker binary not found (test)') },
    );
  });

  afterAll(async () => {
    await api.close();
  });

  it('reports live streaming unavailable on /health, answers 503 with a code, and serves the rest', async () => {
    const health = await api.http.get('/health').expect(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.live).toMatchObject({
      available: false,
      reason: 'mediasoup worker binary not found (test)',
      relay: { available: false },
    });
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, { kind: 'cloud_docking' });
    const refused = await api.http
      .post('/api/live/sessions')
      .set(bearer(organizer.token))
      .send({ eventId })
      .expect(503);
    expect(refused.body).toMatchObject({
      code: 'LIVE_UNAVAILABLE',
      details: { reason: expect.any(String) },
    });
    await api.http.get(`/api/events/${eventId}`).expect(200);
    await api.http.get(`/api/events/${eventId}/live-sessions`).expect(200, []);
  });
});

describe('live stage with the real mediasoup adapter on this host', () => {
  it('reports on /health whether its worker binary can run, with the reason when it cannot', async () => {
    await resetState();
    const api = await startApi();
    try {
      const health = await api.http.get('/health').expect(200);
      const problem = workerBinaryProblem();
      if (problem) {
        expect(health.body.live).toMatchObject({ available: false, reason: problem });
        expect(problem).toMatch(/MEDIASOUP_WORKER_BIN/);
      } else {
        expect(health.body.live).toMatchObject({ available: true, reason: null });
      }
    } finally {
      await api.close();
    }
  });
});

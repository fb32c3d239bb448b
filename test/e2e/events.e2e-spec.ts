import { startApi, TestApi } from 'test/support/app';
import { createEvent, PASSWORD, signedIn, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { signInThroughPage } from 'test/support/page-forms';
import { resetState } from 'test/support/state';

function eventBody(organizationId: string, overrides: Record<string, unknown> = {}) {
  return {
    organizationId,
    kind: 'roadshow',
    format: 'offline',
    visibility: 'public',
    title: '菁蓉汇·校企双进 新材料专场成果路演',
    summary: '高校院所新材料成果集中路演，企业与投资机构现场对接。',
    hosts: ['成都市科学技术局'],
    coOrganizers: ['成都市生产力促进中心'],
    industryFields: ['新材料'],
    venueAddress: '成都市高新区天府大道北段 1700 号',
    venueRoom: '环球中心 B 座 3 楼路演厅',
    startsAt: '2026-12-18T14:00:00+08:00',
    endsAt: '2026-12-18T17:30:00+08:00',
    capacity: 120,
    sectorQuotas: { finance: 10 },
    questions: [
      {
        id: 'company_size',
        label: '企业规模',
        kind: 'single_choice',
        options: ['50 人以下', '50–300 人', '300 人以上'],
        required: true,
      },
    ],
    ...overrides,
  };
}

describe('series and events', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
  });
  afterAll(() => api.close());

  it('takes an event from draft to archive by the table, refusing illegal moves with 409', async () => {
    const { token, organization } = await signedInOrganizer(api.app);
    const series = await api.http
      .post('/api/series')
      .set(bearer(token))
      .send({
        organizationId: organization.id,
        name: '菁蓉汇·校企双进',
        description: '2026 年度系列活动',
      })
      .expect(201);
    const created = await api.http
      .post('/api/events')
      .set(bearer(token))
      .send(eventBody(organization.id, { seriesId: series.body.id, venueAddress: undefined }))
      .expect(201);
    const event = created.body;
    expect(event).toMatchObject({
      status: 'draft',
      seriesId: series.body.id,
      timeZone: 'Asia/Shanghai',
      startsAt: '2026-12-18T06:00:00.000Z',
      sectorQuotas: { finance: 10 },
      reminderOffsetsMinutes: [1440, 60],
    });
    expect(event.questions[0]).toMatchObject({ id: 'company_size', required: true });

    const move = (status: string, reason?: string) =>
      api.http.post(`/api/events/${event.id}/status`).set(bearer(token)).send({ status, reason });

    const incomplete = await move('published').expect(409);
    expect(incomplete.body).toMatchObject({
      code: 'EVENT_INCOMPLETE',
      details: { fields: [{ field: 'venueAddress' }] },
    });
    await api.http
      .patch(`/api/events/${event.id}`)
      .set(bearer(token))
      .send({ venueAddress: '成都市高新区天府大道北段 1700 号' })
      .expect(200);
    // Seats change through PUT /capacity (the seat ledger and the waiting list), never here.
    const seats = await api.http
      .patch(`/api/events/${event.id}`)
      .set(bearer(token))
      .send({ capacity: 500 })
      .expect(400);
    expect(fieldNames(seats.body)).toEqual(['capacity']);

    await move('published').expect(200);
    await move('registration_open').expect(200);
    const illegal = await move('concluded').expect(409);
    expect(illegal.body).toMatchObject({
      code: 'EVENT_INVALID_TRANSITION',
      details: { from: 'registration_open', to: 'concluded' },
    });
    await move('registration_closed').expect(200);
    await move('registration_open').expect(200);
    await move('registration_closed').expect(200);
    await move('live').expect(200);
    await move('concluded').expect(200);
    await move('cancelled').expect(409);
    const archived = await move('archived').expect(200);
    expect(archived.body.status).toBe('archived');
    const frozen = await api.http
      .patch(`/api/events/${event.id}`)
      .set(bearer(token))
      .send({ title: '改名' })
      .expect(409);
    expect(frozen.body.code).toBe('EVENT_NOT_EDITABLE');
  });

  it('cancels with a reason, and a cancelled event stays visible but frozen', async () => {
    const { token, organization } = await signedInOrganizer(api.app);
    const { body: event } = await api.http
      .post('/api/events')
      .set(bearer(token))
      .send(eventBody(organization.id))
      .expect(201);
    await api.http
      .post(`/api/events/${event.id}/status`)
      .set(bearer(token))
      .send({ status: 'published' })
      .expect(200);
    const cancelled = await api.http
      .post(`/api/events/${event.id}/status`)
      .set(bearer(token))
      .send({ status: 'cancelled', reason: '因天气原因取消' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancellationReason: '因天气原因取消',
    });
    await api.http.get(`/api/events/${event.id}`).expect(200);
    await api.http
      .post(`/api/events/${event.id}/status`)
      .set(bearer(token))
      .send({ status: 'published' })
      .expect(409);
  });

  it('lets one of many simultaneous moves win', async () => {
    const { token, organization } = await signedInOrganizer(api.app);
    const { body: event } = await api.http
      .post('/api/events')
      .set(bearer(token))
      .send(eventBody(organization.id))
      .expect(201);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.http
          .post(`/api/events/${event.id}/status`)
          .set(bearer(token))
          .send({ status: 'published' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
  });

  it('lets only the organizing organization’s organizers manage an event', async () => {
    const owner = await signedInOrganizer(api.app);
    const stranger = await signedInOrganizer(api.app);
    const expert = await signedIn(api.http, api.dataSource, ['expert']);
    const eventId = await createEvent(api.http, owner, eventBody(owner.organization.id), [
      'published',
    ]);

    const foreign = await api.http
      .patch(`/api/events/${eventId}`)
      .set(bearer(stranger.token))
      .send({ title: '抢占' })
      .expect(403);
    expect(foreign.body.code).toBe('EVENT_NOT_ORGANIZER');
    const forOthers = await api.http
      .post('/api/events')
      .set(bearer(stranger.token))
      .send(eventBody(owner.organization.id))
      .expect(403);
    expect(forOthers.body.code).toBe('EVENT_NOT_ORGANIZER');
    await api.http
      .post('/api/events')
      .set(bearer(expert.token))
      .send(eventBody(owner.organization.id))
      .expect(403);
    await api.http.post('/api/events').send(eventBody(owner.organization.id)).expect(401);
  });

  it('hides drafts and closed-door events from everyone but their organizers: 404, not 403', async () => {
    const owner = await signedInOrganizer(api.app);
    const stranger = await signedInOrganizer(api.app);
    const expert = await signedIn(api.http, api.dataSource, ['expert']);
    const draft = { id: await createEvent(api.http, owner, eventBody(owner.organization.id), []) };
    const closed = {
      id: await createEvent(
        api.http,
        owner,
        eventBody(owner.organization.id, {
          kind: 'precise_docking',
          visibility: 'closed_door',
          title: '闭门精准对接会',
        }),
        ['published'],
      ),
    };

    for (const id of [draft.id, closed.id]) {
      await api.http.get(`/api/events/${id}`).expect(404);
      await api.http.get(`/api/events/${id}`).set(bearer(expert.token)).expect(404);
      const hidden = await api.http
        .get(`/api/events/${id}`)
        .set(bearer(stranger.token))
        .expect(404);
      expect(hidden.body.code).toBe('EVENT_NOT_FOUND');
      await api.http
        .patch(`/api/events/${id}`)
        .set(bearer(stranger.token))
        .send({ title: 'x' })
        .expect(404);
      await api.http.get(`/api/events/${id}`).set(bearer(owner.token)).expect(200);
    }
    const publicList = await api.http.get('/api/events').query({ limit: 100 }).expect(200);
    const publicIds = (publicList.body.items as { id: string }[]).map((e) => e.id);
    expect(publicIds).not.toContain(draft.id);
    expect(publicIds).not.toContain(closed.id);
    const ownList = await api.http
      .get('/api/events')
      .query({ limit: 100 })
      .set(bearer(owner.token))
      .expect(200);
    expect((ownList.body.items as { id: string }[]).map((e) => e.id)).toEqual(
      expect.arrayContaining([draft.id, closed.id]),
    );
  });

  it('filters the public list by kind, field, dates, series and text', async () => {
    const { token, organization } = await signedInOrganizer(api.app);
    const { body: series } = await api.http
      .post('/api/series')
      .set(bearer(token))
      .send({ organizationId: organization.id, name: '科学家进园区' })
      .expect(201);
    const specs = [
      {
        title: '电子信息专场沙龙',
        kind: 'salon',
        industryFields: ['电子信息'],
        startsAt: '2027-01-10T09:00:00+08:00',
        endsAt: '2027-01-10T12:00:00+08:00',
      },
      {
        title: '新能源云对接',
        kind: 'cloud_docking',
        format: 'online',
        industryFields: ['新能源'],
        startsAt: '2027-02-10T09:00:00+08:00',
        endsAt: '2027-02-10T11:00:00+08:00',
        seriesId: series.id,
      },
      {
        title: '医药健康园区行',
        kind: 'park_visit',
        industryFields: ['医药健康'],
        startsAt: '2027-03-10T09:00:00+08:00',
        endsAt: '2027-03-10T17:00:00+08:00',
        seriesId: series.id,
      },
    ];
    for (const spec of specs) {
      await createEvent(api.http, { token, organization }, eventBody(organization.id, spec), [
        'published',
      ]);
    }
    const titles = async (query: Record<string, string>) =>
      (
        (await api.http.get('/api/events').query(query).expect(200)).body.items as {
          title: string;
        }[]
      ).map((e) => e.title);

    expect(await titles({ kind: 'salon' })).toEqual(['电子信息专场沙龙']);
    expect(await titles({ field: '新能源' })).toEqual(['新能源云对接']);
    expect(await titles({ seriesId: series.id })).toEqual(['新能源云对接', '医药健康园区行']);
    expect(await titles({ from: '2027-02-01T00:00:00Z', to: '2027-03-01T00:00:00Z' })).toEqual([
      '新能源云对接',
    ]);
    expect(await titles({ q: '园区', from: '2027-01-01T00:00:00Z' })).toEqual(['医药健康园区行']);
    const page = await api.http
      .get('/api/events')
      .query({ from: '2027-01-01T00:00:00Z', limit: 2 })
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.items).toHaveLength(2);
  });

  it('names every problem of an event at once, missing fields beside times that do not fit, in plain words, through the API and the console form', async () => {
    const { token, organization, user } = await signedInOrganizer(api.app);
    const messagesOf = (body: unknown) =>
      Object.fromEntries(
        (body as { details: { fields: { field: string; message: string }[] } }).details.fields.map(
          (f) => [f.field, f.message],
        ),
      );
    const tangled = eventBody(organization.id, {
      title: '',
      endsAt: '2026-12-18T13:00:00+08:00',
      registrationOpensAt: '2026-12-10T09:00:00+08:00',
      registrationClosesAt: '2026-12-01T09:00:00+08:00',
      timeZone: 'Mars/Olympus',
    });
    for (const [locale, expected] of [
      [
        'zh-CN',
        {
          title: '请填写活动名称',
          endsAt: '结束时间必须晚于开始时间',
          registrationClosesAt: '报名截止必须晚于报名开始',
          timeZone: '不是有效的时区，如 Asia/Shanghai',
        },
      ],
      [
        'en',
        {
          endsAt: 'The end must be after the start',
          registrationClosesAt: 'Registration must close after it opens',
        },
      ],
    ] as const) {
      const refused = await api.http
        .post('/api/events')
        .set(bearer(token))
        .set('accept-language', locale)
        .send(tangled)
        .expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(new Set(fieldNames(refused.body))).toEqual(
        new Set(['title', 'endsAt', 'registrationClosesAt', 'timeZone']),
      );
      expect(messagesOf(refused.body)).toMatchObject(expected);
    }
    // An edit too: a malformed field and an end before the start, in one answer.
    const eventId = await createEvent(api.http, { token, organization }, {}, []);
    const edited = await api.http
      .patch(`/api/events/${eventId}`)
      .set(bearer(token))
      .send({
        venueAddress: 7,
        startsAt: '2027-01-20T14:00:00+08:00',
        endsAt: '2027-01-20T13:00:00+08:00',
      })
      .expect(400);
    expect(new Set(fieldNames(edited.body))).toEqual(new Set(['venueAddress', 'endsAt']));

    // The console's form: the empty name and the end before the start, each beside its field.
    const pages = await signInThroughPage(api.http, user.email, PASSWORD, '/console/events/new');
    const page = await pages
      .post('/console/events/new', {
        organizationId: organization.id,
        kind: 'salon',
        format: 'offline',
        visibility: 'public',
        title: '',
        venueAddress: '成都市高新区天府大道北段 1700 号',
        startsAt: '2027-04-16T09:00',
        endsAt: '2027-04-16T08:00',
        registrationOpensAt: '2027-04-10T09:00',
        registrationClosesAt: '2027-04-17T09:00',
      })
      .expect(400);
    const problem = (field: string) =>
      new RegExp(`id="${field}-problem">([^<]*)<`).exec(page.text)?.[1];
    expect(problem('title')).toBe('请填写活动名称');
    expect(problem('endsAt')).toBe('结束时间必须晚于开始时间');
    expect(problem('registrationClosesAt')).toBe('报名截止不能晚于活动结束');
  });

  it('names each field whose times or questions do not fit', async () => {
    const { token, organization } = await signedInOrganizer(api.app);
    const response = await api.http
      .post('/api/events')
      .set(bearer(token))
      .send(
        eventBody(organization.id, {
          endsAt: '2026-12-18T13:00:00+08:00',
          timeZone: 'Mars/Olympus',
          questions: [
            { id: 'topic', label: '方向', kind: 'text' },
            { id: 'topic', label: '方向', kind: 'multiple_choice', options: ['只有一个'] },
          ],
        }),
      )
      .expect(400);
    expect(response.body.code).toBe('EVENT_INVALID_SCHEDULE');
    expect(fieldNames(response.body)).toEqual([
      'endsAt',
      'questions.1.id',
      'questions.1.options',
      'timeZone',
    ]);
    const unknownSeries = await api.http
      .post('/api/events')
      .set(bearer(token))
      .send(eventBody(organization.id, { seriesId: '00000000-0000-4000-8000-000000000000' }))
      .expect(404);
    expect(unknownSeries.body).toMatchObject({
      code: 'SERIES_NOT_FOUND',
      details: { fields: [{ field: 'seriesId' }] },
    });
  });
});

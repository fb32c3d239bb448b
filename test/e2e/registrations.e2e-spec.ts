import ExcelJS from 'exceljs';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedIn, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { resetState } from 'test/support/state';

interface Registered {
  id: string;
  status: string;
  waitlistPosition: number | null;
  manageToken: string;
}

describe('registrations', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
  });
  afterAll(() => api.close());

  /** An event open for registration. */
  const openEvent = (fields: Record<string, unknown> = {}) =>
    createEvent(api.http, organizer, fields);

  const guest = (n: number, sector = 'industry') => ({
    name: `访客${n}`,
    email: `guest${n}@example.cn`,
    mobile: `1380013${String(n).padStart(4, '0')}`,
    sector,
    acceptPrivacy: true,
  });

  async function register(eventId: string, body: Record<string, unknown>): Promise<Registered> {
    const response = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ acceptPrivacy: true, ...body })
      .expect(201);
    return response.body as Registered;
  }

  it('confirms while seats last, then waitlists in order, and a cancellation promotes the first in line', async () => {
    const eventId = await openEvent({ capacity: 2 });
    const [a, b, c, d] = [
      await register(eventId, guest(1)),
      await register(eventId, guest(2)),
      await register(eventId, guest(3)),
      await register(eventId, guest(4)),
    ];
    expect([a, b, c, d].map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);

    const cancelled = await api.http
      .post(`/api/registrations/${a.id}/cancel`)
      .query({ token: a.manageToken })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const promoted = await api.http
      .get(`/api/registrations/${c.id}`)
      .query({ token: c.manageToken })
      .expect(200);
    expect(promoted.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    const next = await api.http
      .get(`/api/registrations/${d.id}`)
      .query({ token: d.manageToken })
      .expect(200);
    expect(next.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const messages = await api.dataSource
      .getRepository(OutboxMessage)
      .find({ order: { id: 'ASC' } });
    const templatesFor = (email: string) =>
      messages
        .filter((m) => m.recipient === email && m.template.startsWith('registration-'))
        .map((m) => m.template);
    expect(templatesFor('guest1@example.cn')).toEqual([
      'registration-confirmed',
      'registration-cancelled',
    ]);
    expect(templatesFor('guest3@example.cn')).toEqual([
      'registration-waitlisted',
      'registration-promoted',
    ]);
    const waitlistedMessage = messages.find((m) => m.recipient === 'guest4@example.cn')!;
    expect(waitlistedMessage.data).toMatchObject({
      position: 2,
      eventTitle: '对接沙龙·新材料',
      startsAt: '2027年1月20日周三 14:00',
    });
    expect(waitlistedMessage.data.manageUrl).toBe(
      `http://duijie.test/registrations/${d.id}?token=${d.manageToken}`,
    );

    const again = await api.http
      .post(`/api/registrations/${a.id}/cancel`)
      .query({ token: a.manageToken })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'REGISTRATION_INVALID_TRANSITION',
      details: { from: 'cancelled' },
    });
    // Having cancelled, the person may register again, and queues up behind those waiting.
    expect((await register(eventId, guest(1))).status).toBe('waitlisted');
  });

  it('refuses a second registration of the same person, and keeps answers', async () => {
    const eventId = await openEvent({
      capacity: 10,
      questions: [
        {
          id: 'size',
          label: '企业规模',
          kind: 'single_choice',
          options: ['小', '中', '大'],
          required: true,
        },
      ],
    });
    const member = await signedIn(api.http, api.dataSource, ['enterprise']);
    const first = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .set(bearer(member.token))
      .send({ acceptPrivacy: true, sector: 'industry', answers: { size: '中' } })
      .expect(201);
    expect(first.body).toMatchObject({
      status: 'confirmed',
      email: member.user.email,
      answers: { size: '中' },
    });
    const duplicate = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .set(bearer(member.token))
      .send({ acceptPrivacy: true, sector: 'industry', answers: { size: '大' } })
      .expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'REGISTRATION_DUPLICATE',
      details: { fields: [{ field: 'email' }] },
    });
    const asGuest = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ ...guest(9), email: member.user.email.toUpperCase(), answers: { size: '小' } })
      .expect(409);
    expect(asGuest.body.code).toBe('REGISTRATION_DUPLICATE');
    // A refused duplicate gives back the seat it had claimed.
    const [seats] = await api.dataSource.query<{ taken: number }[]>(
      'SELECT sum(taken)::int AS taken FROM event_seat_shard WHERE event_id = $1',
      [eventId],
    );
    expect(seats.taken).toBe(1);

    const badAnswers = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ ...guest(10), answers: { size: '巨大', colour: '红' } })
      .expect(400);
    expect(fieldNames(badAnswers.body)).toEqual(['answers.colour', 'answers.size']);
    const noDetails = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ acceptPrivacy: true, sector: 'industry', answers: { size: '小' } })
      .expect(400);
    expect(noDetails.body).toMatchObject({ code: 'REGISTRATION_GUEST_DETAILS_REQUIRED' });
    expect(fieldNames(noDetails.body)).toEqual(['name', 'mobile', 'email']);
  });

  it('respects sector quotas, and promotes past those whose sector is full', async () => {
    const eventId = await openEvent({ capacity: 3, sectorQuotas: { finance: 1 } });
    const bank1 = await register(eventId, guest(21, 'finance'));
    const bank2 = await register(eventId, guest(22, 'finance'));
    const firm = await register(eventId, guest(23, 'industry'));
    expect([bank1.status, bank2.status, firm.status]).toEqual([
      'confirmed',
      'waitlisted',
      'confirmed',
    ]);
    const lab = await register(eventId, guest(24, 'research'));
    const firm2 = await register(eventId, guest(25, 'industry'));
    expect([lab.status, firm2.status]).toEqual(['confirmed', 'waitlisted']);

    // The research seat frees: the second bank is first in line, but finance is full; the firm gets it.
    await api.http
      .post(`/api/registrations/${lab.id}/cancel`)
      .query({ token: lab.manageToken })
      .expect(200);
    const states = await Promise.all(
      [bank2, firm2].map(async (r) => {
        const response = await api.http
          .get(`/api/registrations/${r.id}`)
          .query({ token: r.manageToken });
        return (response.body as Registered).status;
      }),
    );
    expect(states).toEqual(['waitlisted', 'confirmed']);
  });

  it('gives added seats to the waiting list, and refuses fewer seats than confirmed', async () => {
    const eventId = await openEvent({ capacity: 1 });
    await register(eventId, guest(31));
    await register(eventId, guest(32));
    await register(eventId, guest(33));
    const smaller = await api.http
      .put(`/api/events/${eventId}/capacity`)
      .set(bearer(organizer.token))
      .send({ capacity: 0 })
      .expect(400);
    expect(smaller.body.code).toBe('VALIDATION_FAILED');
    const grown = await api.http
      .put(`/api/events/${eventId}/capacity`)
      .set(bearer(organizer.token))
      .send({ capacity: 2 })
      .expect(200);
    expect(grown.body.capacity).toBe(2);
    const list = await api.http
      .get(`/api/events/${eventId}/registrations`)
      .set(bearer(organizer.token))
      .expect(200);
    const items = list.body.items as Registered[];
    expect(items.map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
    ]);
    const below = await api.http
      .put(`/api/events/${eventId}/capacity`)
      .set(bearer(organizer.token))
      .send({ capacity: 1 })
      .expect(409);
    expect(below.body).toMatchObject({
      code: 'EVENT_CAPACITY_BELOW_CONFIRMED',
      details: { confirmed: 2 },
    });
    await api.http
      .put(`/api/events/${eventId}/capacity`)
      .set(bearer(organizer.token))
      .send({ capacity: null })
      .expect(200);
    const waiting = await api.http
      .get(`/api/events/${eventId}/registrations`)
      .query({ status: 'waitlisted' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(waiting.body.total).toBe(0);
  });

  it('refuses registration for draft, cancelled, closed and invitation-only events with a code', async () => {
    // A draft is the organizers' own: not found, as on every other path (nor its status told).
    const draft = await createEvent(api.http, organizer, { title: '草稿' }, []);
    const notOpen = await api.http
      .post(`/api/events/${draft}/registrations`)
      .send(guest(41))
      .expect(404);
    expect(notOpen.body).toMatchObject({ code: 'EVENT_NOT_FOUND' });

    const closed = await openEvent();
    await api.http
      .post(`/api/events/${closed}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'registration_closed' })
      .expect(200);
    const refused = await api.http
      .post(`/api/events/${closed}/registrations`)
      .send(guest(42))
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'REGISTRATION_CLOSED',
      details: { status: 'registration_closed' },
    });

    const cancelled = await openEvent();
    await api.http
      .post(`/api/events/${cancelled}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'cancelled' })
      .expect(200);
    expect(
      (await api.http.post(`/api/events/${cancelled}/registrations`).send(guest(43)).expect(409))
        .body.code,
    ).toBe('REGISTRATION_CLOSED');

    const inviteOnly = await openEvent({ visibility: 'invite_only' });
    expect(
      (await api.http.post(`/api/events/${inviteOnly}/registrations`).send(guest(44)).expect(403))
        .body.code,
    ).toBe('REGISTRATION_INVITATION_REQUIRED');
  });

  it('shows a registration only to its registrant and the organizers: 404 for anyone else', async () => {
    const eventId = await openEvent();
    const mine = await register(eventId, guest(51));
    const stranger = await signedIn(api.http, api.dataSource, ['expert']);
    await api.http.get(`/api/registrations/${mine.id}`).expect(404);
    await api.http
      .get(`/api/registrations/${mine.id}`)
      .query({ token: 'not-the-right-token' })
      .expect(404);
    await api.http.get(`/api/registrations/${mine.id}`).set(bearer(stranger.token)).expect(404);
    await api.http
      .post(`/api/registrations/${mine.id}/cancel`)
      .set(bearer(stranger.token))
      .expect(404);
    await api.http.get(`/api/registrations/${mine.id}`).set(bearer(organizer.token)).expect(200);
    await api.http
      .get(`/api/events/${eventId}/registrations`)
      .set(bearer(stranger.token))
      .expect(403);
    const other = await signedInOrganizer(api.app);
    await api.http.get(`/api/events/${eventId}/registrations`).set(bearer(other.token)).expect(403);
  });
});

describe('registrant export', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('exports every registrant in full as CSV and XLSX, for organizers only', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, {
      format: 'online',
      title: '导出测试',
      capacity: 1,
      questions: [{ id: 'topic', label: '关注方向', kind: 'text' }],
    });
    for (const [i, name] of ['张三', '李四, "老李"'].entries()) {
      await api.http
        .post(`/api/events/${eventId}/registrations`)
        .send({
          acceptPrivacy: true,
          name,
          email: `export${i}@example.cn`,
          mobile: `1370000000${i}`,
          sector: 'finance',
          answers: { topic: '=HYPERLINK("x")' },
        })
        .expect(201);
    }

    const csv = await api.http
      .get(`/api/events/${eventId}/registrations.csv`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(csv.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.get('content-disposition')).toBe('attachment; filename="registrations.csv"');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    // One language per file: Chinese by default, with no English beside it.
    expect(lines[0]).toMatch(/^序号,姓名,邮箱,手机,单位,界别,状态,候补位次,报名时间,签到时间/);
    expect(lines[1]).toMatch(
      /^1,张三,export0@example\.cn,13700000000,,金,已确认,,\d{4}-\d\d-\d\d \d\d:\d\d,,/,
    );
    expect(lines[2]).toMatch(/^2,"李四, ""老李""",export1@example\.cn,13700000001,,金,候补,1,/);
    expect(lines[1].endsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);

    const xlsx = await api.http
      .get(`/api/events/${eventId}/registrations.xlsx?lang=en`)
      .set(bearer(organizer.token))
      .responseType('blob')
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(2).value).toBe('Name');
    expect(sheet.getRow(2).getCell(2).value).toBe('张三');
    expect(sheet.getRow(3).getCell(7).value).toBe('waitlisted');
    // Numbers as numbers, the time of registering a date cell.
    expect(sheet.getRow(3).getCell(1).value).toBe(2);
    expect(sheet.getRow(3).getCell(8).value).toBe(1);
    expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(9).numFmt).toBe('yyyy-mm-dd hh:mm');

    const stranger = await signedInOrganizer(api.app);
    await api.http
      .get(`/api/events/${eventId}/registrations.csv`)
      .set(bearer(stranger.token))
      .expect(403);
    await api.http.get(`/api/events/${eventId}/registrations.xlsx`).expect(401);
  });
});

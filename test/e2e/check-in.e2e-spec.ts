import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedIn, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { resetState } from 'test/support/state';

interface Registered {
  id: string;
  status: string;
  checkInCode: string | null;
  checkedInAt: string | null;
  manageToken: string;
}

describe('check-in at the door', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let eventId: string;
  const people: Registered[] = [];

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    eventId = await createEvent(api.http, organizer, {
      kind: 'campus_visit',
      title: '企业家进校园·西南理工大学',
      venueAddress: '成都市郫都区犀安路 999 号',
      startsAt: '2027-03-02T09:00:00+08:00',
      endsAt: '2027-03-02T16:00:00+08:00',
      capacity: 3,
    });
    const sectors = ['industry', 'industry', 'finance', 'academia'];
    for (const [i, sector] of sectors.entries()) {
      const response = await api.http
        .post(`/api/events/${eventId}/registrations`)
        .send({
          acceptPrivacy: true,
          name: ['刘德华', '刘洋', '陈红', '黄磊'][i],
          email: `door${i}@example.cn`,
          mobile: `1390000${1000 + i}`,
          sector,
        })
        .expect(201);
      people.push(response.body as Registered);
    }
  });
  afterAll(() => api.close());

  it('gives every confirmed registration a code, also as PNG and SVG QR codes, and in the message', async () => {
    expect(people.map((p) => [p.status, p.checkInCode === null])).toEqual([
      ['confirmed', false],
      ['confirmed', false],
      ['confirmed', false],
      ['waitlisted', true],
    ]);
    const [first] = people;
    const png = await api.http
      .get(`/api/registrations/${first.id}/qr.png`)
      .query({ token: first.manageToken })
      .expect(200);
    expect(png.get('content-type')).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const svg = await api.http
      .get(`/api/registrations/${first.id}/qr.svg`)
      .query({ token: first.manageToken })
      .responseType('blob')
      .expect(200);
    expect(svg.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect((svg.body as Buffer).toString()).toMatch(/^<svg /);
    await api.http.get(`/api/registrations/${first.id}/qr.png`).expect(404);
    const waiting = await api.http
      .get(`/api/registrations/${people[3].id}/qr.png`)
      .query({ token: people[3].manageToken })
      .expect(409);
    expect(waiting.body.code).toBe('CHECK_IN_NOT_CONFIRMED');

    const message = await api.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ recipient: 'door0@example.cn' });
    expect(message.data).toMatchObject({
      checkInCode: first.checkInCode,
      qrUrl: `http://duijie.test/api/registrations/${first.id}/qr.png?token=${first.manageToken}`,
    });
  });

  it('checks in by code once; a second scan says when the first was', async () => {
    const [first] = people;
    const typed = first.checkInCode!.toLowerCase().replace(/(.{4})/g, '$1-');
    const checked = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({ code: typed })
      .expect(200);
    expect(checked.body).toMatchObject({ id: first.id, status: 'confirmed' });
    expect(checked.body.checkedInAt).not.toBeNull();

    const again = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({ code: first.checkInCode })
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'CHECK_IN_ALREADY',
      details: { name: '刘德华', checkedInAt: checked.body.checkedInAt },
    });
  });

  it('keeps the time a scan queued offline was made, two days back at most, never ahead of now', async () => {
    const doorId = await createEvent(api.http, organizer, { title: '离线签到时间', capacity: 10 });
    const codes: string[] = [];
    for (const i of [0, 1]) {
      const registered = await api.http
        .post(`/api/events/${doorId}/registrations`)
        .send({
          acceptPrivacy: true,
          name: `离线${i}`,
          email: `offline${i}@example.cn`,
          mobile: `1370000${1000 + i}`,
          sector: 'industry',
        })
        .expect(201);
      codes.push((registered.body as Registered).checkInCode!);
    }
    const scan = (code: string, scannedAt: string) =>
      api.http
        .post(`/api/events/${doorId}/check-ins`)
        .set(bearer(organizer.token))
        .send({ code, scannedAt });
    const earlier = new Date(Date.now() - 3 * 3600_000).toISOString();
    const queued = await scan(codes[0], earlier).expect(200);
    expect(queued.body.checkedInAt).toBe(earlier);

    const threeDaysBack = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const tooOld = await scan(codes[1], threeDaysBack).expect(400);
    expect(tooOld.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [expect.objectContaining({ field: 'scannedAt' })] },
    });
    const notADate = await scan(codes[1], 'yesterday').expect(400);
    expect(notADate.body.details.fields).toEqual([expect.objectContaining({ field: 'scannedAt' })]);

    const before = Date.now();
    const ahead = await scan(codes[1], new Date(Date.now() + 3600_000).toISOString()).expect(200);
    const at = new Date(ahead.body.checkedInAt as string).getTime();
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('lets exactly one of simultaneous scans of one code succeed', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.http
          .post(`/api/events/${eventId}/check-ins`)
          .set(bearer(organizer.token))
          .send({ code: people[2].checkInCode }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(7).fill(409)]);
  });

  it('finds a person by name and the last four digits of the mobile, and checks them in', async () => {
    const found = await api.http
      .get(`/api/events/${eventId}/check-ins/search`)
      .query({ name: '刘', mobileLast4: '1001' })
      .set(bearer(organizer.token))
      .expect(200);
    expect((found.body as { name: string }[]).map((r) => r.name)).toEqual(['刘洋']);
    const byName = await api.http
      .get(`/api/events/${eventId}/check-ins/search`)
      .query({ name: '刘' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(byName.body).toHaveLength(2);
    await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({ registrationId: people[1].id })
      .expect(200);
  });

  it('refuses unknown codes, other events’ codes, the unconfirmed, and everyone but the organizers', async () => {
    const unknown = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({ code: 'ZZZZZZZZZZ' })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'CHECK_IN_CODE_UNKNOWN' });
    expect(fieldNames(unknown.body)).toEqual(['code']);
    const nothing = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({})
      .expect(400);
    expect(fieldNames(nothing.body)).toEqual(['code']);
    const waiting = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({ registrationId: people[3].id })
      .expect(409);
    expect(waiting.body).toMatchObject({
      code: 'CHECK_IN_NOT_CONFIRMED',
      details: { status: 'waitlisted' },
    });

    const other = await createEvent(api.http, organizer, { title: '另一场活动' }, []);
    const otherEvent = await api.http
      .post(`/api/events/${other}/check-ins`)
      .set(bearer(organizer.token))
      .send({ code: people[1].checkInCode })
      .expect(404);
    expect(otherEvent.body.code).toBe('CHECK_IN_CODE_UNKNOWN');

    const expert = await signedIn(api.http, api.dataSource, ['expert']);
    await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(expert.token))
      .send({ code: people[0].checkInCode })
      .expect(403);
    const stranger = await signedInOrganizer(api.app);
    const foreign = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(stranger.token))
      .send({ code: people[0].checkInCode })
      .expect(403);
    expect(foreign.body.code).toBe('EVENT_NOT_ORGANIZER');
  });

  it('counts attendance per sector', async () => {
    const response = await api.http
      .get(`/api/events/${eventId}/attendance`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(response.body).toMatchObject({ confirmed: 3, checkedIn: 3 });
    const bySector = Object.fromEntries(
      (response.body.bySector as { sector: string; confirmed: number; checkedIn: number }[]).map(
        (s) => [s.sector, [s.confirmed, s.checkedIn]],
      ),
    );
    expect(bySector).toMatchObject({
      industry: [2, 2],
      finance: [1, 1],
      academia: [0, 0],
      government: [0, 0],
    });
  });
});

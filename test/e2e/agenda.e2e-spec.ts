import { In } from 'typeorm';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { renderEmail } from 'test/support/render';
import { resetState } from 'test/support/state';

const at = (time: string) => `2027-05-20T${time}:00+08:00`;

describe('agenda', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let presenter: Awaited<ReturnType<typeof signedInAs>>;
  let other: Awaited<ReturnType<typeof signedInAs>>;

  const event = (fields: Record<string, unknown> = {}) =>
    createEvent(api.http, organizer, {
      kind: 'roadshow',
      title: '成果路演日',
      startsAt: at('09:00'),
      endsAt: at('18:00'),
      ...fields,
    });
  const add = (eventId: string, item: Record<string, unknown>) =>
    api.http
      .post(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .send({
        kind: 'roadshow',
        title: '路演',
        ...item,
      });

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    presenter = await signedInAs(api.app, ['expert'], '张教授');
    other = await signedInAs(api.app, ['expert'], '刘研究员');
  });

  afterAll(async () => {
    await api.close();
  });

  it('builds an agenda, refuses overlaps in a room or of a presenter naming the item in the way', async () => {
    const eventId = await event();
    const opening = await add(eventId, {
      kind: 'opening',
      title: '开幕致辞',
      room: '主会场',
      startsAt: at('09:00'),
      endsAt: at('09:30'),
    }).expect(201);
    const talk = await add(eventId, {
      title: '高灵敏气体传感器路演',
      room: '主会场',
      startsAt: at('09:30'),
      endsAt: at('10:00'),
      presenterIds: [presenter.user.id],
    }).expect(201);
    expect(talk.body).toMatchObject({
      title: '高灵敏气体传感器路演',
      presenters: [{ userId: presenter.user.id, name: '张教授' }],
    });

    const roomClash = await add(eventId, {
      title: '撞场',
      room: '主会场',
      startsAt: at('09:15'),
      endsAt: at('09:45'),
    }).expect(409);
    expect(roomClash.body).toMatchObject({
      code: 'AGENDA_ROOM_CONFLICT',
      details: { conflict: { itemId: opening.body.id, title: '开幕致辞', room: '主会场' } },
    });
    expect(fieldNames(roomClash.body)).toEqual(['room']);

    const presenterClash = await add(eventId, {
      title: '分会场路演',
      room: '2号厅',
      startsAt: at('09:45'),
      endsAt: at('10:15'),
      presenterIds: [other.user.id, presenter.user.id],
    }).expect(409);
    expect(presenterClash.body).toMatchObject({
      code: 'AGENDA_PRESENTER_CONFLICT',
      details: {
        conflict: {
          itemId: talk.body.id,
          title: '高灵敏气体传感器路演',
          presenterId: presenter.user.id,
        },
      },
    });

    // The same presenter at another event at that time: refused too, without naming that event's item.
    const elsewhere = await event({ title: '另一场活动' });
    const away = await add(elsewhere, {
      title: '外场',
      startsAt: at('09:40'),
      endsAt: at('09:50'),
      presenterIds: [presenter.user.id],
    }).expect(409);
    expect(away.body.details.conflict).toEqual({
      otherEvent: true,
      startsAt: expect.any(String) as string,
      endsAt: expect.any(String) as string,
      presenterId: presenter.user.id,
    });

    // Moving the talk moves its presenter: the 09:45 slot in 2号厅 is then free for them.
    await api.http
      .patch(`/api/agenda/${talk.body.id}`)
      .set(bearer(organizer.token))
      .send({ startsAt: at('10:30'), endsAt: at('11:00') })
      .expect(200);
    await add(eventId, {
      title: '分会场路演',
      room: '2号厅',
      startsAt: at('09:45'),
      endsAt: at('10:15'),
      presenterIds: [other.user.id, presenter.user.id],
    }).expect(201);
    const moveClash = await api.http
      .patch(`/api/agenda/${talk.body.id}`)
      .set(bearer(organizer.token))
      .send({ startsAt: at('09:00'), endsAt: at('09:20') })
      .expect(409);
    expect(moveClash.body.code).toBe('AGENDA_ROOM_CONFLICT');

    const outside = await add(eventId, { startsAt: at('17:30'), endsAt: at('18:30') }).expect(400);
    expect(outside.body.code).toBe('AGENDA_INVALID_TIMES');
    expect(fieldNames(outside.body)).toEqual(['endsAt']);
    const nobody = await add(eventId, {
      startsAt: at('12:00'),
      endsAt: at('12:30'),
      presenterIds: ['00000000-0000-4000-8000-000000000000'],
    }).expect(400);
    expect(nobody.body.code).toBe('AGENDA_UNKNOWN_PRESENTER');
  });

  it('keeps a draft agenda to organizers, then publishes it as JSON and iCalendar and tells presenters once', async () => {
    const eventId = await event({ title: '发布日程' });
    const item = await add(eventId, {
      title: '锂电池负极材料路演',
      room: '主会场',
      startsAt: at('14:00'),
      endsAt: at('14:30'),
      presenterIds: [other.user.id],
    }).expect(201);
    await api.http.get(`/api/events/${eventId}/agenda`).expect(404);
    const draft = await api.http
      .get(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(draft.body).toMatchObject({ publishedAt: null, items: [{ id: item.body.id }] });

    await api.http
      .post(`/api/events/${eventId}/agenda/publish`)
      .set(bearer(organizer.token))
      .expect(200);
    await api.http
      .post(`/api/events/${eventId}/agenda/publish`)
      .set(bearer(organizer.token))
      .expect(200);
    const published = await api.http.get(`/api/events/${eventId}/agenda`).expect(200);
    expect(published.body.publishedAt).not.toBeNull();
    expect(published.body.items[0]).toMatchObject({
      title: '锂电池负极材料路演',
      presenters: [{ name: '刘研究员' }],
    });
    const ics = await api.http.get(`/api/events/${eventId}/agenda.ics`).expect(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text).toContain('SUMMARY:锂电池负极材料路演');
    expect(ics.text).toContain('DTSTART:20270520T060000Z');

    const outbox = api.dataSource.getRepository(OutboxMessage);
    const told = () =>
      outbox.find({
        where: {
          recipient: other.user.email,
          template: In(['agenda-presenter', 'presenter-reminder']),
        },
        order: { id: 'ASC' },
      });
    const first = await told();
    expect(first.filter((m) => m.template === 'agenda-presenter')).toHaveLength(1);
    const news = renderEmail(first.find((m) => m.template === 'agenda-presenter')!);
    expect(news.subject).toMatch(/^日程已发布：锂电池负极材料路演（2027年5月20日.*14:00）$/);
    expect(news.text).toContain('主会场');
    expect(renderEmail(first.find((m) => m.template === 'presenter-reminder')!).subject).toMatch(
      /^主讲提醒：锂电池负极材料路演/,
    );
    const reminders = first.filter((m) => m.template === 'presenter-reminder');
    expect(reminders.map((m) => m.availableAt.toISOString()).sort()).toEqual([
      '2027-05-19T06:00:00.000Z',
      '2027-05-20T05:00:00.000Z',
    ]);

    // A move after publishing tells the presenter again and moves the reminders.
    await api.http
      .patch(`/api/agenda/${item.body.id}`)
      .set(bearer(organizer.token))
      .send({ startsAt: at('15:00'), endsAt: at('15:30') })
      .expect(200);
    const after = await told();
    expect(after.filter((m) => m.template === 'agenda-presenter')).toHaveLength(2);
    expect(
      after
        .filter((m) => m.template === 'presenter-reminder' && m.status === 'pending')
        .map((m) => m.availableAt.toISOString())
        .sort(),
    ).toEqual(['2027-05-19T07:00:00.000Z', '2027-05-20T06:00:00.000Z']);

    await api.http.delete(`/api/agenda/${item.body.id}`).set(bearer(organizer.token)).expect(204);
    expect(
      (await told()).filter((m) => m.status === 'pending' && m.template === 'presenter-reminder'),
    ).toEqual([]);
  });

  it('orders a visit’s stops and lets organizers reorder them', async () => {
    const eventId = await event({ kind: 'campus_visit', title: '走进高校·实验室开放日' });
    const stop = (title: string, place: string, startsAt: string, endsAt: string) =>
      add(eventId, { kind: 'visit_stop', title, place, capacity: 30, startsAt, endsAt })
        .expect(201)
        .then((r) => r.body as { id: string; position: number });
    const lab = await stop('国家重点实验室', '电子楼 A 区', at('09:00'), at('09:40'));
    const pilot = await stop('中试基地', '科技园 3 号楼', at('10:00'), at('10:40'));
    expect([lab.position, pilot.position]).toEqual([1, 2]);

    const reordered = await api.http
      .post(`/api/events/${eventId}/agenda/reorder`)
      .set(bearer(organizer.token))
      .send({ itemIds: [pilot.id, lab.id] })
      .expect(200);
    expect(
      (reordered.body.items as { id: string; position: number; capacity: number }[]).map((i) => [
        i.id,
        i.position,
        i.capacity,
      ]),
    ).toEqual([
      [pilot.id, 1, 30],
      [lab.id, 2, 30],
    ]);
    const partial = await api.http
      .post(`/api/events/${eventId}/agenda/reorder`)
      .set(bearer(organizer.token))
      .send({ itemIds: [pilot.id] })
      .expect(400);
    expect(partial.body.code).toBe('AGENDA_NOT_VISIT_STOPS');
  });

  it('lets 100 simultaneous requests for overlapping items leave no overlap: one wins, the others get 409 naming it', async () => {
    const eventId = await event({ title: '并发排期' });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        add(eventId, {
          title: `并发环节 ${i}`,
          room: '主会场',
          startsAt: at('11:00'),
          endsAt: at(`11:${String(10 + (i % 40)).padStart(2, '0')}`),
        }),
      ),
    );
    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status === 409);
    expect([won.length, lost.length]).toEqual([1, 99]);
    const winner = won[0].body as { id: string; title: string };
    for (const r of lost) {
      expect(r.body).toMatchObject({
        code: 'AGENDA_ROOM_CONFLICT',
        details: { conflict: { itemId: winner.id, title: winner.title } },
      });
    }

    const presenters = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        add(eventId, {
          title: `同一主讲 ${i}`,
          room: `分会场 ${i}`,
          startsAt: at('13:00'),
          endsAt: at('13:30'),
          presenterIds: [presenter.user.id],
        }),
      ),
    );
    expect(presenters.filter((r) => r.status === 201)).toHaveLength(1);
    expect(presenters.filter((r) => r.status === 409).map((r) => r.body.code as string)).toEqual(
      Array(99).fill('AGENDA_PRESENTER_CONFLICT'),
    );
    const [{ overlaps }] = await api.dataSource.query<{ overlaps: number }[]>(
      `SELECT count(*)::int AS overlaps FROM agenda_item a JOIN agenda_item b
          ON a.event_id = b.event_id AND a.room = b.room AND a.id < b.id
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`,
    );
    expect(overlaps).toBe(0);
  });
});

import { In } from 'typeorm';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, PASSWORD, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { signInThroughPage } from 'test/support/page-forms';
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

    // A registrant, to be told when the published agenda changes.
    const registrant = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({
        name: '王经理',
        email: 'agenda-watcher@example.cn',
        sector: 'industry',
        acceptPrivacy: true,
      })
      .expect(201);
    const toldRegistrant = () =>
      outbox.findBy({ subject: `registration:${registrant.body.id}`, template: 'agenda-changed' });

    // A move after publishing is a draft: the published agenda, the presenter and the registrant
    // are unchanged until the organizers publish again.
    await api.http
      .patch(`/api/agenda/${item.body.id}`)
      .set(bearer(organizer.token))
      .send({ startsAt: at('15:00'), endsAt: at('15:30') })
      .expect(200);
    const stillPublished = await api.http.get(`/api/events/${eventId}/agenda`).expect(200);
    expect(stillPublished.body.items[0].startsAt).toBe('2027-05-20T06:00:00.000Z');
    expect(stillPublished.body.changedSincePublished).toBe(false);
    const organizersDraft = await api.http
      .get(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(organizersDraft.body.items[0].startsAt).toBe('2027-05-20T07:00:00.000Z');
    expect(organizersDraft.body.changedSincePublished).toBe(true);
    expect((await told()).filter((m) => m.template === 'agenda-presenter')).toHaveLength(1);
    expect(await toldRegistrant()).toEqual([]);

    // Published again: the move goes public, tells the presenter again, moves the reminders and
    // tells the registrant what moved, once (a second publish tells nothing new).
    for (let n = 0; n < 2; n++)
      await api.http
        .post(`/api/events/${eventId}/agenda/publish`)
        .set(bearer(organizer.token))
        .expect(200);
    const republished = await api.http.get(`/api/events/${eventId}/agenda`).expect(200);
    expect(republished.body.items[0].startsAt).toBe('2027-05-20T07:00:00.000Z');
    const moved = await toldRegistrant();
    expect(moved).toHaveLength(1);
    const movedMail = renderEmail(moved[0]);
    expect(movedMail.subject).toBe('日程调整：发布日程');
    expect(movedMail.text).toMatch(
      /调整：锂电池负极材料路演，改为 2027年5月20日.*15:00.*原为 .*14:00/,
    );
    const after = await told();
    expect(after.filter((m) => m.template === 'agenda-presenter')).toHaveLength(2);
    expect(
      after
        .filter((m) => m.template === 'presenter-reminder' && m.status === 'pending')
        .map((m) => m.availableAt.toISOString())
        .sort(),
    ).toEqual(['2027-05-19T07:00:00.000Z', '2027-05-20T06:00:00.000Z']);

    await api.http.delete(`/api/agenda/${item.body.id}`).set(bearer(organizer.token)).expect(204);
    await api.http
      .post(`/api/events/${eventId}/agenda/publish`)
      .set(bearer(organizer.token))
      .expect(200);
    const removed = await toldRegistrant();
    expect(removed).toHaveLength(2);
    expect(renderEmail(removed.find((m) => m.id !== moved[0].id)!).text).toContain(
      '取消：锂电池负极材料路演',
    );
    expect(
      (await told()).filter((m) => m.status === 'pending' && m.template === 'presenter-reminder'),
    ).toEqual([]);
  });

  it('shows everyone outside the organizers the published agenda while a change is a draft: the presenter’s agenda, the public page and the calendar file, even in an organizer’s session', async () => {
    const eventId = await event({ title: '草稿不外露' });
    const speaker = await signedInAs(api.app, ['expert'], '赵工程师');
    const item = await add(eventId, {
      title: '氢能储运路演',
      room: '一号厅',
      startsAt: at('10:00'),
      endsAt: at('10:30'),
      presenterIds: [speaker.user.id],
    }).expect(201);
    const expertPages = await signInThroughPage(api.http, speaker.user.email, PASSWORD, '/expert');
    const organizerPages = await signInThroughPage(
      api.http,
      organizer.user.email,
      PASSWORD,
      '/console',
    );
    const myAgenda = async () =>
      (await api.http.get('/expert/agenda').set('cookie', expertPages.cookie).expect(200)).text;
    // Not published yet: nothing for the presenter to follow.
    expect(await myAgenda()).not.toContain('氢能储运路演');
    await api.http
      .post(`/api/events/${eventId}/agenda/publish`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(await myAgenda()).toContain('氢能储运路演');

    // Renamed and moved as a draft: the organizers' own view has it, no one else's does.
    await api.http
      .patch(`/api/agenda/${item.body.id}`)
      .set(bearer(organizer.token))
      .send({ title: '氢能储运（改）', startsAt: at('11:00'), endsAt: at('11:30') })
      .expect(200);
    const organizersView = await api.http
      .get(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(organizersView.body.items[0]).toMatchObject({ title: '氢能储运（改）' });
    const presenterSees = await myAgenda();
    expect(presenterSees).toContain('氢能储运路演');
    expect(presenterSees).not.toContain('氢能储运（改）');
    for (const cookie of ['', organizerPages.cookie]) {
      const publicPage = await api.http
        .get(`/activities/${eventId}`)
        .set('cookie', cookie)
        .expect(200);
      expect(publicPage.text).toContain('氢能储运路演');
      expect(publicPage.text).not.toContain('氢能储运（改）');
    }
    const organizersCalendar = await api.http
      .get(`/api/events/${eventId}/agenda.ics`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(organizersCalendar.text).toContain('SUMMARY:氢能储运路演');
    expect(organizersCalendar.text).toContain('DTSTART:20270520T020000Z');

    // Published again, the change reaches them all.
    await api.http
      .post(`/api/events/${eventId}/agenda/publish`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(await myAgenda()).toContain('氢能储运（改）');
    const republished = await api.http.get(`/activities/${eventId}`).expect(200);
    expect(republished.text).toContain('氢能储运（改）');
    const calendar = await api.http.get(`/api/events/${eventId}/agenda.ics`).expect(200);
    expect(calendar.text).toContain('DTSTART:20270520T030000Z');
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

  it('keeps rooms as a list per event: names spaced or typed differently are one room, so the overlap check cannot be dodged', async () => {
    const eventId = await event({ title: '场地列表' });
    const added = await api.http
      .post(`/api/events/${eventId}/rooms`)
      .set(bearer(organizer.token))
      .send({ name: ' B座3楼路演厅 ' })
      .expect(201);
    expect(added.body).toMatchObject({ eventId, name: 'B座3楼路演厅' });
    for (const twin of ['B 座 3 楼路演厅', 'Ｂ座３楼路演厅', 'b座3楼路演厅']) {
      const refused = await api.http
        .post(`/api/events/${eventId}/rooms`)
        .set(bearer(organizer.token))
        .send({ name: twin })
        .expect(409);
      expect(refused.body).toMatchObject({
        code: 'AGENDA_ROOM_EXISTS',
        details: { room: { id: added.body.id, name: 'B座3楼路演厅' } },
      });
      expect(fieldNames(refused.body)).toEqual(['name']);
    }
    // The case: the second item named the room with spaces and went through.
    const first = await add(eventId, {
      title: '新材料路演',
      roomId: added.body.id,
      startsAt: at('10:00'),
      endsAt: at('11:00'),
    }).expect(201);
    expect(first.body).toMatchObject({ roomId: added.body.id, room: 'B座3楼路演厅' });
    const spaced = await add(eventId, {
      title: '撞场的路演',
      room: 'B 座 3 楼路演厅',
      startsAt: at('10:30'),
      endsAt: at('11:30'),
    }).expect(409);
    expect(spaced.body).toMatchObject({
      code: 'AGENDA_ROOM_CONFLICT',
      details: { conflict: { itemId: first.body.id, room: 'B座3楼路演厅' } },
    });
    // Control: the same item in another room is accepted, and the list holds both rooms once each.
    await add(eventId, {
      title: '分会场路演',
      room: '分会场',
      startsAt: at('10:30'),
      endsAt: at('11:30'),
    }).expect(201);
    const rooms = await api.http
      .get(`/api/events/${eventId}/rooms`)
      .set(bearer(organizer.token))
      .expect(200);
    expect((rooms.body as { name: string }[]).map((r) => r.name).sort()).toEqual([
      'B座3楼路演厅',
      '分会场',
    ]);
    // A room is chosen from this event's list only; strangers do not see the list.
    const elsewhere = await event({ title: '另一场' });
    const foreign = await add(elsewhere, {
      title: '借用场地',
      roomId: added.body.id,
      startsAt: at('10:00'),
      endsAt: at('11:00'),
    }).expect(400);
    expect(foreign.body.code).toBe('AGENDA_ROOM_NOT_FOUND');
    await api.http.get(`/api/events/${eventId}/rooms`).set(bearer(other.token)).expect(403);
    // The database is the guard: a second row for the same room is refused whoever writes it.
    await expect(
      api.dataSource.query(
        `INSERT INTO agenda_room (event_id, name, name_key) VALUES ($1, 'B 座 3 楼路演厅', 'b座3楼路演厅')`,
        [eventId],
      ),
    ).rejects.toThrow(/uq_agenda_room_name/);
  });

  it('copies an event into a new draft with its details, rooms and agenda (no presenters, nobody registered)', async () => {
    const eventId = await event({ title: '年度路演', capacity: 80 });
    await add(eventId, {
      title: '开场',
      kind: 'opening',
      room: 'B 座 3 楼路演厅',
      startsAt: at('09:00'),
      endsAt: at('09:30'),
      presenterIds: [presenter.user.id],
    }).expect(201);
    await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({
        name: '访客',
        email: 'copy-guest@example.cn',
        sector: 'industry',
        acceptPrivacy: true,
      })
      .expect(201);
    const copy = await api.http
      .post(`/api/events/${eventId}/copy`)
      .set(bearer(organizer.token))
      .expect(201);
    expect(copy.body).toMatchObject({
      title: '年度路演（副本）',
      status: 'draft',
      capacity: 80,
      kind: 'roadshow',
      agendaPublishedAt: null,
    });
    const rooms = await api.http
      .get(`/api/events/${copy.body.id}/rooms`)
      .set(bearer(organizer.token))
      .expect(200);
    expect((rooms.body as { name: string }[]).map((r) => r.name)).toEqual(['B 座 3 楼路演厅']);
    const agenda = await api.http
      .get(`/api/events/${copy.body.id}/agenda`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(agenda.body.items).toMatchObject([
      { title: '开场', room: 'B 座 3 楼路演厅', roomId: rooms.body[0].id, presenters: [] },
    ]);
    const [{ registrations }] = await api.dataSource.query<{ registrations: number }[]>(
      'SELECT count(*)::int AS registrations FROM registration WHERE event_id = $1',
      [copy.body.id],
    );
    expect(registrations).toBe(0);
    // Someone who may not manage the event cannot copy it.
    await api.http.post(`/api/events/${eventId}/copy`).set(bearer(other.token)).expect(403);
  });

  it('copies an event to a new start with its agenda moved as far, and moves a draft copy’s agenda with its start; the original stays', async () => {
    const eventId = await event({ title: '季度路演' });
    for (const [title, from, to] of [
      ['开场', '09:00', '09:30'],
      ['第一场路演', '09:30', '10:00'],
    ])
      await add(eventId, {
        title,
        room: '主会场',
        startsAt: at(from),
        endsAt: at(to),
      }).expect(201);
    const timesOf = async (id: string) => {
      const { body } = await api.http
        .get(`/api/events/${id}/agenda`)
        .set(bearer(organizer.token))
        .expect(200);
      const items = (body as { items: { title: string; startsAt: string; endsAt: string }[] })
        .items;
      return items.map((i) => [i.title, i.startsAt, i.endsAt]);
    };
    const original = await timesOf(eventId);

    await api.http
      .post(`/api/events/${eventId}/copy`)
      .set(bearer(organizer.token))
      .send({ startsAt: 'next week' })
      .expect(400);
    // A copy is a coming event: a start already past is refused, beside its field.
    const past = await api.http
      .post(`/api/events/${eventId}/copy`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2020-06-04T09:00:00+08:00' })
      .expect(400);
    expect(past.body).toMatchObject({
      code: 'EVENT_INVALID_SCHEDULE',
      details: { fields: [{ field: 'startsAt' }] },
    });
    const copy = await api.http
      .post(`/api/events/${eventId}/copy`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-06-03T09:00:00+08:00' })
      .expect(201);
    expect(copy.body).toMatchObject({
      status: 'draft',
      startsAt: '2027-06-03T01:00:00.000Z',
      endsAt: '2027-06-03T10:00:00.000Z',
    });
    await expect(timesOf(copy.body.id)).resolves.toEqual([
      ['开场', '2027-06-03T01:00:00.000Z', '2027-06-03T01:30:00.000Z'],
      ['第一场路演', '2027-06-03T01:30:00.000Z', '2027-06-03T02:00:00.000Z'],
    ]);

    // Half an hour later on the draft: back-to-back items in one room move together.
    await api.http
      .patch(`/api/events/${copy.body.id}`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-06-03T09:30:00+08:00', endsAt: '2027-06-03T18:30:00+08:00' })
      .expect(200);
    await expect(timesOf(copy.body.id)).resolves.toEqual([
      ['开场', '2027-06-03T01:30:00.000Z', '2027-06-03T02:00:00.000Z'],
      ['第一场路演', '2027-06-03T02:00:00.000Z', '2027-06-03T02:30:00.000Z'],
    ]);
    // Nothing of the original moved.
    await expect(timesOf(eventId)).resolves.toEqual(original);
    const kept = await api.http.get(`/api/events/${eventId}`).expect(200);
    expect(kept.body).toMatchObject({ startsAt: '2027-05-20T01:00:00.000Z' });

    // A published event is no draft: moving its start leaves its items where people were told they are.
    await api.http
      .patch(`/api/events/${eventId}`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-05-20T08:30:00+08:00' })
      .expect(200);
    await expect(timesOf(eventId)).resolves.toEqual(original);
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
          ON a.event_id = b.event_id AND a.room_id = b.room_id AND a.id < b.id
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`,
    );
    expect(overlaps).toBe(0);
  });
});

import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, PASSWORD, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { signInThroughPage } from 'test/support/page-forms';
import { renderEmail } from 'test/support/render';
import { resetState } from 'test/support/state';

type Person = Awaited<ReturnType<typeof signedInAs>>;

describe('roadshows', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let expert: Person;
  let colleague: Person;
  let reviewer: Person;
  let reviewer2: Person;
  let eventId: string;

  const result = (owner: Person, title: string, fields: string[]) =>
    api.http
      .post('/api/results')
      .set(bearer(owner.token))
      .send({
        title,
        summary: `${title}的简介`,
        fields,
        readinessLevel: 6,
        institutionName: '西南交通大学',
        published: true,
      })
      .expect(201)
      .then((r) => r.body.id as string);

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    expert = await signedInAs(api.app, ['expert'], '赵教授');
    colleague = await signedInAs(api.app, ['expert'], '钱博士');
    reviewer = await signedInAs(api.app, ['expert'], '评审甲');
    reviewer2 = await signedInAs(api.app, ['expert'], '评审乙');
    eventId = await createEvent(api.http, organizer, {
      kind: 'roadshow',
      title: '先进制造成果路演',
      startsAt: '2027-09-01T09:00:00+08:00',
      endsAt: '2027-09-01T17:00:00+08:00',
    });
  });

  afterAll(async () => {
    await api.close();
  });

  it('calls for roadshows, takes submissions in the called fields while open, reviews and decides', async () => {
    const bearingResult = await result(expert, '高速轴承寿命预测与故障诊断', ['先进制造']);
    const drugResult = await result(expert, '中药有效成分提取工艺', ['生物医药']);

    const noCall = await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(expert.token))
      .send({ resultId: bearingResult, abstract: '摘要' })
      .expect(404);
    expect(noCall.body.code).toBe('ROADSHOW_CALL_NOT_FOUND');

    const closed = {
      opensAt: '2020-01-01T00:00:00Z',
      closesAt: '2020-02-01T00:00:00Z',
      fields: ['先进制造'],
    };
    await api.http
      .put(`/api/events/${eventId}/roadshow-call`)
      .set(bearer(organizer.token))
      .send(closed)
      .expect(200);
    const late = await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(expert.token))
      .send({ resultId: bearingResult, abstract: '摘要' })
      .expect(409);
    expect(late.body.code).toBe('ROADSHOW_CALL_CLOSED');

    const call = await api.http
      .put(`/api/events/${eventId}/roadshow-call`)
      .set(bearer(organizer.token))
      .send({ ...closed, closesAt: '2027-08-01T00:00:00Z', description: '征集先进制造领域成果' })
      .expect(200);
    expect(call.body).toMatchObject({ open: true, fields: ['先进制造'] });
    expect((await api.http.get(`/api/events/${eventId}/roadshow-call`).expect(200)).body.open).toBe(
      true,
    );

    const wrongField = await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(expert.token))
      .send({ resultId: drugResult, abstract: '摘要' })
      .expect(400);
    expect(wrongField.body.code).toBe('ROADSHOW_FIELD_NOT_CALLED');
    const notMine = await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(colleague.token))
      .send({ resultId: bearingResult, abstract: '摘要' })
      .expect(403);
    expect(notMine.body.code).toBe('ROADSHOW_NOT_YOUR_RESULT');

    const submitted = await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(expert.token))
      .send({
        resultId: bearingResult,
        presenterIds: [expert.user.id, colleague.user.id],
        abstract: '基于振动信号的高速轴承早期故障诊断，已在风电企业试用。',
      })
      .expect(201);
    const id = submitted.body.id as string;
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      resultTitle: '高速轴承寿命预测与故障诊断',
      reviews: null,
    });
    await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(expert.token))
      .send({ resultId: bearingResult, abstract: '再来一次' })
      .expect(409);

    await api.http
      .post(`/api/roadshows/${id}/review`)
      .set(bearer(reviewer.token))
      .send({ score: 5 })
      .expect(404);
    await api.http
      .post(`/api/roadshows/${id}/reviewers`)
      .set(bearer(organizer.token))
      .send({ reviewerIds: [reviewer.user.id, reviewer2.user.id] })
      .expect(200);
    await api.http
      .post(`/api/roadshows/${id}/review`)
      .set(bearer(reviewer.token))
      .send({ score: 5, comment: '应用前景好' })
      .expect(200);
    const badScore = await api.http
      .post(`/api/roadshows/${id}/review`)
      .set(bearer(reviewer2.token))
      .send({ score: 6 })
      .expect(400);
    expect(fieldNames(badScore.body)).toEqual(['score']);
    await api.http
      .post(`/api/roadshows/${id}/review`)
      .set(bearer(reviewer2.token))
      .send({ score: 4, comment: '需补充中试数据' })
      .expect(200);
    const forOrganizer = await api.http
      .get(`/api/events/${eventId}/roadshows`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(forOrganizer.body[0]).toMatchObject({ meanScore: 4.5 });
    expect(forOrganizer.body[0].reviews).toHaveLength(2);
    const forExpert = await api.http
      .get(`/api/events/${eventId}/roadshows`)
      .set(bearer(expert.token))
      .expect(200);
    expect(forExpert.body).toMatchObject([{ id, reviews: null, meanScore: null }]);
    await api.http
      .get(`/api/roadshows/${id}`)
      .set(bearer((await signedInAs(api.app, ['expert'])).token))
      .expect(404);

    const accepted = await api.http
      .post(`/api/roadshows/${id}/decision`)
      .set(bearer(organizer.token))
      .send({ decision: 'accepted', note: '请准备 10 分钟演示' })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decisionNote: '请准备 10 分钟演示' });
    const told = await api.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { template: 'roadshow-decision' } });
    expect(told.map((m) => m.recipient).sort()).toEqual(
      [colleague.user.email, expert.user.email].sort(),
    );
    const mail = renderEmail(told[0]);
    expect(mail.subject).toBe('路演入选：高速轴承寿命预测与故障诊断');
    expect(mail.text).toContain('请准备 10 分钟演示');
    const again = await api.http
      .post(`/api/roadshows/${id}/decision`)
      .set(bearer(organizer.token))
      .send({ decision: 'rejected' })
      .expect(409);
    expect(again.body.code).toBe('ROADSHOW_INVALID_TRANSITION');
  });

  it('puts accepted roadshows on the agenda with their presenters and result', async () => {
    const [roadshow] = (
      await api.http.get(`/api/events/${eventId}/roadshows`).set(bearer(organizer.token))
    ).body as { id: string; resultId: string }[];
    const item = await api.http
      .post(`/api/roadshows/${roadshow.id}/schedule`)
      .set(bearer(organizer.token))
      .send({
        startsAt: '2027-09-01T10:00:00+08:00',
        endsAt: '2027-09-01T10:20:00+08:00',
        room: '路演厅',
      })
      .expect(200);
    expect(item.body).toMatchObject({
      kind: 'roadshow',
      title: '高速轴承寿命预测与故障诊断',
      resultId: roadshow.resultId,
      room: '路演厅',
      presenters: expect.arrayContaining([
        expect.objectContaining({ name: '赵教授' }),
        expect.objectContaining({ name: '钱博士' }),
      ]) as unknown,
    });
    // Scheduling again moves the same item.
    const moved = await api.http
      .post(`/api/roadshows/${roadshow.id}/schedule`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-09-01T11:00:00+08:00', endsAt: '2027-09-01T11:20:00+08:00' })
      .expect(200);
    expect(moved.body.id).toBe(item.body.id);
    const agenda = await api.http
      .get(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(agenda.body.items).toHaveLength(1);

    const rejectedResult = await result(colleague, '数控机床热误差补偿', ['先进制造']);
    const other = await api.http
      .post(`/api/events/${eventId}/roadshows`)
      .set(bearer(colleague.token))
      .send({ resultId: rejectedResult, abstract: '热误差补偿' })
      .expect(201);
    await api.http
      .post(`/api/roadshows/${other.body.id}/schedule`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-09-01T13:00:00+08:00', endsAt: '2027-09-01T13:20:00+08:00' })
      .expect(409);
  });

  it('chooses a roadshow’s room from the event’s room list on the console page, as the agenda page does', async () => {
    await api.http
      .post(`/api/events/${eventId}/rooms`)
      .set(bearer(organizer.token))
      .send({ name: '主会场' })
      .expect(201);
    const [roadshow] = (
      await api.http.get(`/api/events/${eventId}/roadshows`).set(bearer(organizer.token))
    ).body as { id: string; agendaItemId: string }[];
    const path = `/console/events/${eventId}/roadshows`;
    const pages = await signInThroughPage(api.http, organizer.user.email, PASSWORD, path);
    const page = await api.http.get(path).set('cookie', pages.cookie).expect(200);
    const select = new RegExp(
      `<select id="room-${roadshow.id}" name="room"[^>]*>([\\s\\S]*?)</select>`,
    ).exec(page.text);
    expect(select).not.toBeNull();
    expect(page.text).not.toMatch(new RegExp(`<input id="room-${roadshow.id}"`));
    const options = [...select![1].matchAll(/<option value="([^"]*)"\s*(selected)?\s*>/g)].map(
      (m) => [m[1], !!m[2]],
    );
    expect(options[0]).toEqual(['', false]);
    expect(options).toEqual(
      expect.arrayContaining([
        ['主会场', false],
        ['路演厅', true],
      ]),
    );
    await pages
      .post(`${path}/${roadshow.id}/schedule`, {
        startsAt: '2027-09-01T11:00',
        endsAt: '2027-09-01T11:20',
        room: '主会场',
      })
      .expect(303);
    const agenda = await api.http
      .get(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(
      (agenda.body.items as { id: string; room: string }[]).find(
        (i) => i.id === roadshow.agendaItemId,
      ),
    ).toMatchObject({ room: '主会场' });
  });
});

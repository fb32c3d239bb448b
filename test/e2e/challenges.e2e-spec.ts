import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { renderEmail } from 'test/support/render';
import { resetState } from 'test/support/state';

type Person = Awaited<ReturnType<typeof signedInAs>>;
type Organizer = Awaited<ReturnType<typeof signedInOrganizer>>;

describe('challenges (揭榜挂帅)', () => {
  let api: TestApi;
  let enterprise: Person;
  let organizer: Organizer;
  let otherCentre: Organizer;
  let eventId: string;
  let lab1: Person;
  let lab2: Person;
  let stranger: Person;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    enterprise = await signedInAs(api.app, ['enterprise'], '川能动力');
    organizer = await signedInOrganizer(api.app);
    otherCentre = await signedInOrganizer(api.app);
    eventId = await createEvent(api.http, organizer, {
      kind: 'challenge',
      title: '揭榜挂帅发布会',
    });
    lab1 = await signedInAs(api.app, ['expert'], '孙教授');
    lab2 = await signedInAs(api.app, ['expert'], '李研究员');
    stranger = await signedInAs(api.app, ['enterprise']);
  });

  afterAll(async () => {
    await api.close();
  });

  it('posts a challenge, takes confidential bids until the deadline, and selects with notices', async () => {
    const draft = await api.http
      .post('/api/challenges')
      .set(bearer(enterprise.token))
      .send({
        title: '退役动力电池快速分选技术',
        description: '需在 10 分钟内完成单体电池健康状态评估，准确率不低于 95%。',
        enterpriseName: '川能动力',
        fields: ['新能源'],
        awardFen: 300_000_000,
        eligibility: '高校及科研院所团队',
        deadline: '2027-03-01T00:00:00+08:00',
        eventId,
      })
      .expect(201);
    const id = draft.body.id as string;
    expect(draft.body).toMatchObject({ awardFen: 300_000_000, published: false, open: false });
    await api.http.get(`/api/challenges/${id}`).expect(404);
    const closed = await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(lab1.token))
      .send({ institutionName: '四川大学', proposal: '方案' })
      .expect(404);
    expect(closed.body.code).toBe('CHALLENGE_NOT_FOUND');
    await api.http
      .patch(`/api/challenges/${id}`)
      .set(bearer(stranger.token))
      .send({ published: true })
      .expect(404);
    const opened = await api.http
      .patch(`/api/challenges/${id}`)
      .set(bearer(enterprise.token))
      .send({ published: true })
      .expect(200);
    expect(opened.body.open).toBe(true);
    expect((await api.http.get('/api/challenges').query({ open: 'true' })).body.total).toBe(1);

    const bid1 = await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(lab1.token))
      .send({
        institutionName: '四川大学',
        proposal: '基于电化学阻抗谱的快速分选',
        team: '孙教授团队 8 人',
      })
      .expect(201);
    const bid2 = await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(lab2.token))
      .send({ institutionName: '电子科技大学', proposal: '机器学习估计健康状态' })
      .expect(201);
    await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(lab1.token))
      .send({ institutionName: '四川大学', proposal: '第二份' })
      .expect(409);
    const bad = await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(stranger.token))
      .send({ institutionName: '', proposal: 12 })
      .expect(400);
    expect([...new Set(fieldNames(bad.body))].sort()).toEqual(['institutionName', 'proposal']);

    // Bids are the poster's, its event's organizers' and each bidder's own.
    for (const who of [enterprise, organizer]) {
      const all = await api.http
        .get(`/api/challenges/${id}/bids`)
        .set(bearer(who.token))
        .expect(200);
      expect(all.body).toHaveLength(2);
    }
    const own = await api.http
      .get(`/api/challenges/${id}/bids`)
      .set(bearer(lab1.token))
      .expect(200);
    expect((own.body as { id: string }[]).map((b) => b.id)).toEqual([bid1.body.id]);
    expect(JSON.stringify(own.body)).not.toContain('机器学习');
    await api.http.get(`/api/challenge-bids/${bid2.body.id}`).set(bearer(lab1.token)).expect(404);
    await api.http
      .get(`/api/challenge-bids/${bid2.body.id}`)
      .set(bearer(stranger.token))
      .expect(404);
    const strangers = await api.http
      .get(`/api/challenges/${id}/bids`)
      .set(bearer(stranger.token))
      .expect(200);
    expect(strangers.body).toEqual([]);
    // Another centre's organizer is a stranger here: no bids, no edits, no selecting.
    const elsewhere = await api.http
      .get(`/api/challenges/${id}/bids`)
      .set(bearer(otherCentre.token))
      .expect(200);
    expect(elsewhere.body).toEqual([]);
    await api.http
      .get(`/api/challenge-bids/${bid2.body.id}`)
      .set(bearer(otherCentre.token))
      .expect(404);
    const notTheirs = await api.http
      .patch(`/api/challenges/${id}`)
      .set(bearer(otherCentre.token))
      .send({ published: false })
      .expect(403);
    expect(notTheirs.body.code).toBe('CHALLENGE_NOT_POSTER');

    const move = (who: { token: string }, bidId: string, status: string, note?: string) =>
      api.http
        .post(`/api/challenge-bids/${bidId}/status`)
        .set(bearer(who.token))
        .send({ status, note });
    await move(lab1, bid1.body.id, 'shortlisted').expect(403);
    const skip = await move(enterprise, bid1.body.id, 'awarded').expect(409);
    expect(skip.body.code).toBe('CHALLENGE_BID_INVALID_TRANSITION');
    await move(enterprise, bid1.body.id, 'shortlisted', '请准备答辩').expect(200);
    await move(organizer, bid2.body.id, 'rejected', '方案成熟度不足').expect(200);
    const awarded = await move(enterprise, bid1.body.id, 'awarded').expect(200);
    expect(awarded.body).toMatchObject({ status: 'awarded' });

    const notices = await api.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { template: 'challenge-bid' }, order: { id: 'ASC' } });
    expect(notices.map((m) => [m.recipient, m.data.statusText])).toEqual([
      [lab1.user.email, '已入围'],
      [lab2.user.email, '未能入选'],
      [lab1.user.email, '已揭榜成功'],
    ]);
    expect(renderEmail(notices[1]).subject).toBe('揭榜进展：退役动力电池快速分选技术（未能入选）');
    expect(renderEmail(notices[1]).text).toContain('方案成熟度不足');

    await api.http
      .patch(`/api/challenges/${id}`)
      .set(bearer(organizer.token))
      .send({ deadline: '2020-01-01T00:00:00Z' })
      .expect(200);
    const late = await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(stranger.token))
      .send({ institutionName: '某学院', proposal: '晚到的方案' })
      .expect(409);
    expect(late.body.code).toBe('CHALLENGE_CLOSED');
  });
});

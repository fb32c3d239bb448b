import { DataSource } from 'typeorm';
import { INestApplicationContext } from '@nestjs/common';
import { startApi, startWorker, TestApi } from 'test/support/app';
import { finishedImport } from 'test/support/imports';
import {
  createEvent,
  createOrganization,
  createUser,
  seatAt,
  signedInAs,
  tokenFor,
} from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';

type Person = Awaited<ReturnType<typeof signedInAs>>;
interface Team {
  organization: Awaited<ReturnType<typeof createOrganization>>;
  token: string;
  userId: string;
}

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

/**
 * Catalog curation per programme: district A's managers curate the results and needs brought into
 * A's events and series (submitted to its call, presented, brought to its session, imported,
 * attached); district B's managers, organizers of the platform too, curate none of them.
 */
describe('catalog curation per programme', () => {
  let api: TestApi;
  let a: Team;
  let b: Team;
  let expert: Person;
  let enterprise: Person;
  /** A's roadshow (with an open call), closed-door docking session and series; B's salon. */
  let aRoadshow: string;
  let aSession: string;
  let aSeries: string;
  let bSalon: string;
  /** The expert's result submitted to A's call; the enterprise's needs brought to A's session. */
  let submitted: string;
  let secret: string;
  let matched: string;

  async function team(name: string): Promise<Team> {
    const ds = api.app.get(DataSource);
    const user = await createUser(ds, { roles: ['organizer'], name: `${name}负责人` });
    const organization = await createOrganization(ds, user, { name, role: 'manager' });
    return { organization, userId: user.id, token: await tokenFor(api.app, user) };
  }

  const need = (title: string, confidentiality: string) =>
    api.http
      .post('/api/needs')
      .set(bearer(enterprise.token))
      .send({
        title,
        description: `${title}：我司年损失约三百万元，详情保密`,
        fields: ['电子信息'],
        keywords: ['泄漏监测'],
        confidentiality,
        enterpriseName: '成都燃气集团',
        published: true,
      })
      .expect(201)
      .then((r) => r.body.id as string);

  const result = (owner: Person, title: string) =>
    api.http
      .post('/api/results')
      .set(bearer(owner.token))
      .send({
        title,
        summary: '低功耗微热板甲烷传感芯片，用于燃气泄漏报警',
        fields: ['电子信息'],
        keywords: ['甲烷', '气体传感器'],
        readinessLevel: 6,
        institutionName: '电子科技大学',
        published: true,
      })
      .expect(201)
      .then((r) => r.body.id as string);

  const releases = (kind: 'results' | 'needs', id: string, who: Team) =>
    api.http.get(`/api/${kind}/${id}/releases`).set(bearer(who.token));

  let worker: INestApplicationContext;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    worker = await startWorker();
    a = await team('A区生产力促进中心');
    b = await team('B区生产力促进中心');
    expert = await signedInAs(api.app, ['expert'], '王教授');
    enterprise = await signedInAs(api.app, ['enterprise'], '成都燃气集团');
    aRoadshow = await createEvent(api.http, a, { kind: 'roadshow', title: 'A区成果路演' });
    aSession = await createEvent(
      api.http,
      a,
      { kind: 'precise_docking', visibility: 'closed_door', title: 'A区燃气闭门对接会' },
      ['published'],
    );
    bSalon = await createEvent(api.http, b, { title: 'B区新材料沙龙' });
    aSeries = (
      await api.http
        .post('/api/series')
        .set(bearer(a.token))
        .send({ organizationId: a.organization.id, name: 'A区校企双进' })
        .expect(201)
    ).body.id as string;

    await api.http
      .put(`/api/events/${aRoadshow}/roadshow-call`)
      .set(bearer(a.token))
      .send({ opensAt: '2020-01-01T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' })
      .expect(200);
    submitted = await result(expert, 'MEMS甲烷气体传感器');
    await api.http
      .post(`/api/events/${aRoadshow}/roadshows`)
      .set(bearer(expert.token))
      .send({ resultId: submitted, abstract: '低功耗甲烷传感器，已在燃气企业试用。' })
      .expect(201);

    await seatAt(api.dataSource, aSession, enterprise);
    secret = await need('燃气调压站无人值守', 'organizers_only');
    matched = await need('燃气表具智能化改造', 'matched_only');
    for (const needId of [secret, matched])
      await api.http
        .post(`/api/events/${aSession}/docking/needs`)
        .set(bearer(enterprise.token))
        .send({ needId })
        .expect(201);
    await api.http
      .post('/api/matches')
      .set(bearer(a.token))
      .send({ needId: matched, resultId: submitted, decision: 'confirmed' })
      .expect(201);
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('an organizer of another centre cannot read an organizers_only need brought to A’s session (404)', async () => {
    const refused = await api.http.get(`/api/needs/${secret}`).set(bearer(b.token)).expect(404);
    expect(refused.body.code).toBe('NEED_NOT_FOUND');
    await releases('needs', secret, b).expect(404);
    const own = await api.http.get(`/api/needs/${secret}`).set(bearer(a.token)).expect(200);
    expect(own.body).toMatchObject({ redacted: false, title: '燃气调压站无人值守' });
    expect(own.body.description).toContain('详情保密');
  });

  it('an organizer of another centre does not find it in search', async () => {
    for (const q of [undefined, '调压站', '损失']) {
      const ofB = await api.http.get('/api/needs').query({ q }).set(bearer(b.token)).expect(200);
      expect(ids(ofB.body)).not.toContain(secret);
      expect(JSON.stringify(ofB.body)).not.toContain('详情保密');
    }
    // A's manager finds it by its title and by the words of its confidential description.
    for (const q of [undefined, '调压站', '损失']) {
      const ofA = await api.http.get('/api/needs').query({ q }).set(bearer(a.token)).expect(200);
      expect(ids(ofA.body)).toContain(secret);
    }
  });

  it('an organizer of another centre sees none of A’s matches', async () => {
    const ofB = await api.http.get('/api/matches').set(bearer(b.token)).expect(200);
    expect(ofB.body).toMatchObject({ total: 0, items: [] });
    const byNeed = await api.http
      .get('/api/matches')
      .query({ needId: matched })
      .set(bearer(b.token))
      .expect(200);
    expect(byNeed.body.total).toBe(0);
    const ofA = await api.http.get('/api/matches').set(bearer(a.token)).expect(200);
    expect(ofA.body).toMatchObject({ total: 1, items: [{ needId: matched, resultId: submitted }] });
  });

  it('an organizer of another centre cannot open a matched_only need to an expert (POST /api/matches)', async () => {
    const other = await signedInAs(api.app, ['expert'], '李研究员');
    const otherResult = await result(other, '燃气表具物联网模组');
    const visible = await api.http
      .post('/api/matches')
      .set(bearer(b.token))
      .send({ needId: matched, resultId: otherResult, decision: 'confirmed' })
      .expect(403);
    expect(visible.body.code).toBe('CATALOG_NOT_CURATOR');
    const hidden = await api.http
      .post('/api/matches')
      .set(bearer(b.token))
      .send({ needId: secret, resultId: otherResult, decision: 'confirmed' })
      .expect(404);
    expect(hidden.body.code).toBe('NEED_NOT_FOUND');
    const read = await api.http.get(`/api/needs/${matched}`).set(bearer(other.token)).expect(200);
    expect(read.body).toMatchObject({ redacted: true, description: null });
  });

  it('an organizer of another centre cannot edit a result submitted to A’s call', async () => {
    const refused = await api.http
      .patch(`/api/results/${submitted}`)
      .set(bearer(b.token))
      .send({ title: '改名' })
      .expect(403);
    expect(refused.body.code).toBe('CATALOG_NOT_OWNER');
    await releases('results', submitted, b).expect(403);
    const edited = await api.http
      .patch(`/api/results/${submitted}`)
      .set(bearer(a.token))
      .send({ keywords: ['甲烷', '气体传感器', '燃气报警'] })
      .expect(200);
    expect(edited.body.keywords).toContain('燃气报警');
  });

  it('A’s manager reads and curates what was brought into A’s programmes, and sees how', async () => {
    await api.http
      .patch(`/api/needs/${secret}`)
      .set(bearer(a.token))
      .send({ keywords: ['调压站', '无人值守'] })
      .expect(200);
    await api.http
      .patch(`/api/needs/${secret}`)
      .set(bearer(b.token))
      .send({ keywords: ['改'] })
      .expect(404);
    const brought = await releases('needs', secret, a).expect(200);
    expect(brought.body).toMatchObject([
      { needId: secret, eventId: aSession, organizationId: a.organization.id, act: 'brought' },
    ]);
    const ofResult = await releases('results', submitted, a).expect(200);
    expect(ofResult.body).toMatchObject([{ eventId: aRoadshow, act: 'submitted' }]);
    // The expert's profile is corrected by A's managers (their result is in A's call), not B's.
    const profile = await api.http
      .put('/api/experts/me')
      .set(bearer(expert.token))
      .send({ institutionName: '电子科技大学', keywords: ['气体传感器'] })
      .expect(200);
    const id = profile.body.id as string;
    const bRefused = await api.http
      .patch(`/api/experts/${id}`)
      .set(bearer(b.token))
      .send({ title: '教授' })
      .expect(403);
    expect(bRefused.body.code).toBe('CATALOG_NOT_CURATOR');
    await api.http
      .patch(`/api/experts/${id}`)
      .set(bearer(a.token))
      .send({ title: '教授' })
      .expect(200);
  });

  it('an explicit attach makes an item curatable, only into one’s own programme', async () => {
    const open = await need('城市燃气管网泄漏在线监测', 'public');
    await api.http
      .patch(`/api/needs/${open}`)
      .set(bearer(a.token))
      .send({ region: '四川省成都市' })
      .expect(403);
    const both = await api.http
      .post(`/api/needs/${open}/releases`)
      .set(bearer(a.token))
      .send({ eventId: aRoadshow, seriesId: aSeries })
      .expect(400);
    expect(both.body.code).toBe('CATALOG_ONE_PROGRAMME');
    const foreign = await api.http
      .post(`/api/needs/${open}/releases`)
      .set(bearer(b.token))
      .send({ eventId: aRoadshow })
      .expect(403);
    expect(foreign.body.code).toBe('EVENT_NOT_ORGANIZER');
    // A's series has no public event yet: B may not know it exists.
    const series = await api.http
      .post(`/api/needs/${open}/releases`)
      .set(bearer(b.token))
      .send({ seriesId: aSeries })
      .expect(404);
    expect(series.body.code).toBe('SERIES_NOT_FOUND');
    // B may not take A's organizers-only need into B's own salon either: B may not know it.
    await api.http
      .post(`/api/needs/${secret}/releases`)
      .set(bearer(b.token))
      .send({ eventId: bSalon })
      .expect(404);

    const attached = await api.http
      .post(`/api/needs/${open}/releases`)
      .set(bearer(a.token))
      .send({ seriesId: aSeries })
      .expect(201);
    expect(attached.body).toMatchObject([
      { needId: open, seriesId: aSeries, eventId: null, act: 'attached', recordedBy: a.userId },
    ]);
    await api.http
      .patch(`/api/needs/${open}`)
      .set(bearer(a.token))
      .send({ region: '四川省成都市' })
      .expect(200);
    await api.http
      .patch(`/api/needs/${open}`)
      .set(bearer(b.token))
      .send({ region: '改' })
      .expect(403);
  });

  it('an import into an event records each row as imported there, for its managers only', async () => {
    const csv = (title: string) =>
      `成果名称,简介,领域,关键词,成熟度,单位,是否发布\n${title},基于振动信号的轴承早期故障诊断,先进制造,轴承,6,西南交通大学,否\n`;
    const foreign = await api.http
      .post('/api/results/import')
      .query({ eventId: aRoadshow })
      .set(bearer(b.token))
      .set('content-type', 'text/csv')
      .send(csv('B区导入的成果'))
      .expect(403);
    expect(foreign.body.code).toBe('EVENT_NOT_ORGANIZER');
    const [none] = await api.dataSource.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM research_result WHERE title = 'B区导入的成果'",
    );
    expect(none.n).toBe(0);

    const imported = await api.http
      .post('/api/results/import')
      .query({ eventId: aRoadshow })
      .set(bearer(a.token))
      .set('content-type', 'text/csv')
      .send(csv('高速轴承故障诊断系统'))
      .expect(202);
    const report = await finishedImport(api.http, a.token, imported.body.id);
    expect(report).toMatchObject({ status: 'done', imported: 1, errors: [] });
    const [row] = await api.dataSource.query<{ id: string }[]>(
      "SELECT id FROM research_result WHERE title = '高速轴承故障诊断系统'",
    );
    const recorded = await releases('results', row.id, a).expect(200);
    expect(recorded.body).toMatchObject([
      { resultId: row.id, eventId: aRoadshow, organizationId: a.organization.id, act: 'imported' },
    ]);
  });

  it('presenting the same result twice records it once per act', async () => {
    const item = (title: string, startsAt: string, endsAt: string) =>
      api.http
        .post(`/api/events/${aRoadshow}/agenda`)
        .set(bearer(a.token))
        .send({ kind: 'roadshow', title, startsAt, endsAt, resultId: submitted })
        .expect(201);
    await item('甲烷传感器路演', '2027-01-20T14:00:00+08:00', '2027-01-20T14:30:00+08:00');
    await item('甲烷传感器答疑', '2027-01-20T15:00:00+08:00', '2027-01-20T15:30:00+08:00');
    const recorded = await releases('results', submitted, a).expect(200);
    expect((recorded.body as { act: string; eventId: string }[]).map((r) => r.act).sort()).toEqual([
      'presented',
      'submitted',
    ]);
    // B may not present a result it may not see (an unpublished one of another's).
    const draft = await api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send({
        title: '未发布成果',
        summary: '草稿',
        fields: ['电子信息'],
        readinessLevel: 3,
        institutionName: '电子科技大学',
      })
      .expect(201);
    const hidden = await api.http
      .post(`/api/events/${bSalon}/agenda`)
      .set(bearer(b.token))
      .send({
        kind: 'roadshow',
        title: '借用',
        startsAt: '2027-01-20T14:00:00+08:00',
        endsAt: '2027-01-20T14:30:00+08:00',
        resultId: draft.body.id,
      })
      .expect(404);
    expect(hidden.body.code).toBe('RESULT_NOT_FOUND');
  });
});

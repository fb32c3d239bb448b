import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { resetState } from 'test/support/state';

type Person = Awaited<ReturnType<typeof signedInAs>>;

describe('matching', () => {
  let api: TestApi;
  let expert: Person;
  let enterprise: Person;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let sensor: string;
  let battery: string;
  let need: string;
  let profile: string;

  const result = (title: string, summary: string, fields: string[], keywords: string[]) =>
    api.http
      .post('/api/results')
      .set(bearer(expert.token))
      .send({
        title,
        summary,
        fields,
        keywords,
        readinessLevel: 6,
        institutionName: '电子科技大学',
        region: '四川省成都市',
        published: true,
      })
      .expect(201)
      .then((r) => r.body.id as string);

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    expert = await signedInAs(api.app, ['expert'], '王教授');
    enterprise = await signedInAs(api.app, ['enterprise']);
    organizer = await signedInOrganizer(api.app);
    sensor = await result(
      'MEMS甲烷气体传感器',
      '低功耗微热板气体传感芯片，用于燃气泄漏报警',
      ['电子信息'],
      ['气体传感器', '甲烷'],
    );
    battery = await result(
      '锂电池硅碳负极材料',
      '高容量硅碳复合负极，循环寿命超过一千次',
      ['新能源'],
      ['锂电池', '负极材料'],
    );
    const x = await api.http
      .put('/api/experts/me')
      .set(bearer(expert.token))
      .send({
        institutionName: '电子科技大学',
        title: '教授',
        fields: ['电子信息'],
        keywords: ['气体传感器', '燃气泄漏'],
        biography: '从事气体传感器与燃气安全监测研究二十年',
        region: '四川省成都市',
      })
      .expect(200);
    profile = x.body.id as string;
    need = await api.http
      .post('/api/needs')
      .set(bearer(enterprise.token))
      .send({
        title: '燃气管网甲烷泄漏监测',
        description: '城市燃气管网需要低功耗的甲烷传感器，实现泄漏早期报警。',
        fields: ['电子信息'],
        keywords: ['甲烷', '泄漏报警'],
        confidentiality: 'matched_only',
        enterpriseName: '成都燃气集团',
        region: '四川省成都市',
        published: true,
      })
      .expect(201)
      .then((r) => r.body.id as string);
    // The organizer takes the need and the sensor into their salon: their matches are theirs.
    const salon = await createEvent(api.http, organizer);
    await api.http
      .post(`/api/needs/${need}/releases`)
      .set(bearer(organizer.token))
      .send({ eventId: salon })
      .expect(201);
    await api.http
      .post(`/api/results/${sensor}/releases`)
      .set(bearer(organizer.token))
      .send({ eventId: salon })
      .expect(201);
  });

  afterAll(async () => {
    await api.close();
  });

  it('ranks results and experts for a need, with the words and fields that matched', async () => {
    const results = await api.http
      .get(`/api/needs/${need}/matches`)
      .set(bearer(enterprise.token))
      .expect(200);
    expect(results.body[0]).toMatchObject({
      id: sensor,
      kind: 'result',
      title: 'MEMS甲烷气体传感器',
      organization: '电子科技大学',
      decision: null,
      reasons: {
        fields: ['电子信息'],
        keywords: ['甲烷'],
        readinessLevel: 6,
        sameRegion: true,
      },
    });
    expect(results.body[0].reasons.words).toEqual(
      expect.arrayContaining(['甲烷', '传感器', '泄漏']),
    );
    expect((results.body as { id: string }[]).map((r) => r.id)).not.toContain(battery);

    const experts = await api.http
      .get(`/api/needs/${need}/matches`)
      .query({ kind: 'experts' })
      .set(bearer(organizer.token))
      .expect(200);
    expect(experts.body).toMatchObject([{ id: profile, kind: 'expert', title: '王教授' }]);

    const needs = await api.http
      .get(`/api/results/${sensor}/matches`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(needs.body).toMatchObject([{ id: need, kind: 'need', title: '燃气管网甲烷泄漏监测' }]);
  });

  it('lets only the need’s owner and curators see its suggestions', async () => {
    await api.http.get(`/api/needs/${need}/matches`).set(bearer(expert.token)).expect(404);
    await api.http.get(`/api/results/${sensor}/matches`).set(bearer(expert.token)).expect(403);
    // Another centre's organizer does not curate the sensor: its suggested needs are not theirs.
    const elsewhere = await signedInOrganizer(api.app);
    const refused = await api.http
      .get(`/api/results/${sensor}/matches`)
      .set(bearer(elsewhere.token))
      .expect(403);
    expect(refused.body.code).toBe('CATALOG_NOT_CURATOR');
    await api.http.get(`/api/needs/${need}/matches`).expect(401);
  });

  it('opens a matched-only need to the expert once an organizer confirms the match', async () => {
    const before = await api.http.get(`/api/needs/${need}`).set(bearer(expert.token)).expect(200);
    expect(before.body).toMatchObject({ redacted: true, description: null });

    const confirmed = await api.http
      .post('/api/matches')
      .set(bearer(organizer.token))
      .send({ needId: need, resultId: sensor, decision: 'confirmed' })
      .expect(201);
    expect(confirmed.body).toMatchObject({
      needId: need,
      resultId: sensor,
      expertId: null,
      decision: 'confirmed',
      decidedBy: organizer.user.id,
    });
    expect(confirmed.body.score).toBeGreaterThan(0.5);

    const after = await api.http.get(`/api/needs/${need}`).set(bearer(expert.token)).expect(200);
    expect(after.body).toMatchObject({ redacted: false, keywords: ['甲烷', '泄漏报警'] });
    expect(after.body.description).toContain('低功耗的甲烷传感器');

    // Deciding again changes the one decision; suggestions show it.
    await api.http
      .post('/api/matches')
      .set(bearer(organizer.token))
      .send({ needId: need, resultId: sensor, decision: 'rejected' })
      .expect(201);
    const list = await api.http
      .get('/api/matches')
      .query({ needId: need })
      .set(bearer(organizer.token))
      .expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ decision: 'rejected' }] });
    const suggestions = await api.http
      .get(`/api/needs/${need}/matches`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(suggestions.body[0]).toMatchObject({ id: sensor, decision: 'rejected' });
    const closed = await api.http.get(`/api/needs/${need}`).set(bearer(expert.token)).expect(200);
    expect(closed.body.redacted).toBe(true);

    await api.http
      .post('/api/matches')
      .set(bearer(organizer.token))
      .send({ needId: need, expertId: profile, decision: 'confirmed' })
      .expect(201);
    const viaProfile = await api.http
      .get(`/api/needs/${need}`)
      .set(bearer(expert.token))
      .expect(200);
    expect(viaProfile.body.redacted).toBe(false);
  });

  it('refuses a decision naming both or neither candidate, or an unknown one', async () => {
    const both = await api.http
      .post('/api/matches')
      .set(bearer(organizer.token))
      .send({ needId: need, resultId: sensor, expertId: profile, decision: 'confirmed' })
      .expect(400);
    expect(both.body.code).toBe('MATCH_ONE_CANDIDATE');
    expect(fieldNames(both.body)).toEqual(['resultId', 'expertId']);
    await api.http
      .post('/api/matches')
      .set(bearer(organizer.token))
      .send({ needId: need, decision: 'confirmed' })
      .expect(400);
    const unknown = await api.http
      .post('/api/matches')
      .set(bearer(organizer.token))
      .send({
        needId: need,
        resultId: '00000000-0000-4000-8000-000000000000',
        decision: 'confirmed',
      })
      .expect(404);
    expect(unknown.body.code).toBe('RESULT_NOT_FOUND');
    await api.http
      .post('/api/matches')
      .set(bearer(expert.token))
      .send({ needId: need, resultId: sensor, decision: 'confirmed' })
      .expect(403);
  });
});

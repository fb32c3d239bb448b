import { DataSource } from 'typeorm';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';
import { StatisticsService } from 'src/stats/statistics.service';
import { startApi, TestApi } from 'test/support/app';
import {
  createEvent,
  createOrganization,
  createUser,
  signedInAs,
  tokenFor,
} from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { resetState } from 'test/support/state';

interface Team {
  organization: Organization;
  token: string;
  userId: string;
}

/**
 * Organizing centres side by side and a city above its districts: district A and district B under
 * city C. Each case is one a second centre's organizer could do before organizations were tenants.
 */
describe('organizations as tenants', () => {
  let api: TestApi;
  let city: Team;
  let a: Team;
  let b: Team;
  let aPublic: string;
  let aClosed: string;
  let bPublic: string;
  let aDraftSeries: string;
  const A_DEAL_FEN = 53_000_000_000; // 5.3亿元 at A's ceremony

  /** An organizer holding `role` in a new organization (below `parent`, if given). */
  async function team(name: string, role: 'manager' | 'viewer', parent?: Organization) {
    const ds = api.app.get(DataSource);
    const user = await createUser(ds, { roles: ['organizer'], name: `${name}负责人` });
    const organization = await createOrganization(ds, user, {
      name,
      role,
      parentId: parent?.id ?? null,
    });
    return { organization, userId: user.id, token: await tokenFor(api.app, user) };
  }

  /** A concluded event of the team's organization (held, so that it counts). */
  const held = (owner: Team, fields: Record<string, unknown>) =>
    createEvent(
      api.http,
      owner,
      {
        startsAt: '2026-10-20T14:00:00+08:00',
        endsAt: '2026-10-20T17:00:00+08:00',
        ...fields,
      },
      ['published', 'live', 'concluded'],
    );

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    city = await team('成都市生产力促进中心', 'viewer');
    a = await team('A区生产力促进中心', 'manager', city.organization);
    b = await team('B区生产力促进中心', 'manager', city.organization);
    aPublic = await held(a, { title: 'A区成果路演', kind: 'roadshow' });
    aClosed = await held(a, { title: 'A区闭门对接会', visibility: 'closed_door' });
    bPublic = await held(b, { title: 'B区新材料沙龙' });
    await api.http
      .post('/api/deals')
      .set(bearer(a.token))
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        institutionName: '西南理工大学',
        expertTeam: '刘洋教授团队',
        eventId: aPublic,
        type: 'license',
        contractValueFen: A_DEAL_FEN,
        signedOn: '2026-10-20',
        atCeremony: true,
      })
      .expect(201);
    aDraftSeries = (
      await api.http
        .post('/api/series')
        .set(bearer(a.token))
        .send({ organizationId: a.organization.id, name: 'A区2027年校企双进（筹备中）' })
        .expect(201)
    ).body.id as string;
    await api.app.get(StatisticsService).compile([aPublic, aClosed, bPublic]);
  });

  afterAll(async () => {
    await api.close();
  });

  it('GET /api/users as B’s manager lists B’s team, never A’s people or anyone’s contacts', async () => {
    const expert = await signedInAs(api.app, ['expert'], '刘洋');
    const all = await api.http.get('/api/users?limit=100').set(bearer(b.token)).expect(200);
    const ids = (all.body.items as { id: string }[]).map((u) => u.id);
    expect(ids).toContain(b.userId);
    expect(ids).not.toContain(a.userId);
    expect(ids).not.toContain(expert.user.id);
    const experts = await api.http
      .get('/api/users?role=expert&limit=100')
      .set(bearer(b.token))
      .expect(200);
    const shown = (experts.body.items as { id: string; email?: string }[]).find(
      (u) => u.id === expert.user.id,
    );
    expect(shown).toBeDefined();
    expect(shown).not.toHaveProperty('email');
    expect(shown).not.toHaveProperty('mobile');
  });

  it('GET /api/deals and /api/intents as B list none of A’s', async () => {
    const deals = await api.http.get('/api/deals').set(bearer(b.token)).expect(200);
    expect(deals.body.items).toEqual([]);
    const own = await api.http.get('/api/deals').set(bearer(a.token)).expect(200);
    expect(own.body.items).toHaveLength(1);
    const intents = await api.http.get('/api/intents').set(bearer(b.token)).expect(200);
    expect(intents.body.items).toEqual([]);
  });

  it('POST /api/deals as B with A’s event is refused, and A’s report sentence stays', async () => {
    const foreign = {
      enterpriseName: '某公司',
      institutionName: '某大学',
      expertTeam: '某团队',
      type: 'transfer',
      contractValueFen: 1_000_000_000_00,
      signedOn: '2026-10-20',
      atCeremony: true,
    };
    const visible = await api.http
      .post('/api/deals')
      .set(bearer(b.token))
      .send({ ...foreign, eventId: aPublic })
      .expect(403);
    expect(visible.body.code).toBe('EVENT_NOT_ORGANIZER');
    const hidden = await api.http
      .post('/api/deals')
      .set(bearer(b.token))
      .send({ ...foreign, eventId: aClosed })
      .expect(404);
    expect(hidden.body.code).toBe('EVENT_NOT_FOUND');
    await api.app.get(StatisticsService).compile([aPublic, aClosed]);
    const rollup = await api.http.get('/api/statistics').set(bearer(a.token)).expect(200);
    expect(rollup.body.totals.dealsSince).toEqual({ count: 1, valueFen: A_DEAL_FEN });
    expect(rollup.body.summary).toContain('签约金额5.3亿元');
  });

  it('a follow-up task on A’s deal is A’s: B’s manager may neither give one nor change it', async () => {
    const deals = await api.http.get('/api/deals').set(bearer(a.token)).expect(200);
    const dealId = (deals.body.items as { id: string }[])[0].id;
    const task = { dealId, ownerId: a.userId, title: 'A区回访', dueOn: '2027-01-15' };
    const given = await api.http
      .post('/api/follow-up-tasks')
      .set(bearer(b.token))
      .send({ ...task, ownerId: b.userId })
      .expect(404);
    expect(given.body.code).toBe('DEAL_NOT_FOUND');
    const created = await api.http
      .post('/api/follow-up-tasks')
      .set(bearer(a.token))
      .send(task)
      .expect(201);
    const changed = await api.http
      .patch(`/api/follow-up-tasks/${created.body.id}`)
      .set(bearer(b.token))
      .send({ done: true })
      .expect(404);
    expect(changed.body.code).toBe('TASK_NOT_FOUND');
    await api.http
      .patch(`/api/follow-up-tasks/${created.body.id}`)
      .set(bearer(city.token))
      .send({ notes: '市里改的' })
      .expect(404);
  });

  it('the statistics as B count only B’s events; the city counts both districts', async () => {
    const ofB = await api.http.get('/api/statistics').set(bearer(b.token)).expect(200);
    expect(ofB.body.events).toBe(1);
    expect(ofB.body.totals.dealsSince.count).toBe(0);
    const csv = await api.http.get('/api/statistics/events.csv').set(bearer(b.token)).expect(200);
    expect(csv.text).toContain('B区新材料沙龙');
    expect(csv.text).not.toContain('A区');
    const ofCity = await api.http.get('/api/statistics').set(bearer(city.token)).expect(200);
    expect(ofCity.body.events).toBe(3);
    expect(ofCity.body.totals.dealsSince).toEqual({ count: 1, valueFen: A_DEAL_FEN });
    const cityCsv = await api.http
      .get('/api/statistics/events.csv')
      .set(bearer(city.token))
      .expect(200);
    expect(cityCsv.text).toContain('A区闭门对接会');
  });

  it('splits the city’s figures by district', async () => {
    const split = await api.http
      .get('/api/statistics?by=organization')
      .set(bearer(city.token))
      .expect(200);
    const byName = Object.fromEntries(
      (split.body.groups as { key: string; events: number }[]).map((g) => [g.key, g.events]),
    );
    expect(byName).toEqual({ A区生产力促进中心: 2, B区生产力促进中心: 1 });
    const ofB = await api.http
      .get('/api/statistics?by=organization')
      .set(bearer(b.token))
      .expect(200);
    expect(ofB.body.groups).toEqual([
      expect.objectContaining({ key: 'B区生产力促进中心', events: 1 }),
    ]);
  });

  it('the city reads a district event’s figures and changes nothing; the other district may not', async () => {
    await api.http.get(`/api/events/${aPublic}/statistics`).set(bearer(city.token)).expect(200);
    await api.http.get(`/api/events/${aClosed}/statistics`).set(bearer(city.token)).expect(200);
    await api.http
      .post(`/api/events/${aPublic}/statistics/compile`)
      .set(bearer(city.token))
      .expect(403);
    await api.http
      .post(`/api/events/${aPublic}/status`)
      .set(bearer(city.token))
      .send({ status: 'archived' })
      .expect(403);
    await api.http.get(`/api/events/${aPublic}/statistics`).set(bearer(b.token)).expect(403);
    await api.http.get(`/api/events/${aClosed}/statistics`).set(bearer(b.token)).expect(404);
  });

  it('GET /api/series shows another organization’s series only once it has a public event', async () => {
    const names = async (token?: string) => {
      const request = api.http.get('/api/series?limit=100');
      const { body } = await (token ? request.set(bearer(token)) : request).expect(200);
      return (body as { id: string }[]).map((s) => s.id);
    };
    expect(await names()).not.toContain(aDraftSeries);
    expect(await names(b.token)).not.toContain(aDraftSeries);
    expect(await names(a.token)).toContain(aDraftSeries);
    expect(await names(city.token)).toContain(aDraftSeries);
    await api.http.get(`/api/series/${aDraftSeries}`).set(bearer(b.token)).expect(404);
  });

  it('registering for a draft answers 404, as every other path does', async () => {
    const draft = await createEvent(api.http, a, { title: 'A区草稿活动' }, []);
    const guest = await api.http
      .post(`/api/events/${draft}/registrations`)
      .send({
        acceptPrivacy: true,
        name: '王五',
        email: 'wangwu@example.com',
        mobile: '13800000005',
        sector: 'industry',
      })
      .expect(404);
    expect(guest.body.code).toBe('EVENT_NOT_FOUND');
    expect(JSON.stringify(guest.body)).not.toContain('draft');
  });

  it('a challenge cannot name a closed-door event its poster may not see', async () => {
    const enterprise = await signedInAs(api.app, ['enterprise'], '周强');
    const challenge = {
      title: '高温传感器封装',
      description: '耐 300℃',
      enterpriseName: '成都芯联传感科技有限公司',
      awardFen: 50_000_000,
      deadline: '2027-06-30T00:00:00+08:00',
    };
    const refused = await api.http
      .post('/api/challenges')
      .set(bearer(enterprise.token))
      .send({ ...challenge, eventId: aClosed })
      .expect(404);
    expect(refused.body.code).toBe('EVENT_NOT_FOUND');
    await api.http
      .post('/api/challenges')
      .set(bearer(enterprise.token))
      .send({ ...challenge, eventId: aPublic })
      .expect(201);
  });

  it('an entry names an institution or enterprise only for one of its members', async () => {
    const ds = api.app.get(DataSource);
    const owner = await signedInAs(api.app, ['enterprise'], '周强');
    const outsider = await signedInAs(api.app, ['enterprise', 'expert'], '无名');
    const ownerUser = await ds.getRepository(User).findOneByOrFail({ id: owner.user.id });
    const company = await createOrganization(ds, ownerUser, {
      name: '成都芯联传感科技有限公司',
      kind: 'enterprise',
    });
    const need = {
      title: '燃气泄漏监测',
      description: '低功耗在线监测',
      fields: ['电子信息'],
      enterpriseName: '成都芯联传感科技有限公司',
      enterpriseId: company.id,
    };
    const refused = await api.http
      .post('/api/needs')
      .set(bearer(outsider.token))
      .send(need)
      .expect(403);
    expect(refused.body.code).toBe('CATALOG_NOT_MEMBER');
    expect(fieldNames(refused.body)).toEqual(['enterpriseId']);
    await api.http.post('/api/needs').set(bearer(owner.token)).send(need).expect(201);
    await api.http
      .post('/api/results')
      .set(bearer(outsider.token))
      .send({
        title: 'MEMS气体传感器',
        summary: '低功耗',
        readinessLevel: 6,
        institutionName: '成都芯联传感科技有限公司',
        institutionId: company.id,
      })
      .expect(403);
    await api.http
      .put('/api/experts/me')
      .set(bearer(outsider.token))
      .send({
        institutionName: '成都芯联传感科技有限公司',
        institutionId: company.id,
        fields: ['电子信息'],
      })
      .expect(403);
  });

  it('a manager keeps the team: gives roles, ends them, and never leaves the centre without a manager', async () => {
    const ds = api.app.get(DataSource);
    const colleague = await createUser(ds, { roles: ['organizer'], name: 'A区工作人员' });
    const teamOf = async (token: string) =>
      (await api.http.get(`/api/organizations/${a.organization.id}/team`).set(bearer(token)))
        .body as { userId: string; role: string }[];
    await api.http
      .put(`/api/organizations/${a.organization.id}/team/${colleague.id}`)
      .set(bearer(a.token))
      .send({ role: 'staff', title: '签到组' })
      .expect(200);
    expect(await teamOf(a.token)).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: colleague.id, role: 'staff' })]),
    );
    // The staff member checks people in but manages nothing: A's deals stay closed to them.
    const staffToken = await tokenFor(api.app, colleague);
    const deals = await api.http.get('/api/deals').set(bearer(staffToken)).expect(200);
    expect(deals.body.items).toEqual([]);
    // Another centre's manager and the city's viewer may not touch A's team.
    await api.http
      .put(`/api/organizations/${a.organization.id}/team/${b.userId}`)
      .set(bearer(b.token))
      .send({ role: 'manager' })
      .expect(403);
    await api.http
      .get(`/api/organizations/${a.organization.id}/team`)
      .set(bearer(city.token))
      .expect(403);
    const last = await api.http
      .put(`/api/organizations/${a.organization.id}/team/${a.userId}`)
      .set(bearer(a.token))
      .send({ role: 'viewer' })
      .expect(409);
    expect(last.body.code).toBe('TEAM_LAST_MANAGER');
    await api.http
      .delete(`/api/organizations/${a.organization.id}/team/${colleague.id}`)
      .set(bearer(a.token))
      .expect(204);
    expect((await teamOf(a.token)).map((m) => m.userId)).not.toContain(colleague.id);
  });

  it('only an admin places an organization below another, never below its own child', async () => {
    const admin = await signedInAs(api.app, ['admin'], '平台管理员');
    await api.http
      .put(`/api/organizations/${city.organization.id}/parent`)
      .set(bearer(a.token))
      .send({ parentId: a.organization.id })
      .expect(403);
    const cycle = await api.http
      .put(`/api/organizations/${city.organization.id}/parent`)
      .set(bearer(admin.token))
      .send({ parentId: a.organization.id })
      .expect(409);
    expect(cycle.body.code).toBe('ORGANIZATION_PARENT_CYCLE');
    await api.http
      .put(`/api/organizations/${b.organization.id}/parent`)
      .set(bearer(admin.token))
      .send({ parentId: null })
      .expect(204);
    // B is no longer below the city: the city's viewer stops seeing its events' figures.
    await api.http.get(`/api/events/${bPublic}/statistics`).set(bearer(city.token)).expect(403);
    await api.http
      .put(`/api/organizations/${b.organization.id}/parent`)
      .set(bearer(admin.token))
      .send({ parentId: city.organization.id })
      .expect(204);
    await api.http.get(`/api/events/${bPublic}/statistics`).set(bearer(city.token)).expect(200);
  });

  it('a person given a team role opens the console without the platform organizer role, and staff admit people to their centre’s events', async () => {
    const staff = await signedInAs(api.app, ['expert'], '签到志愿者');
    await api.http.get('/api/statistics').set(bearer(staff.token)).expect(403);
    await api.http
      .put(`/api/organizations/${a.organization.id}/team`)
      .set(bearer(a.token))
      .send({ email: staff.user.email, role: 'staff' })
      .expect(200);
    const figures = await api.http.get('/api/statistics').set(bearer(staff.token)).expect(200);
    expect(figures.body.events).toBe(2);
    const console = await api.http.get('/console').set('cookie', `duijie_token=${staff.token}`);
    expect(console.status).toBe(200);
    // Staff admit people to their organization's events: registrants and check-in, nothing more.
    await api.http.get(`/api/events/${aPublic}/registrations`).set(bearer(staff.token)).expect(200);
    await api.http.get(`/api/events/${aPublic}/attendance`).set(bearer(staff.token)).expect(200);
    const door = await api.http
      .get(`/console/events/${aPublic}/check-in`)
      .set('cookie', `duijie_token=${staff.token}`);
    expect(door.status).toBe(200);
    await api.http
      .post(`/api/events/${aPublic}/status`)
      .set(bearer(staff.token))
      .send({ status: 'archived' })
      .expect(403);
    await api.http.get(`/api/events/${bPublic}/registrations`).set(bearer(staff.token)).expect(403);
    await api.http
      .post(`/api/events/${bPublic}/status`)
      .set(bearer(staff.token))
      .send({ status: 'archived' })
      .expect(403);
  });

  it('an unpublished challenge posted for A’s event is A’s: another centre neither lists it nor decides its bids', async () => {
    const posted = await api.http
      .post('/api/challenges')
      .set(bearer(a.token))
      .send({
        title: 'A区·耐高温封装揭榜',
        description: '耐 300℃ 的传感器封装工艺',
        enterpriseName: '成都芯联传感科技有限公司',
        awardFen: 80_000_000,
        deadline: '2027-06-30T00:00:00+08:00',
        eventId: aPublic,
      })
      .expect(201);
    const id = posted.body.id as string;
    const listedToB = await api.http.get('/api/challenges').set(bearer(b.token)).expect(200);
    expect((listedToB.body.items as { id: string }[]).map((c) => c.id)).not.toContain(id);
    await api.http.get(`/api/challenges/${id}`).set(bearer(b.token)).expect(404);
    await api.http
      .patch(`/api/challenges/${id}`)
      .set(bearer(b.token))
      .send({ published: true })
      .expect(404);
    const listedToA = await api.http.get('/api/challenges').set(bearer(a.token)).expect(200);
    expect((listedToA.body.items as { id: string }[]).map((c) => c.id)).toContain(id);
    await api.http
      .patch(`/api/challenges/${id}`)
      .set(bearer(a.token))
      .send({ published: true })
      .expect(200);
    const bidder = await signedInAs(api.app, ['expert'], '王磊');
    const bid = await api.http
      .post(`/api/challenges/${id}/bids`)
      .set(bearer(bidder.token))
      .send({ institutionName: '西南理工大学', proposal: '陶瓷封装与热仿真' })
      .expect(201);
    const bids = await api.http.get(`/api/challenges/${id}/bids`).set(bearer(b.token)).expect(200);
    expect(bids.body).toEqual([]);
    await api.http
      .post(`/api/challenge-bids/${bid.body.id}/status`)
      .set(bearer(b.token))
      .send({ status: 'shortlisted' })
      .expect(404);
    await api.http
      .post(`/api/challenge-bids/${bid.body.id}/status`)
      .set(bearer(a.token))
      .send({ status: 'shortlisted' })
      .expect(200);
  });

  it('a manager of an institution keeps its people: no console, no events in its name', async () => {
    const expert = await signedInAs(api.app, ['expert'], '高校成员负责人');
    const admin = await signedInAs(api.app, ['admin'], '平台管理员');
    const university = await api.http
      .post('/api/organizations')
      .set(bearer(expert.token))
      .send({ name: '西南理工大学（测试）', kind: 'university' })
      .expect(201);
    await api.http
      .put(`/api/organizations/${university.body.id}/team`)
      .set(bearer(admin.token))
      .send({ email: expert.user.email, role: 'manager' })
      .expect(200);
    await api.http.get('/api/statistics').set(bearer(expert.token)).expect(403);
    await api.http
      .post('/api/events')
      .set(bearer(expert.token))
      .send({ organizationId: university.body.id, kind: 'salon', title: '自己办的活动' })
      .expect(403);
    const console = await api.http.get('/console').set('cookie', `duijie_token=${expert.token}`);
    expect(console.status).toBe(403);
  });

  it('the report sentences of district A, district B and the city count each one’s own programmes', async () => {
    const expert = await signedInAs(api.app, ['expert'], '刘洋');
    const enterprise = await signedInAs(api.app, ['enterprise'], '周强');
    const result = (title: string) =>
      api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          title,
          summary: '低功耗',
          fields: ['电子信息'],
          readinessLevel: 6,
          institutionName: '电子科技大学',
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    const need = (title: string) =>
      api.http
        .post('/api/needs')
        .set(bearer(enterprise.token))
        .send({
          title,
          description: '在线监测',
          fields: ['电子信息'],
          enterpriseName: '成都燃气集团',
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    const attach = (who: Team, kind: 'results' | 'needs', id: string, eventId: string) =>
      api.http
        .post(`/api/${kind}/${id}/releases`)
        .set(bearer(who.token))
        .send({ eventId })
        .expect(201);
    // By hand: A releases one result and collects one need (brought to two of its events, counted
    // once); B collects one need; a result released nowhere counts for nobody.
    const sensor = await result('MEMS甲烷传感器');
    const leak = await need('燃气管网泄漏监测');
    await attach(a, 'results', sensor, aPublic);
    await attach(a, 'needs', leak, aPublic);
    await attach(a, 'needs', leak, aClosed);
    await attach(b, 'needs', await need('新材料耐高温涂层'), bPublic);
    await result('未进入任何活动的成果');
    const sentence = async (who: Team) =>
      (await api.http.get('/api/statistics').set(bearer(who.token)).expect(200)).body
        .summary as string;
    // Each with its events by kind (A: a roadshow and a salon; B: a salon; the city: both).
    expect([await sentence(a), await sentence(b), await sentence(city)]).toEqual([
      '累计举办活动2场（其中成果路演1场、发布成果1项、签约1项5.3亿元；对接沙龙1场），通过活动发布科技成果1项，征集技术需求1项，路演发布成果0项，线上直播累计观看0人次，促成签约1项，签约金额5.3亿元',
      '累计举办活动1场（其中对接沙龙1场），通过活动发布科技成果0项，征集技术需求1项，路演发布成果0项，线上直播累计观看0人次，促成签约0项，签约金额0元',
      '累计举办活动3场（其中成果路演1场、发布成果1项、签约1项5.3亿元；对接沙龙2场），通过活动发布科技成果1项，征集技术需求2项，路演发布成果0项，线上直播累计观看0人次，促成签约1项，签约金额5.3亿元',
    ]);
  });
});

import ExcelJS from 'exceljs';
import { EventSeries } from 'src/events/event-series.entity';
import { EventStatisticsDto, RollupDto } from 'src/stats/dto/stats.dto';
import { StatisticsService } from 'src/stats/statistics.service';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, PASSWORD, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, binary } from 'test/support/http';
import { signInThroughPage } from 'test/support/page-forms';
import { resetState } from 'test/support/state';

/**
 * What the bureau reports beyond the first figures (issue 18), on a fixture counted by hand:
 * results released and needs collected per programme (once per series however often presented,
 * once per event), the events by kind, the distinct institutions, enterprises and experts taking
 * part and their attendances, deals by stage, money received and output value from check-ins, the
 * agreed investment apart from the technology transactions, and registered technology contracts.
 *
 * The centre's events: A and B, cloud docking of the series 菁蓉汇; C, a precise docking outside it.
 * Another centre's event D presents the same result and counts nothing for the centre.
 */
describe('statistics: attribution and the figures a bureau reports', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let other: Awaited<ReturnType<typeof signedInOrganizer>>;
  let seriesId: string;
  let a: string;
  let b: string;
  let c: string;
  let d: string;
  let landedDeal: string;
  let droppedDeal: string;
  let registeredLater: string;

  const sql = (text: string, params: unknown[] = []) => api.dataSource.query(text, params);
  const auth = () => bearer(organizer.token);
  const registration = (
    eventId: string,
    who: string,
    sector: string,
    organizationName: string,
    status = 'confirmed',
  ) =>
    sql(
      `INSERT INTO registration (event_id, name, email, organization_name, sector, status, locale, answers)
       VALUES ($1, '参会者', $2, $3, $4, $5, 'zh-CN', '{}')`,
      [eventId, `${who}@example.cn`, organizationName, sector, status],
    );
  const present = (eventId: string, resultId: string, at: string) =>
    api.http
      .post(`/api/events/${eventId}/agenda`)
      .set(auth())
      .send({
        kind: 'roadshow',
        title: '成果路演',
        resultId,
        startsAt: at,
        endsAt: new Date(new Date(at).getTime() + 20 * 60_000).toISOString(),
      })
      .expect(201);
  const deal = (eventId: string, valueFen: number, extra: Record<string, unknown> = {}) =>
    api.http
      .post('/api/deals')
      .set(auth())
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        institutionName: '四川大学',
        eventId,
        type: 'transfer',
        contractValueFen: valueFen,
        signedOn: '2026-06-20',
        ...extra,
      })
      .expect(201)
      .then((r) => r.body.id as string);
  const checkIn = (dealId: string, months: number, receivedFen: number, outputValueFen: number) =>
    api.http
      .post(`/api/deals/${dealId}/check-ins`)
      .set(auth())
      .send({ months, landed: true, receivedFen, outputValueFen })
      .expect(200);
  const rollup = (query: Record<string, string> = {}) =>
    api.http
      .get('/api/statistics')
      .query(query)
      .set(auth())
      .expect(200)
      .then((r) => r.body as RollupDto);
  const eventFigures = (eventId: string) =>
    api.http
      .get(`/api/events/${eventId}/statistics`)
      .set(auth())
      .expect(200)
      .then((r) => (r.body as EventStatisticsDto).figures);

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    other = await signedInOrganizer(api.app);
    seriesId = (
      await api.dataSource.getRepository(EventSeries).save({
        organizationId: organizer.organization.id,
        name: '菁蓉汇·校企双进',
        description: '',
      })
    ).id;
    const event = (who: typeof organizer, fields: Record<string, unknown>) =>
      createEvent(api.http, who, fields);
    a = await event(organizer, {
      title: '云对接·电子信息',
      kind: 'cloud_docking',
      format: 'online',
      seriesId,
      startsAt: '2026-03-10T14:00:00+08:00',
      endsAt: '2026-03-10T17:00:00+08:00',
    });
    b = await event(organizer, {
      title: '云对接·新材料',
      kind: 'cloud_docking',
      format: 'online',
      seriesId,
      startsAt: '2026-05-10T14:00:00+08:00',
      endsAt: '2026-05-10T17:00:00+08:00',
    });
    c = await event(organizer, {
      title: '精准对接·燃气安全',
      kind: 'precise_docking',
      startsAt: '2026-06-10T14:00:00+08:00',
      endsAt: '2026-06-10T17:00:00+08:00',
    });
    d = await event(other, {
      title: '另一中心的路演',
      kind: 'roadshow',
      startsAt: '2026-06-11T14:00:00+08:00',
      endsAt: '2026-06-11T17:00:00+08:00',
    });

    const expert = await signedInAs(api.app, ['expert']);
    const result = (title: string) =>
      api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          title,
          summary: '摘要',
          readinessLevel: 6,
          institutionName: '四川大学',
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    const sensor = await result('MEMS气体传感器');
    const valve = await result('智能调压阀');
    // The sensor is presented at both events of the series, and by the other centre too.
    await present(a, sensor, '2026-03-10T06:00:00Z');
    await present(b, sensor, '2026-05-10T06:00:00Z');
    await present(c, valve, '2026-06-10T06:00:00Z');
    await api.http
      .post(`/api/events/${d}/agenda`)
      .set(bearer(other.token))
      .send({
        kind: 'roadshow',
        title: '成果路演',
        resultId: sensor,
        startsAt: '2026-06-11T06:00:00Z',
        endsAt: '2026-06-11T06:20:00Z',
      })
      .expect(201);
    const enterprise = await signedInAs(api.app, ['enterprise']);
    const need = (title: string) =>
      api.http
        .post('/api/needs')
        .set(bearer(enterprise.token))
        .send({
          title,
          description: `${title}的需求`,
          fields: ['电子信息'],
          keywords: ['监测'],
          confidentiality: 'public',
          enterpriseName: '成都燃气集团',
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    const leakNeed = await need('燃气泄漏监测');
    const pipeNeed = await need('管网巡检');
    const attach = (needId: string, target: Record<string, string>) =>
      api.http.post(`/api/needs/${needId}/releases`).set(auth()).send(target).expect(201);
    await attach(leakNeed, { seriesId });
    await attach(pipeNeed, { eventId: c });

    // Who came. A: 四川大学 twice (once with a stray space), an institute, an enterprise, and two who
    // did not take part; B: the same professor again, the same enterprise and another; C: another
    // university and two enterprises.
    await registration(a, 'x1', 'academia', '四川大学');
    await registration(a, 'x2', 'academia', '四川大学 ');
    await registration(a, 'x3', 'research', '中国科学院成都分院');
    await registration(a, 'e1', 'industry', '成都芯联传感');
    await registration(a, 'e2', 'industry', '没来的企业', 'cancelled');
    await registration(a, 'e3', 'industry', '候补的企业', 'waitlisted');
    await registration(b, 'x1', 'academia', '四川大学');
    await registration(b, 'e1', 'industry', '成都芯联传感');
    await registration(b, 'e4', 'industry', '天府软件');
    await registration(c, 'e4', 'industry', '天府软件');
    await registration(c, 'e5', 'industry', '蓉城制造');
    await registration(c, 'x4', 'academia', '电子科技大学');
    await api.http
      .post('/api/intents')
      .set(bearer(enterprise.token))
      .send({ enterpriseName: '成都燃气集团', resultId: valve, eventId: c })
      .expect(201);

    // The events take place; their figures count from now on.
    for (const [eventId, who] of [
      [a, organizer],
      [b, organizer],
      [c, organizer],
      [d, other],
    ] as const) {
      for (const status of ['registration_closed', 'live', 'concluded']) {
        await api.http
          .post(`/api/events/${eventId}/status`)
          .set(bearer(who.token))
          .send({ status })
          .expect(200);
      }
    }

    // Deals. A: 1,000万 with an agreed investment of 4.95亿, landed, checked in at 3 and 6 months;
    // 200万 checked in at 3 months, then dropped. C: 500万, registered as a development contract.
    landedDeal = await deal(a, 1_000_000_000, { investmentFen: 49_500_000_000 });
    await checkIn(landedDeal, 3, 100_000_000, 0);
    await checkIn(landedDeal, 6, 300_000_000, 2_000_000_000);
    await api.http
      .post(`/api/deals/${landedDeal}/stage`)
      .set(auth())
      .send({ stage: 'landed' })
      .expect(200);
    droppedDeal = await deal(a, 200_000_000);
    await checkIn(droppedDeal, 3, 50_000_000, 100_000_000);
    await api.http
      .post(`/api/deals/${droppedDeal}/stage`)
      .set(auth())
      .send({ stage: 'dropped', reason: '企业资金链断裂' })
      .expect(200);
    registeredLater = await deal(c, 500_000_000, { contractCategory: 'development' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('records a technology contract’s registration once per number, not in the future, kept in the history', async () => {
    const registered = await api.http
      .put(`/api/deals/${landedDeal}/registration`)
      .set(auth())
      .send({
        category: 'transfer',
        registrationNumber: '2026510107000123',
        registeredAmountFen: 900_000_000,
        registeredOn: '2026-07-01',
      })
      .expect(200);
    expect(registered.body).toMatchObject({
      contractCategory: 'transfer',
      investmentFen: 49_500_000_000,
      registration: {
        category: 'transfer',
        registrationNumber: '2026510107000123',
        registeredAmountFen: 900_000_000,
        registeredOn: '2026-07-01',
      },
    });
    const again = await api.http
      .put(`/api/deals/${registeredLater}/registration`)
      .set(auth())
      .send({
        category: 'development',
        registrationNumber: '2026510107000123',
        registeredAmountFen: 500_000_000,
        registeredOn: '2026-07-02',
      })
      .expect(409);
    expect(again.body.code).toBeDefined();
    const future = await api.http
      .put(`/api/deals/${registeredLater}/registration`)
      .set(auth())
      .send({
        category: 'development',
        registrationNumber: '2026510107000456',
        registeredAmountFen: 500_000_000,
        registeredOn: '2999-01-01',
      })
      .expect(400);
    expect(future.body.code).toBe('DEAL_REGISTERED_IN_FUTURE');
    const unregistered = await api.http
      .get(`/api/deals/${registeredLater}`)
      .set(auth())
      .expect(200);
    expect(unregistered.body).toMatchObject({
      contractCategory: 'development',
      registration: null,
    });
    // Another organizer's centre neither sees nor registers the deal.
    const stranger = await signedInOrganizer(api.app);
    await api.http
      .put(`/api/deals/${landedDeal}/registration`)
      .set(bearer(stranger.token))
      .send({
        category: 'transfer',
        registrationNumber: 'X-1',
        registeredAmountFen: 1,
        registeredOn: '2026-07-01',
      })
      .expect(404);
    const history = await api.http.get(`/api/deals/${landedDeal}/history`).set(auth()).expect(200);
    expect((history.body as { action: string }[]).map((e) => e.action)).toContain('registered');
  });

  it('registers a contract on the deal’s console page, the amount typed in 万元 and read back', async () => {
    const page = await signInThroughPage(
      api.http,
      organizer.user.email,
      PASSWORD,
      `/console/deals/${registeredLater}`,
    );
    const refused = await page
      .post(`/console/deals/${registeredLater}/registration`, {
        category: 'development',
        registrationNumber: '',
        registeredAmountWan: '500万',
        registeredOn: '2026-07-02',
      })
      .expect(400);
    expect(refused.text).toContain('id="registrationNumber-problem"');
    expect(refused.text).toContain('value="500万"');
    expect(refused.text).toContain('id="registeredAmountWan-problem"');
    await page
      .post(`/console/deals/${registeredLater}/registration`, {
        category: 'development',
        registrationNumber: '2026510107000456',
        registeredAmountWan: '500',
        registeredOn: '2026-07-02',
      })
      .expect(303)
      .expect('location', `/console/deals/${registeredLater}?done=registered`);
    const shown = await api.http
      .get(`/console/deals/${registeredLater}`)
      .set('cookie', page.cookie)
      .expect(200);
    expect(shown.text).toContain('2026510107000456');
    expect(shown.text).toContain('500万元');
    expect(shown.text).toContain('技术开发');
    // A new deal on its own (no event: no event's figures change) names its investment and category.
    const recorded = await page
      .post('/console/deals/new', {
        enterpriseName: '天府软件',
        institutionName: '电子科技大学',
        type: 'joint_development',
        contractValueWan: '100',
        investmentWan: '3000',
        contractCategory: 'development',
        signedOn: '2026-06-01',
        eventId: '',
      })
      .expect(303);
    const newId = /\/console\/deals\/([0-9a-f-]{36})/.exec(String(recorded.headers.location))![1];
    const created = await api.http.get(`/api/deals/${newId}`).set(auth()).expect(200);
    expect(created.body).toMatchObject({
      contractValueFen: 100_000_000,
      investmentFen: 3_000_000_000,
      contractCategory: 'development',
      registration: null,
    });
  });

  it('compiles each event’s releases, participants, deal stages, check-in money, investment and registrations as counted by hand', async () => {
    await api.app.get(StatisticsService).compile([a, b, c, d]);
    const ofA = await eventFigures(a);
    expect(ofA).toMatchObject({
      released: { results: 1, needs: 0 },
      participants: { institutions: 2, enterprises: 1, experts: 3 },
      confirmed: { total: 4, academia: 2, research: 1, industry: 1 },
      dealsSince: { count: 1, valueFen: 1_000_000_000 },
      dealStages: {
        signed: { count: 0, valueFen: 0 },
        landed: { count: 1, valueFen: 1_000_000_000 },
        dropped: { count: 1, valueFen: 200_000_000 },
      },
      // The latest check-in of each deal: 6 months of the landed one, 3 of the dropped one.
      checkIns: { deals: 2, receivedFen: 350_000_000, outputValueFen: 2_100_000_000 },
      investment: { declared: 1, agreedFen: 49_500_000_000, technologyFen: 1_000_000_000 },
      registeredContracts: {
        count: 1,
        valueFen: 900_000_000,
        byCategory: { transfer: { count: 1, valueFen: 900_000_000 } },
      },
    });
    // The sensor presented at A is presented at B too: once for each event.
    expect((await eventFigures(b)).released).toEqual({ results: 1, needs: 0 });
    expect(await eventFigures(c)).toMatchObject({
      released: { results: 1, needs: 1 },
      participants: { institutions: 1, enterprises: 2, experts: 1 },
      intents: 1,
      registeredContracts: { count: 1, valueFen: 500_000_000 },
    });
  });

  it('counts a result presented at two events of a series once for the series, and the series’ needs with it', async () => {
    const series = await rollup({ seriesId });
    expect(series.events).toBe(2);
    expect(series.catalog).toEqual({ results: 1, needs: 1 });
    expect(series.totals.released).toEqual({ results: 1, needs: 1 });
    // Each event counts it once: the events' own figures add up to two.
    expect(series.totals.results).toBe(2);
    const bySeries = await rollup({ by: 'series' });
    const released = Object.fromEntries(bySeries.groups.map((g) => [g.key, g.figures?.released]));
    expect(released).toEqual({
      [seriesId]: { results: 1, needs: 1 },
      无系列: { results: 1, needs: 1 },
    });
    // The series' year: released in 2026 (when they were brought in), nothing before.
    const year = await rollup({
      seriesId,
      from: '2025-01-01T00:00:00+08:00',
      to: '2026-01-01T00:00:00+08:00',
    });
    expect(year.catalog).toEqual({ results: 0, needs: 0 });
    // Everything of the centre's: two results, two needs; the platform's catalogue apart.
    const all = await rollup();
    expect(all.catalog).toEqual({ results: 2, needs: 2 });
    expect(all.platform).toEqual({ results: 2, needs: 2 });
  });

  it('rolls up by kind, participants once across events, money and registrations, as counted by hand', async () => {
    const all = await rollup({ by: 'kind' });
    expect(all.totals).toMatchObject({
      participants: { institutions: 3, enterprises: 3, experts: 4 },
      confirmed: { total: 10, academia: 4, research: 1, industry: 5 },
      intents: 1,
      dealsSince: { count: 2, valueFen: 1_500_000_000 },
      dealStages: {
        signed: { count: 1, valueFen: 500_000_000 },
        landed: { count: 1 },
        dropped: { count: 1 },
      },
      checkIns: { deals: 2, receivedFen: 350_000_000, outputValueFen: 2_100_000_000 },
      investment: { declared: 1, agreedFen: 50_000_000_000, technologyFen: 1_500_000_000 },
      registeredContracts: {
        count: 2,
        valueFen: 1_400_000_000,
        byCategory: {
          transfer: { count: 1, valueFen: 900_000_000 },
          development: { count: 1, valueFen: 500_000_000 },
        },
      },
    });
    const kinds = Object.fromEntries(
      all.kinds.map((k) => [
        k.key,
        { events: k.events, released: k.figures?.released, participants: k.figures?.participants },
      ]),
    );
    expect(kinds).toEqual({
      cloud_docking: {
        events: 2,
        released: { results: 1, needs: 0 },
        participants: { institutions: 2, enterprises: 2, experts: 3 },
      },
      precise_docking: {
        events: 1,
        released: { results: 1, needs: 1 },
        participants: { institutions: 1, enterprises: 2, experts: 1 },
      },
    });
    expect(all.groups.map((g) => g.key)).toEqual(['cloud_docking', 'precise_docking']);
    expect(all.summary).toBe(
      '累计举办活动3场（其中云对接2场、发布成果1项、参会7人次、签约1项1000万元；精准对接1场、发布成果1项、参会3人次、签约1项500万元），' +
        '通过活动发布科技成果2项，征集技术需求2项，路演发布成果3项，' +
        '高校院所3家、专家5人次、企业3家参与，线上直播累计观看0人次，达成合作意向1项，' +
        '促成签约2项，签约金额1500万元，已落地1项，协议投资金额5亿元，其中技术交易额1500万元，' +
        '认定登记技术合同2项、登记金额1400万元，到账350万元，新增产值2100万元',
    );
  });

  it('exports the new figures in Chinese (amounts in 万元, as numbers), and the statistics page shows them', async () => {
    const xlsx = await binary(api.http.get('/api/statistics/events.xlsx').set(auth())).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const column = (header: string) => headers.indexOf(header) + 1;
    const rowOf = (title: string) =>
      [2, 3, 4].map((n) => sheet.getRow(n)).find((r) => r.getCell(1).value === title)!;
    const ofA = rowOf('云对接·电子信息');
    expect(ofA.getCell(column('类型')).value).toBe('云对接');
    expect(ofA.getCell(column('参与高校院所')).value).toBe(2);
    expect(ofA.getCell(column('到账（万元）')).value).toBe(350);
    expect(ofA.getCell(column('产值（万元）')).value).toBe(2100);
    expect(ofA.getCell(column('协议投资额（万元）')).value).toBe(49_500);
    expect(ofA.getCell(column('认定登记合同')).value).toBe(1);
    expect(ofA.getCell(column('登记：技术转让')).value).toBe(1);
    const csv = await api.http.get('/api/statistics/events.csv').set(auth()).expect(200);
    expect(csv.text).toContain('技术交易额（万元）');

    const page = await signInThroughPage(
      api.http,
      organizer.user.email,
      PASSWORD,
      '/console/statistics',
    );
    const shown = await api.http.get('/console/statistics').set('cookie', page.cookie).expect(200);
    expect(shown.text).toContain('通过活动发布的科技成果（项）');
    expect(shown.text).toContain('认定登记技术合同（项）');
    expect(shown.text).toMatch(/<th [^>]*scope="row">云对接<\/th>/);
    expect(shown.text).toContain('协议投资金额5亿元');
    const ofEvent = await api.http
      .get(`/console/events/${a}/statistics`)
      .set('cookie', page.cookie)
      .expect(200);
    expect(ofEvent.text).toMatch(/<th [^>]*scope="row">到账金额<\/th><td[^>]*>350万元<\/td>/);
    expect(ofEvent.text).toMatch(
      /<th [^>]*scope="row">认定登记技术合同（项）<\/th><td[^>]*>1<\/td>/,
    );
  });

  it('counts for the other centre only what it released, though the result is the same', async () => {
    const theirs = await api.http.get('/api/statistics').set(bearer(other.token)).expect(200);
    expect(theirs.body).toMatchObject({
      events: 1,
      catalog: { results: 1, needs: 0 },
      platform: { results: 2, needs: 2 },
    });
    expect(theirs.body.totals.registeredContracts.count).toBe(0);
    expect(theirs.body.summary).toMatch(
      /^累计举办活动1场（其中成果路演1场、发布成果1项），通过活动发布科技成果1项，征集技术需求0项/,
    );
  });
});

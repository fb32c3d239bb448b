import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ANONYMISED_NAME } from 'src/personal-data/anonymise';
import { StatisticsService } from 'src/stats/statistics.service';
import { ANONYMISED_EVENT_TITLE } from 'scripts/seed-retention';
import { CO_HOST_ACCOUNT, CONSENTING_REGISTRANT } from 'scripts/seed-sharing';
import { doorLinks, TICKET_HOLDER } from 'scripts/seed-door';
import { User } from 'src/identity/user.entity';
import { startApi, TestApi } from 'test/support/app';
import { tokenFor } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { signInThroughPage } from 'test/support/page-forms';
import { resetState } from 'test/support/state';

/** `npm run demo` loads scripts/seed-demo.ts: it must load a living platform, and only once. */
describe('demo data', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
  });

  afterAll(async () => {
    await api.close();
  });

  const seed = () =>
    spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join('scripts', 'seed-demo.ts'),
      ],
      { cwd: join(__dirname, '..', '..'), env: process.env, encoding: 'utf8', timeout: 120_000 },
    );

  it('loads accounts, a series with past and coming events, and the matchmaking around them, once', async () => {
    const first = seed();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('已添加系列活动「菁蓉汇·校企双进」');
    expect(first.stdout).toContain('已添加科技成果、技术需求、专家、匹配');
    expect(first.stdout).toMatch(
      /入场凭证（报名页）\/ a ticket: http\S+\/registrations\/[\w-]+\?token=/,
    );
    expect(first.stdout).toMatch(/现场签到（组织者）\/ the door: http\S+\/check-in/);
    // The import templates, and a GBK list as Excel saves it to try on the door event's page.
    expect(first.stdout).toMatch(
      /导入模板（Excel）\/ import templates: http\S+\/api\/imports\/templates\/invitations/,
    );
    expect(first.stdout).toMatch(
      /test\/fixtures\/invitees-excel-gbk\.csv → http\S+\/console\/events\/[\w-]+\/invitations/,
    );
    // The city's centre counts its two districts' events and deals; each district only its own.
    expect(first.stdout).toMatch(
      // With the back-filled 2021 programme: 3 events, 12 results, 4 needs, 3 deals worth 2300万元
      // (two landed), 900万元 received and 1500万元 output at their check-ins.
      /统计摘要 \/ report summary: 累计举办活动8场（.*通过活动发布科技成果14项，征集技术需求6项，.*促成签约7项，签约金额超1.1亿元，已落地3项，协议投资金额近5.8亿元，其中技术交易额超1.1亿元，认定登记技术合同1项、登记金额1500万元，到账1500万元，新增产值4500万元/,
    );
    // The 2021 programme alone, entered by a back-fill, as counted by hand.
    expect(first.stdout).toContain(
      '2021 年（补录）/ 2021 (back-filled): 累计举办活动3场（其中成果路演1场、发布成果4项、签约1项800万元；' +
        '对接沙龙1场、发布成果4项、签约1项1200万元；云对接1场、发布成果4项、签约1项300万元），' +
        '通过活动发布科技成果12项，征集技术需求4项，路演发布成果2项，线上直播累计观看1.2万人次，' +
        '促成签约3项，签约金额2300万元，已落地2项，到账900万元，新增产值1500万元',
    );
    // The centre's report e-mailed after every month, set for the demo.
    expect(first.stdout).toMatch(
      /已设置每月定期报告（Word \+ PDF，发给 kjj@duijie\.demo、center@duijie\.demo），首次发送 \d{4}-\d\d-01T00:00:00\.000Z/,
    );
    expect(first.stdout).toMatch(
      /gaoxin@duijie\.demo: 累计举办活动1场（.*促成签约1项，签约金额2600万元/,
    );
    expect(first.stdout).toMatch(
      /tianfu@duijie\.demo: 累计举办活动1场（.*促成签约1项，签约金额1200万元/,
    );

    const [counts] = await api.app.get(DataSource).query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM event) AS events,
              (SELECT count(*)::int FROM event WHERE starts_at < now()) AS past,
              (SELECT count(*)::int FROM registration) AS registrations,
              (SELECT count(*)::int FROM invitation) AS invitations,
              (SELECT count(*)::int FROM invitation WHERE seat_held_until IS NOT NULL) AS "keptSeats",
              (SELECT count(*)::int FROM research_result WHERE published) AS results,
              (SELECT count(*)::int FROM technical_need) AS needs,
              (SELECT count(*)::int FROM match WHERE decision = 'confirmed') AS matches,
              (SELECT count(*)::int FROM agenda_item) AS agenda,
              (SELECT count(*)::int FROM docking_meeting WHERE status = 'accepted') AS meetings,
              (SELECT count(*)::int FROM challenge_bid) AS bids,
              (SELECT count(*)::int FROM deal) AS deals,
              (SELECT count(*)::int FROM intent WHERE stage = 'negotiating') AS intents,
              (SELECT count(*)::int FROM event_statistics) AS statistics,
              (SELECT count(*)::int FROM live_session WHERE status = 'ended') AS "liveSessions",
              (SELECT count(*)::int FROM live_viewer) AS "liveViewers",
              (SELECT count(*)::int FROM live_question WHERE status = 'answered') AS "answered"`,
    );
    expect(counts).toEqual({
      // 3 of them, and 12 results, 4 needs, 3 deals, back-filled for 2021.
      events: 12,
      past: 8,
      // 20 for the coming events, 5 people at each of the centre's 2 past events.
      registrations: 30,
      invitations: 4,
      // The closed door's invitees who have not answered (the expert and the enterprise took theirs).
      keptSeats: 2,
      results: 15,
      needs: 7,
      matches: 2,
      agenda: 3,
      meetings: 1,
      bids: 1,
      deals: 7,
      intents: 1,
      statistics: 8,
      liveSessions: 1,
      liveViewers: 1_641,
      answered: 1,
    });

    // A registrant known by mobile only is confirmed and told by text message, not by e-mail.
    const mobileOnly = await api.app.get(DataSource).query<{ status: string; channels: string }[]>(
      `SELECT r.status, string_agg(DISTINCT o.channel, ',') AS channels
         FROM registration r JOIN outbox_message o ON o.subject = 'registration:' || r.id
        WHERE r.email IS NULL AND r.mobile = '13912345678' GROUP BY r.status`,
    );
    expect(mobileOnly).toEqual([{ status: 'confirmed', channels: 'sms' }]);

    // The coming roadshow's co-host reads its registrants: every name, the contacts of the one
    // registrant who consented for it only.
    const dataSource = api.app.get(DataSource);
    const [coHost] = await dataSource.query<{ event_id: string; organization_id: string }[]>(
      `SELECT event_id, organization_id FROM event_co_host`,
    );
    const coHostPerson = await dataSource
      .getRepository(User)
      .findOneByOrFail({ email: CO_HOST_ACCOUNT.email });
    const listed = await api.http
      .get(`/api/events/${coHost.event_id}/co-hosts/${coHost.organization_id}/registrants`)
      .query({ limit: 100 })
      .set(bearer(await tokenFor(api.app, coHostPerson)))
      .expect(200);
    const items = listed.body.items as { name: string; email: string | null; mobile: string }[];
    expect(items).toHaveLength(11);
    expect(items.filter((i) => i.email !== null || i.mobile !== null)).toEqual([
      expect.objectContaining({
        name: CONSENTING_REGISTRANT.name,
        email: CONSENTING_REGISTRANT.email,
        mobile: CONSENTING_REGISTRANT.mobile,
        contactsShared: true,
      }),
    ]);
    // The demo intent's two people consented to show each other their contacts.
    const [{ id: intentId }] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM intent WHERE stage = 'negotiating'`,
    );
    const enterprise = await dataSource
      .getRepository(User)
      .findOneByOrFail({ email: 'enterprise@duijie.demo' });
    const parties = await api.http
      .get(`/api/intents/${intentId}/parties`)
      .set(bearer(await tokenFor(api.app, enterprise)))
      .expect(200);
    expect(parties.body).toMatchObject({
      author: { name: '周强', contactsShared: true, email: 'enterprise@duijie.demo' },
      expert: { name: '刘洋', contactsShared: true, email: 'expert@duijie.demo' },
    });

    // A salon of 2022 whose retention ended: its people are placeholders, its figures as compiled.
    const [past] = await api.app.get(DataSource).query<Record<string, unknown>[]>(
      `SELECT e.anonymised_at IS NOT NULL AS anonymised,
              array_agg(DISTINCT r.name) AS names,
              count(*) FILTER (WHERE r.email NOT LIKE '%@anonymised.invalid')::int AS emails,
              count(r.mobile)::int AS mobiles,
              count(r.checked_in_at)::int AS "checkedIn",
              (s.figures->'registered'->>'total')::int AS "registeredFigure",
              (s.figures->'checkedIn'->>'total')::int AS "checkedInFigure"
         FROM event e JOIN registration r ON r.event_id = e.id
         JOIN event_statistics s ON s.event_id = e.id
        WHERE e.title = $1 GROUP BY e.id, s.figures`,
      [ANONYMISED_EVENT_TITLE],
    );
    expect(past).toEqual({
      anonymised: true,
      names: [ANONYMISED_NAME],
      emails: 0,
      mobiles: 0,
      checkedIn: 5,
      registeredFigure: 7,
      checkedInFigure: 5,
    });
    // Compiled again from the anonymised rows, the figures are the same.
    const [{ id: pastId, figures }] = await api.app
      .get(DataSource)
      .query<{ id: string; figures: unknown }[]>(
        `SELECT e.id, s.figures FROM event e JOIN event_statistics s ON s.event_id = e.id
          WHERE e.title = $1`,
        [ANONYMISED_EVENT_TITLE],
      );
    await api.app.get(StatisticsService).compile([pastId]);
    const [again] = await api.app
      .get(DataSource)
      .query<{ figures: unknown }[]>('SELECT figures FROM event_statistics WHERE event_id = $1', [
        pastId,
      ]);
    expect(again.figures).toEqual(figures);

    // The needs brought into programmes are curated by their organizers: the gas need by the city's
    // centre (its docking session), the storage need by Tianfu's (its salon), not by Gaoxin's
    // (the back-filled 2021 programme's needs apart).
    const curators = await api.app.get(DataSource).query<{ title: string; organization: string }[]>(
      `SELECT n.title, o.name AS organization FROM catalog_release cr
         JOIN technical_need n ON n.id = cr.need_id JOIN organization o ON o.id = cr.organization_id
        WHERE cr.backfill_id IS NULL ORDER BY n.title`,
    );
    expect(curators).toEqual([
      { title: '储能电站磷酸铁锂电池热失控预警', organization: '天府新区生产力促进中心' },
      { title: '燃气管网甲烷泄漏低功耗在线监测', organization: expect.any(String) },
      // Collected for the centre's whole series too.
      { title: '燃气管网甲烷泄漏低功耗在线监测', organization: expect.any(String) },
    ]);

    const second = seed();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('演示数据已存在 / demo data already present');
  }, 240_000); // two runs of the seed script, each up to 120 s

  /** The page `path` as the demo account `email` reads it, signed in through the sign-in form. */
  async function pageAs(email: string, password: string, path: string): Promise<string> {
    const { signedIn, cookie } = await signInThroughPage(api.http, email, password, path);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(path);
    const page = await api.http.get(path).set('cookie', cookie).expect(200);
    return page.text;
  }

  it('shows the demo on the pages: the console, the statistics chart and both portals', async () => {
    const dashboard = await pageAs('organizer@duijie.demo', 'demo-organizer-2026', '/console');
    expect(dashboard).toContain('校企双进·新材料专场成果路演');
    const statistics = await pageAs(
      'organizer@duijie.demo',
      'demo-organizer-2026',
      '/console/statistics',
    );
    // The chart's figures, as its table for screen readers gives them.
    const deals = /<th scope="row">签约项目<\/th><td>(\d+)<\/td>/.exec(statistics);
    expect(Number(deals?.[1])).toBeGreaterThan(0);
    // The map of partner institutions: the demo's deals were signed in four provinces.
    const provinces = [
      ...statistics.matchAll(/<tr><th scope="row">(\p{Script=Han}{2,3})<\/th><td>(\d+)<\/td>/gu),
    ].filter(([, name]) => ['四川', '重庆', '浙江', '陕西', '北京'].includes(name));
    expect(provinces.map(([, name, n]) => [name, Number(n)])).toEqual([
      ['四川', 2],
      ['浙江', 1],
      ['重庆', 1],
      ['陕西', 1],
    ]);
    const expert = await pageAs('expert@duijie.demo', 'demo-expert-2026', '/expert/results');
    expect(expert).toContain('MEMS微热板低功耗气体传感器');
    const enterprise = await pageAs(
      'enterprise@duijie.demo',
      'demo-enterprise-2026',
      '/enterprise/needs',
    );
    expect(enterprise).toContain('燃气管网甲烷泄漏低功耗在线监测');
  });

  it('shows a registrant’s ticket, and checks them in at the demo event’s door', async () => {
    const door = (await doorLinks(api.app))!;
    const ticket = new URL(door.ticket);
    const page = await api.http.get(`${ticket.pathname}${ticket.search}`).expect(200);
    expect(page.text).toContain(door.code);
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('校企双进·新材料专场成果路演');
    const checkIn = await pageAs(
      'organizer@duijie.demo',
      'demo-organizer-2026',
      new URL(door.checkIn).pathname,
    );
    expect(checkIn).toContain('id="door-form"');
    const organizer = await api.app
      .get(DataSource)
      .getRepository(User)
      .findOneByOrFail({ email: 'organizer@duijie.demo' });
    const checkedIn = await api.http
      .post(`/api/events/${door.eventId}/check-ins`)
      .set(bearer(await tokenFor(api.app, organizer)))
      .send({ code: door.code.toLowerCase() })
      .expect(200);
    expect(checkedIn.body).toMatchObject({ email: TICKET_HOLDER, name: '王磊' });
    // The template the demo names downloads.
    const template = await api.http.get('/api/imports/templates/invitations').expect(200);
    expect(template.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });
});

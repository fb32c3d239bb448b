import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from 'test/support/app';
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
    // The city's centre counts its two districts' events and deals; each district only its own.
    expect(first.stdout).toMatch(
      /统计摘要 \/ report summary: 累计举办活动4场，.*促成签约4项，签约金额9100万元/,
    );
    expect(first.stdout).toMatch(
      /gaoxin@duijie\.demo: 累计举办活动1场，.*促成签约1项，签约金额2600万元/,
    );
    expect(first.stdout).toMatch(
      /tianfu@duijie\.demo: 累计举办活动1场，.*促成签约1项，签约金额1200万元/,
    );

    const [counts] = await api.app.get(DataSource).query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM event) AS events,
              (SELECT count(*)::int FROM event WHERE starts_at < now()) AS past,
              (SELECT count(*)::int FROM registration) AS registrations,
              (SELECT count(*)::int FROM invitation) AS invitations,
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
      events: 8,
      past: 4,
      registrations: 12,
      invitations: 4,
      results: 3,
      needs: 3,
      matches: 2,
      agenda: 3,
      meetings: 1,
      bids: 1,
      deals: 4,
      intents: 1,
      statistics: 4,
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

    // The needs brought into programmes are curated by their organizers: the gas need by the city's
    // centre (its docking session), the storage need by Tianfu's (its salon), not by Gaoxin's.
    const curators = await api.app.get(DataSource).query<{ title: string; organization: string }[]>(
      `SELECT n.title, o.name AS organization FROM catalog_release cr
         JOIN technical_need n ON n.id = cr.need_id JOIN organization o ON o.id = cr.organization_id
        ORDER BY n.title`,
    );
    expect(curators).toEqual([
      { title: '储能电站磷酸铁锂电池热失控预警', organization: '天府新区生产力促进中心' },
      { title: '燃气管网甲烷泄漏低功耗在线监测', organization: expect.any(String) },
    ]);

    const second = seed();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('演示数据已存在 / demo data already present');
  });

  /** The page `path` as the demo account `email` reads it, signed in through the sign-in form. */
  async function pageAs(email: string, password: string, path: string): Promise<string> {
    const signedIn = await api.http
      .post('/sign-in')
      .type('form')
      .send({ email, password, next: path })
      .expect(303);
    expect(signedIn.headers.location).toBe(path);
    const page = await api.http.get(path).set('cookie', signedIn.headers['set-cookie']).expect(200);
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
    const deals = /data-label="签约项目" data-value="(\d+)"/.exec(statistics);
    expect(Number(deals?.[1])).toBeGreaterThan(0);
    const expert = await pageAs('expert@duijie.demo', 'demo-expert-2026', '/expert/results');
    expect(expert).toContain('MEMS微热板低功耗气体传感器');
    const enterprise = await pageAs(
      'enterprise@duijie.demo',
      'demo-enterprise-2026',
      '/enterprise/needs',
    );
    expect(enterprise).toContain('燃气管网甲烷泄漏低功耗在线监测');
  });
});

import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Registration } from 'src/registrations/registration.entity';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { EventStatistics } from 'src/stats/event-statistics.entity';
import { eventually, startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { chartRows, expectReadableCharts } from 'test/support/charts';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Viewport = { width: number; height: number };
const DESKTOP: Viewport = { width: 1366, height: 900 };
const PHONE: Viewport = { width: 390, height: 844 };
/** Last year: its deals are signed in the past, as a deal must be. */
const YEAR = new Date().getFullYear() - 1;
/** Next year: the coming event's. */
const NEXT = new Date().getFullYear() + 1;
/** The two deals: 21,550 万元 and 5 万元 (2.1555亿元 together). */
const BIG_DEAL_FEN = 21_550_000_000;
const SMALL_DEAL_FEN = 5_000_000;

// Browser journeys over several pages, each checked by axe: minutes, not the default minute.
jest.setTimeout(600_000);

/**
 * The figures, charts and small things of the pages, read in Chromium as the organizer and a
 * visitor read them, in both languages, on a desk and on a phone: every figure the dashboard and
 * the statistics page show is the compiled roll-up's (asked of the API beside them), money reads
 * one way, charts keep 12 px text and every label whole, every quarter is shown.
 */
describe('figures, charts and the small things (real browser)', () => {
  let web: WebHarness;
  let api: TestApi;
  let worker: INestApplicationContext;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let coming: string;
  let past: string;

  const auth = () => bearer(organizer.token);

  /** A registrant of the event, checked in or not. */
  const registrant = (eventId: string, name: string, sector: string, checkedIn: boolean) =>
    api.dataSource.getRepository(Registration).insert({
      eventId,
      userId: null,
      name,
      email: `${randomUUID()}@example.cn`,
      mobile: null,
      organizationName: null,
      sector: sector as Registration['sector'],
      status: 'confirmed',
      answers: {},
      locale: 'zh-CN',
      confirmedAt: new Date(),
      cancelledAt: null,
      checkInCode: randomUUID().slice(0, 12),
      checkedInAt: checkedIn ? new Date() : null,
      checkedInBy: null,
    });

  /** An event of `YEAR` held with its registrants, concluded, and a deal signed at it. */
  async function heldEvent(
    kind: string,
    title: string,
    day: string,
    people: [string, string, boolean][],
    dealFen: number,
  ): Promise<string> {
    const id = await createEvent(api.http, organizer, {
      kind,
      title,
      startsAt: `${day}T14:00:00+08:00`,
      endsAt: `${day}T17:00:00+08:00`,
    });
    for (const [name, sector, checkedIn] of people) await registrant(id, name, sector, checkedIn);
    for (const status of ['registration_closed', 'live', 'concluded'])
      await api.http.post(`/api/events/${id}/status`).set(auth()).send({ status }).expect(200);
    await api.http
      .post('/api/deals')
      .set(auth())
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        institutionName: '四川大学',
        eventId: id,
        type: 'transfer',
        contractValueFen: dealFen,
        signedOn: `${day}`,
        atCeremony: true,
      })
      .expect(201);
    await eventually(async () => {
      const row = await api.dataSource.getRepository(EventStatistics).findOneBy({ eventId: id });
      return row?.figures.dealsSince.count === 1 ? true : undefined;
    }, 'the figures compiled');
    return id;
  }

  /** The roll-up the API answers for the year, as the pages must show it. */
  async function rollupOfYear(by?: string): Promise<RollupDto> {
    const { body } = await api.http
      .get('/api/statistics')
      .query({
        from: `${YEAR}-01-01T00:00:00+08:00`,
        to: `${YEAR + 1}-01-01T00:00:00+08:00`,
        ...(by ? { by } : {}),
      })
      .set(auth())
      .expect(200);
    return body as RollupDto;
  }

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    api = web.api;
    worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    organizer = await signedInOrganizer(api.app);
    // Held in the first and the third quarter: the second and the fourth have nothing.
    await heldEvent(
      'roadshow',
      '校企双进·电子信息专场路演',
      `${YEAR}-02-10`,
      [
        ['王芳', 'industry', true],
        ['李娜', 'industry', false],
        ['刘洋', 'academia', true],
      ],
      BIG_DEAL_FEN,
    );
    await heldEvent(
      'salon',
      '新材料对接沙龙',
      `${YEAR}-08-20`,
      [['陈静', 'research', true]],
      SMALL_DEAL_FEN,
    );
    // A coming event with 30 seats, one taken; and one that is over (held last year, no deal).
    coming = await createEvent(api.http, organizer, {
      title: '科学家进园区·新能源',
      kind: 'park_visit',
      capacity: 30,
      startsAt: `${NEXT}-11-30T09:00:00+08:00`,
      endsAt: `${NEXT}-12-01T17:00:00+08:00`,
    });
    await api.http
      .post(`/api/events/${coming}/registrations`)
      .send({
        name: '周强',
        email: 'zhouqiang@example.cn',
        mobile: '13800138000',
        sector: 'industry',
        acceptPrivacy: true,
      })
      .expect(201);
    for (const item of [
      ['opening', '开幕致辞', `${NEXT}-11-30T09:00:00+08:00`, `${NEXT}-11-30T09:30:00+08:00`],
      [
        'roadshow',
        '锂电池负极材料路演',
        `${NEXT}-11-30T10:00:00+08:00`,
        `${NEXT}-11-30T11:00:00+08:00`,
      ],
      ['visit_stop', '园区参观', `${NEXT}-12-01T09:00:00+08:00`, `${NEXT}-12-01T11:00:00+08:00`],
    ])
      await api.http
        .post(`/api/events/${coming}/agenda`)
        .set(auth())
        .send({ kind: item[0], title: item[1], startsAt: item[2], endsAt: item[3] })
        .expect(201);
    await api.http.post(`/api/events/${coming}/agenda/publish`).set(auth()).expect(200);
    past = await createEvent(
      api.http,
      organizer,
      {
        title: '企业家进校园·智能制造',
        kind: 'campus_visit',
        startsAt: `${YEAR}-10-15T14:00:00+08:00`,
        endsAt: `${YEAR}-10-15T17:00:00+08:00`,
      },
      ['published', 'registration_open', 'registration_closed', 'live', 'concluded'],
    );
    await eventually(async () => {
      const row = await api.dataSource.getRepository(EventStatistics).findOneBy({ eventId: past });
      return row ? true : undefined;
    }, 'the past event compiled');
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  it('shows on the dashboard and the statistics page every figure exactly as compiled', async () => {
    const year = await rollupOfYear();
    const quarters = await rollupOfYear('quarter');
    // The two held with deals, and the one that is over without.
    expect(year.events).toBe(3);
    expect(year.totals.dealsSince).toEqual({ count: 2, valueFen: BIG_DEAL_FEN + SMALL_DEAL_FEN });
    const { context, page } = await web.tab('zh-CN', DESKTOP);
    try {
      await web.signIn(page, organizer.user.email, `/console?year=${YEAR}`);
      const total = (name: string) => page.locator(`[data-total="${name}"]`).textContent();
      await expect(total('events')).resolves.toBe(String(year.events));
      await expect(total('registered')).resolves.toBe(String(year.totals.registered.total));
      await expect(total('checkedIn')).resolves.toBe(String(year.totals.checkedIn.total));
      await expect(total('deals')).resolves.toBe(String(year.totals.dealsSince.count));
      await expect(total('value')).resolves.toBe('2.1555亿元');
      await expect(page.locator('p.meta[lang="zh-CN"]').textContent()).resolves.toBe(year.summary);
      // The kinds add up to the events held beside them.
      const kinds = await chartRows(page, `${YEAR} 年已举办活动`);
      expect(kinds.reduce((sum, [, [n]]) => sum + Number(n), 0)).toBe(year.events);
      for (const k of year.kinds)
        expect(kinds).toContainEqual([expect.any(String), [String(k.events)]]);
      // Every quarter, the empty ones too, with the compiled figures of each.
      const ofQuarter = (q: number) =>
        quarters.groups.find((g) => g.key === `${YEAR}Q${q}`)?.figures ?? null;
      const people = await chartRows(page, `${YEAR} 年报名与签到`);
      expect(people).toEqual(
        [1, 2, 3, 4].map((q) => [
          `第${q}季度`,
          [String(ofQuarter(q)?.registered.total ?? 0), String(ofQuarter(q)?.checkedIn.total ?? 0)],
        ]),
      );
      const deals = await chartRows(page, `${YEAR} 年活动促成签约`);
      expect(deals.map(([, [n]]) => n)).toEqual(
        [1, 2, 3, 4].map((q) => String(ofQuarter(q)?.dealsSince.count ?? 0)),
      );
      const sectors = await chartRows(page, `${YEAR} 年签到嘉宾`);
      expect(sectors[0][1].map(Number).reduce((a, b) => a + b, 0)).toBe(
        ofQuarter(1)!.checkedIn.total,
      );

      await page.goto(`${web.base}/console/statistics?year=${YEAR}&by=quarter`);
      await expect(page.locator('blockquote.summary').textContent()).resolves.toBe(
        quarters.summary,
      );
      await expect(page.locator('p.headline').textContent()).resolves.toBe(
        `已举办活动 ${year.events} 场，签约 ${year.totals.dealsSince.count} 项，签约金额 2.1555亿元。`,
      );
      const reportRows = await page
        .locator('table.report-figures tbody tr')
        .evaluateAll((rows) =>
          rows.map((r): [string, string] => [
            r.querySelector('th')!.textContent ?? '',
            r.querySelector('td')!.textContent ?? '',
          ]),
        );
      const report = Object.fromEntries(reportRows);
      expect(report).toMatchObject({
        '通过活动发布的科技成果（项）': String(year.catalog.results),
        '通过活动征集的技术需求（项）': String(year.catalog.needs),
        '平台同期发布的科技成果（全平台，项）': String(year.platform.results),
        '对接会对接的技术需求（项次）': String(year.totals.needs),
        '参与企业（家）': String(year.totals.participants.enterprises),
        '合作意向（项）': String(year.totals.intents),
      });
      // The chart beside the sentence counts what the sentence counts, each bar saying what.
      const activity = Object.fromEntries(await chartRows(page, '活动成效'));
      expect(activity).toMatchObject({
        '通过活动发布的科技成果（项）': [String(year.catalog.results)],
        '通过活动征集的技术需求（项）': [String(year.catalog.needs)],
        报名: [String(year.totals.registered.total)],
        到场签到: [String(year.totals.checkedIn.total)],
        签约项目: [String(year.totals.dealsSince.count)],
      });
      await expect(chartRows(page, '签约金额')).resolves.toContainEqual([
        '累计签约金额',
        ['2.1555亿元'],
      ]);
      const byQuarter = await chartRows(page, '签约项目数');
      expect(byQuarter.map(([q]) => q)).toEqual([1, 2, 3, 4].map((q) => `${YEAR}Q${q}`));
      expect(byQuarter.map(([, [n]]) => n)).toEqual(['1', '0', '1', '0']);
      // The report's kinds table and the export link say the same, in the page's language.
      await expect(
        page.locator('a[href^="/api/statistics/events.xlsx"]').getAttribute('href'),
      ).resolves.toContain('lang=zh-CN');
      // Dates by their first and last day: the label says so, no "not included".
      await expect(page.locator('label[for="to"]').textContent()).resolves.toBe('结束日期');
      await expect(page.content()).resolves.not.toContain('不含');
    } finally {
      await context.close();
    }
  });

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', DESKTOP],
    ['zh-CN', PHONE],
    ['en', DESKTOP],
    ['en', PHONE],
  ])(
    'reads the console’s figures and charts (%s, %o): money one way, 12 px chart text, no label cut off',
    async (locale, viewport) => {
      const shot = `figures-${locale}-${viewport.width}`;
      const { context, page } = await web.tab(locale, viewport);
      try {
        await web.signIn(page, organizer.user.email, `/console?year=${YEAR}`);
        await expectSoundPage(page, `${shot}-dashboard`);
        await expect(page.locator('[data-total="value"]').textContent()).resolves.toBe(
          locale === 'zh-CN' ? '2.1555亿元' : '¥215.55 million',
        );
        await expect(page.locator('main').innerText()).resolves.not.toMatch(/\.00\b|× 10,000/);
        await expectReadableCharts(page);

        await web.visit(page, `/console/statistics?year=${YEAR}&by=quarter`, `${shot}-statistics`);
        await expectReadableCharts(page);
        await expect(page.locator('p.headline').textContent()).resolves.toContain(
          locale === 'zh-CN' ? '2.1555亿元' : '¥215.55 million',
        );
        await expect(page.locator('main').innerText()).resolves.not.toMatch(/\.00\b|× 10,000/);

        // The deal form takes 万元 and reads the amount back as it is typed.
        await web.visit(page, '/console/deals/new', `${shot}-deal-form`);
        await expect(
          page.locator('label[for="contractValueWan"]').textContent(),
        ).resolves.toContain('万元');
        await page.fill('#contractValueWan', '21550');
        await expect(page.locator('#contractValueWan-read').textContent()).resolves.toBe(
          locale === 'zh-CN' ? '= 2.155亿元' : '= ¥215.5 million',
        );
      } finally {
        await context.close();
      }
    },
  );

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', PHONE],
    ['en', DESKTOP],
    ['zh-CN', DESKTOP],
    ['en', PHONE],
  ])(
    'fixes the small things for a visitor (%s, %o): 404 page, cards, agenda, plurals, favicon',
    async (locale, viewport) => {
      const shot = `small-${locale}-${viewport.width}`;
      const en = locale === 'en';
      const { context, page } = await web.tab(locale, viewport);
      try {
        // An unknown page and a malformed event address: a page (404) with the way home.
        for (const [path, name] of [
          ['/no-such-page', 'unknown'],
          ['/activities/not-a-uuid', 'malformed'],
        ]) {
          const answer = await page.goto(`${web.base}${path}`);
          expect(answer?.status()).toBe(404);
          expect(answer?.headers()['content-type']).toContain('text/html');
          await expectSoundPage(page, `${shot}-404-${name}`);
          await expect(page.locator('h1').textContent()).resolves.toBe(
            en ? 'Page not found' : '页面不存在',
          );
          await expect(page.locator('main a[href="/"]').count()).resolves.toBe(1);
        }
        // The API keeps answering JSON.
        const json = await page.request.get(`${web.base}/api/no-such-thing`);
        expect(json.status()).toBe(404);
        expect(json.headers()['content-type']).toContain('application/json');
        await expect(json.json()).resolves.toMatchObject({ code: 'NOT_FOUND' });
        // A favicon, linked and served.
        const icon = await page.request.get(`${web.base}/favicon.ico`);
        expect(icon.status()).toBe(200);
        expect(icon.headers()['content-type']).toBe('image/svg+xml');

        // Event cards: coming first with status and seats left, the past one last and marked.
        await web.visit(page, '/activities', `${shot}-activities`);
        const cards = await page.locator('li.event-card').evaluateAll((items) =>
          items.map((li) => ({
            id: li.getAttribute('data-event'),
            past: li.classList.contains('past'),
            seats: li.querySelector('.seats')?.textContent ?? null,
            status: li.querySelector('[data-status]')?.textContent,
          })),
        );
        expect(cards[0]).toEqual({
          id: coming,
          past: false,
          seats: en ? '29 seats left' : '剩余 29 个名额',
          status: en ? 'Registration open' : '报名中',
        });
        // Those that are over come after every coming one, latest first, each marked.
        expect(cards.find((c) => c.id === past)).toMatchObject({
          past: true,
          seats: null,
          status: en ? 'Over' : '已结束',
        });
        const pastOnes = cards.filter((c) => c.past);
        expect(pastOnes).toHaveLength(3);
        expect(cards.slice(-3)).toEqual(pastOnes);
        expect(pastOnes[0].id).toBe(past);
        // One result: "1 event", not "1 events".
        await web.visit(page, '/activities?kind=park_visit', `${shot}-one`);
        await expect(page.locator('main > p.meta').first().textContent()).resolves.toBe(
          en ? '1 event' : '共 1 场',
        );

        // The agenda: a heading per day, each row with its times alone.
        await web.visit(page, `/activities/${coming}`, `${shot}-agenda`);
        await expect(page.locator('h3.agenda-day').count()).resolves.toBe(2);
        const times = await page.locator('ol.agenda li time').allTextContents();
        expect(times).toEqual(['09:00–09:30', '10:00–11:00', '09:00–11:00']);
        await expect(page.locator('ol.agenda').first().textContent()).resolves.not.toMatch(
          new RegExp(`${NEXT}|Nov|11月`),
        );
      } finally {
        await context.close();
      }
    },
  );
});

import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Organization } from 'src/identity/organization.entity';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { EventStatistics } from 'src/stats/event-statistics.entity';
import { eventually, startWorker, TestApi } from 'test/support/app';
import { SCREENSHOTS } from 'test/support/browser';
import { chartRows, expectReadableCharts } from 'test/support/charts';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Viewport = { width: number; height: number };
const DESKTOP: Viewport = { width: 1366, height: 900 };
const PHONE: Viewport = { width: 390, height: 844 };
const YEAR = new Date().getFullYear() - 1;
const DAY = `${YEAR}-06-18`;

jest.setTimeout(600_000);

/**
 * The statistics page's map of partner institutions, read in Chromium as the organizer reads it,
 * in both languages, on a desk and on a phone: the institutions of the deals the events led to,
 * each once, in the province their deal's result (or their registered organization) lies in; the
 * map's table for screen readers gives the roll-up's figures.
 */
describe('the map of partner institutions (real browser)', () => {
  let web: WebHarness;
  let api: TestApi;
  let worker: INestApplicationContext;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  const auth = () => bearer(organizer.token);

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    api = web.api;
    worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    organizer = await signedInOrganizer(api.app);
    const expert = await signedInAs(api.app, ['expert'], '刘洋');
    const result = (institutionName: string, region: string) =>
      api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          title: `${institutionName}的可转化成果`,
          summary: '低功耗微热板甲烷传感芯片，用于燃气泄漏报警',
          fields: ['电子信息'],
          keywords: ['气体传感器'],
          readinessLevel: 6,
          institutionName,
          region,
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    // An institution without a result of its own, registered on the platform in Mianyang.
    await api.dataSource.getRepository(Organization).save({
      name: '西南理工大学',
      kind: 'university',
      region: '四川省绵阳市',
      industryFields: [],
      creditCode: null,
    });
    const event = await createEvent(api.http, organizer, {
      title: '校企双进·跨省协同专场',
      startsAt: `${DAY}T14:00:00+08:00`,
      endsAt: `${DAY}T17:00:00+08:00`,
    });
    for (const status of ['registration_closed', 'live', 'concluded'])
      await api.http.post(`/api/events/${event}/status`).set(auth()).send({ status }).expect(200);
    const deal = (institutionName: string, resultId?: string) =>
      api.http
        .post('/api/deals')
        .set(auth())
        .send({
          enterpriseName: '成都芯联传感科技有限公司',
          institutionName,
          resultId,
          eventId: event,
          type: 'transfer',
          contractValueFen: 10_000_000,
          signedOn: DAY,
        })
        .expect(201)
        .then((r) => r.body.id as string);
    await deal('四川大学', await result('四川大学', '四川省成都市'));
    // The same university again, written with spaces: one institution.
    await deal(' 四川大学 ', await result('四川大学', '成都市武侯区'));
    await deal('西南理工大学');
    await deal('清华大学', await result('清华大学', '北京市海淀区'));
    await deal('浙江大学', await result('浙江大学', '杭州市'));
    await deal('中国科学院新疆理化技术研究所', await result('新疆理化所', '新疆维吾尔自治区'));
    await deal('哈尔滨工业大学', await result('哈尔滨工业大学', '黑龙江省哈尔滨市'));
    // Nowhere known: counted apart.
    await deal('某某研究院');
    // A dropped deal brings no partner.
    const dropped = await deal('吉林大学', await result('吉林大学', '吉林省长春市'));
    await api.http
      .post(`/api/deals/${dropped}/stage`)
      .set(auth())
      .send({ stage: 'dropped', reason: '企业放弃' })
      .expect(200);
    await eventually(async () => {
      const row = await api.dataSource.getRepository(EventStatistics).findOneBy({ eventId: event });
      return row?.figures.dealStages.dropped.count === 1 ? true : undefined;
    }, 'the figures compiled');
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  /** The roll-up of the year, as the page must show it. */
  async function rollupOfYear(): Promise<RollupDto> {
    const { body } = await api.http
      .get('/api/statistics')
      .query({ from: `${YEAR}-01-01T00:00:00+08:00`, to: `${YEAR + 1}-01-01T00:00:00+08:00` })
      .set(auth())
      .expect(200);
    return body as RollupDto;
  }

  it('counts each partner institution once, in its province, the unknown apart', async () => {
    const { partners } = await rollupOfYear();
    expect(partners).toEqual({
      institutions: 7,
      provinces: [
        { province: '四川', institutions: 2 },
        { province: '北京', institutions: 1 },
        { province: '黑龙江', institutions: 1 },
        { province: '浙江', institutions: 1 },
        { province: '新疆', institutions: 1 },
      ],
      unplaced: 1,
    });
  });

  const EN: Record<string, string> = {
    四川: 'Sichuan',
    北京: 'Beijing',
    黑龙江: 'Heilongjiang',
    浙江: 'Zhejiang',
    新疆: 'Xinjiang',
  };

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', PHONE],
    ['zh-CN', DESKTOP],
    ['en', PHONE],
    ['en', DESKTOP],
  ])(
    'maps them on the statistics page (%s, %o), the figures in its table',
    async (locale, viewport) => {
      const en = locale === 'en';
      const { partners } = await rollupOfYear();
      const { context, page } = await web.tab(locale, viewport);
      try {
        await web.signIn(page, organizer.user.email, `/console/statistics?year=${YEAR}`);
        await expectSoundPage(page, `partner-map-${locale}-${viewport.width}`);
        const title = en ? 'Partner institutions by province' : '合作院所分布（按省份）';
        const figure = page.locator('figure.chart', {
          has: page.locator('figcaption', { hasText: title }),
        });
        // The map: the SVG for the eye (hidden from screen readers), each province with partners
        // labelled with its name and count, and the caption saying what is counted, a schematic.
        await expect(figure.locator('svg[aria-hidden="true"]').count()).resolves.toBe(1);
        await figure.screenshot({
          path: join(SCREENSHOTS, `partner-map-${locale}-${viewport.width}-figure.png`),
        });
        const labels = await figure.locator('svg text').allTextContents();
        for (const p of partners.provinces)
          expect(labels).toContain(`${en ? EN[p.province] : p.province} ${p.institutions}`);
        await expect(figure.locator('.chart-note').textContent()).resolves.toContain(
          en ? 'Schematic map.' : '示意图',
        );
        await expect(figure.locator('.chart-note').textContent()).resolves.toContain(
          en ? '7 in all' : '共 7 家',
        );
        // Its table: the roll-up's provinces, those without one, and the total.
        await expect(chartRows(page, title)).resolves.toEqual([
          ...partners.provinces.map((p): [string, string[]] => [
            en ? EN[p.province] : p.province,
            [String(p.institutions)],
          ]),
          [
            en ? 'Region not given or not recognised' : '地区未填或无法识别',
            [String(partners.unplaced)],
          ],
          [en ? 'Total' : '合计', [String(partners.institutions)]],
        ]);
        // 12 px text and more, no label cut off, the map whole on the screen.
        await expectReadableCharts(page);
      } finally {
        await context.close();
      }
    },
  );
});

import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Page } from 'playwright-core';
import { Deal } from 'src/deals/deal.entity';
import { FollowUpTask } from 'src/deals/follow-up-task.entity';
import { Intent } from 'src/deals/intent.entity';
import { Invitation } from 'src/invitations/invitation.entity';
import { Match } from 'src/matching/match.entity';
import { Registration } from 'src/registrations/registration.entity';
import { EventStatistics } from 'src/stats/event-statistics.entity';
import { eventually, startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

// A browser journey visits many pages, each checked by axe: minutes, not the default minute.
jest.setTimeout(240_000);

describe('outcomes pages: matching, deals and follow-ups, statistics (real browser)', () => {
  let web: WebHarness;
  let api: TestApi;
  let worker: INestApplicationContext;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let roadshowId: string;
  let sessionId: string;
  let intentId: string;
  let needId: string;
  let expertProfileId: string;

  const auth = () => bearer(organizer.token);
  /** The figure a chart shows for `label`, as its table for screen readers gives it. */
  const chartValue = (page: Page, label: string) =>
    page
      .locator('figure.chart table tbody tr')
      .filter({ has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
      .first()
      .locator('td')
      .first()
      .textContent();
  const compiledDeals = (eventId: string) =>
    eventually(async () => {
      const row = await api.dataSource.getRepository(EventStatistics).findOneBy({ eventId });
      return row ? row.figures.dealsSince.count : undefined;
    }, 'the figures compiled');

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    api = web.api;
    worker = await startWorker();
    organizer = await signedInOrganizer(api.app);
    const enterprise = await signedInAs(api.app, ['enterprise'], '周强');
    const expert = await signedInAs(api.app, ['expert'], '刘洋');

    roadshowId = await createEvent(
      api.http,
      organizer,
      {
        kind: 'roadshow',
        title: '校企双进·电子信息专场路演',
        startsAt: '2027-03-01T14:00:00+08:00',
        endsAt: '2027-03-01T17:00:00+08:00',
      },
      ['published', 'registration_open', 'registration_closed', 'live', 'concluded'],
    );
    const resultId = (
      await api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          title: 'MEMS气体传感器',
          summary: '低功耗燃气泄漏报警传感器',
          readinessLevel: 6,
          institutionName: '西南理工大学',
          published: true,
        })
        .expect(201)
    ).body.id as string;
    intentId = (
      await api.http
        .post('/api/intents')
        .set(bearer(enterprise.token))
        .send({ enterpriseName: '成都芯联传感科技有限公司', resultId, eventId: roadshowId })
        .expect(201)
    ).body.id as string;
    // Concluding the roadshow compiled its figures (in the worker).
    await expect(compiledDeals(roadshowId)).resolves.toBe(0);

    // A precise-docking session with an enterprise's need and an expert team to match it.
    sessionId = await createEvent(
      api.http,
      organizer,
      {
        kind: 'precise_docking',
        visibility: 'closed_door',
        title: '新能源闭门精准对接会',
        startsAt: '2027-06-10T09:00:00+08:00',
        endsAt: '2027-06-10T17:00:00+08:00',
      },
      ['published'],
    );
    await api.dataSource.getRepository(Registration).insert({
      eventId: sessionId,
      userId: null,
      name: '周强',
      email: enterprise.user.email,
      mobile: null,
      organizationName: null,
      sector: 'industry',
      status: 'confirmed',
      answers: {},
      locale: 'zh-CN',
      confirmedAt: new Date(),
      cancelledAt: null,
      checkInCode: randomUUID().slice(0, 12),
      checkedInAt: null,
      checkedInBy: null,
    });
    needId = (
      await api.http
        .post('/api/needs')
        .set(bearer(enterprise.token))
        .send({
          title: '硅碳负极循环寿命提升',
          description: '我司锂电池硅碳负极循环寿命不足，希望与高校合作改进。',
          fields: ['新能源'],
          keywords: ['硅碳负极', '锂电池'],
          confidentiality: 'matched_only',
          enterpriseName: '天府锂能',
          published: true,
        })
        .expect(201)
    ).body.id as string;
    await api.http
      .post(`/api/events/${sessionId}/docking/needs`)
      .set(bearer(enterprise.token))
      .send({ needId })
      .expect(201);
    expertProfileId = (
      await api.http
        .put('/api/experts/me')
        .set(bearer(expert.token))
        .send({
          institutionName: '四川大学',
          title: '教授',
          fields: ['新能源'],
          keywords: ['硅碳负极', '锂电池'],
        })
        .expect(200)
    ).body.id as string;
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  it('records a deal from an intent on the board, moves it along, and the statistics show it', async () => {
    const { context, page } = await web.tab('zh-CN');
    try {
      await web.signIn(page, organizer.user.email, '/console/statistics');
      await web.visit(page, '/console/statistics', 'outcomes-zh-CN-statistics-before');
      await expect(chartValue(page, '签约项目')).resolves.toBe('0');

      await web.visit(page, '/console/deals', 'outcomes-zh-CN-board');
      const card = page.locator(`li[data-intent="${intentId}"]`);
      await expect(card.textContent()).resolves.toContain('MEMS气体传感器');
      // Dropping needs a reason: refused, and the card says so.
      await card.locator('select').selectOption('dropped');
      await card.locator('button[type=submit]').click();
      await expectSoundPage(page, 'outcomes-zh-CN-board-refused-drop');
      await expect(page.locator(`#reason-${intentId}-problem`).textContent()).resolves.toBe(
        '请说明原因',
      );
      for (const stage of ['contacted', 'negotiating']) {
        await page.locator(`li[data-intent="${intentId}"] select`).selectOption(stage);
        await page.locator(`li[data-intent="${intentId}"] button[type=submit]`).click();
        await page.waitForURL(/done=moved/);
      }
      await expect(
        api.dataSource.getRepository(Intent).findOneByOrFail({ id: intentId }),
      ).resolves.toMatchObject({ stage: 'negotiating' });

      await page.click(`li[data-intent="${intentId}"] a[href*="intentId"]`);
      await page.waitForURL(/\/console\/deals\/new\?intentId=/);
      await expectSoundPage(page, 'outcomes-zh-CN-deal-new');
      await expect(page.inputValue('#enterpriseName')).resolves.toBe('成都芯联传感科技有限公司');
      await page.fill('#institutionName', '西南理工大学');
      await page.fill('#expertTeam', '刘洋教授团队');
      await page.fill('#contractValueWan', '2000亿');
      await expect(page.locator('#contractValueWan-read').textContent()).resolves.toBe('');
      await page.click('form[action="/console/deals/new"] button[type=submit]');
      await expectSoundPage(page, 'outcomes-zh-CN-deal-refused');
      await expect(page.locator('#contractValueWan-problem').textContent()).resolves.toContain(
        '请以万元填写金额',
      );
      await expect(page.inputValue('#contractValueWan')).resolves.toBe('2000亿');
      await expect(page.inputValue('#institutionName')).resolves.toBe('西南理工大学');
      // Too large an amount is refused by the DTO's own limit (1,000 亿元), read back as typed.
      await page.fill('#contractValueWan', '20000000');
      await expect(page.locator('#contractValueWan-read').textContent()).resolves.toBe(
        '= 2000亿元',
      );
      await page.click('form[action="/console/deals/new"] button[type=submit]');
      await expect(page.locator('#contractValueWan-problem').count()).resolves.toBe(1);
      // The server reads the refused amount back too.
      await expect(page.locator('#contractValueWan-read').textContent()).resolves.toBe(
        '= 2000亿元',
      );
      await expect(api.dataSource.getRepository(Deal).count()).resolves.toBe(0);

      // Typed in 万元, as results' prices and needs' budgets are, and read back as typed.
      await page.fill('#contractValueWan', '120');
      await expect(page.locator('#contractValueWan-read').textContent()).resolves.toBe('= 120万元');
      await page.click('form[action="/console/deals/new"] button[type=submit]');
      await page.waitForURL(/\/console\/deals\/[0-9a-f-]{36}\?done=recorded/);
      await expectSoundPage(page, 'outcomes-zh-CN-deal');
      await expect(page.locator('[role=status]').textContent()).resolves.toBe('签约已登记。');
      const deal = await api.dataSource.getRepository(Deal).findOneByOrFail({ intentId });
      expect(deal).toMatchObject({
        contractValueFen: 120_000_000,
        eventId: roadshowId,
        institutionName: '西南理工大学',
        stage: 'signed',
      });
      await expect(page.locator('dl.facts').textContent()).resolves.toContain('120万元');

      // Follow-up on the deal's page: a contact, a check-in, a task that is due, then done.
      await page.fill('#note', '电话回访，企业已安排产线试制');
      await page.click(`form[action="/console/deals/${deal.id}/contacts"] button`);
      await page.waitForURL(/done=contacted/);
      await page.selectOption('#months', '3');
      await page.check('input[name=landed]');
      await page.fill('#receivedWan', '30');
      await page.fill('#outputValueWan', '500');
      await page.click(`form[action="/console/deals/${deal.id}/check-ins"] button`);
      await page.waitForURL(/done=checkedIn/);
      await expect(page.locator('#check-ins ~ table').textContent()).resolves.toContain('30万元');
      await page.fill('#title', '确认首批样品到货');
      await page.click(`form[action="/console/deals/${deal.id}/tasks"] button`);
      await expectSoundPage(page, 'outcomes-zh-CN-task-refused');
      await expect(page.locator('#dueOn-problem').count()).resolves.toBe(1);
      await expect(page.inputValue('#title')).resolves.toBe('确认首批样品到货');
      await page.fill('#dueOn', '2026-01-05');
      await page.click(`form[action="/console/deals/${deal.id}/tasks"] button`);
      await page.waitForURL(/done=taskCreated/);
      const task = await api.dataSource.getRepository(FollowUpTask).findOneByOrFail({
        dealId: deal.id,
      });
      await expect(
        page.locator(`tr[data-task="${task.id}"]`).getAttribute('class'),
      ).resolves.toContain('due');
      await page.click(`tr[data-task="${task.id}"] button`);
      await page.waitForURL(/done=taskDone/);
      await expect(
        api.dataSource.getRepository(FollowUpTask).findOneByOrFail({ id: task.id }),
      ).resolves.toMatchObject({ doneAt: expect.any(Date) });

      // Moved along on the board: signed → landed.
      await page.goto(`${web.base}/console/deals`);
      await page.locator(`li[data-deal="${deal.id}"] select`).selectOption('landed');
      await page.click(`li[data-deal="${deal.id}"] button[type=submit]`);
      await page.waitForURL(/done=moved/);
      await expect(
        page.locator('#stage-landed').locator('xpath=..').textContent(),
      ).resolves.toContain('西南理工大学');
      await expect(
        api.dataSource.getRepository(Deal).findOneByOrFail({ id: deal.id }),
      ).resolves.toMatchObject({ stage: 'landed' });

      await eventually(async () => {
        const row = await api.dataSource
          .getRepository(EventStatistics)
          .findOneBy({ eventId: roadshowId });
        return row?.figures.dealsSince.count === 1 ? true : undefined;
      }, 'the deal in the figures');
      await web.visit(page, '/console/statistics', 'outcomes-zh-CN-statistics-after');
      await expect(chartValue(page, '签约项目')).resolves.toBe('1');
      await expect(chartValue(page, '累计签约金额')).resolves.toBe('120万元');
      await expect(page.locator('blockquote.summary').textContent()).resolves.toContain(
        '签约金额120万元',
      );
      const csv = page.locator('a[download]').first();
      await expect(csv.getAttribute('href')).resolves.toBe('/api/statistics/events.csv?lang=zh-CN');
      const exported = await page.request.get(`${web.base}/api/statistics/events.csv`);
      expect(exported.status()).toBe(200);
      expect(await exported.text()).toContain('校企双进·电子信息专场路演');

      // One year's figures, with the same filter passed to the exports.
      await page.selectOption('#year', '2027');
      await page.click('form.filters button[type=submit]');
      await page.waitForURL(/year=2027/);
      await expect(chartValue(page, '签约项目')).resolves.toBe('1');
      // 2027 begins at midnight in Beijing: 2026-12-31 16:00 UTC.
      await expect(page.locator('a[download]').first().getAttribute('href')).resolves.toContain(
        'from=2026-12-31T16%3A00%3A00.000Z',
      );
      await page.selectOption('#year', '2026');
      await page.click('form.filters button[type=submit]');
      await page.waitForURL(/year=2026/);
      await expect(chartValue(page, '签约项目')).resolves.toBe('0');
    } finally {
      await context.close();
    }
  });

  it('confirms a matching suggestion and invites the expert team', async () => {
    const { context, page } = await web.tab('zh-CN');
    try {
      const path = `/console/events/${sessionId}/matching`;
      await web.signIn(page, organizer.user.email, path);
      await expectSoundPage(page, 'outcomes-zh-CN-matching');
      const row = page.locator(`tr[data-suggestion="${expertProfileId}"]`);
      await expect(row.textContent()).resolves.toContain('硅碳负极');
      await row.locator('button', { hasText: '确认匹配' }).click();
      await page.waitForURL(/done=confirmed/);
      await expectSoundPage(page, 'outcomes-zh-CN-matching-confirmed');
      await expect(
        api.dataSource.getRepository(Match).findOneByOrFail({ needId, expertId: expertProfileId }),
      ).resolves.toMatchObject({ decision: 'confirmed' });
      const confirmed = page.locator(`li[data-confirmed="${expertProfileId}"]`);
      await expect(confirmed.textContent()).resolves.toContain('刘洋');
      await confirmed.locator('button').click();
      await page.waitForURL(/done=invited/);
      await expect(
        api.dataSource.getRepository(Invitation).countBy({ eventId: sessionId }),
      ).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });

  it('compiles an event’s figures and takes views counted elsewhere', async () => {
    const { context, page } = await web.tab('zh-CN');
    try {
      const path = `/console/events/${roadshowId}/statistics`;
      await web.signIn(page, organizer.user.email, path);
      await expectSoundPage(page, 'outcomes-zh-CN-event-statistics');
      await expect(chartValue(page, '签约项目')).resolves.toBe('1');
      await page.click(`form[action="${path}/compile"] button`);
      await page.waitForURL(/done=compile/);
      await page.fill('#source', '视频号');
      await page.fill('#views', '-5');
      await page.click(`form[action="${path}/external-views"] button`);
      await expectSoundPage(page, 'outcomes-zh-CN-views-refused');
      await expect(page.locator('#views-problem').count()).resolves.toBe(1);
      await expect(page.inputValue('#source')).resolves.toBe('视频号');
      await page.fill('#views', '12000');
      await page.click(`form[action="${path}/external-views"] button`);
      await page.waitForURL(/done=views/);
      await eventually(async () => {
        const row = await api.dataSource
          .getRepository(EventStatistics)
          .findOneBy({ eventId: roadshowId });
        return row?.figures.liveViews.external === 12000 ? true : undefined;
      }, 'the outside views in the figures');
      await page.reload();
      await expect(chartValue(page, '外部渠道观看')).resolves.toBe('12,000');
    } finally {
      await context.close();
    }
  });

  it.each(['zh-CN', 'en'] as const)(
    'renders every outcomes page in %s, accessibly',
    async (locale: PageLocale) => {
      const { context, page } = await web.tab(locale);
      try {
        await web.signIn(page, organizer.user.email, '/console/deals');
        const dealId = (await api.dataSource.getRepository(Deal).findOneByOrFail({ intentId })).id;
        const pages: [string, string][] = [
          ['/console/deals', 'board'],
          ['/console/deals/new', 'deal-new'],
          [`/console/deals/${dealId}`, 'deal'],
          [`/console/events/${sessionId}/matching`, 'matching'],
          ['/console/statistics?by=institution', 'statistics'],
          [`/console/events/${roadshowId}/statistics`, 'event-statistics'],
          // The pages' other states, once.
          ...(locale === 'en'
            ? ([
                [`/console/events/${roadshowId}/matching`, 'matching-not-session'],
                [`/console/events/${sessionId}/statistics`, 'event-statistics-not-compiled'],
              ] as [string, string][])
            : []),
        ];
        for (const [path, name] of pages) {
          await web.visit(page, path, `outcomes-${locale}-all-${name}`);
          await expect(page.locator('h1').count()).resolves.toBe(1);
        }
        await page.goto(`${web.base}/console/deals`);
        await expect(page.locator('h1').textContent()).resolves.toBe(
          locale === 'en' ? 'Deals and follow-ups' : '签约与跟进',
        );
      } finally {
        await context.close();
      }
    },
  );

  it('keeps the console to organizers', async () => {
    const enterprise = await signedInAs(api.app, ['enterprise'], '旁观企业');
    await api.http.get('/console/deals').set(bearer(enterprise.token)).expect(403);
    await api.http.get('/console/statistics').expect(303);
    await api.http.get('/api/statistics').set(auth()).expect(200);
  });
});

import { INestApplicationContext } from '@nestjs/common';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { TestUser as User } from 'test/support/factories';
import { Registration } from 'src/registrations/registration.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { Roadshow } from 'src/roadshows/roadshow.entity';
import { startWorker, TestApi } from 'test/support/app';
import { createEvent, createUser, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

// A browser journey with an accessibility check on every page takes minutes on a shared machine.
jest.setTimeout(300_000);

const at = (time: string) => `2027-06-10T${time}:00+08:00`;

describe('the expert and enterprise portals in a real browser', () => {
  let web: WebHarness;
  let worker: INestApplicationContext | undefined;
  let api: TestApi;
  let base: string;
  let expert: User;
  let enterprise: User;
  let roadshowEventId: string;
  let dockingEventId: string;

  /** A confirmed place at the docking session (as an approved registration leaves it). */
  async function confirmedAt(eventId: string, user: User, sector: 'academia' | 'industry') {
    await api.dataSource.getRepository(Registration).insert({
      eventId,
      userId: user.id,
      name: user.name,
      email: user.email,
      mobile: null,
      organizationName: sector === 'academia' ? '四川大学' : '天府锂能',
      sector,
      status: 'confirmed',
      answers: {},
      locale: 'zh-CN',
      confirmedAt: new Date(),
      cancelledAt: null,
      checkInCode: `PORTAL${sector.toUpperCase()}`.slice(0, 12),
      checkedInAt: null,
      checkedInBy: null,
    });
  }

  /** A tab signed in through the sign-in page, landing on `next`. */
  async function signedInTab(user: User, locale: PageLocale, next: string) {
    const tab = await web.tab(locale);
    await web.signIn(tab.page, user.email, next);
    return tab;
  }

  const submitIn = (page: Page, form: string) => page.click(`${form} button[type=submit]`);

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    ({ api, base } = web);
    // Imports run as jobs of the worker.
    worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    const organizer = await signedInOrganizer(api.app);
    expert = await createUser(api.dataSource, { roles: ['expert'], name: '陈教授' });
    enterprise = await createUser(api.dataSource, {
      roles: ['enterprise'],
      name: '天府锂能王经理',
    });

    roadshowEventId = await createEvent(api.http, organizer, {
      kind: 'roadshow',
      title: '校企双进·新能源专场成果路演',
      industryFields: ['新能源'],
      startsAt: '2027-04-16T09:00:00+08:00',
      endsAt: '2027-04-16T17:00:00+08:00',
    });
    await api.http
      .put(`/api/events/${roadshowEventId}/roadshow-call`)
      .set(bearer(organizer.token))
      .send({
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: '2027-04-01T00:00:00+08:00',
        description: '征集新能源领域科技成果',
      })
      .expect(200);

    dockingEventId = await createEvent(
      api.http,
      organizer,
      {
        kind: 'precise_docking',
        visibility: 'closed_door',
        title: '新能源闭门精准对接会',
        startsAt: at('09:00'),
        endsAt: at('17:00'),
      },
      ['published'],
    );
    await confirmedAt(dockingEventId, expert, 'academia');
    await confirmedAt(dockingEventId, enterprise, 'industry');
    await api.http
      .put(`/api/events/${dockingEventId}/docking/tables`)
      .set(bearer(organizer.token))
      .send({ tables: ['1号桌', '2号桌'] })
      .expect(200);
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  it('lets an expert enter and publish a result, then submit it to an open roadshow call', async () => {
    const { context, page } = await signedInTab(expert, 'zh-CN', '/expert');
    try {
      await web.visit(page, '/expert', 'portals-zh-CN-expert-overview');
      await expect(page.locator('nav.portal-nav [aria-current=page]').textContent()).resolves.toBe(
        '概览',
      );

      await web.visit(page, '/expert/results/new', 'portals-zh-CN-expert-result-new');
      await page.fill('#summary', '循环寿命提升一倍的硅碳负极材料');
      await page.selectOption('#readinessLevel', '6');
      await page.check('input[name=cooperationModes][value=license]');
      await submitIn(page, 'form[action="/expert/results"]');
      await expectSoundPage(page, 'portals-zh-CN-expert-result-refused');
      await expect(page.locator('#title-problem').count()).resolves.toBe(1);
      await expect(page.locator('#institutionName-problem').count()).resolves.toBe(1);
      await expect(page.inputValue('#summary')).resolves.toBe('循环寿命提升一倍的硅碳负极材料');
      await expect(page.inputValue('#readinessLevel')).resolves.toBe('6');
      await expect(page.isChecked('input[name=cooperationModes][value=license]')).resolves.toBe(
        true,
      );

      await page.fill('#title', '高性能硅碳负极材料');
      await page.fill('#institutionName', '四川大学');
      await page.fill('#fields', '新能源、新材料');
      await page.fill('#keywords', '硅碳负极，锂电池');
      await page.fill('#askingPriceMinWan', '50');
      await submitIn(page, 'form[action="/expert/results"]');
      await page.waitForURL(`${base}/expert/results?done=created`);
      await expectSoundPage(page, 'portals-zh-CN-expert-results');
      await expect(page.getByRole('status').textContent()).resolves.toContain('已创建');
      const result = await api.dataSource
        .getRepository(ResearchResult)
        .findOneByOrFail({ title: '高性能硅碳负极材料' });
      expect(result).toMatchObject({
        ownerId: expert.id,
        published: false,
        readinessLevel: 6,
        fields: ['新能源', '新材料'],
        cooperationModes: ['license'],
        askingPriceMinFen: 50_000_000,
      });

      await page.click('form[action$="/publish"] button');
      await page.waitForURL(`${base}/expert/results?done=published`);
      await expect(page.locator('table.data .tag').textContent()).resolves.toBe('已发布');

      await web.visit(page, `/expert/results/${result.id}`, 'portals-zh-CN-expert-result-edit');
      await expect(page.inputValue('#keywords')).resolves.toBe('硅碳负极、锂电池');
      await expect(page.inputValue('#askingPriceMinWan')).resolves.toBe('50');

      await web.visit(page, '/expert/roadshows', 'portals-zh-CN-expert-roadshows');
      const form = `form[action="/expert/roadshows/events/${roadshowEventId}"]`;
      await page.selectOption(`#resultId-${roadshowEventId}`, result.id);
      await submitIn(page, form);
      await expectSoundPage(page, 'portals-zh-CN-expert-roadshow-refused');
      await expect(page.locator(`#abstract-${roadshowEventId}-problem`).count()).resolves.toBe(1);
      await expect(page.inputValue(`#resultId-${roadshowEventId}`)).resolves.toBe(result.id);

      await page.fill(`#abstract-${roadshowEventId}`, '硅碳负极循环寿命提升一倍，已完成中试。');
      await submitIn(page, form);
      await page.waitForURL(`${base}/expert/roadshows?done=submitted`);
      await expectSoundPage(page, 'portals-zh-CN-expert-roadshow-submitted');
      const row = page.locator('tr.submission');
      await expect(row.textContent()).resolves.toContain('高性能硅碳负极材料');
      await expect(row.textContent()).resolves.toContain('已提交，待评审');
      await expect(row.textContent()).resolves.toContain('校企双进·新能源专场成果路演');
      await expect(
        api.dataSource.getRepository(Roadshow).findOneByOrFail({ resultId: result.id }),
      ).resolves.toMatchObject({ eventId: roadshowEventId, status: 'submitted' });
    } finally {
      await context.close();
    }
  });

  it('imports results from an uploaded spreadsheet, reporting the bad lines', async () => {
    const { context, page } = await signedInTab(expert, 'en', '/expert/results/import');
    try {
      await web.visit(page, '/expert/results/import', 'portals-en-expert-import');
      const file = join(tmpdir(), `portals-results-${process.pid}.csv`);
      writeFileSync(
        file,
        '成果名称,简介,领域,关键词,成熟度,合作方式,单位,是否发布\n' +
          '故障诊断算法,轴承故障早期诊断,先进制造,故障诊断,5,许可,西南交通大学,否\n' +
          ',缺少名称的一行,先进制造,,12,转让,西南交通大学,否\n',
      );
      await page.setInputFiles('#file', file);
      await page.click('form.portal-import button[type=submit]');
      await page.locator('#report-title').waitFor();
      await expectSoundPage(page, 'portals-en-expert-import-report');
      await expect(page.getByRole('status').textContent()).resolves.toBe('1 imported.');
      await expect(
        page.locator('table.data tbody tr td:first-child').first().textContent(),
      ).resolves.toBe('3');
      await expect(
        api.dataSource.getRepository(ResearchResult).countBy({ ownerId: expert.id }),
      ).resolves.toBe(2);
    } finally {
      await context.close();
    }
  });

  it('lets an enterprise book a docking meeting, naming what is wrong and keeping the input', async () => {
    const { context, page } = await signedInTab(enterprise, 'en', '/enterprise');
    try {
      await web.visit(page, '/enterprise', 'portals-en-enterprise-overview');
      await web.visit(page, '/enterprise/needs/new', 'portals-en-enterprise-need-new');
      await page.fill('#title', 'Longer cycle life for silicon-carbon anodes');
      await page.fill('#description', 'Our anodes lose capacity too fast; we look for a partner.');
      await page.fill('#enterpriseName', '天府锂能');
      await page.fill('#fields', '新能源');
      await page.fill('#keywords', '硅碳负极, 锂电池');
      await page.check('input[name=published]');
      await submitIn(page, 'form[action="/enterprise/needs"]');
      await page.waitForURL(`${base}/enterprise/needs?done=created`);
      await expectSoundPage(page, 'portals-en-enterprise-needs');
      await expect(page.locator('table.data .tag').textContent()).resolves.toBe('Published');

      await page.click('text=Suggested results and experts');
      await expectSoundPage(page, 'portals-en-enterprise-matches');
      await expect(
        page.locator('tr.match a[href^="/results/"]').first().textContent(),
      ).resolves.toBe('高性能硅碳负极材料');

      await web.visit(page, '/enterprise/docking', 'portals-en-enterprise-docking');
      const form = `form[action="/enterprise/docking/events/${dockingEventId}"]`;
      await page.fill(`#startsAt-${dockingEventId}`, '2027-06-10T10:00');
      await page.fill(`#endsAt-${dockingEventId}`, '2027-06-10T10:30');
      await page.fill(`#note-${dockingEventId}`, 'We would like to discuss mass production.');
      await submitIn(page, form);
      await expectSoundPage(page, 'portals-en-enterprise-docking-missing');
      await expect(page.locator(`#counterpartId-${dockingEventId}-problem`).count()).resolves.toBe(
        1,
      );
      await expect(page.inputValue(`#startsAt-${dockingEventId}`)).resolves.toBe(
        '2027-06-10T10:00',
      );
      await expect(page.inputValue(`#note-${dockingEventId}`)).resolves.toBe(
        'We would like to discuss mass production.',
      );

      await page.selectOption(`#counterpartId-${dockingEventId}`, expert.id);
      await page.fill(`#startsAt-${dockingEventId}`, '2027-06-10T18:00');
      await page.fill(`#endsAt-${dockingEventId}`, '2027-06-10T18:30');
      await submitIn(page, form);
      await expectSoundPage(page, 'portals-en-enterprise-docking-outside');
      await expect(page.getByRole('alert').textContent()).resolves.not.toBe(
        'This could not be saved; please correct what is marked.',
      );
      await expect(page.inputValue(`#counterpartId-${dockingEventId}`)).resolves.toBe(expert.id);
      await expect(page.locator('.problem').count()).resolves.toBeGreaterThan(0);

      await page.fill(`#startsAt-${dockingEventId}`, '2027-06-10T10:00');
      await page.fill(`#endsAt-${dockingEventId}`, '2027-06-10T10:30');
      await submitIn(page, form);
      await page.waitForURL(`${base}/enterprise/docking?done=booked`);
      await expectSoundPage(page, 'portals-en-enterprise-docking-booked');
      const row = page.locator('tr.meeting');
      await expect(row.textContent()).resolves.toContain('陈教授');
      await expect(row.textContent()).resolves.toContain('Awaiting an answer');
      await expect(
        api.dataSource
          .getRepository(DockingMeeting)
          .findOneByOrFail({ requesterId: enterprise.id }),
      ).resolves.toMatchObject({ counterpartId: expert.id, status: 'requested', tableName: null });
    } finally {
      await context.close();
    }
  });

  it('shows the expert the docking request, who accepts it and gets a table', async () => {
    const { context, page } = await signedInTab(expert, 'en', '/expert');
    try {
      await expect(page.locator('.portal-count').nth(3).textContent()).resolves.toBe('1');
      await web.visit(page, '/expert/docking', 'portals-en-expert-docking');
      const row = page.locator('tr.meeting');
      await expect(row.textContent()).resolves.toContain('天府锂能王经理');
      await row.locator('button[value=accepted]').click();
      await page.waitForURL(`${base}/expert/docking?done=accepted`);
      await expectSoundPage(page, 'portals-en-expert-docking-accepted');
      await expect(row.textContent()).resolves.toContain('Confirmed');
      await expect(row.textContent()).resolves.toContain('1号桌');
      await expect(
        api.dataSource.getRepository(DockingMeeting).findOneByOrFail({ counterpartId: expert.id }),
      ).resolves.toMatchObject({ status: 'accepted', tableName: '1号桌' });
    } finally {
      await context.close();
    }
  });

  it.each(['zh-CN', 'en'] as const)(
    'renders every portal page in %s, accessibly',
    async (locale) => {
      const result = await api.dataSource
        .getRepository(ResearchResult)
        .findOneByOrFail({ title: '高性能硅碳负极材料' });
      const expertTab = await signedInTab(expert, locale, '/expert');
      try {
        for (const path of [
          '/expert',
          '/expert/results',
          '/expert/results/new',
          `/expert/results/${result.id}`,
          '/expert/results/import',
          '/expert/roadshows',
          '/expert/agenda',
          '/expert/docking',
          '/expert/deals',
        ]) {
          await web.visit(expertTab.page, path, `portals-${locale}${path.replace(/\//g, '-')}`);
        }
        await expect(expertTab.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          locale === 'zh-CN' ? '意向与签约' : 'Intents and deals',
        );
      } finally {
        await expertTab.context.close();
      }

      const enterpriseTab = await signedInTab(enterprise, locale, '/enterprise');
      const { page } = enterpriseTab;
      try {
        await web.visit(page, '/enterprise/needs', `portals-${locale}-enterprise-needs-list`);
        const needPath = await page.locator('table.data td a').first().getAttribute('href');
        for (const path of [
          '/enterprise',
          '/enterprise/needs/new',
          needPath!,
          `${needPath!}/matches`,
          '/enterprise/needs/import',
          '/enterprise/docking',
          '/enterprise/registrations',
          '/enterprise/deals',
        ]) {
          await web.visit(page, path, `portals-${locale}${path.replace(/\//g, '-').slice(0, 60)}`);
        }
        await web.visit(page, '/enterprise/registrations', `portals-${locale}-registrations`);
        await expect(page.locator('table.data tbody tr').count()).resolves.toBe(1);
        await expect(page.locator('table.data').textContent()).resolves.toContain(
          '新能源闭门精准对接会',
        );
      } finally {
        await enterpriseTab.context.close();
      }

      // The portals are for their own roles.
      const other = await signedInTab(enterprise, locale, '/enterprise');
      try {
        const response = await other.page.goto(`${base}/expert`);
        expect(response?.status()).toBe(403);
      } finally {
        await other.context.close();
      }
    },
  );
});

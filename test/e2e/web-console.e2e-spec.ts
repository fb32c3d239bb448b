import { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Page } from 'playwright-core';
import { linkToken } from 'src/common/signed-token';
import { startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';

type Organizer = Awaited<ReturnType<typeof signedInOrganizer>>;

const HEADER = '姓名,邮箱,手机,单位,界别,角色';

describe('the organizer console in a real browser', () => {
  let web: WebHarness;
  let worker: INestApplicationContext | undefined;
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    ({ api, base } = web);
    // Imports run as jobs of the worker.
    worker = await startWorker({ OUTBOX_POLL_MS: '100' });
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  const statusOf = async (eventId: string) =>
    (
      await api.dataSource.query<{ status: string }[]>('SELECT status FROM event WHERE id = $1', [
        eventId,
      ])
    )[0].status;

  /** An invitee accepts by the link their e-mail carries, as the invitation page does. */
  const accept = async (eventId: string, email: string) => {
    const [{ id }] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM invitation WHERE event_id = $1 AND email = $2',
      [eventId, email],
    );
    await api.http
      .post(`/api/invitations/${id}/accept`)
      .query({
        token: linkToken(
          api.config.linkTokens,
          'invitation',
          id,
          new Date(Date.now() + 86_400_000),
        ),
      })
      .send({ answers: { q1: '储能' }, acceptPrivacy: true })
      .expect(201);
  };

  const click = async (page: Page, selector: string) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };

  it('walks an organizer from signing in to a published event, its invitations, registrations and export', async () => {
    const organizer = await signedInOrganizer(api.app);
    const { context, page } = await web.tab('zh-CN');
    try {
      // Anonymous: sent to sign in, and back to the console after.
      await page.goto(`${base}/console`);
      await page.waitForURL(`${base}/sign-in?next=%2Fconsole`);
      await page.fill('#email', organizer.user.email);
      await page.fill('#password', 'correct-horse-42');
      await page.click('form[action="/sign-in"] button[type=submit]');
      await page.waitForURL(`${base}/console`);
      await expectSoundPage(page, 'console-dashboard-empty');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        '组织者工作台',
      );

      // A refused form keeps what was typed and names the field.
      await web.visit(page, '/console/events/new', 'console-new-event');
      await page.selectOption('#visibility', 'closed_door');
      await page.fill('#title', '校企双进·新材料专场');
      await page.fill('#hosts', '成都市生产力促进中心\n四川大学');
      await page.fill('#industryFields', '新材料、先进制造');
      await page.fill('#newSeriesName', '菁蓉汇·校企双进');
      await page.fill('#startsAt', '2027-04-16T09:00');
      await page.fill('#endsAt', '2027-04-16T08:00');
      await page.fill('#capacity', '1');
      await page.fill('[name="questions.0.label"]', '关注方向');
      await page.selectOption('[name="questions.0.kind"]', 'single_choice');
      await page.fill('[name="questions.0.options"]', '储能, 光伏');
      await click(page, 'form.console-form button[type=submit]');
      await expectSoundPage(page, 'console-new-event-refused');
      await expect(page.inputValue('#title')).resolves.toBe('校企双进·新材料专场');
      await expect(page.inputValue('#startsAt')).resolves.toBe('2027-04-16T09:00');
      await expect(page.inputValue('[name="questions.0.options"]')).resolves.toBe('储能, 光伏');
      await expect(page.locator('#endsAt-problem').count()).resolves.toBe(1);
      await expect(page.getAttribute('#endsAt', 'aria-invalid')).resolves.toBe('true');

      await page.fill('#endsAt', '2027-04-16T17:00');
      await click(page, 'form.console-form button[type=submit]');
      await expect(page.getByRole('status').textContent()).resolves.toContain('活动草稿已创建');
      const eventId = /\/console\/events\/([0-9a-f-]{36})/.exec(page.url())![1];
      const [saved] = await api.dataSource.query<
        { starts_at: Date; series: string; questions: { id: string; options: string[] }[] }[]
      >(
        `SELECT e.starts_at, s.name AS series, e.questions FROM event e
           JOIN event_series s ON s.id = e.series_id WHERE e.id = $1`,
        [eventId],
      );
      expect(saved.starts_at.toISOString()).toBe('2027-04-16T01:00:00.000Z');
      expect(saved.series).toBe('菁蓉汇·校企双进');
      expect(saved.questions).toMatchObject([{ id: 'q1', options: ['储能', '光伏'] }]);
      await expectSoundPage(page, 'console-event-created');

      // Publishing an offline event without a place is refused with its code, naming the field.
      await click(page, 'button:text-is("发布并开放报名")');
      await expectSoundPage(page, 'console-publish-refused');
      await expect(page.getByRole('alert').textContent()).resolves.toContain('EVENT_INCOMPLETE');
      // The missing field is named as its label is, never by its property name.
      await expect(page.getByRole('alert').textContent()).resolves.toContain('地址');
      await expect(page.getByRole('alert').textContent()).resolves.not.toContain('venueAddress');
      await page.fill('#venueAddress', '成都市高新区天府大道北段 1700 号');
      await click(page, 'form.console-form button[type=submit]');
      await expect(page.getByRole('status').textContent()).resolves.toContain('修改已保存');
      await expect(page.inputValue('#startsAt')).resolves.toBe('2027-04-16T09:00');
      // Publishing and opening registration is one action (no public page in between).
      await click(page, 'button:text-is("发布并开放报名")');
      await expect(page.getByRole('status').textContent()).resolves.toContain('状态已变更');
      await expect(statusOf(eventId)).resolves.toBe('registration_open');
      await expect(page.locator('.tag[data-status]').first().textContent()).resolves.toBe('报名中');

      // Invitations from a file, with a faulty row reported by its line.
      await web.visit(page, `/console/events/${eventId}/invitations`, 'console-invitations');
      const csv = [
        HEADER,
        '周婷,zhou@example.cn,13800138000,天府科创投资基金,金,投资人',
        '王磊,wang-at-example,13900139000,成都某新材料公司,产,企业家',
        '陈静,chen@example.cn,,四川大学,学,专家',
      ].join('\n');
      await page.setInputFiles('#csv-file', {
        name: 'invitees.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.click('form[data-upload-form] button[type=submit]');
      await page.locator('#upload-report table').waitFor();
      await expectSoundPage(page, 'console-invitations-report');
      await expect(page.locator('#upload-report [role=status]').textContent()).resolves.toContain(
        '已邀请 2 人',
      );
      const faulty = page.locator('#upload-report tr[data-line="3"]');
      // The refused line with its content, its column by the header people know.
      await expect(faulty.textContent()).resolves.toContain('wang-at-example');
      await expect(faulty.textContent()).resolves.toContain('邮箱：不是有效的邮箱地址');
      await expect(page.locator('tbody tr[data-email]').count()).resolves.toBe(2);

      const messagesTo = async (email: string) =>
        (
          await api.dataSource.query<{ sent: number }[]>(
            `SELECT count(*)::int AS sent FROM outbox_message m
               JOIN invitation i ON m.subject = 'invitation:' || i.id
              WHERE i.email = $1 AND i.event_id = $2`,
            [email, eventId],
          )
        )[0].sent;
      const before = await messagesTo('zhou@example.cn');
      await click(page, 'tr[data-email="zhou@example.cn"] button:text("重发")');
      await expect(page.getByRole('status').textContent()).resolves.toContain('重新发送');
      await expect(messagesTo('zhou@example.cn')).resolves.toBeGreaterThan(before);

      // A second list, pasted: one more invitee, and one to revoke.
      await page.fill('#csv', `${HEADER}\n刘洋,liu@example.cn,,天府软件园,服,嘉宾`);
      await click(page, 'form[data-upload-form] button[type=submit]');
      // The list is imported in the background: the page follows it, then shows its report.
      const report = page.locator('#upload-report p.notice[role=status]');
      await report.waitFor({ timeout: 60_000 });
      await expect(report.textContent()).resolves.toContain('已邀请 1 人');
      // Revoking asks first, naming the invitee; the confirmed form revokes.
      await click(page, 'tr[data-email="liu@example.cn"] button:text("撤回")');
      await expectSoundPage(page, 'console-invitation-revoke-confirm');
      await expect(page.locator('.confirm-question').textContent()).resolves.toContain('刘');
      await click(page, '.confirm button.danger');
      await expect(page.getByRole('status').textContent()).resolves.toContain('邀请已撤回');
      await page.selectOption('#status', 'revoked');
      await click(page, 'form[role=search] button[type=submit]');
      await expectSoundPage(page, 'console-invitations-revoked');
      await expect(page.locator('tbody tr[data-email]').count()).resolves.toBe(1);
      await expect(page.locator('tr[data-email="liu@example.cn"]').count()).resolves.toBe(1);

      // Two accept; behind a closed door each awaits the organizer's approval.
      await accept(eventId, 'zhou@example.cn');
      await accept(eventId, 'chen@example.cn');
      await web.visit(page, `/console/events/${eventId}/registrations`, 'console-registrations');
      await expect(page.locator('dd[data-count="pending"]').textContent()).resolves.toBe('2');
      await click(page, 'tr[data-email="zhou@example.cn"] button:text("批准")');
      await expect(page.getByRole('status').textContent()).resolves.toContain('报名已批准');
      // The one seat is taken: the next approved waits in line.
      await click(page, 'tr[data-email="chen@example.cn"] button:text("批准")');
      await expect(
        page.locator('tr[data-email="chen@example.cn"] .tag').textContent(),
      ).resolves.toBe('候补');
      await expect(page.locator('.console-waitlist li').textContent()).resolves.toContain('陈静');
      await page.fill('#capacity', '2');
      await click(page, 'form[action$="/capacity"] button[type=submit]');
      await expect(page.getByRole('status').textContent()).resolves.toContain('名额已更新');
      await expect(page.locator('dd[data-count="confirmed"]').textContent()).resolves.toBe('2');
      await expectSoundPage(page, 'console-registrations-promoted');

      await page.fill('#q', '陈');
      await click(page, 'form[role=search] button[type=submit]');
      await expect(page.locator('tbody tr[data-email]').count()).resolves.toBe(1);

      // The export, through the progress script, saves the file the API makes.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a[data-export][href*=".csv?"]'),
      ]);
      expect(download.suggestedFilename()).toBe('registrations.csv');
      const exported = await readFile(await download.path(), 'utf8');
      expect(exported).toContain('周婷');
      expect(exported).toContain('陈静');
      await expect(page.locator('#export-progress').getAttribute('value')).resolves.toBe('100');

      await click(page, 'tr[data-email="chen@example.cn"] button:text("取消报名")');
      await expect(page.locator('.confirm-question').textContent()).resolves.toContain('陈静');
      await click(page, '.confirm button.danger');
      await expect(page.getByRole('status').textContent()).resolves.toContain('报名已取消');

      // The dashboard lists the event with its registrations.
      await web.visit(page, '/console?year=2027', 'console-dashboard');
      const row = page.locator(`tr[data-event="${eventId}"]`);
      await expect(row.locator('a').first().textContent()).resolves.toBe('校企双进·新材料专场');
      await expect(row.locator('td').nth(3).textContent()).resolves.toBe('2');
      await expect(page.locator('.console-recent li').count()).resolves.toBe(2);
      // No salon held yet: the chart of the events held by kind (its table for screen readers).
      await expect(
        page
          .locator('figure.chart table tr', { has: page.locator('th:text-is("对接沙龙")') })
          .locator('td')
          .first()
          .textContent(),
      ).resolves.toBe('0');
    } finally {
      await context.close();
    }
  }, 400_000);

  it('shows an upload of 10,000 rows going up, then its report', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    const { context, page } = await web.tab('en');
    try {
      await web.signIn(page, organizer.user.email, `/console/events/${eventId}/invitations`);
      const lines = Array.from(
        { length: 10_000 },
        (_, i) => `Guest ${i},guest${i}@example.cn,,Org ${i},industry,`,
      );
      await page.setInputFiles('#csv-file', {
        name: 'big.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(['name,email,mobile,organization,sector,role', ...lines].join('\n')),
      });
      await page.click('form[data-upload-form] button[type=submit]');
      await expect(page.locator('[data-upload-progress]').isVisible()).resolves.toBe(true);
      const report = page.locator('#upload-report p.notice[role=status]');
      await report.waitFor({ timeout: 120_000 });
      await expect(report.textContent()).resolves.toContain('10000 invited');
      await expectSoundPage(page, 'console-invitations-10000');
      await expect(page.locator('.pager').textContent()).resolves.toContain('1–50 of 10000');
      await click(page, '.pager a:text("Next")');
      await expect(page.locator('tbody tr[data-email]').count()).resolves.toBe(50);
    } finally {
      await context.close();
    }
  }, 240_000);

  it.each(['zh-CN', 'en'] as const)(
    'renders every console page in %s, accessibly',
    async (locale) => {
      const organizer: Organizer = await signedInOrganizer(api.app);
      const eventId = await createEvent(api.http, organizer, {
        title: locale === 'en' ? 'Advanced manufacturing salon' : '先进制造对接沙龙',
        capacity: 1,
      });
      await api.http
        .post(`/api/events/${eventId}/invitations`)
        .set(bearer(organizer.token))
        .send({ invitees: [{ name: '周婷', email: 'zt@example.cn', sector: 'finance' }] })
        .expect(201);
      for (const n of [1, 2]) {
        await api.http
          .post(`/api/events/${eventId}/registrations`)
          .send({
            acceptPrivacy: true,
            name: `访客${n}`,
            email: `v${n}@example.cn`,
            mobile: `1380013800${n}`,
            sector: 'industry',
          })
          .expect(201);
      }
      const { context, page } = await web.tab(locale);
      try {
        await web.signIn(page, organizer.user.email, '/console');
        await web.visit(page, '/console', `console-${locale}-dashboard`);
        await web.visit(page, '/console/events/new', `console-${locale}-new-event`);
        await web.visit(page, `/console/events/${eventId}`, `console-${locale}-event`);
        // An offline salon: nothing to stream, so no "go live"; no roadshow review, docking
        // schedule or matching among its pages; its status in its own colour.
        await expect(page.locator('.console-moves button').allTextContents()).resolves.toEqual(
          locale === 'en' ? ['Close registration', 'Cancel the event'] : ['截止报名', '取消活动'],
        );
        const tabs = await page.locator('.console-nav ul').nth(1).locator('a').allTextContents();
        expect(tabs).toHaveLength(6);
        for (const section of ['roadshows', 'docking', 'matching'])
          await expect(page.locator(`.console-nav a[href$="/${section}"]`).count()).resolves.toBe(
            0,
          );
        const colour = (status: string) =>
          page.evaluate((s) => {
            const tag = document.createElement('span');
            tag.className = 'tag';
            tag.dataset.status = s;
            document.body.append(tag);
            return getComputedStyle(tag).backgroundColor;
          }, status);
        const colours = await Promise.all(
          ['draft', 'registration_open', 'cancelled', 'concluded'].map(colour),
        );
        expect(new Set(colours).size).toBe(4);
        // Cancelling asks first, on a page of its own (no script needed); "no" leaves it as it was.
        await page.fill('#reason', '场地调整');
        await click(page, 'button.danger');
        await expectSoundPage(page, `console-${locale}-cancel-confirm`);
        await expect(page.locator('h1').textContent()).resolves.toBe(
          locale === 'en' ? 'Please confirm' : '请确认',
        );
        await expect(statusOf(eventId)).resolves.toBe('registration_open');
        await page.locator('.confirm a').click();
        await expect(statusOf(eventId)).resolves.toBe('registration_open');

        // Every event in sight, past ones included, filtered and paged.
        await web.visit(page, '/console/events', `console-${locale}-events`);
        await expect(page.locator(`tr[data-event="${eventId}"]`).count()).resolves.toBe(1);
        await web.visit(page, '/console/events?when=past', `console-${locale}-events-past`);
        await expect(page.locator(`tr[data-event="${eventId}"]`).count()).resolves.toBe(0);
        await web.visit(
          page,
          '/console/events?when=all&kind=roadshow',
          `console-${locale}-events-roadshows`,
        );
        await expect(page.locator(`tr[data-event="${eventId}"]`).count()).resolves.toBe(0);
        await web.visit(
          page,
          `/console/events/${eventId}/invitations`,
          `console-${locale}-invitations`,
        );
        await expect(page.locator('tbody tr[data-email]').count()).resolves.toBe(1);
        await web.visit(
          page,
          `/console/events/${eventId}/registrations`,
          `console-${locale}-registrations`,
        );
        await expect(page.locator('.console-waitlist li').count()).resolves.toBe(1);
        // A refused capacity keeps what was typed and names the field.
        await page.fill('#capacity', '0');
        await click(page, 'form[action$="/capacity"] button[type=submit]');
        await expectSoundPage(page, `console-${locale}-capacity-refused`);
        await expect(page.inputValue('#capacity')).resolves.toBe('0');
        await expect(page.locator('#capacity-problem').count()).resolves.toBe(1);
        await web.visit(page, '/console/team', `console-${locale}-team`);
        await expect(page.locator('tbody tr[data-role="manager"]').count()).resolves.toBe(1);
      } finally {
        await context.close();
      }
      // On a 390 px phone the tables are stacked cards: nothing pushes the page wider.
      const phone = await web.tab(locale, { width: 390, height: 844 });
      try {
        await web.signIn(phone.page, organizer.user.email, '/console');
        for (const path of [`/console/events/${eventId}/registrations`, '/console/events']) {
          await web.visit(phone.page, path, `console-${locale}-phone${path.replace(/\W+/g, '-')}`);
          const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
          expect(width).toBeLessThanOrEqual(390);
        }
      } finally {
        await phone.context.close();
      }
    },
    240_000,
  );

  it('refuses the console to an expert with the 403 page', async () => {
    const expert = await signedInAs(api.app, ['expert'], '李教授');
    const { context, page } = await web.tab('zh-CN');
    try {
      await web.signIn(page, expert.user.email, '/');
      const response = await page.goto(`${base}/console`);
      expect(response?.status()).toBe(403);
      await expectSoundPage(page, 'console-forbidden');
      const other = await page.goto(`${base}/console/events/new`);
      expect(other?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});

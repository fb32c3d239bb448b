import { Page } from 'playwright-core';
import { TestApi } from 'test/support/app';
import { seriousViolations, snap } from 'test/support/browser';
import {
  createEvent,
  createUser,
  PASSWORD,
  signedInAs,
  signedInOrganizer,
} from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { PageLocale, startWebHarness, WebHarness } from 'test/support/web';

describe('web pages in a real browser (Debian Chromium)', () => {
  let web: WebHarness;
  let api: TestApi;
  let base: string;
  let eventId: string;
  const tab = (locale: PageLocale) => web.tab(locale);
  const visit = (page: Page, path: string, shot: string) => web.visit(page, path, shot);

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    ({ api, base } = web);
    const organizer = await signedInOrganizer(api.app);
    eventId = await createEvent(api.http, organizer, {
      kind: 'roadshow',
      title: '校企双进·新材料专场成果路演',
      summary: '高校院所新材料领域科技成果集中路演。',
      hosts: ['成都市生产力促进中心'],
      industryFields: ['新材料'],
      startsAt: '2027-04-16T09:00:00+08:00',
      endsAt: '2027-04-16T17:00:00+08:00',
    });
    await createEvent(api.http, organizer, {
      kind: 'salon',
      title: '先进制造对接沙龙',
      industryFields: ['先进制造'],
      startsAt: '2027-05-20T14:00:00+08:00',
      endsAt: '2027-05-20T17:00:00+08:00',
    });
    await api.http
      .post(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .send({
        kind: 'roadshow',
        title: '高性能硅碳负极材料',
        room: '主会场',
        startsAt: '2027-04-16T10:00:00+08:00',
        endsAt: '2027-04-16T10:30:00+08:00',
      })
      .expect(201);
    await api.http
      .post(`/api/events/${eventId}/agenda/publish`)
      .set(bearer(organizer.token))
      .expect(200);
  });

  afterAll(async () => {
    await web?.close();
  });

  it.each(['zh-CN', 'en'] as const)(
    'renders the public pages in %s, accessibly',
    async (locale) => {
      const { context, page } = await tab(locale);
      try {
        await visit(page, '/', `${locale}-home`);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          locale === 'zh-CN' ? '校企双进，成果对接' : 'Universities and enterprises, matched',
        );
        await expect(page.getByText('校企双进·新材料专场成果路演').count()).resolves.toBe(1);

        await visit(page, '/activities', `${locale}-activities`);
        await expect(page.locator('.card').count()).resolves.toBe(2);
        await page.selectOption('#kind', 'salon');
        await page.click('button[type=submit]');
        await page.waitForURL(/kind=salon/);
        await snap(page, `${locale}-activities-filtered`);
        await expect(page.locator('.card h3').allTextContents()).resolves.toEqual([
          '先进制造对接沙龙',
        ]);

        await visit(page, `/activities/${eventId}`, `${locale}-activity`);
        await expect(page.getByText('高性能硅碳负极材料').count()).resolves.toBe(1);
        await expect(page.getByText('主会场').count()).resolves.toBe(1);
        const when = await page.locator('dl.facts dd').first().textContent();
        expect(when).toContain(locale === 'zh-CN' ? '2027年4月16日' : '16 Apr 2027');

        await visit(
          page,
          '/activities/00000000-0000-4000-8000-000000000000',
          `${locale}-not-found`,
        );
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          locale === 'zh-CN' ? '页面不存在' : 'Page not found',
        );
      } finally {
        await context.close();
      }
    },
  );

  it('registers a guest through the event’s form, with its questions, keeping the input when refused', async () => {
    const organizer = await signedInOrganizer(api.app);
    const withQuestions = await createEvent(api.http, organizer, {
      title: '新能源专场对接会',
      startsAt: '2027-06-10T09:00:00+08:00',
      endsAt: '2027-06-10T17:00:00+08:00',
      questions: [
        {
          id: 'topic',
          label: '关注方向',
          kind: 'single_choice',
          options: ['储能', '光伏'],
          required: true,
        },
        { id: 'note', label: '希望对接的问题', kind: 'text', options: [], required: false },
      ],
    });
    const { context, page } = await tab('zh-CN');
    try {
      await visit(page, `/activities/${withQuestions}`, 'register-from-event');
      await page.click('text=我要报名');
      await page.waitForURL(`${base}/activities/${withQuestions}/register`);
      await snap(page, 'register-form');
      expect(await seriousViolations(page)).toEqual([]);
      await page.fill('#name', '周婷');
      await page.check('input[name=acceptPrivacy]');
      await page.fill('#email', 'zhou@@example');
      await page.selectOption('#sector', 'industry');
      await page.fill('input[name="q.note"]', '储能电池梯次利用');
      await page.click('form button[type=submit]');
      await snap(page, 'register-refused');
      await expect(page.inputValue('#name')).resolves.toBe('周婷');
      await expect(page.inputValue('input[name="q.note"]')).resolves.toBe('储能电池梯次利用');
      await expect(page.locator('#email-problem').textContent()).resolves.toBe(
        '不是有效的邮箱地址',
      );
      expect(await seriousViolations(page)).toEqual([]);

      await page.fill('#email', 'zhou.ting@example.cn');
      await page.click('form button[type=submit]');
      // A required question left unanswered is refused by the same rule as the API's.
      await expect(page.getByRole('alert').count()).resolves.toBe(1);
      await page.check('input[name="q.topic"][value="储能"]');
      await page.fill('#email', '');
      await page.click('form button[type=submit]');
      // Guests give a mobile number or an e-mail address (the service's rule), named beside both.
      await expect(page.locator('#mobile-problem').count()).resolves.toBe(1);
      await expect(page.locator('#email-problem').count()).resolves.toBe(1);
      await expect(page.isChecked('input[name="q.topic"][value="储能"]')).resolves.toBe(true);
      await page.fill('#email', 'zhou.ting@example.cn');
      await page.fill('#mobile', '13800138000');
      await page.click('form button[type=submit]');
      await expect(page.getByRole('status').textContent()).resolves.toContain('报名成功');
      await snap(page, 'registered');
      const [row] = await api.dataSource.query<{ answers: Record<string, string> }[]>(
        'SELECT answers FROM registration WHERE email = $1',
        ['zhou.ting@example.cn'],
      );
      expect(row.answers).toEqual({ topic: '储能', note: '储能电池梯次利用' });
    } finally {
      await context.close();
    }
  });

  it('lets an invitee accept by the link in the e-mail, which registers them', async () => {
    const organizer = await signedInOrganizer(api.app);
    const closed = await createEvent(api.http, organizer, {
      kind: 'precise_docking',
      visibility: 'closed_door',
      title: '闭门精准对接会',
      startsAt: '2027-06-12T09:00:00+08:00',
      endsAt: '2027-06-12T12:00:00+08:00',
    });
    const invited = await api.http
      .post(`/api/events/${closed}/invitations`)
      .set(bearer(organizer.token))
      .send({
        invitees: [
          { name: '王教授', email: 'wang.prof@example.edu.cn', sector: 'academia' },
          { name: '刘总', email: 'liu@example.cn', sector: 'industry' },
        ],
      })
      .expect(201);
    expect(invited.body.invited).toBe(2);
    const links = await api.dataSource.query<{ subject: string; link: string }[]>(
      `SELECT subject, data->>'acceptUrl' AS link FROM outbox_message WHERE template = 'invitation' AND data->>'eventTitle' = '闭门精准对接会' ORDER BY subject`,
    );
    expect(links).toHaveLength(2);
    const path = (link: string) => new URL(link).pathname + new URL(link).search;
    const { context, page } = await tab('zh-CN');
    try {
      const [first, second] = links;
      await visit(page, path(first.link), 'invitation');
      await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
        '闭门精准对接会',
      );
      await page.check('input[name=acceptPrivacy]');
      await page.click('text=接受邀请并报名');
      // A closed door's registrations wait for the organizers' approval.
      await expect(page.getByRole('status').textContent()).resolves.toContain('等待主办方审核');
      await snap(page, 'invitation-accepted');

      await page.goto(`${base}${path(second.link)}`);
      await page.click('text=婉拒');
      await expect(page.getByRole('status').textContent()).resolves.toContain('已婉拒');
      await snap(page, 'invitation-declined');

      // A link with a wrong token shows a page with the coded message, not a stack.
      const wrong = path(first.link).replace(/token=[^&]+/, 'token=wrong-token-0000');
      await visit(page, wrong, 'invitation-wrong-token');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        '页面不存在',
      );
    } finally {
      await context.close();
    }
  });

  it('searches the published results catalogue, in both languages', async () => {
    const expert = await signedInAs(api.app, ['expert'], '刘教授');
    for (const result of [
      {
        title: 'MEMS 甲烷气体传感器',
        summary: '低功耗甲烷检测',
        fields: ['电子信息'],
        readinessLevel: 6,
      },
      { title: '高性能硅碳负极材料', summary: '首效提升', fields: ['新材料'], readinessLevel: 4 },
    ]) {
      await api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          ...result,
          institutionName: '西南理工大学',
          published: true,
          cooperationModes: ['license'],
        })
        .expect(201);
    }
    for (const locale of ['zh-CN', 'en'] as const) {
      const { context, page } = await tab(locale);
      try {
        await visit(page, '/results', `${locale}-results`);
        await expect(page.locator('.card').count()).resolves.toBe(2);
        await page.fill('#q', '甲烷');
        await page.click('form[role=search] button[type=submit]');
        await page.waitForURL(/q=/);
        await expect(page.locator('.card-title').allTextContents()).resolves.toEqual([
          'MEMS 甲烷气体传感器',
        ]);
        await page.click('text=MEMS 甲烷气体传感器');
        await snap(page, `${locale}-result`);
        expect(await seriousViolations(page)).toEqual([]);
        await expect(page.getByText('西南理工大学').count()).resolves.toBe(1);
        await expect(page.getByText(locale === 'zh-CN' ? '许可' : 'Licence').count()).resolves.toBe(
          1,
        );
        await visit(page, '/results?minReadiness=5', `${locale}-results-ready`);
        await expect(page.locator('.card').count()).resolves.toBe(1);
      } finally {
        await context.close();
      }
    }
  });

  it('styles every page from one stylesheet the browser keeps, not from CSS inlined in the page', async () => {
    const page = await web.api.http.get('/activities').expect(200);
    expect(page.text).not.toContain('<style');
    const href = /<link rel="stylesheet" href="(\/assets\/site-[0-9a-f]{12}\.css)">/.exec(
      page.text,
    )?.[1];
    expect(href).toBeDefined();
    const css = await web.api.http.get(href!).expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // The shared styles and every part's own ones.
    expect(css.text).toContain('.console-nav');
    expect(css.text).toContain('--brand');
    await web.api.http.get('/assets/site-000000000000.css').expect(404);
    const { context, page: tab } = await web.tab('zh-CN');
    try {
      await tab.goto(`${base}/activities`);
      // The page background comes from the stylesheet (--bg): it was loaded and applied.
      const background = await tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(246, 247, 249)');
    } finally {
      await context.close();
    }
  });

  it('switches the language and keeps the choice', async () => {
    const { context, page } = await tab('zh-CN');
    try {
      await page.goto(`${base}/activities`);
      await page.click('a[lang=en]');
      await page.waitForURL(`${base}/activities`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Events');
      await page.goto(`${base}/`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await snap(page, 'switched-to-english');
    } finally {
      await context.close();
    }
  });

  it('signs in, keeping what was typed and naming the problem when refused', async () => {
    const user = await createUser(api.dataSource, { roles: ['enterprise'], name: '李经理' });
    const { context, page } = await tab('zh-CN');
    try {
      await visit(page, '/sign-in', 'sign-in');
      await page.fill('#email', 'not-an-email');
      await page.fill('#password', 'whatever');
      await page.click('form[action="/sign-in"] button[type=submit]');
      await snap(page, 'sign-in-invalid');
      await expect(page.inputValue('#email')).resolves.toBe('not-an-email');
      await expect(page.locator('#email-problem').textContent()).resolves.toBe(
        '不是有效的邮箱地址',
      );
      await expect(page.getAttribute('#email', 'aria-invalid')).resolves.toBe('true');

      await page.fill('#email', user.email);
      await page.fill('#password', 'wrong-password');
      await page.click('form[action="/sign-in"] button[type=submit]');
      await snap(page, 'sign-in-refused');
      await expect(page.inputValue('#email')).resolves.toBe(user.email);
      await expect(page.getByRole('alert').count()).resolves.toBe(1);
      expect(await seriousViolations(page)).toEqual([]);

      await page.fill('#password', PASSWORD);
      await page.click('form[action="/sign-in"] button[type=submit]');
      await page.waitForURL(`${base}/`);
      await expect(page.getByText('已登录：李经理').count()).resolves.toBe(1);
      await snap(page, 'signed-in');
      await page.click('text=退出');
      await page.waitForURL(`${base}/`);
      await expect(page.getByText('登录', { exact: true }).count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });
});

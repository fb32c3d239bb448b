import { Logger } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import { Page } from 'playwright-core';
import { MediaPool } from 'src/live/media-pool';
import { workerBinaryProblem } from 'src/live/mediasoup-adapter';
import { eventually, TestApi } from 'test/support/app';
import {
  createEvent,
  createOrganization,
  createUser,
  PASSWORD,
  signedInAs,
  signedInOrganizer,
  tokenFor,
} from 'test/support/factories';
import { FakeMediaAdapter } from 'test/support/fake-media';
import { bearer } from 'test/support/http';
import { LiveClient } from 'test/support/live-client';
import { resetState } from 'test/support/state';
import { MEDIA_WORKER_ENABLE, describeUnless } from 'test/support/skips';
import { PATTERN_STREAMS, ffmpegProblem, sendTestPattern } from 'test/support/test-pattern';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

// Whole journeys in a browser, each several pages long: more than the default minute on a busy host.
jest.setTimeout(180_000);

const at = (day: number, time: string) =>
  `2027-07-${String(day).padStart(2, '0')}T${time}:00+08:00`;

/** A public cloud docking (guests may watch) with one roadshow item presenting a result. */
async function stagedCloudDocking(
  api: TestApi,
  organizer: Awaited<ReturnType<typeof signedInOrganizer>>,
  day: number,
): Promise<{ eventId: string; sessionId: string }> {
  const presenter = await signedInAs(api.app, ['expert'], '王教授');
  const resultId = (
    await api.http
      .post('/api/results')
      .set(bearer(presenter.token))
      .send({
        title: '基于深度学习的工业视觉检测系统',
        summary: '缺陷检出率 99.5%',
        readinessLevel: 7,
        institutionName: '西南交通大学',
        published: true,
      })
      .expect(201)
  ).body.id as string;
  const eventId = await createEvent(api.http, organizer, {
    kind: 'cloud_docking',
    format: 'hybrid',
    title: '云对接·智能制造专场',
    startsAt: at(day, '09:00'),
    endsAt: at(day, '18:00'),
  });
  const item = await api.http
    .post(`/api/events/${eventId}/agenda`)
    .set(bearer(organizer.token))
    .send({
      kind: 'roadshow',
      title: '工业视觉检测路演',
      startsAt: at(day, '10:00'),
      endsAt: at(day, '10:30'),
      presenterIds: [presenter.user.id],
      resultId,
    })
    .expect(201);
  await api.http
    .post(`/api/events/${eventId}/agenda/publish`)
    .set(bearer(organizer.token))
    .expect(200);
  const session = await api.http
    .post('/api/live/sessions')
    .set(bearer(organizer.token))
    .send({ eventId, agendaItemId: item.body.id as string })
    .expect(201);
  return { eventId, sessionId: session.body.id as string };
}

/** A value of the newest message to `recipient` (its link or code, as the mailbox or phone shows it). */
async function sentTo<T>(api: TestApi, recipient: string, key: string): Promise<T> {
  const [row] = await api.dataSource.query<{ data: Record<string, T> }[]>(
    `SELECT data FROM outbox_message WHERE recipient = $1 AND data ? $2
      ORDER BY created_at DESC LIMIT 1`,
    [recipient, key],
  );
  return row.data[key];
}

describe('account pages, a registration’s own page and the live page (Debian Chromium)', () => {
  let web: WebHarness;
  let api: TestApi;
  let base: string;
  const clients: LiveClient[] = [];
  const visit = (page: Page, path: string, shot: string) => web.visit(page, path, shot);
  const sent = <T>(recipient: string, key: string) => sentTo<T>(api, recipient, key);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    web = await startWebHarness({}, { mediaAdapter: new FakeMediaAdapter() });
    ({ api, base } = web);
    // The player's bundle is built on its first request: built here, not in a page's time limit.
    await api.http.get('/assets/live.js').expect(200);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await web?.close();
  });

  it('signs up an expert with an organization, refusing bad input beside the fields and keeping it', async () => {
    const taken = await createUser(api.dataSource, { email: 'taken@example.cn' });
    const { context, page } = await web.tab('zh-CN');
    try {
      await visit(page, '/sign-up', 'account-zh-CN-sign-up');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('注册账号');
      await page.fill('#name', '张教授');
      await page.check('input[name=acceptPrivacy]');
      await page.fill('#email', 'not-an-email');
      await page.fill('#password', 'short');
      await page.fill('#orgName', '西南交通大学');
      await page.selectOption('#orgKind', 'university');
      await page.fill('#orgCreditCode', '911100001000013441');
      await page.click('form[action="/sign-up"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-sign-up-refused');
      await expect(page.locator('#email-problem').textContent()).resolves.toBe(
        '不是有效的邮箱地址',
      );
      await expect(page.locator('#password-problem').textContent()).resolves.toBe('至少 8 个字符');
      await expect(page.locator('#orgCreditCode-problem').textContent()).resolves.toBe(
        '不是有效的统一社会信用代码',
      );
      await expect(page.inputValue('#name')).resolves.toBe('张教授');
      await expect(page.inputValue('#orgName')).resolves.toBe('西南交通大学');
      await expect(page.inputValue('#password')).resolves.toBe('');

      // An e-mail already registered gets the same page as a new one (its owner is told).
      await page.fill('#email', taken.email);
      await page.fill('#password', PASSWORD);
      await page.fill('#orgCreditCode', '');
      await page.check('input[name=acceptPrivacy]');
      await page.click('form[action="/sign-up"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-sign-up-taken');
      const takenPage = await page.locator('main').textContent();
      await expect(page.locator('h1').textContent()).resolves.toBe('请完成验证');

      await visit(page, '/sign-up', 'account-zh-CN-sign-up');
      await page.fill('#name', '张教授');
      await page.fill('#email', 'zhang@example.cn');
      await page.fill('#password', PASSWORD);
      await page.fill('#orgName', '西南交通大学');
      await page.selectOption('#orgKind', 'university');
      await page.fill('#orgCreditCode', '91110000600037341L');
      await page.fill('#orgTitle', '教授');
      await page.check('input[name=acceptPrivacy]');
      await page.click('form[action="/sign-up"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-sign-up-check');
      await expect(page.locator('main').textContent()).resolves.toBe(takenPage);

      // The link in the mail opens a page whose button verifies and signs in.
      const url = await sent<string>('zhang@example.cn', 'url');
      await visit(page, new URL(url).pathname + new URL(url).search, 'account-zh-CN-verify-email');
      await page.click('form[action="/verify-email"] button[type=submit]');
      await page.waitForURL(`${base}/account?done=verified`);
      await expectSoundPage(page, 'account-zh-CN-account');
      const facts = await page.locator('dl.facts').textContent();
      expect(facts).toContain('张教授');
      expect(facts).toContain('zhang@example.cn');
      expect(facts).toContain('专家');
      expect(facts).toContain('西南交通大学（教授）');
      await expect(page.locator('a[href="/expert"]').count()).resolves.toBeGreaterThan(0);

      const [user] = await api.dataSource.query<{ roles: string[]; locale: string }[]>(
        `SELECT roles, locale FROM user_account WHERE email = 'zhang@example.cn'`,
      );
      expect(user).toEqual({ roles: ['expert'], locale: 'zh-CN' });

      // The same credit code cannot be registered twice.
      await visit(page, '/account/organization', 'account-zh-CN-organization');
      await expect(page.locator('.card').textContent()).resolves.toContain('91110000600037341L');
      await page.fill('#orgName', '另一家机构');
      await page.selectOption('#orgKind', 'enterprise');
      await page.fill('#orgCreditCode', '91110000600037341L');
      await page.click('form[action="/account/organization"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-organization-taken');
      await expect(page.locator('#orgCreditCode-problem').textContent()).resolves.toBe(
        '该统一社会信用代码的机构已注册',
      );
      await expect(page.inputValue('#orgName')).resolves.toBe('另一家机构');

      // The expert's profile, which matching reads.
      await visit(page, '/account/expert-profile', 'account-zh-CN-expert-profile');
      await expect(page.inputValue('#name')).resolves.toBe('张教授');
      await page.fill('#fields', '新材料、先进制造');
      await page.click('form[action="/account/expert-profile"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-expert-profile-refused');
      await expect(page.locator('#institutionName-problem').count()).resolves.toBe(1);
      await expect(page.inputValue('#fields')).resolves.toBe('新材料、先进制造');
      await page.fill('#institutionName', '西南交通大学');
      await page.fill('#keywords', '硅碳负极, 锂电池');
      await page.selectOption('#availability', 'limited');
      await page.click('form[action="/account/expert-profile"] button[type=submit]');
      await page.waitForURL(`${base}/account?done=expertProfile`);
      await expect(page.getByRole('status').textContent()).resolves.toBe('专家资料已保存。');
      const [profile] = await api.dataSource.query<
        { fields: string[]; keywords: string[]; availability: string }[]
      >(
        `SELECT p.fields, p.keywords, p.availability FROM expert_profile p
           JOIN user_account u ON u.id = p.user_id WHERE u.email = 'zhang@example.cn'`,
      );
      expect(profile).toEqual({
        fields: ['新材料', '先进制造'],
        keywords: ['硅碳负极', '锂电池'],
        availability: 'limited',
      });
      await visit(page, '/account/password', 'account-zh-CN-password');
    } finally {
      await context.close();
    }
  });

  it('lets an enterprise user (in English) register an organization and change the password', async () => {
    const { context, page } = await web.tab('en');
    try {
      await visit(page, '/sign-up?next=/account/organization', 'account-en-sign-up');
      await page.check('input[name=role][value=enterprise]');
      await page.fill('#name', 'Li Na');
      await page.check('input[name=acceptPrivacy]');
      await page.fill('#email', 'li.na@example.cn');
      await page.fill('#mobile', '13800138000');
      await page.fill('#password', PASSWORD);
      await page.click('form[action="/sign-up"] button[type=submit]');
      // The SMS code, typed on the page sign-up answers with, verifies and signs in.
      await expectSoundPage(page, 'account-en-sign-up-check');
      await page.fill('#code', await sent<string>('13800138000', 'code'));
      await page.click('form[action="/verify-mobile"] button[type=submit]');
      await page.waitForURL(`${base}/account/organization`);
      await expectSoundPage(page, 'account-en-organization');
      await expect(
        page.getByText('You are not a member of any organization yet.').count(),
      ).resolves.toBe(1);

      await page.click('form[action="/account/organization"] button[type=submit]');
      await expectSoundPage(page, 'account-en-organization-refused');
      await expect(page.locator('#orgName-problem').count()).resolves.toBe(1);
      await page.fill('#orgName', 'Chengdu Vision Ltd.');
      await page.selectOption('#orgKind', 'enterprise');
      await page.fill('#orgFields', '电子信息、智能制造');
      await page.click('form[action="/account/organization"] button[type=submit]');
      await page.waitForURL(`${base}/account?done=organization`);
      await expectSoundPage(page, 'account-en-account-organization-done');
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        'The organization is registered',
      );
      await expect(page.locator('dl.facts').textContent()).resolves.toContain(
        'Chengdu Vision Ltd.',
      );
      const [org] = await api.dataSource.query<{ industry_fields: string[] }[]>(
        `SELECT industry_fields FROM organization WHERE name = 'Chengdu Vision Ltd.'`,
      );
      expect(org.industry_fields).toEqual(['电子信息', '智能制造']);

      await visit(page, '/account/password', 'account-en-password');
      await page.fill('#currentPassword', 'wrong-password-1');
      await page.fill('#newPassword', 'new-horse-battery-7');
      await page.click('form[action="/account/password"] button[type=submit]');
      await expectSoundPage(page, 'account-en-password-wrong');
      await expect(page.locator('#currentPassword-problem').textContent()).resolves.toBe(
        'The current password is wrong',
      );
      await page.fill('#currentPassword', PASSWORD);
      await page.fill('#newPassword', 'new-horse-battery-7');
      await page.click('form[action="/account/password"] button[type=submit]');
      await page.waitForURL(`${base}/account?done=password`);
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        'Your password is changed',
      );
      await api.http
        .post('/api/auth/login')
        .send({ email: 'li.na@example.cn', password: 'new-horse-battery-7' })
        .expect(200);
    } finally {
      await context.close();
    }
  });

  it('signs a mobile-only person in by SMS code and resets a password by code, on a phone', async () => {
    const user = await createUser(api.dataSource, { roles: ['enterprise'], name: '陈总' });
    await api.dataSource.query(
      "UPDATE user_account SET mobile = '13900000002', mobile_verified_at = now() WHERE id = $1",
      [user.id],
    );
    const phone = { width: 390, height: 844 };
    const { context, page } = await web.tab('zh-CN', phone);
    try {
      await visit(page, '/sign-in', 'account-zh-CN-sign-in-phone');
      await page.click('a[href^="/sign-in/mobile"]');
      await page.fill('#mobile', '139 0000 0002');
      await page.click('form[action="/sign-in/mobile/code"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-sms-sign-in-code');
      await page.fill('#code', '000000');
      await page.click('form[action="/sign-in/mobile"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-sms-sign-in-refused');
      await expect(page.locator('#code-problem').count()).resolves.toBe(1);
      await page.fill('#code', await sent<string>('13900000002', 'code'));
      await page.click('form[action="/sign-in/mobile"] button[type=submit]');
      await page.waitForURL(`${base}/`);
      const me = await api.http
        .get('/api/auth/sessions')
        .set(bearer(await tokenFor(api.app, user)));
      expect(me.body).toHaveLength(2);

      // The account's devices: the other one is signed out from here.
      await visit(page, '/account/sessions', 'account-zh-CN-sessions');
      await expect(page.locator('.card').count()).resolves.toBe(2);
      await page
        .locator('.card', { hasNot: page.locator('.tag') })
        .locator('button')
        .click();
      await page.waitForURL(`${base}/account/sessions?done=ended`);
      await expectSoundPage(page, 'account-zh-CN-sessions-ended');
      await expect(page.locator('.card').count()).resolves.toBe(1);

      await visit(page, '/reset-password', 'account-zh-CN-reset');
      await page.fill('#address', '13900000002');
      await page.click('form[action="/reset-password"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-reset-code');
      await page.fill('#code', await sent<string>('13900000002', 'code'));
      await page.fill('#newPassword', 'a-phone-password-9');
      await page.click('form[action="/reset-password/mobile"] button[type=submit]');
      await page.waitForURL(`${base}/account?done=reset`);
      await expectSoundPage(page, 'account-zh-CN-account-reset');
      // The reset ended every other session: only this page's is left.
      const left = await api.dataSource.query<unknown[]>(
        'SELECT 1 FROM session WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      expect(left).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('shows an expert (in English) their account and profile form', async () => {
    const expert = await createUser(api.dataSource, { roles: ['expert'], name: 'Wang Wei' });
    const { context, page } = await web.tab('en');
    try {
      await web.signIn(page, expert.email, '/account');
      await visit(page, '/account', 'account-en-account-expert');
      await visit(page, '/account/expert-profile', 'account-en-expert-profile');
      await expect(page.getByRole('status').textContent()).resolves.toBe(
        'You have not filled in your expert profile yet.',
      );
    } finally {
      await context.close();
    }
  });

  it('lets an account made before addresses were verified prove its e-mail from the account page', async () => {
    const early = await createUser(api.dataSource, {
      roles: ['enterprise'],
      name: '老用户',
      email: 'early@example.cn',
      verified: false,
    });
    const { context, page } = await web.tab('zh-CN');
    try {
      await web.signIn(page, early.email, '/account');
      await expect(page.locator('dl.facts').textContent()).resolves.toContain('未验证');
      await page.click('form[action="/account/verify"] button[type=submit]');
      await expectSoundPage(page, 'account-zh-CN-verify-again');
      const url = await sent<string>('early@example.cn', 'url');
      await visit(page, new URL(url).pathname + new URL(url).search, 'account-zh-CN-verify-email');
      await page.click('form[action="/verify-email"] button[type=submit]');
      await page.waitForURL(`${base}/account?done=verified`);
      await expect(page.locator('dl.facts').textContent()).resolves.not.toContain('未验证');
      await expect(page.locator('form[action="/account/verify"]').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  it('sends anonymous readers of the account pages to sign in, and back', async () => {
    const { context, page } = await web.tab('zh-CN');
    try {
      await page.goto(`${base}/account/password`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/account/password');
    } finally {
      await context.close();
    }
  });

  it.each(['zh-CN', 'en'] as const)(
    'serves the link of the confirmation e-mail (%s): status, place in line, code, QR, cancelling',
    async (locale: PageLocale) => {
      const organizer = await signedInOrganizer(api.app);
      const eventId = await createEvent(api.http, organizer, {
        title: `新材料对接会 ${locale}`,
        capacity: 1,
      });
      const register = (name: string, email: string, mobile: string) =>
        api.http
          .post(`/api/events/${eventId}/registrations`)
          .send({
            acceptPrivacy: true,
            name,
            email,
            mobile,
            sector: 'industry',
            organizationName: '成都新材料有限公司',
          })
          .expect(201);
      const first = (
        await register('赵先生', `zhao-${locale.toLowerCase()}@example.cn`, '13800138001')
      ).body as {
        id: string;
        status: string;
      };
      const second = (
        await register('钱女士', `qian-${locale.toLowerCase()}@example.cn`, '13800138002')
      ).body as {
        id: string;
        status: string;
        manageToken: string;
      };
      expect([first.status, second.status]).toEqual(['confirmed', 'waitlisted']);

      // The link exactly as the confirmation e-mail carries it.
      const [message] = await api.dataSource.query<{ data: { manageUrl: string } }[]>(
        `SELECT data FROM outbox_message WHERE template = 'registration-confirmed' AND recipient = $1`,
        [`zhao-${locale.toLowerCase()}@example.cn`],
      );
      const link = new URL(message.data.manageUrl);
      const { context, page } = await web.tab(locale);
      try {
        await visit(page, `${link.pathname}${link.search}`, `account-${locale}-registration`);
        await expect(page.locator('.registration-status').textContent()).resolves.toBe(
          locale === 'zh-CN' ? '报名成功' : 'Confirmed',
        );
        const code = await page.locator('#check-in-code').textContent();
        expect(code).toMatch(/\S{4,}/);
        await expect(page.locator('.qr svg').count()).resolves.toBe(1);

        // The second registrant's own page: second in line... first in line.
        const waiting = `/registrations/${second.id}?token=${second.manageToken}`;
        await visit(page, waiting, `account-${locale}-registration-waitlisted`);
        await expect(page.locator('dl.facts').textContent()).resolves.toContain(
          locale === 'zh-CN' ? '第 1 位' : 'No. 1',
        );

        // The first cancels: the seat goes to the second.
        await page.goto(`${base}${link.pathname}${link.search}`);
        // Cancelling asks first.
        await page.click('#ticket-cancel');
        await page.waitForURL(/\/cancel\?token=/);
        await page.click('form[action*="/cancel"] button[type=submit]');
        await page.waitForURL(/done=cancelled/);
        await expectSoundPage(page, `account-${locale}-registration-cancelled`);
        await expect(page.getByRole('status').textContent()).resolves.toBe(
          locale === 'zh-CN' ? '报名已取消。' : 'Your registration is cancelled.',
        );
        await expect(page.locator('#ticket-cancel').count()).resolves.toBe(0);
        const rows = await api.dataSource.query<{ id: string; status: string }[]>(
          'SELECT id, status FROM registration WHERE event_id = $1 ORDER BY created_at',
          [eventId],
        );
        expect(rows.map((r) => r.status)).toEqual(['cancelled', 'confirmed']);

        // Without its token the page is not found, and shows no stack.
        await page.goto(`${base}/registrations/${second.id}`);
        await expectSoundPage(page, `account-${locale}-registration-no-token`);
        await expect(page.locator('.registration-status').count()).resolves.toBe(0);
      } finally {
        await context.close();
      }
    },
  );

  it('plays the live page: server-rendered facts, questions and chat through the socket, an enterprise’s intent, and the end', async () => {
    const organizer = await signedInOrganizer(api.app);
    const { eventId, sessionId } = await stagedCloudDocking(api, organizer, 1);

    // The public event page links to the live item.
    const { context: guestContext, page: guest } = await web.tab('zh-CN');
    const enterpriseUser = await createUser(api.dataSource, {
      roles: ['enterprise'],
      name: '李经理',
    });
    await createOrganization(api.dataSource, enterpriseUser, {
      name: '成都视觉智能科技有限公司',
      kind: 'enterprise',
    });
    const { context: enterpriseContext, page: enterprise } = await web.tab('en');
    try {
      await visit(guest, `/activities/${eventId}`, 'account-zh-CN-activity-live');
      await expect(guest.locator(`a[href="/live/${sessionId}"]`).count()).resolves.toBe(1);
      await visit(guest, `/live/${sessionId}`, 'account-zh-CN-live');
      await expect(guest.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        '工业视觉检测路演',
      );
      await expect(guest.locator('main').textContent()).resolves.toContain('王教授');
      await expect(guest.locator('#live-state').textContent()).resolves.toBe(
        '已进入直播间，等待主讲人开始推流。',
      );
      await guest.locator('#live-viewers', { hasText: '人正在观看' }).waitFor();
      expect(await guest.locator('#live-viewers').textContent()).toMatch(/^\d+ 人正在观看$/);
      await expect(guest.locator('#live-sound').isHidden()).resolves.toBe(true);
      // A guest gets no intent button; questions are asked with a name.
      await expect(guest.locator('#live-intent').count()).resolves.toBe(0);
      await guest.fill('#live-name', '小陈');
      await guest.fill('#live-ask-text', '检测速度能到多少件每分钟？');
      await guest.click('#live-ask button[type=submit]');
      await eventually(
        async () =>
          (await guest.locator('#live-state').textContent())?.includes('审核通过后')
            ? true
            : undefined,
        'the question acknowledged',
      );
      const [question] = await api.dataSource.query<
        { id: string; asker_name: string; status: string }[]
      >('SELECT id, asker_name, status FROM live_question WHERE session_id = $1', [sessionId]);
      expect(question).toMatchObject({ asker_name: '小陈（访客 / guest）', status: 'pending' });

      // The organizer approves and answers it: the page shows it without a reload.
      const stage = await LiveClient.connect(api.app, organizer.token);
      clients.push(stage);
      await stage.ok('join', { sessionId });
      await stage.ok('moderate', { questionId: question.id, decision: 'approve' });
      await guest.locator(`[data-question="${question.id}"]`).waitFor();
      await stage.ok('answer', { questionId: question.id, answer: '每分钟 120 件' });
      await guest.getByText('回答：每分钟 120 件').waitFor();

      // Chat goes to everyone in the session, the page's own line too.
      await guest.waitForTimeout(1100); // one line a second
      await guest.fill('#live-chat-text', '大家好，画面很清晰');
      await guest.click('#live-chat-form button[type=submit]');
      await guest.locator('#live-chat li', { hasText: '大家好，画面很清晰' }).waitFor();
      const [chat] = await api.dataSource.query<{ name: string }[]>(
        'SELECT name FROM live_chat_message WHERE session_id = $1',
        [sessionId],
      );
      expect(chat.name).toBe('小陈（访客 / guest）');

      // A signed-in enterprise presses the intent button (in English).
      await web.signIn(enterprise, enterpriseUser.email, `/live/${sessionId}`);
      await expectSoundPage(enterprise, 'account-en-live-enterprise');
      await expect(enterprise.locator('#live-questions').textContent()).resolves.toContain(
        '检测速度能到多少件每分钟？',
      );
      await enterprise.locator('#live-intent:not([hidden])').waitFor();
      await enterprise.fill('#live-intent-note', '希望洽谈产线落地');
      await enterprise.click('#live-intent button[type=submit]');
      await enterprise.getByText('Your intent is recorded').waitFor();
      const intents = await api.dataSource.query<
        { enterprise_name: string; note: string; event_id: string }[]
      >('SELECT enterprise_name, note, event_id FROM intent WHERE user_id = $1', [
        enterpriseUser.id,
      ]);
      expect(intents).toEqual([
        {
          enterprise_name: '成都视觉智能科技有限公司',
          note: '希望洽谈产线落地',
          event_id: eventId,
        },
      ]);

      // The session ends: the open page says so, and a fresh visit renders it ended.
      await api.http
        .post(`/api/live/sessions/${sessionId}/stop`)
        .set(bearer(organizer.token))
        .expect(200);
      await guest.locator('#live-state', { hasText: '本场直播已结束' }).waitFor();
      await expect(guest.locator('#live-ask').isHidden()).resolves.toBe(true);
      await visit(enterprise, `/live/${sessionId}`, 'account-en-live-ended');
      await expect(enterprise.getByRole('status').textContent()).resolves.toBe(
        'This live session has ended.',
      );
      await expect(enterprise.locator('#live-questions').textContent()).resolves.toContain(
        'Answer：每分钟 120 件',
      );
    } finally {
      await guestContext.close();
      await enterpriseContext.close();
    }
  });
});

// Chromium playing a real stream needs mediasoup's worker and ffmpeg for the test pattern.
const withWorker = describeUnless(
  workerBinaryProblem() ?? ffmpegProblem(),
  'live page playback (test/e2e/web-account)',
  MEDIA_WORKER_ENABLE,
);

withWorker('the live page plays a real stream (mediasoup worker, ffmpeg, Chromium)', () => {
  let web: WebHarness;
  let sender: ChildProcess | undefined;
  let stage: LiveClient | undefined;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState(); // run alone (-t), no other block has made this worker's database
    web = await startWebHarness({ LIVE_WORKERS: '1', LIVE_LISTEN_IP: '127.0.0.1' });
  });

  afterAll(async () => {
    sender?.kill('SIGKILL');
    await stage?.close();
    await web?.close();
  });

  it('shows the test pattern in the video element, advancing', async () => {
    const { api } = web;
    const organizer = await signedInOrganizer(api.app);
    const { sessionId } = await stagedCloudDocking(api, organizer, 2);
    stage = await LiveClient.connect(api.app, organizer.token);
    await stage.ok('join', { sessionId, present: true });
    const pool = api.app.get(MediaPool);
    const audio = await pool.ingest(sessionId, 'audio', PATTERN_STREAMS.audio);
    const video = await pool.ingest(sessionId, 'video', PATTERN_STREAMS.video);
    sender = sendTestPattern({ audio, video });

    const { context, page } = await web.tab('zh-CN');
    try {
      await web.visit(page, `/live/${sessionId}`, 'account-zh-CN-live-playing');
      await page.waitForFunction(
        () => {
          const v = document.querySelector('video');
          return !!v && v.videoWidth > 0 && v.currentTime > 0.5;
        },
        undefined,
        { timeout: 30_000 },
      );
      const first = await page.evaluate(() => document.querySelector('video')!.currentTime);
      await page.waitForTimeout(1500);
      const playing = await page.evaluate(() => {
        const v = document.querySelector('video')!;
        return {
          width: v.videoWidth,
          time: v.currentTime,
          tracks: (v.srcObject as MediaStream)
            .getTracks()
            .map((t) => t.kind)
            .sort(),
        };
      });
      expect(playing.width).toBe(640);
      expect(playing.time).toBeGreaterThan(first);
      expect(playing.tracks).toEqual(['audio', 'video']);
      await expect(page.locator('#live-sound').isVisible()).resolves.toBe(true);
      await page.click('#live-sound');
      await expect(page.evaluate(() => document.querySelector('video')!.muted)).resolves.toBe(
        false,
      );
      await expectSoundPage(page, 'account-zh-CN-live-playing-sound');
    } finally {
      await context.close();
    }
  });
});

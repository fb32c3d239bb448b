import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { linkToken } from 'src/common/signed-token';
import { PROJECT_ROOT } from 'src/common/paths';
import { Invitation } from 'src/invitations/invitation.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { eventually, startWorker } from 'test/support/app';
import {
  createEvent,
  createUser,
  signedInOrganizer,
  TestUser,
  tokenFor,
} from 'test/support/factories';
import { bearer } from 'test/support/http';
import { cookiesOf, formTokenIn } from 'test/support/page-forms';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Organizer = Awaited<ReturnType<typeof signedInOrganizer>>;
type Viewport = { width: number; height: number };

const PHONE: Viewport = { width: 390, height: 844 };
const DESKTOP: Viewport = { width: 1280, height: 900 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Files as Excel on a Chinese Windows saves "CSV": GBK, CRLF, no byte-order mark. */
const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', name));
/** A validator's words, which no page may show. */
const DEVELOPER_WORDS =
  /必须是文本|不是允许的取值|must be a string|must be one of|should not be empty/;

jest.setTimeout(600_000);

describe('the desk: the files organizers really have, and forms checked once in plain words', () => {
  let web: WebHarness;
  let worker: INestApplicationContext;
  let organizer: Organizer;
  let expert: TestUser;

  beforeAll(async () => {
    await resetState();
    // A small size limit, so that an upload refused before any page can answer is tried too.
    const env = { IMPORT_MAX_BYTES: String(64 * 1024) };
    web = await startWebHarness(env);
    worker = await startWorker({ ...env, OUTBOX_POLL_MS: '100' });
    organizer = await signedInOrganizer(web.api.app);
    expert = await createUser(web.api.dataSource, { roles: ['expert'], name: '陈教授' });
  });
  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  const invitationsOf = (eventId: string) =>
    web.api.dataSource
      .getRepository(Invitation)
      .find({ where: { eventId }, order: { name: 'ASC' } });

  /** The template of `kind` as the page's link gives it, with rows added under its example. */
  async function templateWith(page: Page, rows: string[][]): Promise<Buffer> {
    const href = await page.locator('a[data-template]').getAttribute('href');
    const answer = await page.request.get(`${web.base}${href}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await answer.body());
    for (const row of rows) book.worksheets[0].addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  async function upload(page: Page, form: string, name: string, buffer: Buffer, type: string) {
    await page.setInputFiles(`${form} input[type=file]`, { name, mimeType: type, buffer });
    await page.click(`${form} button[type=submit]`);
  }

  /**
   * Uploads the file and waits for its report: the import's own page (followed by its script,
   * which shows the page again once the import is done) with the refused lines.
   */
  async function importThroughPage(
    page: Page,
    form: string,
    file: { name: string; buffer: Buffer; type: string },
  ) {
    const before = page.url();
    await upload(page, form, file.name, file.buffer, file.type);
    // The import's page, or else what the page said instead (a refusal or an upload problem).
    const said = page
      .locator('[data-upload-problem], main [role=alert]')
      .first()
      .waitFor({ timeout: 60_000 })
      .then(async () => page.locator('main').innerText())
      .catch((error: Error) => `no import page and nothing said: ${error.message}`);
    const moved = page.waitForURL(
      (url) => url.href !== before && /\/imports?\/[\w-]+$/.test(url.pathname),
      { timeout: 60_000 },
    );
    const outcome = await Promise.race([moved.then(() => undefined), said]);
    if (outcome !== undefined)
      throw new Error(`the upload did not lead to its import:\n${outcome}`);
    await page.locator('table.report').waitFor();
    await page.waitForLoadState('load');
  }

  /** A refused line of the report: its content, its column by the Chinese header, the reason. */
  async function expectRefused(page: Page, line: number, content: string, reason: string) {
    // A line with several problems has a row for each: the one with this reason.
    const row = page.locator(`table.report tr[data-line="${line}"]`, { hasText: reason });
    await expect(row.textContent()).resolves.toContain(content);
  }

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', DESKTOP],
    ['en', PHONE],
  ])(
    'invitations (%s, %o): a GBK CSV as Excel saves it and an XLSX from the template import through the page, refused lines shown with their content and Chinese column',
    async (locale, viewport) => {
      const shot = `desk-${locale}-${viewport.width}`;
      const eventId = await createEvent(web.api.http, organizer, { title: `名单导入 ${locale}` });
      const { context, page } = await web.tab(locale, viewport);
      try {
        await web.signIn(page, organizer.user.email, `/console/events/${eventId}/invitations`);
        await web.visit(page, `/console/events/${eventId}/invitations`, `${shot}-invitations`);
        const form = 'form[data-upload-form]';
        const gbk = fixture('invitees-excel-gbk.csv');
        await importThroughPage(page, form, {
          name: '邀请名单.csv',
          buffer: gbk,
          type: 'text/csv',
        });
        await expectSoundPage(page, `${shot}-gbk-report`);
        // 企业 and 学 are sectors; +86 with spaces is a mobile; the rest is refused, by line.
        await expectRefused(
          page,
          3,
          '王磊 | wang-at-example | 13900139001',
          '邮箱：不是有效的邮箱地址',
        );
        await expectRefused(page, 4, '1380013', '手机号：不是有效的手机号码');
        await expectRefused(page, 6, '军队', '所属类别（界别）：请从给出的选项中选择');
        await expect(page.locator('#upload-report').textContent()).resolves.not.toMatch(
          DEVELOPER_WORDS,
        );
        const invited = await invitationsOf(eventId);
        expect(invited.map((i) => [i.name, i.sector, i.mobile])).toEqual([
          ['刘洋', 'academia', '13700137001'],
          ['周婷', 'industry', '13800138001'],
        ]);

        // The template's example row and two more: one good, one with a bad mobile.
        const book = await templateWith(page, [
          ['吴敏', `wu.${viewport.width}@example.cn`, '', '成都银行', '金融机构', '投资人', 'en'],
          ['郑凯', '', '138001380', '某服务机构', '服务机构', '', ''],
        ]);
        await importThroughPage(page, form, { name: '邀请名单.xlsx', buffer: book, type: XLSX });
        await expectSoundPage(page, `${shot}-xlsx-report`);
        await expectRefused(page, 4, '138001380', '手机号：不是有效的手机号码');
        await expect(invitationsOf(eventId)).resolves.toEqual(
          expect.arrayContaining([
            expect.objectContaining({ name: '周婷', email: 'zhou.ting@example.cn' }),
            expect.objectContaining({ name: '吴敏', sector: 'finance', locale: 'en' }),
          ]),
        );
      } finally {
        await context.close();
      }
    },
  );

  it.each<[PageLocale, Viewport]>([
    ['en', DESKTOP],
    ['zh-CN', PHONE],
  ])(
    'results (%s, %o): a GBK CSV and an XLSX from the template import through the expert portal with a visible report',
    async (locale, viewport) => {
      const shot = `desk-${locale}-${viewport.width}-results`;
      const { context, page } = await web.tab(locale, viewport);
      const results = () =>
        web.api.dataSource.getRepository(ResearchResult).findBy({ ownerId: expert.id });
      try {
        await web.signIn(page, expert.email, '/expert/results/import');
        await web.visit(page, '/expert/results/import', `${shot}-import`);
        const before = (await results()).length;
        const gbk = fixture('results-excel-gbk.csv');
        await importThroughPage(page, 'form.portal-import', {
          name: '成果.csv',
          buffer: gbk,
          type: 'text/csv',
        });
        await expectSoundPage(page, `${shot}-gbk-report`);
        await expectRefused(
          page,
          3,
          '缺少名称的成果 | 新材料 | 5 | 四川大学',
          '成果名称：请填写成果名称',
        );
        await expectRefused(page, 4, '钙钛矿叠层电池', '技术成熟度：技术成熟度不能大于 9');
        await expect(page.locator('main').textContent()).resolves.not.toMatch(DEVELOPER_WORDS);
        const imported = await results();
        expect(imported.length - before).toBe(1);
        expect(imported.map((r) => r.title)).toContain('固态锂电池电解质');

        const book = await templateWith(page, [
          ['', '没有名称', '', '', '', '', '', '', '', '', '四川大学', '', '', ''],
        ]);
        await importThroughPage(page, 'form.portal-import', {
          name: '成果.xlsx',
          buffer: book,
          type: XLSX,
        });
        await expectSoundPage(page, `${shot}-xlsx-report`);
        await expectRefused(page, 3, '没有名称', '成果名称：请填写成果名称');
        await expect(results()).resolves.toHaveLength(before + 2);
      } finally {
        await context.close();
      }
    },
  );

  it('an upload refused before the page can answer (too large: JSON 413) is shown, not swallowed', async () => {
    const eventId = await createEvent(web.api.http, organizer, { title: '大文件' });
    const { context, page } = await web.tab('zh-CN', PHONE);
    try {
      await web.signIn(page, organizer.user.email, `/console/events/${eventId}/invitations`);
      const big = Buffer.from(`姓名,邮箱,界别\n${'某人,a@example.cn,企业\n'.repeat(4000)}`);
      await upload(page, 'form[data-upload-form]', 'big.csv', big, 'text/csv');
      const alert = page.locator('[data-upload-problem]');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain('文件超过大小上限');
      await expectSoundPage(page, 'desk-zh-CN-390-upload-too-large');
    } finally {
      await context.close();
    }
  });

  it('the import page shows an error answer of its progress and stops asking', async () => {
    const eventId = await createEvent(web.api.http, organizer, { title: '进度' });
    // A job nobody runs: the page follows it.
    const [job] = await web.api.dataSource.query<{ id: string }[]>(
      `INSERT INTO import_job (kind, owner_id, actor, target, total, batches)
       VALUES ('invitations', $1, '{}', $2, 10, 1) RETURNING id`,
      [organizer.user.id, JSON.stringify({ eventId })],
    );
    const { context, page } = await web.tab('en', DESKTOP);
    try {
      await web.signIn(page, organizer.user.email, `/console/events/${eventId}/invitations`);
      let asked = 0;
      // The session ended meanwhile: the API answers in JSON, as it does.
      await page.route('**/api/imports/*', (route) => {
        asked++;
        return route.fulfill({
          status: 401,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({ code: 'AUTH_REQUIRED', message: 'Please sign in', details: {} }),
        });
      });
      await page.goto(`${web.base}/console/events/${eventId}/invitations/imports/${job.id}`);
      const alert = page.locator('[data-upload-problem]');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe('Please sign in (AUTH_REQUIRED)');
      await expectSoundPage(page, 'desk-en-1280-progress-error');
      const after = asked;
      await page.waitForTimeout(1500);
      expect(asked).toBe(after);
    } finally {
      await context.close();
    }
  });

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', DESKTOP],
    ['en', PHONE],
  ])(
    'an empty registration form (%s, %o) shows every problem at once, beside its field, in plain words',
    async (locale, viewport) => {
      const eventId = await createEvent(web.api.http, organizer, { title: '报名表' });
      const { context, page } = await web.tab(locale, viewport);
      try {
        await web.visit(page, `/activities/${eventId}/register`, `desk-${locale}-register`);
        await page.click('form[action$="/register"] button[type=submit]');
        await page.locator('#sector-problem').waitFor();
        await expectSoundPage(page, `desk-${locale}-${viewport.width}-register-empty`);
        const problems = {
          name: locale === 'en' ? 'Please fill in the name' : '请填写姓名',
          email:
            locale === 'en'
              ? 'Please give a mobile number or an e-mail address (or both)'
              : '请填写手机号或邮箱（至少一项）',
          mobile:
            locale === 'en'
              ? 'Please give a mobile number or an e-mail address (or both)'
              : '请填写手机号或邮箱（至少一项）',
          sector: locale === 'en' ? 'Please choose the sector' : '请选择所属类别（界别）',
        };
        for (const [field, text] of Object.entries(problems))
          await expect(page.locator(`#${field}-problem`).textContent()).resolves.toBe(text);
        await expect(page.locator('main').textContent()).resolves.not.toMatch(DEVELOPER_WORDS);

        // A 6-digit "mobile" is refused as a mainland number would be.
        await page.fill('#name', '李明');
        await page.fill('#mobile', '123456');
        await page.click('form[action$="/register"] button[type=submit]');
        await page.locator('#mobile-problem').waitFor();
        await expect(page.locator('#mobile-problem').textContent()).resolves.toContain(
          locale === 'en' ? 'Not a mainland mobile number' : '不是有效的手机号码',
        );
      } finally {
        await context.close();
      }
    },
  );

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', DESKTOP],
    ['en', PHONE],
  ])(
    'an empty event form (%s, %o) names every missing field at once, in plain words',
    async (locale, viewport) => {
      const { context, page } = await web.tab(locale, viewport);
      try {
        await web.signIn(page, organizer.user.email, '/console/events/new');
        await page.fill('#title', '');
        await page.click('form.console-form button[type=submit]');
        await page.locator('#title-problem').waitFor();
        await expectSoundPage(page, `desk-${locale}-${viewport.width}-event-empty`);
        await expect(page.locator('#title-problem').textContent()).resolves.toBe(
          locale === 'en' ? 'Please fill in the event name' : '请填写活动名称',
        );
        await expect(page.locator('#startsAt-problem').textContent()).resolves.toBe(
          locale === 'en' ? 'Please fill in the start time' : '请填写开始时间',
        );
        await expect(page.locator('#endsAt-problem').textContent()).resolves.toBe(
          locale === 'en' ? 'Please fill in the end time' : '请填写结束时间',
        );
        await expect(page.locator('main').textContent()).resolves.not.toMatch(DEVELOPER_WORDS);
      } finally {
        await context.close();
      }
    },
  );

  it('declining an invitation redirects to its page: a refresh posts nothing again', async () => {
    const eventId = await createEvent(web.api.http, organizer, { title: '婉拒' });
    await web.api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({ invitees: [{ name: '孙悦', email: 'sun.decline@example.cn', sector: 'research' }] })
      .expect(201);
    const [invitation] = await invitationsOf(eventId);
    const token = linkToken(
      web.api.config.linkTokens,
      'invitation',
      invitation.id,
      new Date(Date.now() + 86_400_000),
    );
    const { context, page } = await web.tab('zh-CN', PHONE);
    try {
      await web.visit(page, `/invitations/${invitation.id}?token=${token}`, 'desk-invitation');
      await page.click('form[action*="/decline"] button[type=submit]');
      await page.waitForURL(/done=declined/);
      expect(new URL(page.url()).pathname).toBe(`/invitations/${invitation.id}`);
      await expectSoundPage(page, 'desk-zh-CN-390-declined');
      const posts: string[] = [];
      page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
      await page.reload();
      expect(posts).toEqual([]);
      await expect(page.getByRole('status').first().textContent()).resolves.toContain('婉拒');
    } finally {
      await context.close();
    }
  });

  it('the sign-in code and the reset, once sent, are pages of their own (303), not the answer to the POST', async () => {
    const signInPage = await web.api.http.get('/sign-in').expect(200);
    const cookie = cookiesOf(signInPage);
    const post = (path: string, form: Record<string, string>) =>
      web.api.http
        .post(path)
        .set('cookie', cookie)
        .type('form')
        .send({ ...form, _csrf: formTokenIn(signInPage.text) });
    const sent = await post('/sign-in/mobile/code', { mobile: '+86 139 0000 1111' }).expect(303);
    expect(sent.headers.location).toBe('/sign-in/mobile?done=sent&mobile=13900001111&next=%2F');
    const codePage = await web.api.http.get(sent.headers.location).expect(200);
    expect(codePage.text).toContain('name="code"');
    const reset = await post('/reset-password', { address: 'nobody@example.cn' }).expect(303);
    expect(reset.headers.location).toBe('/reset-password?done=sent');
  });

  it('the templates download and import again as they are, without a refused line', async () => {
    const eventId = await createEvent(web.api.http, organizer, { title: '模板' });
    const enterprise = await createUser(web.api.dataSource, { roles: ['enterprise'] });
    const enterpriseToken = await tokenFor(web.api.app, enterprise);
    const expertToken = await tokenFor(web.api.app, expert);
    const cases = [
      {
        kind: 'invitations',
        path: `/api/events/${eventId}/invitations.csv`,
        token: organizer.token,
      },
      { kind: 'results', path: '/api/results/import', token: expertToken },
      { kind: 'needs', path: '/api/needs/import', token: enterpriseToken },
    ];
    for (const { kind, path, token } of cases) {
      const template = await web.api.http
        .get(`/api/imports/templates/${kind}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(template.headers['content-type']).toBe(XLSX);
      expect(template.headers['content-disposition']).toContain(`${kind}.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template.body as Buffer);
      // Chinese headers, an example, and the notes naming what each column takes.
      expect(book.worksheets.map((s) => s.name)).toEqual(['导入 Import', '说明 Notes']);
      expect(book.worksheets[0].getRow(1).getCell(1).text).toMatch(/[\u4e00-\u9fa5]/);
      expect(book.worksheets[1].rowCount).toBe(book.worksheets[0].actualColumnCount + 1);
      const staged = await web.api.http
        .post(path)
        .set(bearer(token))
        .set('content-type', XLSX)
        .send(template.body as Buffer)
        .expect(202);
      const job = await eventually(async () => {
        const { body } = await web.api.http
          .get(`/api/imports/${(staged.body as { id: string }).id}`)
          .set(bearer(token))
          .expect(200);
        const state = body as { status: string };
        return state.status === 'done' ? state : undefined;
      }, `the ${kind} template imported`);
      expect(job).toMatchObject({ total: 1, imported: 1, errorTotal: 0, errors: [] });
    }
    await web.api.http.get('/api/imports/templates/payroll').expect(404);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { randomUUID } from 'node:crypto';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { Registration } from 'src/registrations/registration.entity';
import { Roadshow } from 'src/roadshows/roadshow.entity';
import { toWallClock } from 'src/common/time';
import { TestApi } from 'test/support/app';
import { launchBrowser } from 'test/support/browser';
import {
  createEvent,
  createUser,
  signedInAs,
  signedInOrganizer,
  tokenFor,
} from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Organizer = Awaited<ReturnType<typeof signedInOrganizer>>;
type Person = Awaited<ReturnType<typeof signedInAs>>;

interface Registered {
  id: string;
  name: string;
  checkInCode: string;
}

/** A Y4M video of the QR code the registration's own page shows, for Chromium's fake camera. */
async function qrVideo(code: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'program-qr-'));
  const png = join(dir, 'qr.png');
  const video = join(dir, 'qr.y4m');
  await QRCode.toFile(png, code, { width: 400, margin: 4 });
  execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-y', '-loop', '1', '-i', png, '-t', '2'],
    ...['-pix_fmt', 'yuv420p'],
    ...[
      '-vf',
      'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:white',
    ],
    video,
  ]);
  return video;
}

// Each page is checked with axe in Chromium; on a shared two-core machine that takes a while.
jest.setTimeout(300_000);

describe('program console pages in a real browser: roadshows, agenda, check-in, docking', () => {
  let web: WebHarness;
  let api: TestApi;
  let organizer: Organizer;
  let expert: Person;
  let eventId: string;
  let dockingEventId: string;
  const people: Registered[] = [];
  const resultTitle = '高性能硅碳负极材料';
  const at = (time: string) => `2027-04-16T${time}`;

  const tab = (locale: PageLocale, viewport?: { width: number; height: number }) =>
    web.tab(locale, viewport);
  const signIn = (page: Page, next: string) => web.signIn(page, organizer.user.email, next);
  const submitIn = async (page: Page, form: string, shot: string) => {
    await Promise.all([page.waitForLoadState('load'), page.click(`${form} button[type=submit]`)]);
    await expectSoundPage(page, shot);
  };
  const counter = (page: Page) => page.locator('[data-count="checkedIn"]').textContent();

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    api = web.api;
    organizer = await signedInOrganizer(api.app);
    expert = await signedInAs(api.app, ['expert'], '赵教授');
    eventId = await createEvent(api.http, organizer, {
      kind: 'roadshow',
      title: '校企双进·新材料专场成果路演',
      startsAt: '2027-04-16T09:00:00+08:00',
      endsAt: '2027-04-16T17:00:00+08:00',
    });
    const names = ['李明', '王芳', '张伟'];
    for (const [i, name] of names.entries()) {
      const { body } = await api.http
        .post(`/api/events/${eventId}/registrations`)
        .send({
          acceptPrivacy: true,
          name,
          email: `door${i}@example.cn`,
          mobile: `1390000${1000 + i}`,
          sector: 'industry',
        })
        .expect(201);
      people.push(body as Registered);
    }
    dockingEventId = await createEvent(
      api.http,
      organizer,
      {
        kind: 'precise_docking',
        visibility: 'closed_door',
        title: '新能源闭门精准对接会',
        startsAt: '2027-04-20T09:00:00+08:00',
        endsAt: '2027-04-20T17:00:00+08:00',
      },
      ['published'],
    );
  });

  afterAll(async () => {
    await web?.close();
  });

  it('accepts an expert’s roadshow, schedules it, and shows it and a room conflict in the agenda builder', async () => {
    const { context, page } = await tab('zh-CN');
    try {
      // The event's rooms are a list kept on its agenda page: 主会场 is on it before scheduling.
      await api.http
        .post(`/api/events/${eventId}/rooms`)
        .set(bearer(organizer.token))
        .send({ name: '主会场' })
        .expect(201);
      await signIn(page, `/console/events/${eventId}/roadshows`);
      await web.visit(
        page,
        `/console/events/${eventId}/roadshows`,
        'program-zh-CN-roadshows-empty',
      );
      await expect(page.getByText('尚未发布路演征集。').count()).resolves.toBe(1);

      // A deadline before the opening is refused beside the field, with what was typed kept.
      const opens = toWallClock(new Date(Date.now() - 86_400_000), 'Asia/Shanghai');
      await page.fill('#opensAt', opens);
      await page.fill('#closesAt', '2020-01-01T09:00');
      await page.fill('#fields', '新材料');
      await submitIn(
        page,
        'form[action$="/roadshows/call"]',
        'program-zh-CN-roadshows-call-refused',
      );
      await expect(page.locator('#closesAt-problem').textContent()).resolves.toContain(
        '截止时间须晚于开始时间',
      );
      await expect(page.inputValue('#opensAt')).resolves.toBe(opens);
      await expect(page.inputValue('#fields')).resolves.toBe('新材料');
      await page.fill('#closesAt', '2027-04-01T18:00');
      await submitIn(page, 'form[action$="/roadshows/call"]', 'program-zh-CN-roadshows-call');
      await expect(page.getByRole('status').textContent()).resolves.toBe('已保存路演征集。');
      await expect(page.getByText('征集中').count()).resolves.toBe(1);

      // The expert submits through the API.
      const resultId = await api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          title: resultTitle,
          summary: '循环寿命提升一倍的硅碳负极。',
          fields: ['新材料'],
          readinessLevel: 6,
          institutionName: '西南交通大学',
          published: true,
        })
        .expect(201)
        .then((r) => r.body.id as string);
      const roadshowId = await api.http
        .post(`/api/events/${eventId}/roadshows`)
        .set(bearer(expert.token))
        .send({ resultId, abstract: '硅碳负极中试成果，寻求产业化合作。' })
        .expect(201)
        .then((r) => r.body.id as string);

      await web.visit(
        page,
        `/console/events/${eventId}/roadshows`,
        'program-zh-CN-roadshows-submitted',
      );
      const card = page.locator(`article[data-roadshow="${resultTitle}"]`);
      await expect(card.locator('.tag').first().textContent()).resolves.toBe('待评审');
      await expect(card.getByText('赵教授').count()).resolves.toBeGreaterThan(0);
      await card.getByLabel('入选', { exact: true }).check();
      await card.getByLabel('决定说明').fill('成果成熟度高，安排上午主会场。');
      await submitIn(
        page,
        `form[action$="/${roadshowId}/decision"]`,
        'program-zh-CN-roadshows-accepted',
      );
      await expect(page.getByRole('status').textContent()).resolves.toBe(
        '已确定入选，并通知主讲人。',
      );
      const decided = await api.dataSource
        .getRepository(Roadshow)
        .findOneByOrFail({ id: roadshowId });
      expect([decided.status, decided.decisionNote]).toEqual([
        'accepted',
        '成果成熟度高，安排上午主会场。',
      ]);

      // Scheduled into the agenda: 10:00–10:30 in 主会场.
      await page.fill(`#startsAt-${roadshowId}`, at('10:00'));
      await page.fill(`#endsAt-${roadshowId}`, at('10:30'));
      await page.selectOption(`#room-${roadshowId}`, { label: '主会场' });
      await submitIn(
        page,
        `form[action$="/${roadshowId}/schedule"]`,
        'program-zh-CN-roadshows-scheduled',
      );
      await expect(page.getByRole('status').textContent()).resolves.toBe('已排入议程。');
      const item = await api.dataSource
        .getRepository(AgendaItem)
        .findOneOrFail({ where: { eventId }, relations: { room: true } });
      expect([item.title, item.room?.name, item.startsAt.toISOString()]).toEqual([
        resultTitle,
        '主会场',
        '2027-04-16T02:00:00.000Z',
      ]);

      await page.click('text=在议程编排中查看');
      await expectSoundPage(page, 'program-zh-CN-agenda-from-roadshow');
      await web.visit(page, `/console/events/${eventId}/agenda`, 'program-zh-CN-agenda');
      const room = page.locator('section.program-room', { hasText: '主会场' });
      await expect(room.locator(`tr[data-item="${resultTitle}"]`).textContent()).resolves.toContain(
        '赵教授',
      );
      await expect(page.getByText('草稿').count()).resolves.toBe(1);

      // A new item starts where the last one ends, for 30 minutes (not 14:00–14:00).
      await expect(page.inputValue('#startsAt')).resolves.toBe(at('10:30'));
      await expect(page.inputValue('#endsAt')).resolves.toBe(at('11:00'));
      // Rooms are a list: the one the roadshow was given is there; a twin spaced otherwise is refused.
      await page.fill('#name', '主 会 场');
      await submitIn(page, '#rooms form', 'program-zh-CN-agenda-room-twin');
      await expect(page.locator('#name-problem').textContent()).resolves.toContain('已有同名场地');
      await page.fill('#name', 'B 座 3 楼路演厅');
      await submitIn(page, '#rooms form', 'program-zh-CN-agenda-room-added');
      await expect(page.getByRole('status').textContent()).resolves.toBe(
        '已添加场地，可在环节中选择。',
      );
      await expect(page.locator('#roomId option').allTextContents()).resolves.toEqual(
        expect.arrayContaining(['未指定场地', '主会场', 'B 座 3 楼路演厅']),
      );
      // A second item overlapping in the same room: refused, the item in the way named, input kept.
      await page.selectOption('#kind', 'panel');
      await page.fill('#title', '新材料产业化圆桌');
      await page.selectOption('#roomId', { label: '主会场' });
      await page.fill('#startsAt', at('10:15'));
      await page.fill('#endsAt', at('10:45'));
      await submitIn(page, '#item-form form', 'program-zh-CN-agenda-conflict');
      await expect(page.locator('.program-conflict').textContent()).resolves.toContain(
        `与「${resultTitle}」（主会场`,
      );
      await expect(page.locator('#room-problem').textContent()).resolves.toBe(
        '该场地在此时间已有其他环节',
      );
      await expect(page.inputValue('#title')).resolves.toBe('新材料产业化圆桌');
      await expect(page.inputValue('#startsAt')).resolves.toBe(at('10:15'));
      await expect(page.inputValue('#kind')).resolves.toBe('panel');

      await page.fill('#startsAt', at('10:30'));
      await page.fill('#endsAt', at('11:15'));
      await submitIn(page, '#item-form form', 'program-zh-CN-agenda-added');
      await expect(page.getByRole('status').textContent()).resolves.toBe('已添加环节。');
      await expect(room.locator('tbody tr').count()).resolves.toBe(2);

      await page.getByRole('link', { name: '编辑：新材料产业化圆桌' }).click();
      await expectSoundPage(page, 'program-zh-CN-agenda-edit');
      await page.fill('#title', '新材料产业化圆桌对话');
      await submitIn(page, '#item-form form', 'program-zh-CN-agenda-saved');
      await expect(page.getByRole('status').textContent()).resolves.toBe('已保存环节。');
      await expect(room.locator('tr[data-item="新材料产业化圆桌对话"]').count()).resolves.toBe(1);

      await submitIn(page, 'form[action$="/agenda/publish"]', 'program-zh-CN-agenda-published');
      await expect(page.getByRole('status').textContent()).resolves.toBe(
        '议程已发布，已通知主讲人；有调整时已通知报名者。',
      );
      await expect(page.getByText('已发布', { exact: true }).count()).resolves.toBe(1);

      await page.getByRole('button', { name: '删除：新材料产业化圆桌对话' }).click();
      await page.waitForLoadState('load');
      await expectSoundPage(page, 'program-zh-CN-agenda-removed');
      await expect(api.dataSource.getRepository(AgendaItem).countBy({ eventId })).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });

  it('checks people in at the door on a phone: typed code, search, and the camera reading a QR code', async () => {
    const phone = { width: 390, height: 844 };
    const { context, page } = await tab('zh-CN', phone);
    const path = `/console/events/${eventId}/check-in`;
    const [first, second, third] = people;
    try {
      await signIn(page, path);
      await web.visit(page, path, 'program-zh-CN-check-in-phone');
      await expect(counter(page)).resolves.toBe('0');
      await expect(page.locator('[data-count="confirmed"]').textContent()).resolves.toBe('3');

      // The code field has the focus; codes are checked without reloading the page.
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('code');
      const bannerShows = (code: string, state: string) =>
        page.waitForFunction(
          ([c, s]) => {
            const banner = document.getElementById('door-banner')!;
            return banner.dataset.code === c && banner.dataset.state === s;
          },
          [code, state],
        );
      await page.keyboard.type('ZZZZ-ZZZZ');
      await page.keyboard.press('Enter');
      await bannerShows('ZZZZZZZZ', 'refused');
      await expectSoundPage(page, 'program-zh-CN-check-in-refused');
      await expect(page.locator('#door-banner').textContent()).resolves.toBe(
        '签到码无效：ZZZZZZZZ',
      );

      // Typed as read aloud: lower case, with a dash.
      const typed = `${first.checkInCode.slice(0, 5)}-${first.checkInCode.slice(5)}`.toLowerCase();
      await page.keyboard.type(typed);
      await page.keyboard.press('Enter');
      await bannerShows(first.checkInCode, 'ok');
      await expectSoundPage(page, 'program-zh-CN-check-in-typed');
      await expect(page.locator('#door-banner').textContent()).resolves.toBe(
        `已签到：${first.name}企业`,
      );
      await page.waitForFunction(
        () => document.querySelector('[data-count="checkedIn"]')?.textContent === '1',
      );

      await page.fill('#name', '王');
      await page.fill('#mobileLast4', '1001');
      await submitIn(page, 'form[method=get]', 'program-zh-CN-check-in-search');
      await page.getByRole('button', { name: `为${second.name}签到` }).click();
      await page.waitForLoadState('load');
      await expectSoundPage(page, 'program-zh-CN-check-in-searched');
      await expect(page.getByRole('status').first().textContent()).resolves.toBe(
        `已签到：${second.name}`,
      );
      await expect(counter(page)).resolves.toBe('2');
      await expect(page.locator('.program-hits').textContent()).resolves.toContain('已于');
    } finally {
      await context.close();
    }

    // The camera: Chromium's fake device plays a video of the third person's QR code.
    let cameraBrowser: Browser | undefined;
    try {
      cameraBrowser = await launchBrowser([
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${await qrVideo(third.checkInCode)}`,
      ]);
      const camera = await cameraBrowser.newContext({ locale: 'zh-CN', viewport: phone });
      await camera.grantPermissions(['camera'], { origin: web.base });
      const scanner = await camera.newPage();
      await signIn(scanner, path);
      await scanner.click('#scan-start');
      await scanner.waitForFunction(
        (name) => document.getElementById('door-banner')?.textContent === `已签到：${name}企业`,
        third.name,
        { timeout: 20_000 },
      );
      await scanner.waitForFunction(
        () => document.querySelector('[data-count="checkedIn"]')?.textContent === '3',
      );
      await expectSoundPage(scanner, 'program-zh-CN-check-in-camera');
    } finally {
      await cameraBrowser?.close();
    }
    const checkedIn = await api.dataSource
      .getRepository(Registration)
      .findOneByOrFail({ id: third.id });
    expect(checkedIn.checkedInAt).not.toBeNull();
  });

  it('sets the docking tables, shows the meetings by table and time, and calls one off', async () => {
    const enterprise = await createUser(api.dataSource, {
      roles: ['enterprise'],
      name: '天府锂能',
    });
    const scientist = await createUser(api.dataSource, { roles: ['expert'], name: '陈教授' });
    for (const user of [enterprise, scientist]) {
      await api.dataSource.getRepository(Registration).insert({
        eventId: dockingEventId,
        userId: user.id,
        name: user.name,
        email: user.email,
        mobile: null,
        organizationName: null,
        sector: user.roles.includes('expert') ? 'academia' : 'industry',
        status: 'confirmed',
        answers: {},
        locale: 'zh-CN',
        confirmedAt: new Date(),
        cancelledAt: null,
        checkInCode: randomUUID().slice(0, 12),
        checkedInAt: null,
        checkedInBy: null,
      });
    }
    const { context, page } = await tab('en');
    const path = `/console/events/${dockingEventId}/docking`;
    try {
      await signIn(page, path);
      await web.visit(page, path, 'program-en-docking-empty');
      const tooLong = 'T'.repeat(51);
      await page.fill('#tables', `Table 1\n${tooLong}`);
      await submitIn(page, 'form[action$="/docking/tables"]', 'program-en-docking-tables-refused');
      await expect(page.inputValue('#tables')).resolves.toBe(`Table 1\n${tooLong}`);
      await expect(page.locator('#tables-problem').count()).resolves.toBe(1);
      await page.fill('#tables', '1号桌\n2号桌');
      await submitIn(page, 'form[action$="/docking/tables"]', 'program-en-docking-tables');
      await expect(page.getByRole('status').textContent()).resolves.toBe('The tables were saved.');

      const meetingId = await api.http
        .post(`/api/events/${dockingEventId}/docking/meetings`)
        .set(bearer(await tokenFor(api.app, enterprise)))
        .send({
          counterpartId: scientist.id,
          startsAt: '2027-04-20T10:00:00+08:00',
          endsAt: '2027-04-20T10:30:00+08:00',
        })
        .expect(201)
        .then((r) => r.body.id as string);
      await api.http
        .post(`/api/docking/meetings/${meetingId}/answer`)
        .set(bearer(await tokenFor(api.app, scientist)))
        .send({ answer: 'accepted' })
        .expect(200);

      await web.visit(page, path, 'program-en-docking-grid');
      const row = page.locator('table.program-grid tbody tr', { hasText: '1号桌' });
      await expect(row.textContent()).resolves.toContain('天府锂能 × 陈教授');
      await expect(row.locator('.tag').textContent()).resolves.toBe('Accepted');
      await row.getByRole('button', { name: 'Call off: 天府锂能 × 陈教授' }).click();
      await page.waitForLoadState('load');
      // Calling a meeting off asks first, on a page of its own, naming both sides.
      await expectSoundPage(page, 'program-en-docking-cancel-confirm');
      await expect(page.locator('.confirm-question').textContent()).resolves.toContain('陈教授');
      await page.locator('.confirm button.danger').click();
      await page.waitForLoadState('load');
      await expectSoundPage(page, 'program-en-docking-cancelled');
      await expect(page.getByRole('status').textContent()).resolves.toBe(
        'The meeting was called off.',
      );
      const meeting = await api.dataSource
        .getRepository(DockingMeeting)
        .findOneByOrFail({ id: meetingId });
      expect(meeting.status).toBe('cancelled');
    } finally {
      await context.close();
    }
  });

  it.each(['zh-CN', 'en'] as const)(
    'renders every program page in %s, accessibly',
    async (locale) => {
      const { context, page } = await tab(locale);
      try {
        await signIn(page, `/console/events/${eventId}/check-in`);
        for (const section of ['check-in', 'agenda', 'roadshows', 'docking']) {
          await web.visit(
            page,
            `/console/events/${eventId}/${section}`,
            `program-${locale}-${section}`,
          );
          await expect(page.locator('h1').count()).resolves.toBe(1);
          await expect(page.locator('.console-nav [aria-current="page"]').count()).resolves.toBe(1);
        }
        await web.visit(
          page,
          `/console/events/${dockingEventId}/docking`,
          `program-${locale}-docking`,
        );
        await expect(page.locator('h1').textContent()).resolves.toBe(
          locale === 'zh-CN' ? '对接洽谈安排' : 'Docking schedule',
        );
      } finally {
        await context.close();
      }
    },
  );

  it('keeps the pages to the event’s organizers', async () => {
    const outsider = await createUser(api.dataSource, { roles: ['organizer'] });
    const { context, page } = await tab('zh-CN');
    try {
      await web.signIn(page, outsider.email, '/');
      const response = await page.goto(`${web.base}/console/events/${eventId}/check-in`);
      expect(response?.status()).toBe(403);
      await expectSoundPage(page, 'program-zh-CN-not-organizer');
    } finally {
      await context.close();
    }
  });
});

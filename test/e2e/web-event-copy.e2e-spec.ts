import { Event } from 'src/events/event.entity';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Viewport = { width: number; height: number };
const PHONE: Viewport = { width: 390, height: 844 };
const DESKTOP: Viewport = { width: 1366, height: 900 };
/** Next year's events: a Thursday afternoon, 14:00 to 17:00 in Chengdu. */
const YEAR = new Date().getFullYear() + 1;
const DAY = `${YEAR}-03-18`;

jest.setTimeout(600_000);

/**
 * Copying an event to a new date on the console's event page, in both languages on a phone and a
 * desk: the form offers the same weekday a week later at the event's start time; a past or
 * malformed date is refused with every problem beside its field at once; the copy lands on the new
 * draft (Post/Redirect/Get) with its new times, its agenda moved as far.
 */
describe('copying an event to a new date (real browser)', () => {
  let web: WebHarness;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let eventId: string;

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    organizer = await signedInOrganizer(web.api.app);
    eventId = await createEvent(web.api.http, organizer, {
      title: '校企双进·周四沙龙',
      startsAt: `${DAY}T14:00:00+08:00`,
      endsAt: `${DAY}T17:00:00+08:00`,
    });
    await web.api.http
      .post(`/api/events/${eventId}/agenda`)
      .set(bearer(organizer.token))
      .send({
        kind: 'opening',
        title: '开场致辞',
        room: '主会场',
        startsAt: `${DAY}T14:00:00+08:00`,
        endsAt: `${DAY}T14:30:00+08:00`,
      })
      .expect(201);
  });
  afterAll(async () => {
    await web?.close();
  });

  const copies = () =>
    web.api.dataSource.getRepository(Event).countBy({ title: '校企双进·周四沙龙（副本）' });

  it.each<[PageLocale, Viewport, string]>([
    ['zh-CN', PHONE, '04-08'],
    ['zh-CN', DESKTOP, '04-15'],
    ['en', PHONE, '04-22'],
    ['en', DESKTOP, '04-29'],
  ])(
    'copies to a new date (%s, %o), refusing a past or malformed one first',
    async (locale, viewport, to) => {
      const en = locale === 'en';
      const shot = `event-copy-${locale}-${viewport.width}`;
      const { context, page } = await web.tab(locale, viewport);
      try {
        await web.signIn(page, organizer.user.email, `/console/events/${eventId}`);
        await expectSoundPage(page, `${shot}-offered`);
        // Offered: the same weekday a week later, at the event's start time.
        await expect(page.inputValue('#copyDay')).resolves.toBe(`${YEAR}-03-25`);
        await expect(page.inputValue('#copyTime')).resolves.toBe('14:00');
        await expect(page.locator('label[for="copyDay"]').textContent()).resolves.toBe(
          en ? 'New date' : '新活动日期',
        );

        // A past day, and a time typed where the browser has no time picker: both refused at once.
        const before = await copies();
        await page.fill('#copyDay', '2020-03-05');
        await page.evaluate(() =>
          document.getElementById('copyTime')!.setAttribute('type', 'text'),
        );
        await page.fill('#copyTime', 'soon');
        const [refused] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/copy') && r.request().method() === 'POST'),
          page.click('form.copy-form button[type=submit]'),
        ]);
        expect(refused.status()).toBe(400);
        await page.waitForLoadState();
        await expectSoundPage(page, `${shot}-refused`);
        await expect(page.locator('form.copy-form [role=alert]').textContent()).resolves.toBe(
          en
            ? 'Nothing was copied: please correct what is marked below.'
            : '没有复制，请修改下面标出的内容。',
        );
        await expect(page.locator('#copyDay-problem').textContent()).resolves.toBe(
          en
            ? 'The new start has already passed: please choose a later date'
            : '新活动的开始时间已经过去，请选择以后的日期',
        );
        await expect(page.locator('#copyTime-problem').textContent()).resolves.toBe(
          en
            ? 'Please give the start time as hours and minutes, like 14:00'
            : '请填写有效的开始时间，如 14:00',
        );
        // What was typed stays in the form; nothing was copied.
        await expect(page.inputValue('#copyDay')).resolves.toBe('2020-03-05');
        await expect(copies()).resolves.toBe(before);

        // Put right: the copy lands on its own draft, at the new date with its agenda moved.
        await page.fill('#copyDay', `${YEAR}-${to}`);
        await page.fill('#copyTime', '09:30');
        await page.click('form.copy-form button[type=submit]');
        await page.waitForURL(/\/console\/events\/[\w-]+\?done=copiedTo$/);
        const copyId = /\/console\/events\/([\w-]+)\?/.exec(page.url())![1];
        expect(copyId).not.toBe(eventId);
        await expectSoundPage(page, `${shot}-copied`);
        await expect(page.locator('p.notice').textContent()).resolves.toBe(
          en
            ? 'Copied into a new draft, the event and its agenda moved to the new date together: check them, then publish it.'
            : '已复制为新的活动草稿，活动与议程已整体移到新的日期：请核对后发布。',
        );
        await expect(page.inputValue('#startsAt')).resolves.toBe(`${YEAR}-${to}T09:30`);
        await expect(page.inputValue('#endsAt')).resolves.toBe(`${YEAR}-${to}T12:30`);
        await expect(page.locator('[data-status="draft"]').count()).resolves.toBeGreaterThan(0);
        const agenda = await web.api.http
          .get(`/api/events/${copyId}/agenda`)
          .set(bearer(organizer.token))
          .expect(200);
        expect(agenda.body.items).toMatchObject([
          {
            title: '开场致辞',
            startsAt: new Date(`${YEAR}-${to}T09:30:00+08:00`).toISOString(),
            endsAt: new Date(`${YEAR}-${to}T10:00:00+08:00`).toISOString(),
          },
        ]);
        // A refresh reads the draft again: nothing is posted twice.
        await page.reload();
        await expect(copies()).resolves.toBe(before + 1);
        // The original is as it was.
        const original = await web.api.http
          .get(`/api/events/${eventId}`)
          .set(bearer(organizer.token))
          .expect(200);
        expect(original.body.startsAt).toBe(new Date(`${DAY}T14:00:00+08:00`).toISOString());
      } finally {
        await context.close();
      }
    },
  );
});

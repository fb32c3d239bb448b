import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Page } from 'playwright-core';
import { newCheckInCode } from 'src/registrations/check-in-code';
import { Registration } from 'src/registrations/registration.entity';
import { eventually, startWorker } from 'test/support/app';
import { SCREENSHOTS } from 'test/support/browser';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmsGateway, TestSmsGateway } from 'test/support/sms-gateway';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';
import { expectSoundPage, PageLocale, startWebHarness, WebHarness } from 'test/support/web';

type Organizer = Awaited<ReturnType<typeof signedInOrganizer>>;
type Viewport = { width: number; height: number };

const SMS = { SMS_KEY: 'test-key', SMS_SECRET: 'test-secret', SMS_SIGN: '【对接平台】' };
const PHONE: Viewport = { width: 390, height: 844 };
const DESKTOP: Viewport = { width: 1280, height: 900 };
/** How many times one contact may ask for its link (or register) in an hour, in this suite. */
const PER_CONTACT = 4;

// Every page is checked with axe in Chromium, and 250 scans are typed: it takes a while.
jest.setTimeout(600_000);

describe('the door and the desk in a real browser: the ticket, the link again, check-in at the door', () => {
  let web: WebHarness;
  let smtp: TestSmtp;
  let gateway: TestSmsGateway;
  let worker: INestApplicationContext;
  let organizer: Organizer;
  let eventId: string;
  let doorEventId: string;

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    gateway = await startSmsGateway(SMS.SMS_KEY, SMS.SMS_SECRET);
    const env = {
      ...SMS,
      SMS_URL: gateway.url,
      SMTP_URL: smtp.url,
      GUEST_REGISTRATIONS_PER_CONTACT: String(PER_CONTACT),
      GUEST_REGISTRATIONS_PER_ADDRESS: '1000',
    };
    web = await startWebHarness(env);
    worker = await startWorker({ ...env, OUTBOX_POLL_MS: '100' });
    organizer = await signedInOrganizer(web.api.app);
    eventId = await createEvent(web.api.http, organizer, {
      title: '校企双进·新能源专场',
      venueAddress: '成都市高新区天府大道北段 1700 号',
      venueRoom: '环球中心 B 座 3 楼报告厅',
      startsAt: '2027-05-18T09:00:00+08:00',
      endsAt: '2027-05-18T17:30:00+08:00',
    });
    doorEventId = await createEvent(web.api.http, organizer, {
      title: '菁蓉汇·校企双进 年度大会',
      capacity: 1000,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await web?.close();
    await gateway?.close();
    await smtp?.close();
  });

  const registrationsOf = (email: string) =>
    web.api.dataSource.getRepository(Registration).findBy({ eventId, email });
  const textsTo = (phone: string, count: number) =>
    eventually(async () => {
      const texts = gateway.received.filter((t) => t.phone === phone).map((t) => t.content);
      return texts.length >= count ? texts : undefined;
    }, `${count} text messages to ${phone}`);
  const mailTo = (email: string, subject: RegExp) =>
    eventually(
      async () => smtp.received.find((m) => m.to.includes(email) && subject.test(m.subject)),
      `a message to ${email}`,
    );

  async function registerThroughForm(page: Page, person: Record<string, string>): Promise<void> {
    await web.visit(page, `/activities/${eventId}/register`, `door-${person.shot}-register`);
    await page.fill('#name', person.name);
    await page.fill('#email', person.email);
    await page.fill('#mobile', person.mobile);
    await page.fill('#organizationName', person.organization);
    await page.selectOption('#sector', 'industry');
    await page.check('input[name=acceptPrivacy]');
    await page.click('form[action$="/register"] button[type=submit]');
  }

  it.each<[PageLocale, Viewport, string]>([
    ['zh-CN', DESKTOP, '13700137001'],
    ['en', PHONE, '13700137002'],
  ])(
    'after registering (%s, %o) the registrant lands on their ticket: QR, time, full place, calendar, cancel that asks first; the code comes by e-mail and SMS',
    async (locale, viewport, mobile) => {
      const shot = `${locale}-${viewport.width}`;
      const email = `ticket.${viewport.width}@example.cn`;
      const { context, page } = await web.tab(locale, viewport);
      try {
        await registerThroughForm(page, {
          shot,
          name: locale === 'en' ? 'Li Ming' : '李明',
          email,
          mobile,
          organization: '蜀能新材料有限公司',
        });
        // Post/Redirect/Get: the registration's own page, opened by its link's token.
        await page.waitForURL(/\/registrations\/[\w-]+\?/);
        const url = new URL(page.url());
        const [registration] = await registrationsOf(email);
        expect(url.pathname).toBe(`/registrations/${registration.id}`);
        expect(url.searchParams.get('done')).toBe('registered');
        expect(url.searchParams.get('token')).toBeTruthy();
        await expectSoundPage(page, `door-${shot}-ticket`);
        await expect(page.getByRole('status').textContent()).resolves.toContain(
          locale === 'en' ? 'This page is your ticket' : '本页就是您的入场凭证',
        );
        await expect(page.locator('#check-in-code').textContent()).resolves.toBe(
          registration.checkInCode,
        );
        await expect(page.locator('.qr svg').isVisible()).resolves.toBe(true);
        await expect(page.locator('#ticket-when').textContent()).resolves.toMatch(
          /(2027.*5.*18|18 May 2027).*09:00/,
        );
        await expect(page.locator('#ticket-where').textContent()).resolves.toBe(
          '成都市高新区天府大道北段 1700 号 环球中心 B 座 3 楼报告厅',
        );
        const calendarUrl = await page.locator('#ticket-calendar').getAttribute('href');
        const calendar = await page.request.get(`${web.base}${calendarUrl}`);
        expect(calendar.headers()['content-type']).toMatch(/^text\/calendar/);
        const ics = await calendar.text();
        expect(ics).toContain('BEGIN:VEVENT');
        expect(ics).toContain('校企双进·新能源专场');
        // Reloading the ticket does not register again.
        await page.reload();
        await expect(registrationsOf(email)).resolves.toHaveLength(1);

        // The code by e-mail and, as a mobile was given, by text message too.
        const [text] = await textsTo(mobile, 1);
        expect(text).toContain(registration.checkInCode!);
        expect(text).toContain(`/registrations/${registration.id}?token=`);
        const mail = await mailTo(email, /./);
        expect(mail.text).toContain(registration.checkInCode!);

        // Cancelling asks first; "no" keeps the seat, "yes" gives it up.
        await page.click('#ticket-cancel');
        await page.waitForURL(/\/cancel\?token=/);
        await expectSoundPage(page, `door-${shot}-cancel-ask`);
        await expect(registrationsOf(email)).resolves.toMatchObject([{ status: 'confirmed' }]);
        await page.click(`a[href^="/registrations/${registration.id}?token="]`);
        await page.waitForURL(/\/registrations\/[\w-]+\?token=/);
        await page.click('#ticket-cancel');
        await page.waitForURL(/\/cancel\?token=/);
        await page.click('form[action*="/cancel"] button[type=submit]');
        await page.waitForURL(/done=cancelled/);
        await expectSoundPage(page, `door-${shot}-cancelled`);
        await expect(registrationsOf(email)).resolves.toMatchObject([{ status: 'cancelled' }]);
      } finally {
        await context.close();
      }
    },
  );

  it.each<[PageLocale, Viewport]>([
    ['en', DESKTOP],
    ['zh-CN', PHONE],
  ])(
    'sends the link again from the event page (%s, %o), the same answer for an address nobody registered with, limited per contact',
    async (locale, viewport) => {
      const shot = `${locale}-${viewport.width}`;
      const mobile = locale === 'en' ? '13600136001' : '13600136002';
      const email = `again.${viewport.width}@example.cn`;
      const { context, page } = await web.tab(locale, viewport);
      const ask = async (contact: string) => {
        await page.fill('#contact', contact);
        const [answer] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.click('form[action$="/registration-link"] button[type=submit]'),
        ]);
        await page.waitForLoadState('load');
        return answer.status();
      };
      try {
        await registerThroughForm(page, { shot, name: '周婷', email, mobile, organization: '' });
        await page.waitForURL(/\/registrations\//);
        const [registration] = await registrationsOf(email);
        await textsTo(mobile, 1);

        // "Already registered": the refusal points to getting the link again.
        await registerThroughForm(page, { shot, name: '周婷', email, mobile, organization: '' });
        await page.waitForSelector('[role=alert] a[href$="#registration-link"]');
        await expectSoundPage(page, `door-${shot}-already-registered`);
        await page.click('[role=alert] a[href$="#registration-link"]');
        await page.waitForURL(new RegExp(`/activities/${eventId}#registration-link$`));

        expect(
          await ask(`+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`),
        ).toBe(303);
        const sent = await page.getByRole('status').textContent();
        await expectSoundPage(page, `door-${shot}-link-sent`);
        expect(await ask(`nobody.${viewport.width}@example.cn`)).toBe(303);
        await expect(page.getByRole('status').textContent()).resolves.toBe(sent);

        // The text names the registration's page, which opens with its ticket.
        const [, again] = await textsTo(mobile, 2);
        const link = /(http\S+\/registrations\/\S+)/.exec(again)?.[1];
        expect(link).toContain(`/registrations/${registration.id}?token=`);
        const ticket = new URL(link!);
        await web.visit(page, `${ticket.pathname}${ticket.search}`, `door-${shot}-ticket-again`);
        await expect(page.locator('#check-in-code').textContent()).resolves.toBe(
          registration.checkInCode,
        );
        // Nobody registered with the other address: nothing was sent to it.
        const toNobody = await web.api.dataSource.query<unknown[]>(
          `SELECT 1 FROM outbox_message WHERE recipient = $1`,
          [`nobody.${viewport.width}@example.cn`],
        );
        expect(toNobody).toEqual([]);

        // Asking again and again for one contact is limited (GUEST_REGISTRATIONS_PER_CONTACT an hour).
        await page.goto(`${web.base}/activities/${eventId}`);
        let status = 303;
        for (let i = 0; i < PER_CONTACT && status === 303; i++) status = await ask(mobile);
        expect(status).toBe(429);
        await expectSoundPage(page, `door-${shot}-link-limited`);
      } finally {
        await context.close();
      }
    },
  );

  it('sends the link again through the API too: 202 for any address, the message only to a registrant, limited per contact', async () => {
    const email = 'api.again@example.cn';
    const registered = await web.api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ acceptPrivacy: true, name: '黄磊', email, sector: 'finance' })
      .expect(201);
    const id = (registered.body as { id: string }).id;
    const ask = (contact: string) =>
      web.api.http.post(`/api/events/${eventId}/registration-link`).send({ contact });
    await ask(email.toUpperCase()).expect(202);
    await ask('api.nobody@example.cn').expect(202);
    const mail = await mailTo(email, /报名页/);
    expect(mail.text).toContain(`/registrations/${id}?token=`);
    await expect(
      web.api.dataSource.query(`SELECT 1 FROM outbox_message WHERE recipient = $1`, [
        'api.nobody@example.cn',
      ]),
    ).resolves.toEqual([]);
    for (let i = 1; i < PER_CONTACT; i++) await ask(email).expect(202);
    const limited = await ask(email).expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    await ask('').expect(400);
    // A closed door's people answer by their invitation's link: no such request there.
    const closed = await createEvent(
      web.api.http,
      organizer,
      { visibility: 'closed_door', kind: 'precise_docking' },
      ['published'],
    );
    await web.api.http
      .post(`/api/events/${closed}/registration-link`)
      .send({ contact: email })
      .expect(404);
  });

  /** `count` confirmed registrants of the door's event, with their codes. */
  async function registrants(count: number, prefix: string): Promise<Registration[]> {
    const repository = web.api.dataSource.getRepository(Registration);
    const sectors = ['industry', 'academia', 'finance', 'research', 'government'] as const;
    const rows = Array.from({ length: count }, (_, i) =>
      repository.create({
        eventId: doorEventId,
        userId: null,
        name: `${prefix}${String(i + 1).padStart(3, '0')}`,
        email: `${prefix.toLowerCase()}${i}@door.example.cn`,
        mobile: null,
        organizationName: `第${i + 1}研究所`,
        sector: sectors[i % sectors.length],
        status: 'confirmed',
        queueNumber: String(i + 1),
        answers: {},
        locale: 'zh-CN',
        confirmedAt: new Date(),
        cancelledAt: null,
        checkInCode: newCheckInCode(),
        checkedInAt: null,
        checkedInBy: null,
      }),
    );
    await repository.insert(rows);
    return rows;
  }

  const checkInPath = () => `/console/events/${doorEventId}/check-in`;
  const banner = (page: Page) =>
    page.evaluate(() => {
      const element = document.getElementById('door-banner')!;
      return {
        state: element.dataset.state,
        code: element.dataset.code,
        text: element.textContent,
      };
    });
  /** A scanner gun: the code as key presses, then Enter; answered when the banner shows it. */
  async function scanGun(page: Page, code: string, state: string): Promise<number> {
    const started = performance.now();
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ([c, s]) => {
        const b = document.getElementById('door-banner')!;
        return b.dataset.code === c && b.dataset.state === s;
      },
      [code, state],
    );
    return performance.now() - started;
  }
  /** Marks the page: a reload (a form posted) would lose the mark. */
  const markPage = (page: Page) =>
    page.evaluate(() => ((window as unknown as { doorMark: number }).doorMark = 42));
  const stillMarked = (page: Page) =>
    page.evaluate(() => (window as unknown as { doorMark?: number }).doorMark);
  async function openDoor(page: Page, shot: string): Promise<void> {
    await web.signIn(page, organizer.user.email, checkInPath());
    await web.visit(page, checkInPath(), shot);
    await page.waitForSelector('.door[data-ready="true"][data-roster]');
  }

  it.each<[PageLocale, Viewport]>([
    ['zh-CN', PHONE],
    ['en', DESKTOP],
  ])(
    'checks in at the door (%s, %o): the code field first and focused, no reload, who came and who came already',
    async (locale, viewport) => {
      const shot = `${locale}-${viewport.width}`;
      const [first, second] = await registrants(2, locale === 'en' ? 'Guest' : '嘉宾');
      const { context, page } = await web.tab(locale, viewport);
      try {
        await openDoor(page, `door-${shot}-check-in`);
        // The field has the focus, and it and the camera are on the first screen; menus fold.
        await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('code');
        for (const selector of ['#code', '#scan-start', '#door-form button']) {
          const box = (await page.locator(selector).boundingBox())!;
          expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        }
        await expect(page.locator('details.menu[open]').count()).resolves.toBe(0);
        await expect(page.locator('.console-nav a[href$="/agenda"]').isVisible()).resolves.toBe(
          false,
        );
        await markPage(page);

        // Typed as read aloud, lower case with a dash.
        const typed = `${first.checkInCode!.slice(0, 5)}-${first.checkInCode!.slice(5)}`;
        await page.keyboard.type(typed.toLowerCase());
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.getElementById('door-banner')!.dataset.state);
        const sector = locale === 'en' ? 'Industry' : '企业';
        await expect(banner(page)).resolves.toMatchObject({
          state: 'ok',
          text: expect.stringContaining(first.name),
        });
        await expect(banner(page)).resolves.toMatchObject({
          text: expect.stringMatching(new RegExp(`${first.organizationName}.*${sector}`)),
        });
        await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('code');
        await expect(page.inputValue('#code')).resolves.toBe('');
        await expectSoundPage(page, `door-${shot}-checked-in`);

        // Scanned again: who, and since when.
        await scanGun(page, first.checkInCode!, 'already');
        const already = await banner(page);
        expect(already.text).toContain(first.name);
        expect(already.text).toMatch(/\d{1,2}:\d{2}/);
        await expectSoundPage(page, `door-${shot}-already`);
        await scanGun(page, 'ZZZZZZZZZZ', 'refused');
        await scanGun(page, second.checkInCode!, 'ok');
        await expect(stillMarked(page)).resolves.toBe(42);
        await page.waitForFunction(
          () => document.querySelector('[data-count="checkedIn"]')?.textContent !== '0',
        );
        const rows = await web.api.dataSource
          .getRepository(Registration)
          .findBy([{ id: first.id }, { id: second.id }]);
        expect(rows.map((r) => r.checkedInAt !== null)).toEqual([true, true]);
      } finally {
        await context.close();
      }
    },
  );

  it('checks 200 people in through the page as a scanner gun types their codes, with no reload', async () => {
    const people = await registrants(200, '来宾');
    const { context, page } = await web.tab('zh-CN', DESKTOP);
    try {
      await openDoor(page, 'door-zh-CN-scanner-gun');
      await markPage(page);
      const times: number[] = [];
      for (const person of people) times.push(await scanGun(page, person.checkInCode!, 'ok'));
      await expect(stillMarked(page)).resolves.toBe(42);
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const p95 = times[Math.ceil(times.length * 0.95) - 1];
      console.log(
        `200 scans through the check-in page: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(1)} ms per scan`,
      );
      const [{ checked }] = await web.api.dataSource.query<{ checked: number }[]>(
        `SELECT count(*)::int AS checked FROM registration
          WHERE id = ANY($1) AND checked_in_at IS NOT NULL AND checked_in_by = $2`,
        [people.map((p) => p.id), organizer.user.id],
      );
      expect(checked).toBe(200);
      await expectSoundPage(page, 'door-zh-CN-scanner-gun-done');
    } finally {
      await context.close();
    }
  });

  it('keeps checking in with the network cut: 50 scans queue, sync once it returns, none twice, the conflicts shown', async () => {
    const people = await registrants(50, '离线');
    const [elsewhere] = await registrants(1, '另一入口');
    const { context, page } = await web.tab('zh-CN', PHONE);
    try {
      await openDoor(page, 'door-zh-CN-offline-start');
      await page.waitForFunction(
        (n) => Number(document.querySelector<HTMLElement>('.door')!.dataset.roster) >= n,
        51,
      );
      await context.setOffline(true);
      for (const person of people) await scanGun(page, person.checkInCode!, 'queued');
      // The same person again, offline: the device knows them as checked in.
      await scanGun(page, people[0].checkInCode!, 'already');
      await scanGun(page, elsewhere.checkInCode!, 'queued');
      await expect(page.locator('#door-queue').getAttribute('data-pending')).resolves.toBe('51');
      await expectSoundPage(page, 'door-zh-CN-offline-queued');
      // Nothing reached the server meanwhile; another door checks one of them in.
      const checkedIn = () =>
        web.api.dataSource.query<{ id: string; key: string | null; at: Date }[]>(
          `SELECT id, check_in_key AS key, checked_in_at AS at FROM registration
            WHERE id = ANY($1) AND checked_in_at IS NOT NULL ORDER BY id`,
          [[...people, elsewhere].map((p) => p.id)],
        );
      await expect(checkedIn()).resolves.toEqual([]);
      await web.api.http
        .post(`/api/events/${doorEventId}/check-ins`)
        .set(bearer(organizer.token))
        .send({ code: elsewhere.checkInCode })
        .expect(200);

      const reconnected = new Date();
      await context.setOffline(false);
      await page.waitForFunction(
        () => document.getElementById('door-queue')?.dataset.pending === '0',
        undefined,
        { timeout: 60_000 },
      );
      await expect(page.locator('#door-conflicts li').allTextContents()).resolves.toEqual([
        expect.stringContaining(elsewhere.name),
      ]);
      await expectSoundPage(page, 'door-zh-CN-offline-synced');
      const rows = await checkedIn();
      expect(rows).toHaveLength(51);
      // Each of the 50 checked in once, under the key its scan was queued with.
      const keys = rows.filter((r) => r.id !== elsewhere.id).map((r) => r.key);
      expect(new Set(keys).size).toBe(50);
      expect(keys.every((k) => k !== null)).toBe(true);
      // Each checked in at the time it was scanned, not when the queue reached the server.
      const times = rows.filter((r) => r.id !== elsewhere.id).map((r) => r.at.getTime());
      expect(Math.max(...times)).toBeLessThan(reconnected.getTime());

      // The queue synced twice (an answer lost): the same key is the same check-in, not a second.
      const first = rows.find((r) => r.id === people[0].id)!;
      const replay = await page.evaluate(
        async ([url, code, key]) => {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            credentials: 'same-origin',
            body: JSON.stringify({ code, idempotencyKey: key }),
          });
          return response.status;
        },
        [`/api/events/${doorEventId}/check-ins`, people[0].checkInCode!, first.key!],
      );
      expect(replay).toBe(200);
      const after = await checkedIn();
      expect(after.find((r) => r.id === people[0].id)!.at).toEqual(first.at);
      // The device's copy of the registrants is a bulk view of their personal data, on record.
      const views = await web.api.dataSource.query<{ actor: string; people: number }[]>(
        `SELECT actor_id AS actor, people FROM audit_entry
          WHERE subject_type = 'personal_data' AND action = 'bulk_view' AND subject_id = $1
            AND after->>'list' = 'check-in roster'`,
        [doorEventId],
      );
      expect(views.length).toBeGreaterThan(0);
      expect(views.every((v) => v.actor === organizer.user.id && v.people > 0)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it.each<[PageLocale, string]>([
    ['zh-CN', ''],
    ['en', '?layout=tent'],
  ])('prints badges and table tents as PDF (%s%s)', async (locale, query) => {
    const { context, page } = await web.tab(locale, DESKTOP);
    try {
      const path = `/console/events/${doorEventId}/check-in/badges${query}`;
      await web.signIn(page, organizer.user.email, '/console');
      const name = query ? 'tents' : 'badges';
      await web.visit(page, path, `door-${locale}-${name}`);
      const shown = await page.locator('li.badge').count();
      expect(shown).toBeGreaterThanOrEqual(250);
      await expect(
        page.locator('li.badge .badge-name').first().textContent(),
      ).resolves.toBeTruthy();
      if (!query) await expect(page.locator('li.badge .badge-qr svg').count()).resolves.toBe(shown);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(SCREENSHOTS, `door-${locale}-${name}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      // Four badges to an A4 page; a table tent to a page of its own.
      const expected = query ? shown : Math.ceil(shown / 4);
      expect(pages.length).toBeGreaterThanOrEqual(expected);
      expect(pages.length).toBeLessThanOrEqual(expected + 1);
    } finally {
      await context.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { OrganizationKind } from 'src/identity/roles';
import { linkToken } from 'src/common/signed-token';
import { PRIVACY_NOTICE_VERSION } from 'src/privacy/privacy-notice';
import { eventually, startWorker, TestApi } from 'test/support/app';
import {
  createEvent,
  createOrganization,
  signedInAs,
  signedInOrganizer,
  tokenFor,
  TestUser,
} from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { startSmsGateway, TestSmsGateway } from 'test/support/sms-gateway';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';

type Row = Record<string, unknown>;
const DAY = 86_400_000;
const SMS = { SMS_KEY: 'test-key', SMS_SECRET: 'test-secret', SMS_SIGN: '【对接平台】' };
type Person = { user: TestUser; token: string };

/**
 * PIPL Art. 23: a person's contacts go to another party only with their separate consent, asked
 * when needed, recorded and withdrawable; without it the other party sees name and organization.
 */
describe('contacts shared with co-hosts and intent parties only by separate consent', () => {
  let web: WebHarness;
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  const sql = (text: string, params: unknown[] = []) => api.dataSource.query<Row[]>(text, params);
  /** A person holding `role` in a new organization of `kind`. */
  const teamOf = async (
    name: string,
    kind: OrganizationKind,
    role: 'manager' | 'viewer' | 'member',
  ) => {
    const person = await signedInAs(api.app, [], `${name}的${role}`);
    const organization = await createOrganization(api.dataSource, person.user, {
      name,
      kind,
      role,
    });
    // The session carries whether the person is of a team: a fresh token reads it.
    return { ...person, token: await tokenFor(api.app, person.user), organization };
  };

  let smtp: TestSmtp;
  let gateway: TestSmsGateway;
  const env = () => ({ ...SMS, SMS_URL: gateway.url, SMTP_URL: smtp.url });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await resetState();
    smtp = await startSmtpServer();
    gateway = await startSmsGateway(SMS.SMS_KEY, SMS.SMS_SECRET);
    web = await startWebHarness(env());
    api = web.api;
    organizer = await signedInOrganizer(api.app);
  });

  afterAll(async () => {
    await web?.close();
    await gateway?.close();
    await smtp?.close();
  });

  describe('co-hosts', () => {
    let eventId: string;
    let bank: Awaited<ReturnType<typeof teamOf>>;
    let park: Awaited<ReturnType<typeof teamOf>>;
    const registrantsAs = (who: Person, coHostId: string) =>
      api.http
        .get(`/api/events/${eventId}/co-hosts/${coHostId}/registrants`)
        .set(bearer(who.token));
    /** Each registrant the co-host lists, by name: organization, e-mail, mobile. */
    const seen = async (who: Person, coHostId: string): Promise<Record<string, unknown[]>> => {
      const { body } = await registrantsAs(who, coHostId).expect(200);
      const items = (body as { items: Row[] }).items;
      return Object.fromEntries(
        items.map((r) => [r.name as string, [r.organizationName, r.email, r.mobile]]),
      );
    };

    beforeAll(async () => {
      eventId = await createEvent(api.http, organizer, { title: '科技金融对接沙龙' });
      bank = await teamOf('成都科技银行', 'finance', 'viewer');
      park = await teamOf('天府新材料产业园', 'park', 'manager');
    });

    it('lets the organizers name platform organizations co-hosts, never their own or one unknown', async () => {
      const add = (organizationId: string) =>
        api.http
          .post(`/api/events/${eventId}/co-hosts`)
          .set(bearer(organizer.token))
          .send({ organizationId });
      await add(bank.organization.id).expect(200);
      const { body } = await add(park.organization.id).expect(200);
      expect((body as Row[]).map((c) => c.name)).toEqual(['天府新材料产业园', '成都科技银行']);
      const own = await add(organizer.organization.id).expect(400);
      expect(own.body.code).toBe('EVENT_CO_HOST_IS_ORGANIZER');
      expect(fieldNames(own.body)).toEqual(['organizationId']);
      await add(randomUUID()).expect(400);
      // Naming one twice changes nothing; another centre's organizer names none.
      await add(bank.organization.id).expect(200);
      const other = await signedInOrganizer(api.app);
      await api.http
        .post(`/api/events/${eventId}/co-hosts`)
        .set(bearer(other.token))
        .send({ organizationId: other.organization.id })
        .expect(403);
      // The registration form reads them: anyone who sees the event.
      const listed = await api.http.get(`/api/events/${eventId}/co-hosts`).expect(200);
      expect((listed.body as Row[]).map((c) => c.organizationId)).toEqual([
        park.organization.id,
        bank.organization.id,
      ]);
    });

    it('shows a co-host names and organizations, contacts only of those who consented for it, gone once withdrawn', async () => {
      const register = (body: Row) =>
        api.http
          .post(`/api/events/${eventId}/registrations`)
          .send({ sector: 'industry', acceptPrivacy: true, ...body });
      const zhao = await register({
        name: '赵总',
        email: 'zhao@example.cn',
        mobile: '13900002001',
        organizationName: '锂能科技',
        shareContactsWith: [bank.organization.id],
      }).expect(201);
      // Known by mobile only, and no consent: the default.
      await register({ name: '钱董', mobile: '13900002002', organizationName: '钱氏集团' }).expect(
        201,
      );
      // A signed-in registrant consents for both co-hosts.
      const sun = await signedInAs(api.app, ['enterprise'], '孙经理');
      await api.http
        .post(`/api/events/${eventId}/registrations`)
        .set(bearer(sun.token))
        .send({
          sector: 'finance',
          organizationName: '孙氏资本',
          acceptPrivacy: true,
          shareContactsWith: [bank.organization.id, park.organization.id],
        })
        .expect(201);
      // A consent for an organization the event does not name is refused, and books nothing.
      const stray = await register({
        name: '李工',
        email: 'li@example.cn',
        shareContactsWith: [organizer.organization.id],
      }).expect(400);
      expect(fieldNames(stray.body)).toEqual(['shareContactsWith']);
      await expect(
        sql(`SELECT 1 FROM registration WHERE email = 'li@example.cn'`),
      ).resolves.toHaveLength(0);

      expect(await seen(bank, bank.organization.id)).toEqual({
        赵总: ['锂能科技', 'zhao@example.cn', '13900002001'],
        钱董: ['钱氏集团', null, null],
        孙经理: ['孙氏资本', sun.user.email, null],
      });
      expect(await seen(park, park.organization.id)).toEqual({
        赵总: ['锂能科技', null, null],
        钱董: ['钱氏集团', null, null],
        孙经理: ['孙氏资本', sun.user.email, null],
      });
      // Recorded: the notice and the separate consent, each with the notice's version.
      const consents = await sql(
        `SELECT purpose, scope, notice_version FROM consent
          WHERE person_type = 'registration' AND person_id = $1 ORDER BY purpose`,
        [zhao.body.id],
      );
      expect(consents).toEqual([
        { purpose: 'notice', scope: null, notice_version: PRIVACY_NOTICE_VERSION },
        {
          purpose: 'share_contacts',
          scope: `co_host:${bank.organization.id}`,
          notice_version: PRIVACY_NOTICE_VERSION,
        },
      ]);
      // Each read is a bulk view of personal data in the audit, with how many people.
      const [view] = await sql(
        `SELECT actor_id, people, organization_id, "after" FROM audit_entry
          WHERE subject_type = 'personal_data' AND action = 'bulk_view' AND actor_id = $1`,
        [bank.user.id],
      );
      expect(view).toMatchObject({
        people: 3,
        organization_id: organizer.organization.id,
        after: { list: 'co_host_registrants', coHost: bank.organization.id, contactsShown: 2 },
      });

      // The registrant withdraws through their link; the organizers cannot choose for them.
      const sharing = `/api/registrations/${zhao.body.id}/co-host-sharing`;
      const withdraw = { organizationId: bank.organization.id, shared: false };
      await api.http.put(sharing).set(bearer(organizer.token)).send(withdraw).expect(404);
      await api.http.put(sharing).send(withdraw).expect(404);
      const { body: choices } = await api.http
        .put(sharing)
        .query({ token: zhao.body.manageToken })
        .send(withdraw)
        .expect(200);
      expect(choices).toEqual([
        { organizationId: park.organization.id, name: '天府新材料产业园', shared: false },
        { organizationId: bank.organization.id, name: '成都科技银行', shared: false },
      ]);
      expect((await seen(bank, bank.organization.id)).赵总).toEqual(['锂能科技', null, null]);
      const [withdrawn] = await sql(
        `SELECT withdrawn_at FROM consent WHERE person_id = $1 AND purpose = 'share_contacts'`,
        [zhao.body.id],
      );
      expect(withdrawn.withdrawn_at).toBeInstanceOf(Date);
      // Given again later, for a co-host the event names.
      await api.http
        .put(sharing)
        .query({ token: zhao.body.manageToken })
        .send({ organizationId: park.organization.id, shared: true })
        .expect(200);
      expect((await seen(park, park.organization.id)).赵总).toEqual([
        '锂能科技',
        'zhao@example.cn',
        '13900002001',
      ]);
    });

    it('asks an invitee too, when they accept, with the same separate box per co-host', async () => {
      await api.http
        .post(`/api/events/${eventId}/invitations`)
        .set(bearer(organizer.token))
        .send({
          invitees: [
            {
              name: '冯总',
              mobile: '13900002031',
              sector: 'finance',
              organizationName: '冯氏投资',
            },
          ],
        })
        .expect(201);
      const [invitation] = await sql(`SELECT id FROM invitation WHERE mobile = '13900002031'`);
      const id = invitation.id as string;
      const token = linkToken(api.config.linkTokens, 'invitation', id, new Date(Date.now() + DAY));
      const accept = (body: Row) =>
        api.http.post(`/api/invitations/${id}/accept`).query({ token }).send(body);
      const stray = await accept({ acceptPrivacy: true, shareContactsWith: [randomUUID()] });
      expect(stray.status).toBe(400);
      expect(fieldNames(stray.body)).toEqual(['shareContactsWith']);
      await accept({ acceptPrivacy: true, shareContactsWith: [bank.organization.id] }).expect(201);
      expect((await seen(bank, bank.organization.id)).冯总).toEqual([
        '冯氏投资',
        null,
        '13900002031',
      ]);
      expect((await seen(park, park.organization.id)).冯总).toEqual(['冯氏投资', null, null]);
    });

    it('tells nobody else the list exists: another organization’s team, a plain member, a removed co-host (404)', async () => {
      const stranger = await teamOf('别家孵化器', 'service_agency', 'manager');
      await registrantsAs(stranger, stranger.organization.id).expect(404);
      await registrantsAs(stranger, bank.organization.id).expect(404);
      // Control: the same request by the co-host's team is answered.
      await registrantsAs(bank, bank.organization.id).expect(200);
      // A member the bank counts as its own (no team role) is not its team.
      const member = await signedInAs(api.app, ['enterprise'], '银行客户');
      await sql(
        `INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'member')`,
        [member.user.id, bank.organization.id],
      );
      await registrantsAs(member, bank.organization.id).expect(404);
      // The event's managers read what a co-host reads, as a co-host the event names only.
      await registrantsAs(organizer, bank.organization.id).expect(200);
      await registrantsAs(organizer, stranger.organization.id).expect(404);
      // Removed, the bank's team no longer knows the list.
      await api.http
        .delete(`/api/events/${eventId}/co-hosts/${bank.organization.id}`)
        .set(bearer(organizer.token))
        .expect(204);
      await registrantsAs(bank, bank.organization.id).expect(404);
      await registrantsAs(park, park.organization.id).expect(200);
    });

    it('asks on the form with one unticked box per co-host, apart from the notice, and lets the registrant withdraw on their page', async () => {
      const { context, page } = await web.tab('zh-CN', { width: 390, height: 844 });
      try {
        // The organizers name the co-host on the event's console page.
        const pageEvent = await createEvent(api.http, organizer, { title: '成果路演·新能源' });
        await web.signIn(page, organizer.user.email, '/console');
        await web.visit(page, `/console/events/${pageEvent}`, 'co-hosts-console');
        await page.fill('#coHostQ', '成都科技');
        await page.click('form[role=search] button[type=submit]');
        await page.waitForURL(/coHostQ=/);
        await page.selectOption('#co-host-organization', bank.organization.id);
        await page.click(`form[action$="/co-hosts"] button[type=submit]`);
        await page.waitForURL(/done=coHosts/);
        await expect(page.locator('#co-hosts').textContent()).resolves.toContain('成都科技银行');
        await context.clearCookies();

        await web.visit(page, `/activities/${pageEvent}/register`, 'co-hosts-register');
        const box = page.locator('input[name="shareContactsWith"]');
        await expect(box.count()).resolves.toBe(1);
        await expect(box.isChecked()).resolves.toBe(false);
        await expect(page.locator('input[name="acceptPrivacy"]').isChecked()).resolves.toBe(false);
        await page.fill('#name', '周总');
        await page.fill('#mobile', '13900002009');
        await page.selectOption('#sector', 'industry');
        await box.check();
        await page.check('input[name="acceptPrivacy"]');
        await page.click('form[action$="/register"] button[type=submit]');
        await page.waitForURL(/done=registered/);
        await expectSoundPage(page, 'co-hosts-registration');
        const row = page.locator('li.co-host');
        await expect(row.textContent()).resolves.toContain('已同意提供');
        await api.http
          .get(`/api/events/${pageEvent}/co-hosts/${bank.organization.id}/registrants`)
          .set(bearer(bank.token))
          .expect(200)
          .then(({ body }) =>
            expect((body.items as Row[])[0]).toMatchObject({ name: '周总', mobile: '13900002009' }),
          );
        await row.locator('button').click();
        await page.waitForURL(/done=sharing/);
        await expectSoundPage(page, 'co-hosts-withdrawn');
        await expect(page.locator('li.co-host').textContent()).resolves.toContain(
          '只提供姓名和单位',
        );
        await api.http
          .get(`/api/events/${pageEvent}/co-hosts/${bank.organization.id}/registrants`)
          .set(bearer(bank.token))
          .expect(200)
          .then(({ body }) =>
            expect((body.items as Row[])[0]).toMatchObject({ name: '周总', mobile: null }),
          );
      } finally {
        await context.close();
      }
    });

    it('lets the co-host’s team read the list on its own page, which has no console', async () => {
      const listed = await createEvent(api.http, organizer, { title: '科技金融沙龙·第二期' });
      await api.http
        .post(`/api/events/${listed}/co-hosts`)
        .set(bearer(organizer.token))
        .send({ organizationId: bank.organization.id })
        .expect(200);
      for (const [name, share] of [
        ['吴总', true],
        ['郑总', false],
      ] as const)
        await api.http
          .post(`/api/events/${listed}/registrations`)
          .send({
            name,
            mobile: share ? '13900002021' : '13900002022',
            sector: 'industry',
            organizationName: `${name}的公司`,
            acceptPrivacy: true,
            shareContactsWith: share ? [bank.organization.id] : [],
          })
          .expect(201);
      const { context, page } = await web.tab('en');
      try {
        await web.signIn(page, bank.user.email, '/account');
        await page.click('a[href="/account/co-hosting"]');
        await page.waitForURL(/\/account\/co-hosting$/);
        await expectSoundPage(page, 'co-hosting-events');
        await page.click(`a[href="/account/co-hosting/${listed}/${bank.organization.id}"]`);
        await page.waitForURL(new RegExp(`/account/co-hosting/${listed}/`));
        await expectSoundPage(page, 'co-hosting-registrants');
        const rows = await page.locator('#co-host-registrants tbody tr').allTextContents();
        expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
          '吴总 吴总的公司 13900002021',
          '郑总 郑总的公司 contacts not shared',
        ]);
      } finally {
        await context.close();
      }
      // A stranger's page for the same list is the same 404 as the API's.
      const stranger = await teamOf('另一家银行', 'finance', 'viewer');
      const { context: other, page: strangerPage } = await web.tab('zh-CN');
      try {
        await web.signIn(strangerPage, stranger.user.email, '/account');
        await expect(strangerPage.locator('a[href="/account/co-hosting"]').count()).resolves.toBe(
          0,
        );
        const response = await strangerPage.goto(
          `${web.base}/account/co-hosting/${listed}/${bank.organization.id}`,
        );
        expect(response?.status()).toBe(404);
      } finally {
        await other.close();
      }
    });
  });

  describe('intents on a presented result', () => {
    let eventId: string;
    let expert: Person;
    let resultId: string;
    let investor: Person;
    const partiesAs = (who: Person, id: string) =>
      api.http.get(`/api/intents/${id}/parties`).set(bearer(who.token));
    const contactsOf = (party: Row) => [party.name, party.organization, party.email, party.mobile];

    beforeAll(async () => {
      eventId = await createEvent(api.http, organizer, {
        kind: 'roadshow',
        title: '成果路演·储能',
      });
      expert = await signedInAs(api.app, ['expert'], '陈教授');
      await createOrganization(api.dataSource, expert.user, {
        name: '四川大学',
        kind: 'university',
      });
      await sql(
        `UPDATE user_account SET mobile = '13811112222', mobile_verified_at = now() WHERE id = $1`,
        [expert.user.id],
      );
      resultId = (
        await api.http
          .post('/api/results')
          .set(bearer(expert.token))
          .send({
            title: '固态锂电池电解质',
            summary: '高离子电导率',
            readinessLevel: 6,
            institutionName: '四川大学',
            published: true,
          })
          .expect(201)
      ).body.id as string;
      investor = await signedInAs(api.app, ['enterprise'], '钱总');
      await createOrganization(api.dataSource, investor.user, {
        name: '天府创投',
        kind: 'finance',
      });
      await sql(`UPDATE user_account SET mobile = '13922223333' WHERE id = $1`, [investor.user.id]);
    });

    it('asks the expert when an intent arrives; each side sees the other’s contacts only with that person’s consent, gone once withdrawn', async () => {
      const worker = await startWorker({ ...env(), OUTBOX_POLL_MS: '100' });
      try {
        const { body: intent } = await api.http
          .post('/api/intents')
          .set(bearer(investor.token))
          .send({
            enterpriseName: '天府创投',
            resultId,
            eventId,
            note: '路演现场表达投资意向',
            shareMyContacts: true,
          })
          .expect(201);
        const id = intent.id as string;
        // The expert is asked, by e-mail (their first channel), whether to share their contacts.
        const asked = await eventually(
          async () => smtp.delivered().find((m) => m.to === expert.user.email),
          'the expert asked by e-mail',
        );
        expect(asked.subject).toBe('合作意向：天府创投 希望与您对接');
        expect(asked.text).toContain('对「固态锂电池电解质」表达了合作意向');
        expect(asked.text).toContain('目前对方只看到您的姓名和单位');
        expect(asked.text).toContain('/expert/intents');

        // The investor consented when expressing the intent; the expert has not yet.
        const before = (await partiesAs(expert, id).expect(200)).body as Row;
        expect(contactsOf(before.author as Row)).toEqual([
          '钱总',
          '天府创投',
          investor.user.email,
          '13922223333',
        ]);
        expect(contactsOf(before.expert as Row)).toEqual(['陈教授', '四川大学', null, null]);
        const seenByInvestor = async () =>
          ((await partiesAs(investor, id).expect(200)).body as { expert: Row }).expert;
        expect(contactsOf(await seenByInvestor())).toEqual(['陈教授', '四川大学', null, null]);

        // The expert says yes for this investor: recorded with a scope naming the intent.
        await api.http
          .put(`/api/intents/${id}/share-contacts`)
          .set(bearer(expert.token))
          .send({ shared: true })
          .expect(200);
        expect(contactsOf(await seenByInvestor())).toEqual([
          '陈教授',
          '四川大学',
          expert.user.email,
          '13811112222',
        ]);
        const consents = await sql(
          `SELECT person_id, scope, withdrawn_at FROM consent
            WHERE purpose = 'share_contacts' AND scope = $1 ORDER BY given_at`,
          [`intent:${id}`],
        );
        expect(consents).toEqual([
          { person_id: investor.user.id, scope: `intent:${id}`, withdrawn_at: null },
          { person_id: expert.user.id, scope: `intent:${id}`, withdrawn_at: null },
        ]);

        // Withdrawn, gone; the other side's consent stands on its own.
        await api.http
          .put(`/api/intents/${id}/share-contacts`)
          .set(bearer(expert.token))
          .send({ shared: false })
          .expect(200);
        expect(contactsOf(await seenByInvestor())).toEqual(['陈教授', '四川大学', null, null]);
        await api.http
          .put(`/api/intents/${id}/share-contacts`)
          .set(bearer(investor.token))
          .send({ shared: false })
          .expect(200);
        const after = (await partiesAs(expert, id).expect(200)).body as { author: Row };
        expect(contactsOf(after.author)).toEqual(['钱总', '天府创投', null, null]);

        // Both find the intent among theirs, each in their role.
        const { body: mine } = await api.http
          .get('/api/me/intents')
          .set(bearer(expert.token))
          .expect(200);
        expect((mine as Row[]).map((i) => [i.intentId, i.role])).toEqual([[id, 'expert']]);
      } finally {
        await worker.close();
      }
    });

    it('shows nothing of the author without their consent, and the intent to nobody else (404)', async () => {
      const other = await signedInAs(api.app, ['enterprise'], '孙总');
      const { body: intent } = await api.http
        .post('/api/intents')
        .set(bearer(other.token))
        .send({ enterpriseName: '孙氏实业', resultId, eventId })
        .expect(201);
      const seen = (await partiesAs(expert, intent.id as string).expect(200)).body as {
        author: Row;
      };
      expect(seen.author).toMatchObject({
        name: '孙总',
        contactsShared: false,
        email: null,
        mobile: null,
      });
      const stranger = await teamOf('别家投资机构', 'finance', 'manager');
      await partiesAs(stranger, intent.id as string).expect(404);
      await api.http
        .put(`/api/intents/${intent.id as string}/share-contacts`)
        .set(bearer(stranger.token))
        .send({ shared: true })
        .expect(404);
      // Control: the author is answered.
      await partiesAs(other, intent.id as string).expect(200);
      // Even the event's organizers do not read the parties' contacts through this: 404.
      await partiesAs(organizer, intent.id as string).expect(404);
    });

    it('lets the expert choose on the portal page the message links to, and the investor see it on theirs', async () => {
      const li = await signedInAs(api.app, ['enterprise'], '李总');
      await createOrganization(api.dataSource, li.user, { name: '蓉城基金', kind: 'finance' });
      const { body: intent } = await api.http
        .post('/api/intents')
        .set(bearer(li.token))
        .send({ enterpriseName: '蓉城基金', resultId, eventId, note: '希望进一步了解' })
        .expect(201);
      const [asked] = await sql(
        `SELECT data FROM outbox_message WHERE template = 'intent-received' AND subject = $1`,
        [`intent:${intent.id as string}`],
      );
      const url = new URL((asked.data as { url: string }).url);
      const { context, page } = await web.tab('zh-CN', { width: 390, height: 844 });
      try {
        await web.signIn(page, expert.user.email, url.pathname);
        await web.visit(page, url.pathname, 'intents-expert');
        const card = page.locator(`li.intent[data-intent="${intent.id as string}"]`);
        await expect(card.locator('.other-name').textContent()).resolves.toBe('李总 · 蓉城基金');
        await expect(card.locator('.other-contacts').textContent()).resolves.toBe(
          '对方尚未同意提供',
        );
        await card.locator('button').click();
        await page.waitForURL(/done=shared/);
        await expectSoundPage(page, 'intents-expert-shared');
        await expect(
          page.locator(`li.intent[data-intent="${intent.id as string}"] .my-sharing`).textContent(),
        ).resolves.toBe('您已同意向对方提供手机号码和电子邮箱。');
        await context.clearCookies();
        await web.signIn(page, li.user.email, '/enterprise/intents');
        await web.visit(page, '/enterprise/intents', 'intents-investor');
        await expect(
          page
            .locator(`li.intent[data-intent="${intent.id as string}"] .other-contacts`)
            .textContent(),
        ).resolves.toBe(`13811112222 ${expert.user.email}`);
      } finally {
        await context.close();
      }
    });
  });
});

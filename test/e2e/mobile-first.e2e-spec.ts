import { imported } from 'test/support/imports';
import ExcelJS from 'exceljs';
import { XLSX } from 'src/common/rows';
import { Invitation } from 'src/invitations/invitation.entity';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { User } from 'src/identity/user.entity';
import {
  createEvent,
  createOrganization,
  signedInOrganizer,
  tokenFor,
} from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmsGateway, TestSmsGateway } from 'test/support/sms-gateway';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';

const fieldsOf = (body: unknown) =>
  (body as { details: { fields: { field: string }[] } }).details.fields.map((d) => d.field);
const SMS = { SMS_KEY: 'test-key', SMS_SECRET: 'test-secret', SMS_SIGN: '【对接平台】' };

describe('people known by their mobile number only', () => {
  let api: TestApi;
  let smtp: TestSmtp;
  let gateway: TestSmsGateway;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  const env = () => ({ ...SMS, SMS_URL: gateway.url, SMTP_URL: smtp.url });

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    gateway = await startSmsGateway('test-key', 'test-secret');
    api = await startApi(env());
    organizer = await signedInOrganizer(api.app);
  });
  afterAll(async () => {
    await api.close();
    await gateway.close();
    await smtp.close();
  });

  /** The text messages to `phone` so far, waiting until there are `count`. */
  const textsTo = (phone: string, count: number) =>
    eventually(async () => {
      const texts = gateway.received.filter((t) => t.phone === phone).map((t) => t.content);
      return texts.length >= count ? texts : undefined;
    }, `${count} text messages to ${phone}`);
  const linkIn = (text: string, word: string) =>
    new RegExp(`${word}：(http\\S+)`).exec(text)?.[1] ?? '';
  const invite = (eventId: string, invitees: unknown[]) =>
    api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({ invitees })
      .expect(201);

  it('invites, registers, reminds and checks in a person who gave only a mobile, all by text message', async () => {
    const eventId = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      title: '闭门对接·新能源',
    });
    const invited = await invite(eventId, [
      { name: '陈志远', mobile: '+86 139-1234-5678', sector: 'industry', role: '董事长' },
      { name: '刘总', mobile: '139 8765 4321', sector: 'finance' },
    ]);
    expect(invited.body).toMatchObject({ invited: 2, errors: [] });
    let code: string | undefined;
    const worker = await startWorker({ ...env(), OUTBOX_POLL_MS: '100' });
    try {
      const [invitation] = await textsTo('13912345678', 1);
      expect(invitation).toMatch(/^陈志远您好，.*诚邀您出席「闭门对接·新能源」/);

      // Accepting from the text message's link registers them, with a check-in code by text.
      const accept = new URL(linkIn(invitation, '接受'));
      const id = accept.pathname.split('/').pop()!;
      const registered = await api.http
        .post(`/api/invitations/${id}/accept?token=${accept.searchParams.get('token')}`)
        .send({ acceptPrivacy: true })
        .expect(201);
      const registration = registered.body as { id: string; status: string; email: null };
      expect(registration).toMatchObject({ status: 'confirmed', email: null });
      const [, confirmation] = await textsTo('13912345678', 2);
      code = /签到码：(\w+)/.exec(confirmation)?.[1];
      expect(code).toBeDefined();
      // The registration's own page, from the text, shows the code to show at the door.
      const page = new URL(linkIn(confirmation, '入场出示'));
      expect(page.pathname).toBe(`/registrations/${registration.id}`);
      const shown = await api.http.get(`${page.pathname}${page.search}`).expect(200);
      expect(shown.text).toContain(code!);

      // The reminder a day before, and the invitation reminder to the one who did not answer.
      await api.dataSource.query(
        `UPDATE outbox_message SET available_at = now()
          WHERE idempotency_key IN ($1, $2)`,
        [`reminder:${registration.id}:1440:sms`, `event:${eventId}:invitation-reminders`],
      );
      const [, , reminder] = await textsTo('13912345678', 3);
      expect(reminder).toMatch(/「闭门对接·新能源」将于24小时后开始.*签到码：\w+/);
      const [, nudge] = await textsTo('13987654321', 2);
      expect(nudge).toMatch(/^刘总您好，.*尚待您答复。接受：http/);
    } finally {
      await worker.close();
    }
    const checkedIn = await api.http
      .post(`/api/events/${eventId}/check-ins`)
      .set(bearer(organizer.token))
      .send({ code })
      .expect(200);
    expect(checkedIn.body).toMatchObject({ name: '陈志远', mobile: '13912345678' });
    expect((checkedIn.body as { checkedInAt: string | null }).checkedInAt).not.toBeNull();
    expect(smtp.received).toEqual([]);
  });

  it('takes CSV and XLSX invitee lists with rows that have only a mobile, one invitation per mobile', async () => {
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    const csv =
      '姓名,邮箱,手机,单位,界别\n' +
      '陈志远,,139 1234 5678,蜀能新材料,产\n' +
      '周婷,zhou@example.cn,,天府科创投资基金,金\n' +
      '无联系方式,,,某单位,产\n' +
      '短号,,1234567,某单位,产\n' +
      '重复手机,,+8613912345678,某单位,产\n';
    const worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    try {
      const path = `/api/events/${eventId}/invitations.csv`;
      const fromCsv = await imported(api.http, organizer.token, path, csv);
      expect(fromCsv).toMatchObject({ imported: 2, skipped: 0 });
      // Each refused line with its content, its column named by the Chinese header first.
      expect(fromCsv.errors).toEqual([
        expect.objectContaining({
          row: 4,
          field: 'mobile',
          column: '手机号 / mobile number',
          content: '无联系方式 | 某单位 | 产',
          message:
            '手机号：请填写手机号或邮箱（至少一项） / Mobile number: Please give a mobile number or an e-mail address (or both)',
        }),
        expect.objectContaining({
          row: 5,
          field: 'mobile',
          content: '短号 | 1234567 | 某单位 | 产',
          message: expect.stringContaining('手机号：不是有效的手机号码'),
        }),
        expect.objectContaining({
          row: 6,
          field: 'mobile',
          message: '手机号：与第 2 行重复 / Mobile number: repeats row 2',
        }),
      ]);

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('嘉宾');
      sheet.addRows([
        ['姓名', '手机', '界别', '角色'],
        ['陈志远', '13912345678', '产', '董事长'],
        ['王总', '138-0000-1111', '金', '投资人'],
      ]);
      const workbookBytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const fromXlsx = await imported(api.http, organizer.token, path, workbookBytes, XLSX);
      // The same mobile, written another way, is the same person: not invited twice.
      expect(fromXlsx).toMatchObject({ imported: 1, skipped: 1, errors: [] });
    } finally {
      await worker.close();
    }
    const stored = await api.dataSource
      .getRepository(Invitation)
      .find({ where: { eventId }, order: { name: 'ASC' } });
    expect(stored.map((i) => [i.name, i.email, i.mobile]).sort()).toEqual([
      ['周婷', 'zhou@example.cn', null],
      ['王总', null, '13800001111'],
      ['陈志远', null, '13912345678'],
    ]);
  });

  it('registers a guest by mobile alone, once per event, and refuses short numbers or no contact', async () => {
    const eventId = await createEvent(api.http, organizer, { title: '公开沙龙' });
    const other = await createEvent(api.http, organizer, { title: '另一场沙龙' });
    const register = (id: string, person: Record<string, unknown>) =>
      api.http
        .post(`/api/events/${id}/registrations`)
        .send({ sector: 'industry', acceptPrivacy: true, ...person });

    const guest = await register(eventId, { name: '陈志远', mobile: '13912345678' }).expect(201);
    expect(guest.body).toMatchObject({ status: 'confirmed', email: null, mobile: '13912345678' });
    const again = await register(eventId, { name: '陈志远', mobile: '+86 139 1234 5678' });
    expect([again.status, again.body.code]).toEqual([409, 'REGISTRATION_DUPLICATE']);
    expect(
      (again.body as { details: { fields: { field: string }[] } }).details.fields.map(
        (f) => f.field,
      ),
    ).toEqual(['mobile']);
    // With an e-mail address added, the mobile still finds them.
    const withEmail = await register(eventId, {
      name: '陈志远',
      mobile: '13912345678',
      email: 'chen@example.cn',
    });
    expect(withEmail.status).toBe(409);
    await register(other, { name: '陈志远', mobile: '13912345678' }).expect(201);

    const short = await register(eventId, { name: '短号', mobile: '8888888' }).expect(400);
    expect(fieldsOf(short.body)).toEqual(['mobile']);
    const none = await register(eventId, { name: '无联系方式' }).expect(400);
    expect(none.body.code).toBe('REGISTRATION_GUEST_DETAILS_REQUIRED');
    expect(fieldsOf(none.body)).toEqual(['mobile', 'email']);

    // Cancelled, the same mobile may register again.
    const { id, manageToken } = guest.body as { id: string; manageToken: string };
    await api.http.post(`/api/registrations/${id}/cancel?token=${manageToken}`).expect(200);
    await register(eventId, { name: '陈志远', mobile: '139-1234-5678' }).expect(201);
  });

  it('tells a mobile-only guest of the waiting list, the promotion and the cancelled event by text', async () => {
    const eventId = await createEvent(api.http, organizer, { title: '满员沙龙', capacity: 1 });
    const register = (name: string, mobile: string) =>
      api.http
        .post(`/api/events/${eventId}/registrations`)
        .send({ sector: 'industry', name, mobile, acceptPrivacy: true })
        .expect(201);
    const first = (await register('先到', '13700000001')).body as {
      id: string;
      manageToken: string;
    };
    const second = (await register('后到', '13700000002')).body as { status: string };
    expect(second.status).toBe('waitlisted');
    await api.http
      .post(`/api/registrations/${first.id}/cancel?token=${first.manageToken}`)
      .expect(200);
    await api.http
      .post(`/api/events/${eventId}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'cancelled', reason: '场地检修' })
      .expect(200);
    const worker = await startWorker({ ...env(), OUTBOX_POLL_MS: '100' });
    try {
      const firstTexts = await textsTo('13700000001', 2);
      expect(firstTexts.join('\n')).toMatch(/您已取消报名「满员沙龙」/);
      const secondTexts = await textsTo('13700000002', 3);
      expect(secondTexts.join('\n')).toMatch(/候补第1位/);
      expect(secondTexts.join('\n')).toMatch(/已从候补转为确认。签到码：\w+/);
      expect(secondTexts.join('\n')).toMatch(/「满员沙龙」.*已取消：场地检修/);
    } finally {
      await worker.close();
    }
  });

  it('opens to a mobile-only account what its proved number holds: a closed-door invitation, a guest registration, its own registering', async () => {
    const mobile = '13655550001';
    const closed = await createEvent(api.http, organizer, {
      visibility: 'closed_door',
      title: '闭门精准对接·储能',
    });
    await invite(closed, [{ name: '孙总', mobile: '136 5555 0001', sector: 'industry' }]);
    const salon = await createEvent(api.http, organizer, { title: '储能沙龙' });
    const asGuest = await api.http
      .post(`/api/events/${salon}/registrations`)
      .send({ name: '孙总', mobile, sector: 'industry', acceptPrivacy: true })
      .expect(201);
    const guestRegistration = (asGuest.body as { id: string }).id;

    // An account that typed the number but never proved it holds nothing on it.
    const account = await api.dataSource.getRepository(User).save(
      api.dataSource.getRepository(User).create({
        name: '孙总',
        email: null,
        mobile,
        emailVerifiedAt: null,
        mobileVerifiedAt: null,
        disabledAt: null,
        locale: 'zh-CN',
        roles: ['enterprise'],
        passwordHash: null,
      }),
    );
    const token = await tokenFor(api.app, account);
    await api.http.get(`/api/events/${closed}`).set(bearer(token)).expect(404);
    await api.http.get(`/api/registrations/${guestRegistration}`).set(bearer(token)).expect(404);

    await api.dataSource.query('UPDATE user_account SET mobile_verified_at = now() WHERE id = $1', [
      account.id,
    ]);
    const seen = await api.http.get(`/api/events/${closed}`).set(bearer(token)).expect(200);
    expect(seen.body.title).toBe('闭门精准对接·储能');
    const own = await api.http
      .get(`/api/registrations/${guestRegistration}`)
      .set(bearer(token))
      .expect(200);
    expect(own.body).toMatchObject({ status: 'confirmed', mobile });

    // Signed in, it registers as itself with nothing typed: reached at its number.
    const workshop = await createEvent(api.http, organizer, { title: '储能工作坊' });
    const registered = await api.http
      .post(`/api/events/${workshop}/registrations`)
      .set(bearer(token))
      .send({ sector: 'industry', acceptPrivacy: true })
      .expect(201);
    expect(registered.body).toMatchObject({
      status: 'confirmed',
      name: '孙总',
      mobile,
      email: null,
    });
  });

  it('lets an account without a password delete itself by a code texted to its proved number', async () => {
    const mobile = '13655550002';
    const repository = api.dataSource.getRepository(User);
    const account = await repository.save(
      repository.create({
        name: '赵总',
        email: null,
        mobile,
        emailVerifiedAt: null,
        mobileVerifiedAt: new Date(),
        disabledAt: null,
        locale: 'zh-CN',
        roles: ['enterprise'],
        passwordHash: null,
      }),
    );
    const token = await tokenFor(api.app, account);
    const bare = await api.http.post('/api/me/delete').set(bearer(token)).send({}).expect(400);
    expect(bare.body.code).toBe('CONFIRMATION_REQUIRED');
    expect(fieldsOf(bare.body)).toEqual(['password', 'code']);
    const noPassword = await api.http
      .post('/api/me/delete')
      .set(bearer(token))
      .send({ password: 'anything-at-all' })
      .expect(400);
    expect(noPassword.body.code).toBe('CONFIRMATION_WRONG_PASSWORD');

    await api.http.post('/api/me/delete/code').set(bearer(token)).expect(202);
    const worker = await startWorker({ ...env(), OUTBOX_POLL_MS: '100' });
    let code: string;
    try {
      const [text] = await textsTo(mobile, 1);
      expect(text).toMatch(/注销对接平台账号，验证码是\d{6}/);
      code = /验证码是(\d{6})/.exec(text)![1];
    } finally {
      await worker.close();
    }
    const wrong = await api.http
      .post('/api/me/delete')
      .set(bearer(token))
      .send({ code: code === '000000' ? '111111' : '000000' })
      .expect(400);
    expect(wrong.body.code).toBe('VERIFICATION_INVALID');
    await api.http.post('/api/me/delete').set(bearer(token)).send({ code }).expect(204);
    await api.http.get('/api/auth/me').set(bearer(token)).expect(401);
    const [left] = await api.dataSource.query<{ name: string; mobile: string | null }[]>(
      'SELECT name, mobile FROM user_account WHERE id = $1',
      [account.id],
    );
    expect(left.mobile).toBeNull();
    expect(left.name).not.toBe('赵总');

    // An account whose number was never proved is sent no code: it confirms with its password.
    const unproved = await repository.save(
      repository.create({
        ...account,
        id: undefined,
        mobile: '13655550003',
        mobileVerifiedAt: null,
      }),
    );
    const refused = await api.http
      .post('/api/me/delete/code')
      .set(bearer(await tokenFor(api.app, unproved)))
      .expect(400);
    expect(refused.body.code).toBe('CONFIRMATION_NO_PROVED_MOBILE');
  });

  it('reaches mobile-only accounts by text for what happens to their account: a membership asked and decided', async () => {
    const repository = api.dataSource.getRepository(User);
    const mobileOnly = (name: string, mobile: string) =>
      repository.save(
        repository.create({
          name,
          email: null,
          mobile,
          emailVerifiedAt: null,
          mobileVerifiedAt: new Date(),
          disabledAt: null,
          locale: 'zh-CN',
          roles: ['enterprise'],
          passwordHash: null,
        }),
      );
    const manager = await mobileOnly('钱经理', '13655550010');
    const staff = await mobileOnly('吴工', '13655550011');
    const company = await createOrganization(api.dataSource, manager, {
      kind: 'enterprise',
      name: '成都储能科技有限公司',
      role: 'manager',
    });
    const asked = await api.http
      .post(`/api/organizations/${company.id}/membership-requests`)
      .set(bearer(await tokenFor(api.app, staff)))
      .send({})
      .expect(201);
    await api.http
      .post(`/api/organizations/${company.id}/membership-requests/${asked.body.id}/approve`)
      .set(bearer(await tokenFor(api.app, manager)))
      .send({})
      .expect(200);
    const worker = await startWorker({ ...env(), OUTBOX_POLL_MS: '100' });
    try {
      const [request] = await textsTo('13655550010', 1);
      expect(request).toContain('吴工');
      const [decision] = await textsTo('13655550011', 1);
      expect(decision).toMatch(/加入「成都储能科技有限公司」的申请已通过/);
    } finally {
      await worker.close();
    }
  });
});

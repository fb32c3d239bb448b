import { INestApplicationContext } from '@nestjs/common';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import {
  createEvent,
  createUser,
  PASSWORD,
  signedInAs,
  signedInOrganizer,
  signIn,
  tokenFor,
} from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmsGateway, TestSmsGateway } from 'test/support/sms-gateway';
import { ReceivedMail, startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';

/**
 * Verified identities end to end, against a real SMTP server and the SMS gateway test server: what
 * is granted on an address waits for its proof, sign-up does not tell who has an account, SMS
 * codes sign in (and refuse wrong, expired and too many), resets by either channel end every
 * session, and admins disable and enable accounts.
 */
describe('verified identities', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let smtp: TestSmtp;
  let gateway: TestSmsGateway;

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    gateway = await startSmsGateway('test-key', 'test-secret');
    const env = {
      SMTP_URL: smtp.url,
      SMS_URL: gateway.url,
      SMS_KEY: 'test-key',
      SMS_SECRET: 'test-secret',
      OUTBOX_POLL_MS: '100',
    };
    api = await startApi(env);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await gateway.close();
  });

  /** The next mail to `to` whose subject matches, after the `seen` first ones. */
  async function mailTo(to: string, subject: RegExp, seen = 0): Promise<ReceivedMail> {
    return eventually(async () => {
      const mails = smtp.received.filter((m) => m.to === to && subject.test(m.subject));
      return mails.length > seen ? mails[mails.length - 1] : undefined;
    }, `a mail to ${to} (${subject.source})`);
  }
  const mailsTo = (to: string) => smtp.received.filter((m) => m.to === to).length;

  /** The code of the next text to `phone`, after the `seen` first ones. */
  async function codeTo(phone: string, seen: number): Promise<string> {
    const sms = await eventually(async () => {
      const texts = gateway.received.filter((s) => s.phone === phone);
      return texts.length > seen ? texts[texts.length - 1] : undefined;
    }, `a text to ${phone}`);
    return /(\d{6})/.exec(sms.content)![1];
  }
  const textsTo = (phone: string) => gateway.received.filter((s) => s.phone === phone).length;

  const tokenOfLink = (mail: ReceivedMail) =>
    new URL(/https?:\/\/\S+token=[\w-]+/.exec(mail.text)![0]).searchParams.get('token')!;

  it('keeps a closed-door session 404 for whoever signs up with an invited address until it is verified', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, {
      kind: 'precise_docking',
      visibility: 'closed_door',
      capacity: 5,
    });
    await api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({ invitees: [{ name: '投资人', email: 'investor@example.cn', sector: 'finance' }] })
      .expect(201);

    const signUp = { name: '冒名者', email: 'investor@example.cn', password: 'takeover-2026' };
    await api.http
      .post('/api/auth/sign-up')
      .send({ ...signUp, role: 'enterprise', acceptPrivacy: true })
      .expect(202);
    const token = await signIn(api.http, signUp.email, signUp.password);
    for (const path of [`/api/events/${eventId}`, `/api/events/${eventId}/calendar.ics`]) {
      await api.http.get(path).set(bearer(token)).expect(404);
    }
    const listed = await api.http.get('/api/events').query({ limit: 100 }).set(bearer(token));
    expect((listed.body.items as { id: string }[]).map((e) => e.id)).not.toContain(eventId);

    // Whoever follows the link the address received owns it: now the invitation counts.
    const link = await mailTo('investor@example.cn', /验证您的邮箱/);
    const verified = await api.http
      .post('/api/auth/verify/email')
      .send({ token: tokenOfLink(link) })
      .expect(200);
    await api.http.get(`/api/events/${eventId}`).set(bearer(verified.body.token)).expect(200);
    await api.http.get(`/api/events/${eventId}`).set(bearer(token)).expect(200);
  });

  it('binds an invitation accepted while signed in to that account, whatever its address', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, {
      kind: 'precise_docking',
      visibility: 'closed_door',
      capacity: 5,
    });
    await api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({ invitees: [{ name: '刘总', email: 'liu.office@example.cn', sector: 'industry' }] })
      .expect(201);
    const liu = await signedInAs(api.app, ['enterprise'], '刘总');
    const other = await signedInAs(api.app, ['enterprise']);
    await api.http.get(`/api/events/${eventId}`).set(bearer(liu.token)).expect(404);

    const mail = await mailTo('liu.office@example.cn', /邀请函/);
    const accept = new URL(/http\S+action=accept/.exec(mail.text)![0]);
    const [, id] = /invitations\/([0-9a-f-]+)/.exec(accept.pathname)!;
    await api.http
      .post(`/api/invitations/${id}/accept`)
      .query({ token: accept.searchParams.get('token') })
      .set(bearer(liu.token))
      .send({ acceptPrivacy: true })
      .expect(201);
    await api.http.get(`/api/events/${eventId}`).set(bearer(liu.token)).expect(200);
    await api.http.get(`/api/events/${eventId}`).set(bearer(other.token)).expect(404);
  });

  it('answers a sign-up the same whether or not the address is taken, and tells the owner', async () => {
    const owner = await createUser(api.dataSource, { email: 'owner@example.cn', name: '周敏' });
    const body = { name: '某人', password: 'some-password-1', role: 'expert', acceptPrivacy: true };
    const taken = await api.http
      .post('/api/auth/sign-up')
      .send({ ...body, email: 'Owner@Example.cn' })
      .expect(202);
    const fresh = await api.http
      .post('/api/auth/sign-up')
      .send({ ...body, email: 'fresh@example.cn' })
      .expect(202);
    expect(taken.body).toEqual(fresh.body);
    expect(Object.keys(taken.headers).sort()).toEqual(Object.keys(fresh.headers).sort());

    const notice = await mailTo(owner.email, /有人尝试用您的邮箱注册/);
    expect(notice.text).toContain('http://duijie.test/reset-password');
    await mailTo('fresh@example.cn', /验证您的邮箱/);
    const [{ count }] = await api.dataSource.query<{ count: string }[]>(
      "SELECT count(*) FROM user_account WHERE email = 'owner@example.cn'",
    );
    expect(count).toBe('1');
    // The owner's password still works, and nothing was changed on their account.
    await signIn(api.http, owner.email);
  });

  it('signs in by mobile and SMS code, refusing a wrong, an expired and a sixth code', async () => {
    const mobile = '13700001111';
    await api.http
      .post('/api/auth/sign-up')
      .send({ name: '陈总', mobile: '+86 137-0000-1111', role: 'enterprise', acceptPrivacy: true })
      .expect(202);
    const verified = await api.http
      .post('/api/auth/verify/mobile')
      .send({ mobile, code: await codeTo(mobile, 0) })
      .expect(200);
    expect(verified.body.user).toMatchObject({ mobile, mobileVerified: true, email: null });

    // A number without an account gets the same answer and no text.
    await api.http.post('/api/auth/login/code').send({ mobile: '13700009999' }).expect(202);

    // The first proof welcomes the account by text.
    await eventually(
      async () =>
        gateway.received.some((m) => m.phone === mobile && m.content.includes('欢迎'))
          ? true
          : undefined,
      'the welcome text',
    );
    let seen = textsTo(mobile);
    await api.http.post('/api/auth/login/code').send({ mobile }).expect(202);
    const code = await codeTo(mobile, seen++);
    const wrong = await api.http
      .post('/api/auth/login/mobile')
      .send({ mobile, code: code === '000000' ? '111111' : '000000' })
      .expect(400);
    expect(wrong.body.code).toBe('VERIFICATION_INVALID');
    const signedIn = await api.http
      .post('/api/auth/login/mobile')
      .send({ mobile, code })
      .expect(200);
    await api.http.get('/api/auth/me').set(bearer(signedIn.body.token)).expect(200);
    await api.http.post('/api/auth/login/mobile').send({ mobile, code }).expect(400);

    await api.http.post('/api/auth/login/code').send({ mobile }).expect(202);
    const late = await codeTo(mobile, seen++);
    await api.dataSource.query(
      "UPDATE verification SET expires_at = now() - interval '1 second' WHERE target = $1",
      [mobile],
    );
    const expired = await api.http
      .post('/api/auth/login/mobile')
      .send({ mobile, code: late })
      .expect(410);
    expect(expired.body.code).toBe('VERIFICATION_EXPIRED');

    await api.http.post('/api/auth/login/code').send({ mobile }).expect(202);
    const right = await codeTo(mobile, seen++);
    const other = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await api.http.post('/api/auth/login/mobile').send({ mobile, code: other }).expect(400);
    }
    const locked = await api.http
      .post('/api/auth/login/mobile')
      .send({ mobile, code: right })
      .expect(429);
    expect(locked.body.code).toBe('VERIFICATION_TOO_MANY_ATTEMPTS');
    const [row] = await api.dataSource.query<{ secret_hash: string }[]>(
      'SELECT secret_hash FROM verification WHERE target = $1 ORDER BY created_at DESC LIMIT 1',
      [mobile],
    );
    expect(row.secret_hash).not.toContain(right);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    // Once a code is delivered, its outbox row no longer holds it.
    const sent = await api.dataSource.query<{ status: string; data: Record<string, unknown> }[]>(
      `SELECT status, data FROM outbox_message
        WHERE recipient = $1 AND template IN ('sign-in-code', 'verify-address')`,
      [mobile],
    );
    expect(sent).toHaveLength(4); // the code proving the number at sign-up, then three sign-in codes
    for (const message of sent) {
      expect(message.status).toBe('delivered');
      expect(Object.keys(message.data).sort()).toEqual(['minutes', 'name']);
    }
  });

  it('resets a password by e-mail link and by SMS code, each ending every other session', async () => {
    const user = await createUser(api.dataSource, { email: 'forgetful@example.cn' });
    await api.dataSource.query(
      "UPDATE user_account SET mobile = '13600002222', mobile_verified_at = now() WHERE id = $1",
      [user.id],
    );
    const before = await signIn(api.http, user.email);

    await api.http.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const mail = await mailTo(user.email, /重设密码/);
    const byLink = await api.http
      .post('/api/auth/password-reset/email')
      .send({ token: tokenOfLink(mail), newPassword: 'by-the-link-1' })
      .expect(200);
    await api.http.get('/api/auth/me').set(bearer(before)).expect(401);
    await api.http.get('/api/auth/me').set(bearer(byLink.body.token)).expect(200);
    await api.http
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(401);
    await signIn(api.http, user.email, 'by-the-link-1');

    const seen = textsTo('13600002222');
    await api.http.post('/api/auth/password-reset').send({ mobile: '13600002222' }).expect(202);
    const code = await codeTo('13600002222', seen);
    const byCode = await api.http
      .post('/api/auth/password-reset/mobile')
      .send({ mobile: '13600002222', code, newPassword: 'by-the-code-2' })
      .expect(200);
    await api.http.get('/api/auth/me').set(bearer(byLink.body.token)).expect(401);
    await api.http.get('/api/auth/me').set(bearer(byCode.body.token)).expect(200);
    await signIn(api.http, user.email, 'by-the-code-2');

    // An unknown address gets the same answer, and nothing is sent.
    const mails = mailsTo('nobody@example.cn');
    const unknown = await api.http
      .post('/api/auth/password-reset')
      .send({ email: 'nobody@example.cn' })
      .expect(202);
    expect(unknown.body).toEqual({ sentTo: ['email'] });
    expect(mailsTo('nobody@example.cn')).toBe(mails);
  });

  it('changes the e-mail only once the new address is verified, and tells the old one', async () => {
    const user = await createUser(api.dataSource, { email: 'old.address@example.cn' });
    const token = await signIn(api.http, user.email);
    await api.http
      .post('/api/auth/email')
      .set(bearer(token))
      .send({ email: 'new.address@example.cn' })
      .expect(202);
    const me = await api.http.get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ email: 'old.address@example.cn', emailVerified: true });

    const link = await mailTo('new.address@example.cn', /验证您的邮箱/);
    await api.http
      .post('/api/auth/verify/email')
      .send({ token: tokenOfLink(link) })
      .expect(200);
    const after = await api.http.get('/api/auth/me').set(bearer(token)).expect(200);
    expect(after.body).toMatchObject({ email: 'new.address@example.cn', emailVerified: true });
    const told = await mailTo('old.address@example.cn', /联系方式已更改/);
    expect(told.text).toContain('n***@example.cn');
  });

  it('lists my sessions and ends one; another person’s session is not found', async () => {
    const user = await createUser(api.dataSource);
    const here = await signIn(api.http, user.email);
    const phone = await api.http
      .post('/api/auth/login')
      .set('user-agent', 'Mozilla/5.0 (iPhone)')
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
    const list = await api.http.get('/api/auth/sessions').set(bearer(here)).expect(200);
    expect(list.body).toHaveLength(2);
    const other = (list.body as { id: string; current: boolean; userAgent: string }[]).find(
      (s) => !s.current,
    )!;
    expect(other.userAgent).toBe('Mozilla/5.0 (iPhone)');

    const stranger = await signedInAs(api.app, []);
    await api.http.delete(`/api/auth/sessions/${other.id}`).set(bearer(stranger.token)).expect(404);
    await api.http.get('/api/auth/me').set(bearer(phone.body.token)).expect(200);

    await api.http.delete(`/api/auth/sessions/${other.id}`).set(bearer(here)).expect(204);
    await api.http.get('/api/auth/me').set(bearer(phone.body.token)).expect(401);
    await api.http.get('/api/auth/me').set(bearer(here)).expect(200);
  });

  it('lets an admin disable an account (every session ends at once) and enable it again, audited', async () => {
    const admin = await signedInAs(api.app, ['admin']);
    const user = await createUser(api.dataSource, { roles: ['expert'] });
    const token = await signIn(api.http, user.email);
    const someone = await signedInAs(api.app, ['organizer']);
    await api.http.post(`/api/users/${user.id}/disable`).set(bearer(someone.token)).expect(403);
    await api.http.get('/api/auth/me').set(bearer(token)).expect(200);

    const disabled = await api.http
      .post(`/api/users/${user.id}/disable`)
      .set(bearer(admin.token))
      .expect(200);
    expect(disabled.body.disabled).toBe(true);
    await api.http.get('/api/auth/me').set(bearer(token)).expect(401);
    // Even a session that got past the ending (opened straight in the database) is refused.
    const late = await tokenFor(api.app, user);
    await api.http.get('/api/auth/me').set(bearer(late)).expect(401);
    const refused = await api.http
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(403);
    expect(refused.body.code).toBe('AUTH_ACCOUNT_DISABLED');
    await api.http.post(`/api/users/${admin.user.id}/disable`).set(bearer(admin.token)).expect(409);

    await api.http.post(`/api/users/${user.id}/enable`).set(bearer(admin.token)).expect(200);
    await api.http.get('/api/auth/me').set(bearer(token)).expect(401);
    await signIn(api.http, user.email);
    const audit = await api.dataSource.query<{ action: string; actor_id: string }[]>(
      "SELECT action, actor_id FROM audit_entry WHERE subject_type = 'user' AND subject_id = $1 ORDER BY id",
      [user.id],
    );
    expect(audit).toEqual([
      { action: 'disabled', actor_id: admin.user.id },
      { action: 'enabled', actor_id: admin.user.id },
    ]);
  });
});

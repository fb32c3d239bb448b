import { Response } from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { SESSION_COOKIE } from 'src/common/auth/auth-user';
import { startApi, TestApi } from 'test/support/app';
import { createUser, PASSWORD, signIn, signedIn } from 'test/support/factories';
import { resetState } from 'test/support/state';

/** The token of the newest link sent to `email` (as its mailbox would show it). */
async function linkToken(api: TestApi, email: string): Promise<string> {
  const [row] = await api.dataSource.query<{ data: { url: string } }[]>(
    `SELECT data FROM outbox_message WHERE recipient = $1 AND channel = 'email'
        AND data ? 'url' ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return new URL(row.data.url).searchParams.get('token')!;
}

function cookiesOf(response: Response): string[] {
  const header: unknown = response.headers['set-cookie'];
  return Array.isArray(header) ? (header as string[]) : [];
}

const newUser = {
  name: '李明',
  email: 'Li.Ming@Example.cn',
  password: 'jingronghui-2026',
  mobile: '13800138000',
  role: 'expert',
  acceptPrivacy: true,
  organization: {
    name: '电子科技大学',
    kind: 'university',
    region: '四川省成都市',
    industryFields: ['电子信息'],
    title: '教授',
  },
};

describe('identity: sign-up, login, current user, log-out', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_SECONDS: '60' });
  });
  afterAll(() => api.close());

  it('signs up unverified, and following the e-mail link verifies, signs in and sets the cookie', async () => {
    const signUp = await api.http.post('/api/auth/sign-up').send(newUser).expect(202);
    expect(signUp.body).toEqual({ sentTo: ['email', 'mobile'] });
    expect(cookiesOf(signUp)).toEqual([]);
    const [account] = await api.dataSource.query<{ email_verified_at: Date | null }[]>(
      "SELECT email_verified_at FROM user_account WHERE email = 'li.ming@example.cn'",
    );
    expect(account.email_verified_at).toBeNull();

    const token = await linkToken(api, 'li.ming@example.cn');
    const verified = await api.http.post('/api/auth/verify/email').send({ token }).expect(200);
    expect(verified.body.user).toMatchObject({
      name: '李明',
      email: 'li.ming@example.cn',
      emailVerified: true,
      mobile: '13800138000',
      mobileVerified: false,
      locale: 'zh-CN',
      roles: ['expert'],
      memberships: [{ title: '教授', organization: { name: '电子科技大学', kind: 'university' } }],
    });
    expect(verified.body).not.toHaveProperty('user.passwordHash');
    const cookie = cookiesOf(verified).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const byBearer = await api.http
      .get('/api/auth/me')
      .set('authorization', `Bearer ${verified.body.token}`)
      .expect(200);
    expect(byBearer.body.email).toBe('li.ming@example.cn');
    const byCookie = await api.http
      .get('/api/auth/me')
      .set('cookie', cookie.split(';')[0])
      .expect(200);
    expect(byCookie.body.id).toBe(verified.body.user.id);
    // A link works once.
    const again = await api.http.post('/api/auth/verify/email').send({ token }).expect(410);
    expect(again.body.code).toBe('VERIFICATION_USED');
  });

  it('answers a second sign-up with a taken e-mail, whatever its case, exactly as a new one', async () => {
    const taken = await api.http
      .post('/api/auth/sign-up')
      .send({ ...newUser, email: 'LI.MING@example.CN', mobile: undefined, organization: undefined })
      .expect(202);
    const fresh = await api.http
      .post('/api/auth/sign-up')
      .send({
        ...newUser,
        email: 'new.person@example.cn',
        mobile: undefined,
        organization: undefined,
      })
      .expect(202);
    expect(taken.body).toEqual(fresh.body);
    const accounts = await api.dataSource.query<unknown[]>(
      "SELECT 1 FROM user_account WHERE email = 'li.ming@example.cn'",
    );
    expect(accounts).toHaveLength(1);
  });

  it('logs in, and logging out ends that session only', async () => {
    const first = await signIn(api.http, 'li.ming@example.cn', newUser.password);
    const second = await signIn(api.http, 'Li.Ming@example.cn', newUser.password);
    const logout = await api.http
      .post('/api/auth/logout')
      .set('authorization', `Bearer ${first}`)
      .expect(204);
    expect(cookiesOf(logout).join(';')).toContain(`${SESSION_COOKIE}=;`);
    await api.http.get('/api/auth/me').set('authorization', `Bearer ${first}`).expect(401);
    await api.http.get('/api/auth/me').set('authorization', `Bearer ${second}`).expect(200);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const user = await createUser(api.dataSource);
    const wrongPassword = await api.http
      .post('/api/auth/login')
      .send({ email: user.email, password: 'nope-nope' })
      .expect(401);
    const unknown = await api.http
      .post('/api/auth/login')
      .send({ email: 'nobody@example.cn', password: 'nope-nope' })
      .expect(401);
    expect(wrongPassword.body).toEqual(unknown.body);
    expect(wrongPassword.body.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('rate-limits login attempts per account, even with the right password', async () => {
    const user = await createUser(api.dataSource);
    for (let i = 0; i < 3; i++) {
      await api.http
        .post('/api/auth/login')
        .send({ email: user.email, password: 'wrong-wrong' })
        .expect(401);
    }
    const limited = await api.http
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.details.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('changes the password and ends the other sessions', async () => {
    const user = await createUser(api.dataSource);
    const here = await signIn(api.http, user.email);
    const elsewhere = await signIn(api.http, user.email);
    const auth = { authorization: `Bearer ${here}` };
    const wrong = await api.http
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: 'not-it-at-all', newPassword: 'a-new-password' })
      .expect(400);
    expect(wrong.body.details.fields[0].field).toBe('currentPassword');
    await api.http
      .post('/api/auth/password')
      .set(auth)
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-password' })
      .expect(204);
    await api.http.get('/api/auth/me').set(auth).expect(200);
    await api.http.get('/api/auth/me').set('authorization', `Bearer ${elsewhere}`).expect(401);
    await api.http
      .post('/api/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(401);
    await signIn(api.http, user.email, 'a-new-password');
  });

  it('treats a forged, tampered or expired token as no token', async () => {
    const { user, token } = await signedIn(api.http, api.dataSource);
    const [header, payload] = token.split('.');
    const { sid } = api.app.get(JwtService).decode<{ sid: string }>(token);
    const expired = await api.app
      .get(JwtService)
      .signAsync({ sub: user.id, sid }, { expiresIn: -10 });
    const otherSecret = await new JwtService({ secret: 'not-our-secret' }).signAsync({
      sub: user.id,
      sid,
    });
    for (const bad of [
      `${header}.${payload}.forged`,
      'not-a-jwt',
      `${token}x`,
      expired,
      otherSecret,
    ]) {
      const response = await api.http
        .get('/api/auth/me')
        .set('authorization', `Bearer ${bad}`)
        .expect(401);
      expect(response.body.code).toBe('AUTH_REQUIRED');
    }
  });
});

describe('roles: organizer-only endpoints and granting the organizer role', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('refuses an anonymous caller with 401 and an expert with 403', async () => {
    const anonymous = await api.http.get('/api/users').expect(401);
    expect(anonymous.body.code).toBe('AUTH_REQUIRED');
    const expert = await signedIn(api.http, api.dataSource, ['expert']);
    const refused = await api.http
      .get('/api/users')
      .set('authorization', `Bearer ${expert.token}`)
      .expect(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { requiredRoles: ['organizer'] },
    });
  });

  it('lets an admin grant the organizer role, which takes effect at once', async () => {
    const admin = await signedIn(api.http, api.dataSource, ['admin']);
    const person = await signedIn(api.http, api.dataSource, ['expert']);
    await api.http
      .put(`/api/users/${person.user.id}/roles/organizer`)
      .set('authorization', `Bearer ${person.token}`)
      .expect(403);
    const granted = await api.http
      .put(`/api/users/${person.user.id}/roles/organizer`)
      .set('authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(granted.body.roles).toEqual(['expert', 'organizer']);
    // Granting twice changes nothing.
    const again = await api.http
      .put(`/api/users/${person.user.id}/roles/organizer`)
      .set('authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(again.body.roles).toEqual(['expert', 'organizer']);

    // The new organizer passes the organizers' door at once; with no organization yet they manage
    // nobody, so the list of people is theirs to read but empty. The admin finds them.
    const list = await api.http
      .get('/api/users')
      .query({ role: 'organizer', q: person.user.email })
      .set('authorization', `Bearer ${person.token}`)
      .expect(200);
    expect(list.body).toMatchObject({ total: 0, items: [] });
    const byAdmin = await api.http
      .get('/api/users')
      .query({ role: 'organizer', q: person.user.email })
      .set('authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(byAdmin.body).toMatchObject({ total: 1, items: [{ id: person.user.id }] });

    const revoked = await api.http
      .delete(`/api/users/${person.user.id}/roles/organizer`)
      .set('authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(revoked.body.roles).toEqual(['expert']);
    await api.http.get('/api/users').set('authorization', `Bearer ${person.token}`).expect(403);
  });

  it('keeps an admin from revoking their own admin role, and answers 404 for an unknown user', async () => {
    const admin = await signedIn(api.http, api.dataSource, ['admin']);
    const own = await api.http
      .delete(`/api/users/${admin.user.id}/roles/admin`)
      .set('authorization', `Bearer ${admin.token}`)
      .expect(409);
    expect(own.body.code).toBe('USER_CANNOT_REVOKE_OWN_ADMIN');
    const unknown = await api.http
      .put('/api/users/00000000-0000-4000-8000-000000000000/roles/organizer')
      .set('authorization', `Bearer ${admin.token}`)
      .expect(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
  });
});

describe('organizations', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('registers an organization with its creator as member, and finds it publicly', async () => {
    const { token } = await signedIn(api.http, api.dataSource, ['enterprise']);
    const created = await api.http
      .post('/api/organizations')
      .set('authorization', `Bearer ${token}`)
      .send({
        name: '成都芯联传感科技有限公司',
        kind: 'enterprise',
        creditCode: '91110000600037341L',
        title: '技术总监',
      })
      .expect(201);
    const me = await api.http
      .get('/api/auth/me')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body.memberships).toEqual([{ title: '技术总监', organization: created.body }]);

    const found = await api.http
      .get('/api/organizations')
      .query({ q: '芯联', kind: 'enterprise' })
      .expect(200);
    expect(found.body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });
    await api.http.get(`/api/organizations/${created.body.id}`).expect(200);
    const missing = await api.http
      .get('/api/organizations/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(missing.body.code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('refuses a wrong and a duplicate unified social credit code on the field', async () => {
    const { token } = await signedIn(api.http, api.dataSource, ['enterprise']);
    const auth = { authorization: `Bearer ${token}` };
    const invalid = await api.http
      .post('/api/organizations')
      .set(auth)
      .send({ name: '某公司', kind: 'enterprise', creditCode: '911100001000013441' })
      .expect(400);
    expect(invalid.body.details.fields).toEqual([
      { field: 'creditCode', rule: 'isCreditCode', message: '不是有效的统一社会信用代码' },
    ]);
    const duplicate = await api.http
      .post('/api/organizations')
      .set(auth)
      .set('accept-language', 'en')
      .send({ name: '另一公司', kind: 'enterprise', creditCode: '91110000600037341L' })
      .expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'ORGANIZATION_CREDIT_CODE_TAKEN',
      details: { fields: [{ field: 'creditCode' }] },
    });
    expect(duplicate.body.message).toMatch(/already registered/);
  });
});

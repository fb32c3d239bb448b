import { INestApplicationContext } from '@nestjs/common';
import { TestUser as User } from 'test/support/factories';
import { TeamInvitation } from 'src/identity/team-invitation.entity';
import { tokenHashOf } from 'src/identity/team-invitations.service';
import { eventually, startWorker, TestApi } from 'test/support/app';
import { createOrganization, createUser, PASSWORD, tokenFor } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { signInThroughPage } from 'test/support/page-forms';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';

// A browser journey with an accessibility check on every page takes minutes on a shared machine.
jest.setTimeout(300_000);

interface Manager {
  user: User;
  token: string;
  organizationId: string;
}

/** Invitations to a team by e-mail link: sent, mailed, accepted by a new account, revoked. */
describe('team invitations by e-mail link', () => {
  let web: WebHarness;
  let api: TestApi;
  let smtp: TestSmtp;
  let worker: INestApplicationContext;
  let a: Manager;
  let b: Manager;

  async function manager(name: string, organizationName: string): Promise<Manager> {
    const user = await createUser(api.dataSource, { roles: ['organizer'], name });
    const organization = await createOrganization(api.dataSource, user, {
      name: organizationName,
      role: 'manager',
    });
    return { user, token: await tokenFor(api.app, user), organizationId: organization.id };
  }

  const invite = (
    who: Manager,
    email: string,
    role = 'staff',
    organizationId = who.organizationId,
  ) =>
    api.http
      .post(`/api/organizations/${organizationId}/team/invitations`)
      .set(bearer(who.token))
      .send({ email, role });

  /** The link of the invitation mailed to `email` (waiting for the mail). */
  async function linkMailedTo(email: string): Promise<string> {
    const mail = await eventually(
      async () => smtp.delivered().find((m) => m.to === email),
      `the invitation to ${email}`,
    );
    const link = /https?:\/\/\S+\/team-invitations\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    return link![1];
  }

  /** An invitation made directly in the database, with a known token: the link is not the point. */
  async function invitationWithToken(who: Manager, email: string, role = 'staff') {
    const { body } = await invite(who, email, role).expect(201);
    const token = `test-token-${body.id as string}`;
    await api.dataSource
      .getRepository(TeamInvitation)
      .update({ id: body.id as string }, { tokenHash: tokenHashOf(token) });
    return { id: body.id as string, token };
  }

  const accept = (token: string, bearerToken: string) =>
    api.http.post(`/api/team-invitations/${token}/accept`).set(bearer(bearerToken));

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    const env = { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' };
    web = await startWebHarness(env);
    ({ api } = web);
    worker = await startWorker(env);
    a = await manager('王敏', '天府新区生产力促进中心');
    b = await manager('赵磊', '高新区科技成果转化服务中心');
  });

  afterAll(async () => {
    await worker?.close();
    await web?.close();
    await smtp?.close();
  });

  it('mails a link that a new person follows, signs up, accepts, and then keeps the team in the console', async () => {
    await invite(a, ' Li.Qiang@Example.CN ', 'manager').expect(201);
    const token = await linkMailedTo('li.qiang@example.cn');
    const mail = smtp.delivered().find((m) => m.to === 'li.qiang@example.cn')!;
    expect(mail.subject).toBe('王敏邀请您加入「天府新区生产力促进中心」团队');
    expect(mail.text).toContain('以「负责人」身份');
    expect(mail.html).toContain(`<a href="http://duijie.test/team-invitations/${token}"`);
    // Only the hash of the token is kept.
    const [stored] = await api.dataSource.query<{ token_hash: string }[]>(
      `SELECT token_hash FROM team_invitation WHERE email = 'li.qiang@example.cn'`,
    );
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const { context, page } = await web.tab('zh-CN');
    try {
      await web.visit(page, `/team-invitations/${token}`, 'team-invitation-zh-CN-anonymous');
      await expect(page.locator('h2').textContent()).resolves.toBe('天府新区生产力促进中心');
      await expect(page.locator('.panel').textContent()).resolves.toContain('负责人');
      await page.click('a[href^="/sign-up?next="]');
      await page.fill('#name', '李强');
      await page.fill('#email', 'li.qiang@example.cn');
      await page.fill('#password', PASSWORD);
      await page.check('input[name=acceptPrivacy]');
      await page.click('form[action="/sign-up"] button[type=submit]');
      // The link the address receives verifies it, signs in and comes back to the invitation.
      const [mail] = await api.dataSource.query<{ data: { url: string } }[]>(
        "SELECT data FROM outbox_message WHERE recipient = 'li.qiang@example.cn' AND template = 'verify-address'",
      );
      const link = new URL(mail.data.url);
      await web.visit(page, link.pathname + link.search, 'team-invitation-zh-CN-verify');
      await page.click('form[action="/verify-email"] button[type=submit]');
      await page.waitForURL(`${web.base}/team-invitations/${token}`);
      await expectSoundPage(page, 'team-invitation-zh-CN-signed-in');
      await page.click(`form[action="/team-invitations/${token}/accept"] button`);
      await page.waitForURL(`${web.base}/team-invitations/${token}?done=accepted`);
      await expectSoundPage(page, 'team-invitation-zh-CN-accepted');
      await expect(page.locator('[role=status]').first().textContent()).resolves.toContain(
        '您已加入「天府新区生产力促进中心」',
      );
      await page.click('a[href="/console/team"]');
      await page.waitForURL(`${web.base}/console/team`);
      await expectSoundPage(page, 'team-invitation-zh-CN-console-team');
      const row = page.locator('tr[data-email="li.qiang@example.cn"]');
      await expect(row.getAttribute('data-role')).resolves.toBe('manager');
    } finally {
      await context.close();
    }
    const [person] = await api.dataSource.query<{ roles: string[] }[]>(
      `SELECT roles FROM user_account WHERE email = 'li.qiang@example.cn'`,
    );
    // Signed up as an expert: the team role, not a platform role, opened the console.
    expect(person.roles).toEqual(['expert']);
    const again = await accept(token, a.token).expect(410);
    expect(again.body.code).toBe('TEAM_INVITATION_USED');
  });

  it('invites from the console team page and revokes there; the revoked link is refused', async () => {
    const pages = await signInThroughPage(api.http, a.user.email, PASSWORD, '/console/team');
    expect(pages.signedIn.status).toBe(303);
    const cookie = pages.cookie;
    const post = (path: string, form: Record<string, string> = {}) =>
      pages.post(`/console/team/${path}`, form);
    const sent = await post(`${a.organizationId}/invite`, {
      email: 'zhou.ting@example.cn',
      role: 'viewer',
    }).expect(303);
    expect(sent.headers.location).toBe('/console/team?done=invited');
    let html = await api.http
      .get(sent.headers.location)
      .set('cookie', cookie)
      .then((r) => r.text);
    expect(html).toContain('邀请邮件已发出');
    const id =
      /<tr data-invitation="([^"]+)" data-email="zhou.ting@example.cn" data-role="viewer"/.exec(
        html,
      )?.[1];
    expect(id).toBeDefined();

    const twice = await post(`${a.organizationId}/invite`, {
      email: 'zhou.ting@example.cn',
      role: 'staff',
    }).expect(409);
    expect(twice.text).toContain(`id="invite-email-${a.organizationId}-problem"`);
    expect(twice.text).toContain('value="zhou.ting@example.cn"');

    const token = await linkMailedTo('zhou.ting@example.cn');
    await post(`${a.organizationId}/invitations/${id}/revoke`).expect(303);
    html = await api.http
      .get('/console/team')
      .set('cookie', cookie)
      .then((r) => r.text);
    expect(html).not.toContain('data-email="zhou.ting@example.cn"');

    const person = await createUser(api.dataSource, { name: '周婷', roles: ['expert'] });
    const refused = await accept(token, await tokenFor(api.app, person)).expect(410);
    expect(refused.body.code).toBe('TEAM_INVITATION_REVOKED');
    const page = await api.http.get(`/team-invitations/${token}`).expect(200);
    expect(page.text).toContain('此邀请已被撤销');
    expect(page.text).not.toContain('/accept"');
  });

  it('refuses an expired link (410), an unknown one (404) and a used one (410)', async () => {
    const person = await createUser(api.dataSource, { roles: ['enterprise'] });
    const personToken = await tokenFor(api.app, person);
    const expired = await invitationWithToken(a, 'late@example.cn');
    await api.dataSource
      .getRepository(TeamInvitation)
      .update({ id: expired.id }, { expiresAt: new Date(Date.now() - 1000) });
    const late = await accept(expired.token, personToken).expect(410);
    expect(late.body.code).toBe('TEAM_INVITATION_EXPIRED');
    // An expired invitation makes way for a new one to the same address.
    await invite(a, 'late@example.cn').expect(201);

    const unknown = await accept('no-such-token-at-all-0000', personToken).expect(404);
    expect(unknown.body.code).toBe('TEAM_INVITATION_NOT_FOUND');
    await api.http.get('/api/team-invitations/no-such-token-at-all-0000').expect(404);

    const used = await invitationWithToken(a, 'used@example.cn', 'member');
    const accepted = await accept(used.token, personToken).expect(200);
    expect(accepted.body).toMatchObject({ role: 'member' });
    const second = await createUser(api.dataSource, {});
    const refused = await accept(used.token, await tokenFor(api.app, second)).expect(410);
    expect(refused.body.code).toBe('TEAM_INVITATION_USED');
    await api.http.post(`/api/team-invitations/${used.token}/accept`).expect(401);
  });

  it('lets only the organization’s managers invite, list and revoke (403), and another organization’s path finds nothing (404)', async () => {
    const { body } = await invite(a, 'guarded@example.cn').expect(201);
    const path = `/api/organizations/${a.organizationId}/team/invitations`;
    const forbidden = await invite(b, 'x@example.cn', 'manager', a.organizationId).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await api.http.get(path).set(bearer(b.token)).expect(403);
    await api.http
      .delete(`${path}/${body.id as string}`)
      .set(bearer(b.token))
      .expect(403);
    const elsewhere = await api.http
      .delete(`/api/organizations/${b.organizationId}/team/invitations/${body.id as string}`)
      .set(bearer(b.token))
      .expect(404);
    expect(elsewhere.body.code).toBe('TEAM_INVITATION_NOT_FOUND');
    const staff = await createUser(api.dataSource, { roles: ['organizer'] });
    await api.dataSource.query(
      `INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'staff')`,
      [staff.id, a.organizationId],
    );
    await api.http
      .get(path)
      .set(bearer(await tokenFor(api.app, staff)))
      .expect(403);
    await api.http
      .post('/api/organizations/00000000-0000-4000-8000-000000000000/team/invitations')
      .set(bearer(a.token))
      .send({ email: 'x@example.cn', role: 'staff' })
      .expect(404);

    const listed = await api.http.get(path).set(bearer(a.token)).expect(200);
    const open = listed.body as { email: string }[];
    expect(open.map((i) => i.email)).toContain('guarded@example.cn');
    const bad = await invite(a, 'not-an-address', 'owner').expect(400);
    expect(fieldNames(bad.body).sort()).toEqual(['email', 'role']);
    const member = await invite(a, a.user.email).expect(409);
    expect(member.body.code).toBe('TEAM_ALREADY_MEMBER');
  });

  it('accepting and revoking at once: exactly one of them takes effect, every time', async () => {
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const email = `race-${round}@example.cn`;
      const { id, token } = await invitationWithToken(a, email);
      const person = await createUser(api.dataSource, { roles: ['expert'] });
      const personToken = await tokenFor(api.app, person);
      const [accepted, revoked] = await Promise.all([
        accept(token, personToken),
        api.http
          .delete(`/api/organizations/${a.organizationId}/team/invitations/${id}`)
          .set(bearer(a.token)),
      ]);
      const wins = [accepted.status === 200, revoked.status === 204];
      expect(wins.filter(Boolean)).toHaveLength(1);
      const [row] = await api.dataSource.query<
        { accepted: boolean; revoked: boolean; member: boolean }[]
      >(
        `SELECT accepted_at IS NOT NULL AS accepted, revoked_at IS NOT NULL AS revoked,
                EXISTS (SELECT 1 FROM membership WHERE user_id = $2 AND organization_id = $3) AS member
           FROM team_invitation WHERE id = $1`,
        [id, person.id, a.organizationId],
      );
      expect(row).toEqual({ accepted: wins[0], revoked: wins[1], member: wins[0] });
    }
  });
});

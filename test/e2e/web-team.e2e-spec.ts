import { DataSource } from 'typeorm';
import { Organization } from 'src/identity/organization.entity';
import { TestUser as User } from 'test/support/factories';
import { startApi, TestApi } from 'test/support/app';
import { createOrganization, createUser, PASSWORD, tokenFor } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { PageSession, signInThroughPage } from 'test/support/page-forms';
import { resetState } from 'test/support/state';

interface Manager {
  user: User;
  organization: Organization;
  /** The session cookie, as the browser sends it back. */
  cookie: string;
  /** Their forms, posted with the token of their pages. */
  pages: PageSession;
}

/** The console's team page: a manager keeps their organization's team through forms. */
describe('the team page (/console/team)', () => {
  let api: TestApi;
  let a: Manager;
  let b: Manager;
  let colleague: User;

  /** An organizer managing a new organization, signed in through the sign-in form. */
  async function manager(name: string, organizationName: string): Promise<Manager> {
    const ds = api.app.get(DataSource);
    const user = await createUser(ds, { roles: ['organizer'], name });
    const organization = await createOrganization(ds, user, {
      name: organizationName,
      role: 'manager',
    });
    const pages = await signInThroughPage(api.http, user.email, PASSWORD, '/console/team');
    expect(pages.signedIn.status).toBe(303);
    return { user, organization, cookie: pages.cookie, pages };
  }

  const page = (who: Manager, status = 200) =>
    api.http
      .get('/console/team')
      .set('cookie', who.cookie)
      .expect(status)
      .then((r) => r.text);

  const post = (who: Manager, path: string, form: Record<string, string> = {}) =>
    who.pages.post(`/console/team/${path}`, form);

  const rowOf = (html: string, email: string) =>
    new RegExp(`<tr data-user="[^"]+" data-email="${email}" data-role="([a-z]+)"`).exec(html)?.[1];

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    a = await manager('王敏', 'A区生产力促进中心');
    b = await manager('赵磊', 'B区生产力促进中心');
    colleague = await createUser(api.app.get(DataSource), { name: '李强' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('shows a manager their team, with the link in the console navigation', async () => {
    const html = await page(a);
    expect(html).toContain('A区生产力促进中心');
    expect(html).toContain('王敏');
    expect(rowOf(html, a.user.email)).toBe('manager');
    expect(html).toContain('href="/console/team" aria-current="page"');
    expect(html).toContain(`<label for="email-${a.organization.id}">`);
    expect(html).not.toContain('B区生产力促进中心');
  });

  it('adds a colleague by e-mail as staff, then changes their role', async () => {
    const added = await post(a, `${a.organization.id}/add`, {
      email: colleague.email.toUpperCase(),
      role: 'staff',
      title: '活动专员',
    }).expect(303);
    expect(added.headers.location).toBe('/console/team?done=added');
    let html = await api.http
      .get(added.headers.location)
      .set('cookie', a.cookie)
      .expect(200)
      .then((r) => r.text);
    expect(html).toContain('成员已添加');
    expect(rowOf(html, colleague.email)).toBe('staff');
    expect(html).toContain('活动专员');

    const changed = await post(a, `${a.organization.id}/members/${colleague.id}/role`, {
      role: 'reviewer',
    }).expect(303);
    expect(changed.headers.location).toBe('/console/team?done=changed');
    html = await page(a);
    expect(rowOf(html, colleague.email)).toBe('reviewer');
    expect(html).toContain('活动专员');
  });

  it('refuses removing or demoting the last manager, beside the form (409)', async () => {
    for (const path of [
      `${a.organization.id}/members/${a.user.id}/remove`,
      `${a.organization.id}/members/${a.user.id}/role`,
    ]) {
      // Removing asks first; confirmed, it is refused.
      const refused = await post(a, path, { role: 'staff', confirmed: 'yes' }).expect(409);
      expect(refused.text).toContain('TEAM_LAST_MANAGER');
      expect(refused.text).toContain('机构至少要保留一名负责人');
      expect(rowOf(refused.text, a.user.email)).toBe('manager');
    }
  });

  it('refuses an unknown e-mail beside the e-mail field, keeping what was typed', async () => {
    const refused = await post(a, `${a.organization.id}/add`, {
      email: 'nobody@example.cn',
      role: 'viewer',
      title: '顾问',
    }).expect(404);
    const id = a.organization.id;
    expect(refused.text).toContain(`aria-describedby="email-${id}-problem"`);
    expect(refused.text).toMatch(new RegExp(`id="email-${id}-problem">用户不存在<`));
    expect(refused.text).toContain('value="nobody@example.cn"');
    expect(refused.text).toContain('value="顾问"');

    const invalid = await post(a, `${id}/add`, { email: 'not-an-address', role: 'staff' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain(`id="email-${id}-problem"`);
  });

  it('shows another organization’s manager only their own team, and refuses them this one', async () => {
    const html = await page(b);
    expect(html).toContain('B区生产力促进中心');
    expect(html).not.toContain('A区生产力促进中心');
    expect(html).not.toContain(colleague.email);
    const refused = await post(b, `${a.organization.id}/add`, {
      email: b.user.email,
      role: 'manager',
    }).expect(403);
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).not.toContain('A区生产力促进中心');
  });

  it('PUT /api/organizations/:id/team gives the person with an e-mail address a role', async () => {
    const token = await tokenFor(api.app, a.user);
    const path = `/api/organizations/${a.organization.id}/team`;
    const person = await createUser(api.app.get(DataSource), { name: '周婷' });
    const { body } = await api.http
      .put(path)
      .set(bearer(token))
      .send({ email: ` ${person.email.toUpperCase()} `, role: 'viewer', title: '联络员' })
      .expect(200);
    expect(body).toEqual({
      userId: person.id,
      name: '周婷',
      email: person.email,
      role: 'viewer',
      title: '联络员',
    });
    const unknown = await api.http
      .put(path)
      .set(bearer(token))
      .send({ email: 'nobody@example.cn', role: 'staff' })
      .expect(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
    expect(fieldNames(unknown.body)).toEqual(['email']);
    await api.http
      .put(path)
      .set(bearer(token))
      .send({ email: 'not-an-address', role: 'staff' })
      .expect(400);
    const other = await tokenFor(api.app, b.user);
    await api.http
      .put(path)
      .set(bearer(other))
      .send({ email: b.user.email, role: 'manager' })
      .expect(403);
  });
});

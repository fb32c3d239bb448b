import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { TestUser as User } from 'test/support/factories';
import { TestApi } from 'test/support/app';
import { createOrganization, createUser, PASSWORD, tokenFor } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';

// A browser journey with an accessibility check on every page takes minutes on a shared machine.
jest.setTimeout(300_000);

/** Joining an institution or enterprise: asked in a portal, decided by its manager. */
describe('membership requests and the portals’ organizations pages', () => {
  let web: WebHarness;
  let api: TestApi;
  let owner: { user: User; token: string };
  let companyId: string;

  const need = (enterpriseId: string) => ({
    title: '燃气泄漏监测',
    description: '低功耗在线监测',
    fields: ['电子信息'],
    enterpriseName: '成都芯联传感科技有限公司',
    enterpriseId,
  });

  async function person(roles: ('expert' | 'enterprise')[], name: string) {
    const user = await createUser(api.dataSource, { roles, name });
    return { user, token: await tokenFor(api.app, user) };
  }

  const ask = (token: string, organizationId = companyId, note?: string) =>
    api.http
      .post(`/api/organizations/${organizationId}/membership-requests`)
      .set(bearer(token))
      .send(note ? { note } : {});

  const decide = (token: string, requestId: string, decision: 'approve' | 'reject') =>
    api.http
      .post(`/api/organizations/${companyId}/membership-requests/${requestId}/${decision}`)
      .set(bearer(token))
      .send({});

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    ({ api } = web);
    owner = await person(['enterprise'], '周强');
    // Registering a new enterprise makes its creator a member; an admin grants its manager.
    const created = await api.http
      .post('/api/organizations')
      .set(bearer(owner.token))
      .send({ name: '成都芯联传感科技有限公司', kind: 'enterprise' })
      .expect(201);
    companyId = created.body.id as string;
    const role = async () =>
      (
        await api.dataSource.query<{ role: string }[]>(
          'SELECT role FROM membership WHERE user_id = $1 AND organization_id = $2',
          [owner.user.id, companyId],
        )
      )[0].role;
    await expect(role()).resolves.toBe('member');
    const admin = await createUser(api.dataSource, { roles: ['admin'], name: '平台管理员' });
    await api.http
      .put(`/api/organizations/${companyId}/team`)
      .set(bearer(await tokenFor(api.app, admin)))
      .send({ email: owner.user.email, role: 'manager' })
      .expect(200);
    await expect(role()).resolves.toBe('manager');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('approved by the manager, the person may name the enterprise on a need; both sides are told', async () => {
    const staff = await person(['enterprise'], '李工');
    const refused = await api.http
      .post('/api/needs')
      .set(bearer(staff.token))
      .send(need(companyId));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CATALOG_NOT_MEMBER');

    const { body: request } = await ask(staff.token, companyId, '研发部工程师').expect(201);
    expect(request).toMatchObject({ status: 'pending', note: '研发部工程师' });
    const twice = await ask(staff.token).expect(409);
    expect(twice.body.code).toBe('MEMBERSHIP_REQUEST_PENDING');

    const pending = await api.http
      .get(`/api/organizations/${companyId}/membership-requests`)
      .set(bearer(owner.token))
      .expect(200);
    const waiting = pending.body as { user: { name: string } }[];
    expect(waiting.map((r) => r.user.name)).toEqual(['李工']);
    // Another person cannot see or decide them.
    await api.http
      .get(`/api/organizations/${companyId}/membership-requests`)
      .set(bearer(staff.token))
      .expect(403);
    await decide(staff.token, request.id as string, 'approve').expect(403);

    const approved = await decide(owner.token, request.id as string, 'approve').expect(200);
    expect(approved.body.status).toBe('approved');
    const again = await decide(owner.token, request.id as string, 'reject').expect(409);
    expect(again.body.code).toBe('MEMBERSHIP_REQUEST_DECIDED');
    await api.http.post('/api/needs').set(bearer(staff.token)).send(need(companyId)).expect(201);

    const mine = await api.http.get('/api/me/memberships').set(bearer(staff.token)).expect(200);
    expect(mine.body.memberships).toEqual([
      {
        organization: { id: companyId, name: '成都芯联传感科技有限公司', kind: 'enterprise' },
        role: 'member',
        title: null,
      },
    ]);
    expect(mine.body.requests).toEqual([]);
    const messages = await api.dataSource.getRepository(OutboxMessage).find({
      where: { subject: `membership-request:${request.id as string}` },
      order: { createdAt: 'ASC' },
    });
    expect(messages.map((m) => [m.template, m.recipient])).toEqual([
      ['membership-request', owner.user.email],
      ['membership-decision', staff.user.email],
    ]);
    expect(messages[1].data).toMatchObject({
      approved: true,
      organization: '成都芯联传感科技有限公司',
    });
  });

  it('rejected, the person is still refused and sees the rejection; they may ask again', async () => {
    const outsider = await person(['enterprise'], '无名');
    const { body: request } = await ask(outsider.token).expect(201);
    await api.http
      .post(`/api/organizations/${companyId}/membership-requests/${request.id as string}/reject`)
      .set(bearer(owner.token))
      .send({ reason: '非本企业员工' })
      .expect(200);
    const refused = await api.http
      .post('/api/needs')
      .set(bearer(outsider.token))
      .send(need(companyId));
    expect(refused.body.code).toBe('CATALOG_NOT_MEMBER');
    const mine = await api.http.get('/api/me/memberships').set(bearer(outsider.token)).expect(200);
    expect(mine.body.requests).toMatchObject([{ status: 'rejected', reason: '非本企业员工' }]);
    await ask(outsider.token).expect(201);
  });

  it('a manager cannot decide their own request; organizing organizations and members cannot be asked', async () => {
    const admin = await createUser(api.dataSource, { roles: ['admin', 'expert'] });
    const adminToken = await tokenFor(api.app, admin);
    const { body: own } = await ask(adminToken).expect(201);
    const refused = await decide(adminToken, own.id as string, 'approve').expect(403);
    expect(refused.body.code).toBe('MEMBERSHIP_REQUEST_OWN');

    const center = await createOrganization(api.dataSource, owner.user, {
      kind: 'service_agency',
      role: 'manager',
    });
    const expert = await person(['expert'], '陈教授');
    const kind = await ask(expert.token, center.id).expect(409);
    expect(kind.body.code).toBe('MEMBERSHIP_REQUEST_KIND');
    const member = await ask(owner.token).expect(409);
    expect(member.body.code).toBe('MEMBERSHIP_ALREADY_MEMBER');
    const organizer = await createUser(api.dataSource, { roles: ['organizer'] });
    await ask(await tokenFor(api.app, organizer)).expect(403);
  });

  it('shows the status in the portal, asks by name there, and lets the manager approve there', async () => {
    const university = await createOrganization(api.dataSource, owner.user, {
      name: '西南理工大学',
      kind: 'university',
      role: 'manager',
    });
    const expert = await createUser(api.dataSource, { roles: ['expert'], name: '刘洋' });
    const { context, page } = await web.tab('zh-CN');
    try {
      await web.signIn(page, expert.email, '/expert/organizations');
      await expectSoundPage(page, 'portals-zh-CN-expert-organizations');
      await expect(page.locator('#mine ~ p').first().textContent()).resolves.toContain(
        '您还不是任何机构的成员',
      );
      await page.fill('#q', '理工');
      await page.click('form[role=search] button');
      await page.waitForURL(/q=/);
      await expectSoundPage(page, 'portals-zh-CN-expert-organizations-found');
      await page.fill(`#note-${university.id}`, '材料学院教授');
      await page.click(`li[data-organization="${university.id}"] button`);
      await page.waitForURL(`${web.base}/expert/organizations?done=requested`);
      await expectSoundPage(page, 'portals-zh-CN-expert-organizations-requested');
      const row = page.locator(`tr[data-organization="${university.id}"]`);
      await expect(row.getAttribute('data-status')).resolves.toBe('pending');
      await expect(row.textContent()).resolves.toContain('待审批');
    } finally {
      await context.close();
    }

    const manager = await web.tab('en');
    try {
      await manager.page.goto(`${web.base}/sign-in?next=%2Fenterprise%2Forganizations`);
      await manager.page.fill('#email', owner.user.email);
      await manager.page.fill('#password', PASSWORD);
      await manager.page.click('form[action="/sign-in"] button[type=submit]');
      await manager.page.waitForURL(`${web.base}/enterprise/organizations`);
      await expectSoundPage(manager.page, 'portals-en-enterprise-organizations-decide');
      const heading = manager.page.locator(`#decide-${university.id}`);
      await expect(heading.textContent()).resolves.toBe('西南理工大学');
      await manager.page.click('button[aria-label="Approve: 刘洋"]');
      await manager.page.waitForURL(`${web.base}/enterprise/organizations?done=approved`);
      await expectSoundPage(manager.page, 'portals-en-enterprise-organizations-approved');
      await expect(manager.page.locator('[role=status]').textContent()).resolves.toContain(
        'Approved',
      );
    } finally {
      await manager.context.close();
    }
    const [row] = await api.dataSource.query<{ role: string }[]>(
      'SELECT role FROM membership WHERE user_id = $1 AND organization_id = $2',
      [expert.id, university.id],
    );
    expect(row).toEqual({ role: 'member' });
  });
});

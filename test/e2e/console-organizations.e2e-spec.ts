import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Organization } from 'src/identity/organization.entity';
import { TestUser as User } from 'test/support/factories';
import { StatisticsService } from 'src/stats/statistics.service';
import { TestApi } from 'test/support/app';
import { createEvent, createOrganization, createUser, tokenFor } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';
import { expectSoundPage, startWebHarness, WebHarness } from 'test/support/web';

interface Team {
  user: User;
  organization: Organization;
  token: string;
}

/**
 * A city with two districts below it: the city's read-only viewer narrows the console to one
 * district and back, and reads the districts side by side; each district sees only its own.
 */
describe('the console’s organizations: the switcher and the children’s view', () => {
  let web: WebHarness;
  let api: TestApi;
  let base: string;
  let city: Team;
  let a: Team;
  let b: Team;
  const A_DEAL_FEN = 53_000_000_000; // 5.3亿元

  /** A person holding `role` in a new organization (below `parent`, if given). */
  async function team(name: string, role: 'manager' | 'viewer', parent?: Organization) {
    const ds = api.app.get(DataSource);
    // The viewer holds no platform role: their team role opens the console.
    const user = await createUser(ds, {
      roles: role === 'manager' ? ['organizer'] : [],
      name: `${name}负责人`,
    });
    const organization = await createOrganization(ds, user, {
      name,
      role,
      parentId: parent?.id ?? null,
    });
    return { user, organization, token: await tokenFor(api.app, user) };
  }

  /** A concluded event (it counts in the figures) and a coming one, of the team's organization. */
  async function events(owner: Team, prefix: string) {
    const held = await createEvent(
      api.http,
      owner,
      {
        title: `${prefix}成果路演`,
        kind: 'roadshow',
        startsAt: '2026-10-20T14:00:00+08:00',
        endsAt: '2026-10-20T17:00:00+08:00',
      },
      ['published', 'live', 'concluded'],
    );
    await createEvent(api.http, owner, {
      title: `${prefix}新材料沙龙`,
      startsAt: '2027-03-20T14:00:00+08:00',
      endsAt: '2027-03-20T17:00:00+08:00',
    });
    return held;
  }

  beforeAll(async () => {
    await resetState();
    web = await startWebHarness();
    ({ api, base } = web);
    city = await team('成都市生产力促进中心', 'viewer');
    a = await team('A区生产力促进中心', 'manager', city.organization);
    b = await team('B区生产力促进中心', 'manager', city.organization);
    const aHeld = await events(a, 'A区');
    const bHeld = await events(b, 'B区');
    await api.http
      .post('/api/deals')
      .set(bearer(a.token))
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        institutionName: '西南理工大学',
        expertTeam: '刘洋教授团队',
        eventId: aHeld,
        type: 'license',
        contractValueFen: A_DEAL_FEN,
        signedOn: '2026-10-20',
        atCeremony: true,
      })
      .expect(201);
    await api.app.get(StatisticsService).compile([aHeld, bHeld]);
  }, 180_000);

  afterAll(async () => {
    await web?.close();
  });

  describe('the API’s organizationId filter', () => {
    const rollup = (who: Team, organizationId: string) =>
      api.http
        .get('/api/statistics')
        .query({ organizationId })
        .set(bearer(who.token))
        .expect(200)
        .then((r) => r.body as { events: number; totals: { dealsSince: unknown } });

    it('GET /api/statistics?organizationId=<A> as the city viewer counts A only', async () => {
      const ofA = await rollup(city, a.organization.id);
      expect(ofA.events).toBe(1);
      expect(ofA.totals.dealsSince).toEqual({ count: 1, valueFen: A_DEAL_FEN });
      const ofB = await rollup(city, b.organization.id);
      expect(ofB.events).toBe(1);
      expect(ofB.totals.dealsSince).toEqual({ count: 0, valueFen: 0 });
      // The city names itself: its districts below it.
      expect((await rollup(city, city.organization.id)).events).toBe(2);
    });

    it('as B’s manager with A’s id counts nothing of A’s (the filter never widens the scope)', async () => {
      const ofA = await rollup(b, a.organization.id);
      expect(ofA.events).toBe(0);
      expect(ofA.totals.dealsSince).toEqual({ count: 0, valueFen: 0 });
      const csv = await api.http
        .get('/api/statistics/events.csv')
        .query({ organizationId: a.organization.id })
        .set(bearer(b.token))
        .expect(200);
      expect(csv.text).not.toContain('A区');
      // B's own figures are still there under its own id.
      expect((await rollup(b, b.organization.id)).events).toBe(1);
    });

    it('GET /api/events?organizationId= keeps to what the caller may see', async () => {
      const titles = async (query: Record<string, string>, token?: string) => {
        const request = api.http.get('/api/events').query({ limit: 100, ...query });
        const { body } = await (token ? request.set(bearer(token)) : request).expect(200);
        return (body.items as { title: string }[]).map((e) => e.title).sort();
      };
      expect(await titles({ organizationId: a.organization.id })).toEqual([
        'A区成果路演',
        'A区新材料沙龙',
      ]);
      expect(await titles({ organizationId: a.organization.id, inside: 'true' }, b.token)).toEqual(
        [],
      );
      expect(await titles({ inside: 'true' }, city.token)).toHaveLength(4);
      expect(
        await titles({ organizationId: b.organization.id, inside: 'true' }, city.token),
      ).toEqual(['B区成果路演', 'B区新材料沙龙']);
      const refused = await api.http
        .get('/api/events')
        .query({ organizationId: 'city' })
        .expect(400);
      expect(refused.body.details.fields).toEqual([
        expect.objectContaining({ field: 'organizationId', rule: 'isUuid' }),
      ]);
    });
  });

  describe('in a real browser', () => {
    const switchTo = async (page: Page, label: string) => {
      await page.selectOption('#console-organization', { label });
      await Promise.all([
        page.waitForNavigation(),
        page.click('form.console-switcher button[type=submit]'),
      ]);
    };
    const total = (page: Page, name: string) =>
      page.locator(`dd[data-total="${name}"]`).textContent();
    /** The dashboard's coming events (both districts' start at the same time), by title. */
    const upcoming = async (page: Page) =>
      (
        await page.locator('#upcoming-heading ~ table tbody td:first-child a').allTextContents()
      ).sort();

    it('the city viewer switches to district A, sees only A’s events and figures, then all again', async () => {
      const { context, page } = await web.tab('zh-CN');
      try {
        await web.signIn(page, city.user.email, '/console?year=2026');
        await expectSoundPage(page, 'console-switcher-all');
        const options = await page.locator('#console-organization option').allTextContents();
        expect(options).toEqual([
          '我的全部机构',
          '成都市生产力促进中心',
          'A区生产力促进中心（下属）',
          'B区生产力促进中心（下属）',
        ]);
        expect(await upcoming(page)).toEqual(['A区新材料沙龙', 'B区新材料沙龙']);
        expect(await total(page, 'events')).toBe('2');

        await switchTo(page, 'A区生产力促进中心（下属）');
        expect(page.url()).toBe(`${base}/console?year=2026`);
        await expectSoundPage(page, 'console-switcher-district');
        expect(await upcoming(page)).toEqual(['A区新材料沙龙']);
        expect(await total(page, 'events')).toBe('1');
        expect(await total(page, 'deals')).toBe('1');
        // The viewer manages none of them: the public page, no registrations link.
        await expect(
          page.locator('a', { hasText: 'A区新材料沙龙' }).getAttribute('href'),
        ).resolves.toMatch(/^\/activities\//);

        // The statistics page and its exports keep to the chosen district.
        await web.visit(page, '/console/statistics', 'console-switcher-statistics');
        await expect(page.locator('p.headline').textContent()).resolves.toContain('1');
        await expect(page.locator('a', { hasText: 'CSV' }).getAttribute('href')).resolves.toContain(
          `organizationId=${a.organization.id}`,
        );

        await switchTo(page, '我的全部机构');
        expect(page.url()).toBe(`${base}/console/statistics`);
        await web.visit(page, '/console?year=2026', 'console-switcher-all-again');
        expect(await upcoming(page)).toEqual(['A区新材料沙龙', 'B区新材料沙龙']);
        expect(await total(page, 'events')).toBe('2');
      } finally {
        await context.close();
      }
    });

    it('the children view lists A and B with their figures, read-only', async () => {
      const { context, page } = await web.tab('zh-CN');
      try {
        await web.signIn(page, city.user.email, '/console');
        await Promise.all([
          page.waitForNavigation(),
          page.click(`a[data-branch="${city.organization.id}"]`),
        ]);
        expect(page.url()).toBe(`${base}/console/organizations/${city.organization.id}`);
        await expectSoundPage(page, 'console-organization-children');
        const figure = (org: Team, name: string) =>
          page
            .locator(`[data-child="${org.organization.id}"] dd[data-figure="${name}"]`)
            .textContent();
        expect(await figure(a, 'events')).toBe('2');
        expect(await figure(a, 'held')).toBe('1');
        expect(await figure(a, 'deals')).toBe('1');
        expect(await figure(a, 'value')).toBe('5.3亿元');
        expect(await figure(b, 'events')).toBe('2');
        expect(await figure(b, 'held')).toBe('1');
        expect(await figure(b, 'deals')).toBe('0');
        const card = page.locator(`[data-child="${a.organization.id}"]`);
        await expect(card.textContent()).resolves.toContain('A区生产力促进中心负责人');
        await expect(card.locator('.console-latest a').allTextContents()).resolves.toEqual([
          'A区新材料沙龙',
          'A区成果路演',
        ]);
        // Read-only: no form of any kind but the switcher's.
        expect(await page.locator('main form:not(.console-switcher)').count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    it('a district manager gets 404 for the city’s children view, and sees no switcher', async () => {
      const { context, page } = await web.tab('zh-CN');
      try {
        await web.signIn(page, a.user.email, '/console');
        expect(await page.locator('#console-organization').count()).toBe(0);
        expect(await upcoming(page)).toEqual(['A区新材料沙龙']);
        const response = await page.goto(`${base}/console/organizations/${city.organization.id}`);
        expect(response?.status()).toBe(404);
        // A's own view answers (it has no children yet).
        const own = await page.goto(`${base}/console/organizations/${a.organization.id}`);
        expect(own?.status()).toBe(200);
        await expect(page.locator('main').textContent()).resolves.toContain(
          '这个机构下面还没有机构',
        );
      } finally {
        await context.close();
      }
    });

    it('the switcher works on a phone (390 px wide)', async () => {
      const { context, page } = await web.tab('zh-CN', { width: 390, height: 844 });
      try {
        await web.signIn(page, city.user.email, '/console');
        const box = await page.locator('form.console-switcher').boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        const button = await page.locator('form.console-switcher button').boundingBox();
        expect(button!.x + button!.width).toBeLessThanOrEqual(390);
        await switchTo(page, 'B区生产力促进中心（下属）');
        await expectSoundPage(page, 'console-switcher-phone');
        expect(await upcoming(page)).toEqual(['B区新材料沙龙']);
        await web.visit(
          page,
          `/console/organizations/${city.organization.id}`,
          'console-organization-children-phone',
        );
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth).toBeLessThanOrEqual(390);
      } finally {
        await context.close();
      }
    });
  });
});

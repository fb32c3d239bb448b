import { Writable } from 'node:stream';
import pino from 'pino';
import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from 'src/app';
import { linkToken, signedToken } from 'src/common/signed-token';
import { AppConfig } from 'src/config/config';
import { Event } from 'src/events/event.entity';
import { testConfig } from 'test/support/app';
import { createEvent, PASSWORD, signedInOrganizer, signIn } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { cookiesOf, formTokenIn, signInThroughPage } from 'test/support/page-forms';
import { resetState } from 'test/support/state';

/**
 * The attacks of issue 17 on the web side, each as it was carried out: a foreign site posting with
 * the organizer's cookie, a foreign site signing a visitor in, pages without security headers,
 * link tokens in the request log, links that never expired.
 */
describe('abuse: forged requests, headers and link tokens', () => {
  const SITE = 'http://duijie.test';
  const EVIL = 'http://evil.duijie.test:8080';
  let app: NestFastifyApplication;
  let http: TestAgent;
  let config: AppConfig;
  let dataSource: DataSource;
  /** What the API logged, one parsed JSON line each. */
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    await resetState();
    config = testConfig({ LOG_LEVEL: 'info' });
    const sink = new Writable({
      write(chunk: Buffer, _, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          logged.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    app = await createApiApp(config, pino({ level: 'info' }, sink), { live: false });
    await app.getHttpAdapter().getInstance().ready();
    http = supertest(app.getHttpServer());
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

  async function draftEvent() {
    const organizer = await signedInOrganizer(app);
    const id = await createEvent(http, organizer, {}, []);
    return { organizer, id, cookie: `duijie_token=${organizer.token}` };
  }
  const statusOf = async (id: string) =>
    (await dataSource.getRepository(Event).findOneByOrFail({ id })).status;

  it('a cross-origin form posted with the organizer’s cookie publishes nothing', async () => {
    const { id, cookie } = await draftEvent();
    // The attack as it was: an HTML form on another site, posting to the API with the cookie.
    const forged = await http
      .post(`/api/events/${id}/status`)
      .set({ cookie, origin: EVIL })
      .type('form')
      .send({ status: 'published' })
      .expect(403);
    expect(forged.body.code).toBe('CROSS_SITE_REFUSED');
    // A browser that sends no Origin: a form body with the cookie is refused all the same.
    const noOrigin = await http
      .post(`/api/events/${id}/status`)
      .set({ cookie, 'accept-language': 'en' })
      .type('form')
      .send({ status: 'published' })
      .expect(403);
    expect(noOrigin.body).toMatchObject({
      code: 'COOKIE_NEEDS_JSON',
      message: 'Requests signed in by cookie must send JSON (or use a bearer token)',
    });
    await http
      .post(`/api/events/${id}/status`)
      .set({ cookie, 'content-type': 'text/plain' })
      .send('status=published')
      .expect(403);
    // Multipart is read nowhere: refused before anything runs.
    await http
      .post(`/api/events/${id}/status`)
      .set({ cookie, 'content-type': 'multipart/form-data; boundary=x' })
      .send('--x--')
      .expect(415);
    // The console's own page, posted from another site or without its form's token.
    const page = await http
      .post(`/console/events/${id}/status`)
      .set({ cookie, origin: EVIL })
      .type('form')
      .send({ status: 'published' })
      .expect(403);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('此请求来自其他网站，已被拒绝');
    const tokenless = await http
      .post(`/console/events/${id}/status`)
      .set({ cookie, 'accept-language': 'en' })
      .type('form')
      .send({ status: 'published' })
      .expect(403);
    expect(tokenless.text).toContain('This page has expired; reload it and send the form again');
    expect(await statusOf(id)).toBe('draft');

    // Control: the same change from our own site, as JSON or as the page's form with its token.
    await http
      .post(`/api/events/${id}/status`)
      .set({ cookie, origin: SITE })
      .send({ status: 'published' })
      .expect(200);
    expect(await statusOf(id)).toBe('published');
    const editor = await http.get(`/console/events/${id}`).set({ cookie }).expect(200);
    await http
      .post(`/console/events/${id}/status`)
      .set({ cookie, origin: SITE })
      .type('form')
      .send({ status: 'registration_open', _csrf: formTokenIn(editor.text) })
      .expect(303);
    expect(await statusOf(id)).toBe('registration_open');
  });

  it('a cross-origin sign-in sets no cookie, through the page or the API', async () => {
    const { organizer } = await draftEvent();
    const credentials = { email: organizer.user.email, password: PASSWORD };
    const sessionCookie = (response: { headers: Record<string, unknown> }) =>
      ((response.headers['set-cookie'] as string[] | undefined) ?? []).some((c) =>
        c.startsWith('duijie_token='),
      );
    const page = await http
      .post('/sign-in')
      .set({ origin: EVIL })
      .type('form')
      .send({ ...credentials, next: '/console' })
      .expect(403);
    expect(sessionCookie(page)).toBe(false);
    const api = await http
      .post('/api/auth/login')
      .set({ origin: EVIL })
      .type('form')
      .send(credentials)
      .expect(403);
    expect(sessionCookie(api)).toBe(false);
    // A same-site page that forges the form has no pre-session token to put in it.
    const noToken = await http
      .post('/sign-in')
      .type('form')
      .send({ ...credentials, next: '/console' })
      .expect(403);
    expect(sessionCookie(noToken)).toBe(false);
    const guessed = await http.get('/sign-in').expect(200);
    const elsewhere = await http
      .post('/sign-in')
      .set('cookie', 'duijie_form=the-attackers-own')
      .type('form')
      .send({ ...credentials, _csrf: formTokenIn(guessed.text) })
      .expect(403);
    expect(sessionCookie(elsewhere)).toBe(false);

    // Control: the sign-in page as a browser uses it signs in.
    const signed = await signInThroughPage(http, credentials.email, PASSWORD, '/console');
    expect(signed.signedIn.status).toBe(303);
    expect(sessionCookie(signed.signedIn)).toBe(true);
    // And the API's sign-in still works for clients that are not browsers.
    await signIn(http, credentials.email);
  });

  it('answers with the security headers, pages and API alike', async () => {
    for (const path of ['/', '/sign-in', '/api/events', '/health']) {
      const response = await http.get(path);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      // Served over http here; the https case is the unit test's.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    // Pages give readers who are not signed in the cookie their forms' tokens are bound to.
    const first = await http.get('/sign-in').expect(200);
    expect(cookiesOf(first)).toMatch(/^duijie_form=[\w-]{32}$/);
    expect(first.headers['set-cookie']?.[0]).toContain('HttpOnly');
  });

  it('keeps link tokens out of the request log, and the token in no log line', async () => {
    const { organizer } = await draftEvent();
    const id = await createEvent(http, organizer);
    const registered = await http
      .post(`/api/events/${id}/registrations`)
      .send({
        acceptPrivacy: true,
        sector: 'industry',
        name: '王芳',
        email: 'wang.fang@example.cn',
      })
      .expect(201);
    const { id: registrationId, manageToken } = registered.body as {
      id: string;
      manageToken: string;
    };
    await http.get(`/registrations/${registrationId}`).query({ token: manageToken }).expect(200);
    await http
      .get(`/api/registrations/${registrationId}`)
      .query({ token: manageToken })
      .expect(200);
    const feed = await http.get('/api/calendar/feed').set(bearer(organizer.token)).expect(200);
    const feedToken = new URL(feed.body.url as string).searchParams.get('token')!;
    await http.get('/api/calendar/feed.ics').query({ token: feedToken }).expect(200);
    await http.get(`/team-invitations/${'t'.repeat(20)}${'7'.repeat(23)}`);

    const lines = logged.filter((line) => line.msg === 'request');
    const text = JSON.stringify(logged);
    expect(text).not.toContain(manageToken);
    expect(text).not.toContain(feedToken.split('.')[2]);
    expect(text).not.toContain('t'.repeat(20));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          route: '/registrations/:id',
          url: `/registrations/${registrationId}?token=[redacted]`,
          status: 200,
        }),
        expect.objectContaining({
          route: '/api/calendar/feed.ics',
          url: '/api/calendar/feed.ics?token=[redacted]',
        }),
        expect.objectContaining({
          route: '/team-invitations/:token',
          url: '/team-invitations/[redacted]',
        }),
      ]),
    );

    // What a reader of the log could try: the link as logged cancels nothing.
    const asLogged = lines.find((line) => line.route === '/registrations/:id')!.url as string;
    const query = new URL(asLogged, SITE).searchParams.get('token')!;
    await http
      .post(`/api/registrations/${registrationId}/cancel`)
      .query({ token: query })
      .expect(404);
    const still = await http
      .get(`/api/registrations/${registrationId}`)
      .query({ token: manageToken })
      .expect(200);
    expect(still.body.status).toBe('confirmed');
  });

  it('refuses expired links, links of the old kind and a calendar feed its owner reset', async () => {
    const { organizer } = await draftEvent();
    const id = await createEvent(http, organizer);
    const { body } = await http
      .post(`/api/events/${id}/registrations`)
      .send({ acceptPrivacy: true, sector: 'industry', name: '李雷', email: 'li.lei@example.cn' })
      .expect(201);
    const registrationId = (body as { id: string }).id;
    const expired = linkToken(
      config.linkTokens,
      'registration',
      registrationId,
      new Date(Date.now() - 1000),
    );
    // What links carried before: an HMAC of the id under the session secret, valid for ever.
    const oldKind = signedToken(config.jwtSecret, 'registration', registrationId);
    const underSessionSecret = linkToken(
      { current: config.jwtSecret, previous: null },
      'registration',
      registrationId,
      new Date(Date.now() + 86_400_000),
    );
    for (const token of [expired, oldKind, underSessionSecret]) {
      await http.get(`/api/registrations/${registrationId}`).query({ token }).expect(404);
      await http.post(`/api/registrations/${registrationId}/cancel`).query({ token }).expect(404);
    }
    await http
      .get(`/api/registrations/${registrationId}`)
      .query({ token: (body as { manageToken: string }).manageToken })
      .expect(200);

    const feed = await http.get('/api/calendar/feed').set(bearer(organizer.token)).expect(200);
    const token = new URL(feed.body.url as string).searchParams.get('token')!;
    await http.get('/api/calendar/feed.ics').query({ token }).expect(200);
    await http.post('/api/calendar/feed/reset').set(bearer(organizer.token)).expect(200);
    await http.get('/api/calendar/feed.ics').query({ token }).expect(404);
  });
});

import { AddressInfo, connect } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startApi, startWorker, TestApi } from 'test/support/app';
import { createEvent, createUser, PASSWORD, signedInOrganizer } from 'test/support/factories';
import { TcpProxy } from 'test/support/fault-services';
import { bearer } from 'test/support/http';
import { cookiesOf, formTokenIn } from 'test/support/page-forms';
import { spawnEntry, waitForOutput } from 'test/support/processes';
import { resetState } from 'test/support/state';

/** A port where nothing listens: Redis "down" without touching the machine's Redis. */
const REDIS_DOWN = 'redis://127.0.0.1:1';

/** Milliseconds until the server closes a connection that sends nothing. */
async function idleConnectionLifetime(port: number, limitMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the idle connection was still open after ${limitMs} ms`));
    }, limitMs);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve(Date.now() - started);
    });
    socket.on('error', () => undefined);
  });
}

describe('abuse: timeouts and operations', () => {
  beforeAll(() => resetState());

  describe('timeouts', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startApi({ DB_STATEMENT_TIMEOUT_MS: '500' });
    });
    afterAll(() => api.close());

    it('closes a connection that sends nothing, and bounds how long a request may take to arrive', async () => {
      const listening = await startApi({
        REQUEST_TIMEOUT_MS: '2000',
        CONNECTION_TIMEOUT_MS: '500',
      });
      try {
        await listening.app.listen({ port: 0, host: '127.0.0.1' });
        const server = listening.app.getHttpServer();
        expect(server.requestTimeout).toBe(2000);
        const { port } = server.address() as AddressInfo;
        const lifetime = await idleConnectionLifetime(port, 5000);
        expect(lifetime).toBeGreaterThanOrEqual(400);
        expect(lifetime).toBeLessThan(2000);
      } finally {
        await listening.close();
      }
    });

    it('ends a request’s statement after DB_STATEMENT_TIMEOUT_MS with 503, and the worker’s jobs have their own longer limit', async () => {
      const [{ statement_timeout }] =
        await api.dataSource.query<{ statement_timeout: string }[]>('SHOW statement_timeout');
      expect(statement_timeout).toBe('500ms');

      // Another session holds the event's row: the organizer's change waits, and is ended.
      const organizer = await signedInOrganizer(api.app);
      const eventId = await createEvent(api.http, organizer);
      const holder = new Client({ connectionString: process.env.DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM event WHERE id = $1 FOR UPDATE', [eventId]);
        const started = Date.now();
        const answer = await api.http
          .patch(`/api/events/${eventId}`)
          .set(bearer(organizer.token))
          .send({ title: '改名' });
        expect(answer.status).toBe(503);
        expect(answer.body.code).toBe('BUSY_RETRY');
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }

      const worker = await startWorker({ DB_JOB_STATEMENT_TIMEOUT_MS: '120000' });
      try {
        const [row] = await worker
          .get(DataSource)
          .query<{ statement_timeout: string }[]>('SHOW statement_timeout');
        expect(row.statement_timeout).toBe('2min');
      } finally {
        await worker.close();
      }
    });
  });

  describe('stopping', () => {
    it('stops a worker right after it started, on a slow network to Redis, with no unhandled error from a half-made connection', async () => {
      // Each Redis connection takes a few round trips to set up; at 150 ms each way the worker is
      // told to stop while they are still under way (BullMQ reports such a close as an error).
      const slowRedis = new TcpProxy(6379, 150);
      await slowRedis.start();
      const worker = spawnEntry('worker', {
        REDIS_URL: `redis://127.0.0.1:${slowRedis.port}`,
        SMTP_URL: 'log:',
      });
      try {
        await waitForOutput(worker, /duijie worker 已启动/, 120_000);
        const code = await worker.kill('SIGTERM');
        expect(worker.output()).toContain('已停止 / stopped');
        expect(worker.output()).not.toContain('unhandled promise rejection');
        expect(code).toBe(0);
      } finally {
        await worker.kill();
        await slowRedis.close();
      }
    }, 180_000);
  });

  describe('/metrics', () => {
    it('asks for METRICS_TOKEN', async () => {
      const api = await startApi({ METRICS_TOKEN: 'scrape-token-2026' });
      try {
        const anonymous = await api.http.get('/metrics').expect(401);
        expect(anonymous.body.code).toBe('AUTH_REQUIRED');
        await api.http.get('/metrics').set(bearer('wrong-token')).expect(401);
        const scraped = await api.http.get('/metrics').set(bearer('scrape-token-2026')).expect(200);
        expect(scraped.text).toContain('metrics_source_up{source="redis"} 1');
      } finally {
        await api.close();
      }
    });

    it('is off in production without a token', async () => {
      const api = await startApi({
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-forty-characters!',
        LINK_TOKEN_SECRET: 'a-link-token-secret-of-forty-characters!',
        PUBLIC_URL: 'https://duijie.test',
        SMTP_URL: 'log:',
      });
      try {
        await api.http.get('/metrics').expect(404);
      } finally {
        await api.close();
      }
    });
  });

  describe('Redis down', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startApi({ REDIS_URL: REDIS_DOWN, METRICS_TOKEN: 'scrape-token-2026' });
    });
    afterAll(() => api.close());

    it('/metrics answers within a second with what it has', async () => {
      const started = Date.now();
      const response = await api.http.get('/metrics').set(bearer('scrape-token-2026')).expect(200);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.text).toContain('metrics_source_up{source="redis"} 0');
      expect(response.text).toContain('metrics_source_up{source="database"} 1');
      expect(response.text).toContain('# TYPE http_requests_total counter');
    });

    it('signing in, signing up and sending a code answer 503 with a code, in both languages', async () => {
      const user = await createUser(api.dataSource);
      const login = await api.http
        .post('/api/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(503);
      expect(login.body).toMatchObject({
        code: 'REDIS_UNAVAILABLE',
        message: '服务暂时不可用（缓存服务无法连接），请稍后再试',
      });
      const signUp = await api.http
        .post('/api/auth/sign-up')
        .set('accept-language', 'en')
        .send({
          name: '新用户',
          email: 'new@example.cn',
          password: 'a-new-password-1',
          role: 'expert',
          acceptPrivacy: true,
        })
        .expect(503);
      expect(signUp.body.code).toBe('REDIS_UNAVAILABLE');
      expect(signUp.body.message).toMatch(/cannot be reached/);
      await api.http.post('/api/auth/login/code').send({ mobile: '13700002222' }).expect(503);
    });
  });

  describe('small 500s', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startApi();
    });
    afterAll(() => api.close());

    it('an invitation page without a token (or with two) is 404, not 500', async () => {
      const id = '6d880469-7b42-4886-9127-0441c0aa187f';
      await api.http.get(`/invitations/${id}`).expect(404);
      await api.http.get(`/invitations/${id}?token=a&token=b`).expect(404);
      // Posted as a browser would: its pre-session cookie and the form token.
      const page = await api.http.get('/sign-in').expect(200);
      await api.http
        .post(`/invitations/${id}/decline`)
        .set('cookie', cookiesOf(page))
        .type('form')
        .send({ _csrf: formTokenIn(page.text) })
        .expect(404);
    });

    it('signing in with a `next` in Chinese goes there, percent-encoded', async () => {
      const user = await createUser(api.dataSource);
      const page = await api.http.get('/sign-in').expect(200);
      const signedIn = await api.http
        .post('/sign-in')
        .set('cookie', cookiesOf(page))
        .type('form')
        .send({
          email: user.email,
          password: PASSWORD,
          next: '/activities?q=新材料',
          _csrf: formTokenIn(page.text),
        })
        .expect(303);
      expect(signedIn.headers.location).toBe('/activities?q=%E6%96%B0%E6%9D%90%E6%96%99');
      await api.http
        .get(signedIn.headers.location)
        .set('cookie', signedIn.headers['set-cookie'])
        .expect(200);
    });
  });
});

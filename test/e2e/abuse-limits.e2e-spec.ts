import { Response } from 'supertest';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, createUser, PASSWORD, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { flushRedisPrefix, resetState } from 'test/support/state';
import { cookiesOf, formTokenIn } from 'test/support/page-forms';

/**
 * The abuse cases for limits: one address flooding sign-ins, sign-ups, guest registrations
 * and imports is stopped with 429 and `Retry-After`, while clients behind the load balancer are
 * told apart and the real person is never locked out. The limits are the production defaults
 * (the harness raises them for other suites), each named here.
 */
const REAL_LIMITS = {
  LOGIN_MAX_ATTEMPTS: '10',
  LOGIN_MAX_PER_ADDRESS: '100',
  LOGIN_MAX_PER_ACCOUNT: '50',
  SIGN_UPS_PER_ADDRESS: '10',
  GUEST_REGISTRATIONS_PER_ADDRESS: '10',
  GUEST_REGISTRATIONS_PER_CONTACT: '10',
  IMPORTS_PER_ACCOUNT: '30',
  IMPORTS_PER_ADDRESS: '60',
};
/** The load balancer is this machine's loopback; the clients are documentation addresses. */
const BEHIND_PROXY = { ...REAL_LIMITS, TRUST_PROXY: 'loopback' };

const from = (address: string) => ({ 'x-forwarded-for': address });
const client = (n: number) => `198.51.100.${n % 250}`;

/** Sends `count` requests made by `send(i)`, `batch` at a time; returns their statuses in order. */
async function flood(
  count: number,
  send: (i: number) => Promise<Response>,
  batch = 10,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += batch) {
    const answers = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, (_, k) => send(start + k)),
    );
    statuses.push(...answers.map((a) => a.status));
  }
  return statuses;
}

function expectRefused(response: Response): void {
  expect(response.status).toBe(429);
  expect(response.body.code).toBe('TOO_MANY_REQUESTS');
  expect(Number(response.get('retry-after'))).toBeGreaterThan(0);
  expect(Number(response.get('retry-after'))).toBe(response.body.details.retryAfterSeconds);
}

describe('abuse: limits that see the client', () => {
  beforeAll(() => resetState());
  beforeEach(() => flushRedisPrefix());

  describe('sign-in', () => {
    /** The case: 100 failed sign-ins for other accounts, then the organizer's own. */
    async function sprayThenSignIn(api: TestApi): Promise<Response> {
      const organizer = await createUser(api.dataSource, { roles: ['organizer'] });
      const statuses = await flood(100, (i) =>
        api.http
          .post('/api/auth/login')
          .set(from(client(i)))
          .send({ email: `nobody-${i}@example.cn`, password: 'guess-guess-guess' }),
      );
      expect(statuses.every((s) => s === 401)).toBe(true);
      return api.http
        .post('/api/auth/login')
        .set(from('203.0.113.7'))
        .send({ email: organizer.email, password: PASSWORD });
    }

    it('behind a trusted proxy, 100 failed sign-ins for other accounts from other addresses leave the organizer able to sign in', async () => {
      const api = await startApi(BEHIND_PROXY);
      try {
        const organizer = await sprayThenSignIn(api);
        expect(organizer.status).toBe(200);
      } finally {
        await api.close();
      }
    });

    it('control: without TRUST_PROXY every client is the proxy, and the same spray locks the organizer out', async () => {
      const api = await startApi(REAL_LIMITS);
      try {
        expectRefused(await sprayThenSignIn(api));
      } finally {
        await api.close();
      }
    });

    it('a forwarded address from a client that is not a trusted proxy is not believed', async () => {
      const api = await startApi({ ...REAL_LIMITS, TRUST_PROXY: '192.0.2.1' });
      try {
        const statuses = await flood(11, (i) =>
          api.http
            .post('/api/auth/login')
            .set(from(client(i)))
            .send({ email: 'target@example.cn', password: `guess-${i}-guess` }),
        );
        // All eleven count for one address: the tenth failure is the last one allowed.
        expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
        expect(statuses[10]).toBe(429);
      } finally {
        await api.close();
      }
    });

    it('a guesser is stopped per account at their address and per address, and spread over many addresses cannot lock the person out where they sign in', async () => {
      const api = await startApi({ ...BEHIND_PROXY, LOGIN_MAX_PER_ACCOUNT: '20' });
      try {
        const person = await createUser(api.dataSource, { roles: ['expert'] });
        const home = '203.0.113.10';
        const signIn = (address: string, password: string) =>
          api.http
            .post('/api/auth/login')
            .set(from(address))
            .send({ email: person.email, password });
        await signIn(home, PASSWORD).expect(200);

        // One address: ten wrong passwords for the account, then refused with when to retry.
        const one = await flood(11, (i) => signIn('192.0.2.50', `wrong-${i}-password`), 1);
        expect(one.slice(0, 10)).toEqual(Array(10).fill(401));
        expectRefused(await signIn('192.0.2.50', PASSWORD));

        // Forty addresses: the account's cross-address limit (20) refuses new addresses …
        const spread = await flood(40, (i) => signIn(client(i), `wrong-${i}-password`));
        expect(spread.filter((s) => s === 429).length).toBeGreaterThan(0);
        expectRefused(await signIn('192.0.2.99', PASSWORD));
        // … but not the address the person signs in from.
        await signIn(home, PASSWORD).expect(200);
      } finally {
        await api.close();
      }
    });
  });

  describe('sign-up, SMS codes, guest registration and imports', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startApi(BEHIND_PROXY);
    });
    afterAll(() => api.close());

    it('an address flooding sign-ups gets 429 before any password is hashed; another address still signs up', async () => {
      const signUp = (address: string, i: number) =>
        api.http
          .post('/api/auth/sign-up')
          .set(from(address))
          .send({
            name: `批量注册 ${i}`,
            email: `flood-${i}@example.cn`,
            password: 'flood-password-1',
            role: 'expert',
            acceptPrivacy: true,
          });
      const statuses = await flood(15, (i) => signUp('192.0.2.20', i), 1);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
      expectRefused(await signUp('192.0.2.20', 99));
      await signUp('192.0.2.21', 100).expect(202);
      const [{ count }] = await api.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM user_account WHERE email LIKE 'flood-%'`,
      );
      expect(count).toBe(11);
    });

    it('the sign-in page refuses past the limit with 429 and Retry-After as well', async () => {
      // The form as a browser has it: the page's pre-session cookie and its form token.
      const page = await api.http.get('/sign-in').set(from('192.0.2.60')).expect(200);
      const cookie = cookiesOf(page);
      const _csrf = formTokenIn(page.text);
      const statuses = await flood(
        11,
        (i) =>
          api.http
            .post('/sign-in')
            .set(from('192.0.2.60'))
            .set('cookie', cookie)
            .type('form')
            .send({
              email: 'page-target@example.cn',
              password: `guess-${i}-guess`,
              next: '/',
              _csrf,
            }),
        1,
      );
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      const refused = await api.http
        .post('/sign-in')
        .set(from('192.0.2.60'))
        .set('cookie', cookie)
        .type('form')
        .send({ email: 'page-target@example.cn', password: 'one-more-guess', next: '/', _csrf })
        .expect(429);
      expect(Number(refused.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.text).toContain('请求过于频繁');
    });

    it('SMS sign-in codes are limited per mobile across addresses', async () => {
      const statuses = await flood(
        6,
        (i) =>
          api.http
            .post('/api/auth/login/code')
            .set(from(client(i)))
            .send({ mobile: '13700001111' }),
        1,
      );
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    });

    it('the quoted case: 25 made-up guests from one address no longer fill a 25-seat event before the real expert', async () => {
      const organizer = await signedInOrganizer(api.app);
      const eventId = await createEvent(api.http, organizer, { capacity: 25 });
      const statuses = await flood(25, (i) =>
        api.http
          .post(`/api/events/${eventId}/registrations`)
          .set(from('192.0.2.30'))
          .send({
            name: `虚构访客 ${i}`,
            email: `made-up-${i}@example.cn`,
            sector: 'industry',
            acceptPrivacy: true,
          }),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);

      const expert = await createUser(api.dataSource, { roles: ['expert'] });
      const token = (
        await api.http
          .post('/api/auth/login')
          .set(from('203.0.113.40'))
          .send({ email: expert.email, password: PASSWORD })
          .expect(200)
      ).body.token as string;
      const seat = await api.http
        .post(`/api/events/${eventId}/registrations`)
        .set(from('203.0.113.40'))
        .set(bearer(token))
        .send({ sector: 'academia', acceptPrivacy: true })
        .expect(201);
      expect(seat.body.status).toBe('confirmed');
      // Only the admitted guests were written to.
      const [{ count }] = await api.dataSource.query<{ count: number }[]>(
        `SELECT count(DISTINCT recipient)::int AS count FROM outbox_message WHERE recipient LIKE 'made-up-%'`,
      );
      expect(count).toBe(10);
    });

    it('one contact registered by guests from many addresses is limited too (nobody fills a stranger’s inbox)', async () => {
      const organizer = await signedInOrganizer(api.app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const eventId = await createEvent(api.http, organizer, { title: `沙龙 ${i}` });
        const answer = await api.http
          .post(`/api/events/${eventId}/registrations`)
          .set(from(client(100 + i)))
          .send({
            name: '被冒名的人',
            email: 'victim@example.cn',
            sector: 'industry',
            acceptPrivacy: true,
          });
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([...Array(10).fill(201), 429]);
    });

    it('imports are limited per account', async () => {
      const organizer = await signedInOrganizer(api.app);
      const csv = '成果名称,简介,领域\n';
      const statuses = await flood(
        31,
        (i) =>
          api.http
            .post('/api/results/import')
            .set(from(client(i)))
            .set(bearer(organizer.token))
            .set('content-type', 'text/csv')
            .send(csv),
        5,
      );
      expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
      expect(statuses[30]).toBe(429);
    });
  });
});

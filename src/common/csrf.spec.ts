import { csrfVerdict, CsrfRequest, formTokenFor } from 'src/common/csrf';

const config = { allowedOrigins: ['https://duijie.example.cn'], jwtSecret: 'secret' };
const SITE = 'https://duijie.example.cn';
const EVIL = 'https://evil.example.cn';

function request(overrides: Partial<CsrfRequest>): CsrfRequest {
  return { method: 'POST', url: '/', headers: {}, cookies: {}, body: {}, ...overrides };
}

describe('csrfVerdict', () => {
  const session = { duijie_token: 'session-token' };
  const pre = { duijie_form: 'pre-session' };
  const tokenOf = (cookie: string) => formTokenFor('secret', cookie);

  it.each<[string, Partial<CsrfRequest>, string]>([
    ['a read', { method: 'GET', cookies: session, headers: { origin: EVIL } }, 'pass'],
    [
      'the API with a bearer token, from anywhere',
      { url: '/api/events', headers: { authorization: 'Bearer x', origin: EVIL } },
      'pass',
    ],
    ['the API without a cookie, not from a browser', { url: '/api/auth/login' }, 'pass'],
    [
      'the API’s sign-in (which sets the cookie) posted from another site',
      { url: '/api/auth/login', headers: { origin: EVIL, 'content-type': 'text/plain' } },
      'cross-site',
    ],
    [
      'the API with the cookie, JSON from our site',
      {
        url: '/api/events',
        cookies: session,
        headers: { origin: SITE, 'content-type': 'application/json; charset=utf-8' },
      },
      'pass',
    ],
    [
      'the API with the cookie, a CSV import from our site',
      {
        url: '/api/results/import',
        cookies: session,
        headers: { origin: SITE, 'content-type': 'text/csv' },
      },
      'pass',
    ],
    [
      'the API with the cookie from another site',
      {
        url: '/api/events/1/status',
        cookies: session,
        headers: { origin: EVIL, 'content-type': 'application/json' },
      },
      'cross-site',
    ],
    [
      'the API with the cookie, a cross-site fetch without Origin',
      {
        url: '/api/events/1/status',
        cookies: session,
        headers: { 'sec-fetch-site': 'cross-site' },
      },
      'cross-site',
    ],
    [
      'the API with the cookie and a form body',
      {
        url: '/api/events/1/status',
        cookies: session,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      'cookie-needs-json',
    ],
    [
      'the API with the cookie and text/plain',
      { url: '/api/events/1/status', cookies: session, headers: { 'content-type': 'text/plain' } },
      'cookie-needs-json',
    ],
    [
      'the API with the cookie and multipart',
      {
        url: '/api/events',
        cookies: session,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      },
      'cookie-needs-json',
    ],
    [
      'a page form with its token',
      {
        url: '/console/events/1/status',
        cookies: session,
        headers: { origin: SITE },
        body: { _csrf: tokenOf('session-token') },
      },
      'pass',
    ],
    [
      'a page script sending its token as a header',
      {
        url: '/expert/results/import',
        cookies: session,
        headers: { 'x-csrf-token': tokenOf('session-token') },
        body: 'csv',
      },
      'pass',
    ],
    [
      'a page form without a token',
      { url: '/console/events/1/status', cookies: session, headers: { origin: SITE } },
      'form-expired',
    ],
    [
      'a page form with another session’s token',
      { url: '/console/events/1/status', cookies: session, body: { _csrf: tokenOf('other') } },
      'form-expired',
    ],
    [
      'a page form from another site, with a token',
      {
        url: '/console/events/1/status',
        cookies: session,
        headers: { origin: EVIL },
        body: { _csrf: tokenOf('session-token') },
      },
      'cross-site',
    ],
    [
      'the sign-in form with the pre-session token',
      {
        url: '/sign-in',
        cookies: pre,
        headers: { origin: SITE },
        body: { _csrf: tokenOf('pre-session') },
      },
      'pass',
    ],
    [
      'a sign-in form sent from another site',
      { url: '/sign-in', headers: { origin: EVIL }, body: { email: 'a', password: 'b' } },
      'cross-site',
    ],
    [
      'a sign-in form without cookies (no page was opened first)',
      { url: '/sign-in', body: { email: 'a', password: 'b', _csrf: tokenOf('guessed') } },
      'form-expired',
    ],
    [
      'a form opened before signing in, sent after',
      {
        url: '/activities/1/register',
        cookies: { ...session, ...pre },
        body: { _csrf: tokenOf('pre-session') },
      },
      'pass',
    ],
  ])('%s', (_, overrides, verdict) => {
    expect(csrfVerdict(request(overrides), config)).toBe(verdict);
  });
});

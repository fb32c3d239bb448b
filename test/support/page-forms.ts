import { Response } from 'supertest';
import TestAgent from 'supertest/lib/agent';

/** The token a page's forms carry, read from the page as a browser has it. */
export function formTokenIn(html: string): string {
  const token = /<input type="hidden" name="_csrf" value="([^"]*)">/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form token');
  return token;
}

/** `name=value; …` of every cookie a response set, on top of those already kept. */
export function cookiesOf(response: Response, kept = ''): string {
  const jar = new Map(
    kept
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0], pair] as const),
  );
  const set = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  for (const cookie of set) {
    const pair = cookie.split(';')[0];
    jar.set(pair.split('=')[0], pair);
  }
  return [...jar.values()].join('; ');
}

/** A person using the pages through HTTP: their cookies, and the token their forms carry. */
export interface PageSession {
  cookie: string;
  token: string;
  /** Posts a page's form as the browser would, the token with the fields. */
  post(path: string, form?: Record<string, string>): ReturnType<TestAgent['post']>;
}

/**
 * Signs in through the sign-in page as a browser does: the page first (its pre-session cookie and
 * the form's token), then the form; the token of the signed-in pages is read from `next`.
 */
export async function signInThroughPage(
  http: TestAgent,
  email: string,
  password: string,
  next = '/',
): Promise<PageSession & { signedIn: Response }> {
  const signInPage = await http.get('/sign-in').expect(200);
  const signedIn = await http
    .post('/sign-in')
    .set('cookie', cookiesOf(signInPage))
    .type('form')
    .send({ email, password, next, _csrf: formTokenIn(signInPage.text) });
  const cookie = cookiesOf(signedIn, cookiesOf(signInPage));
  const page = await http.get(next).set('cookie', cookie);
  const token = formTokenIn(page.text);
  return {
    signedIn,
    cookie,
    token,
    post: (path, form = {}) =>
      http
        .post(path)
        .set('cookie', cookie)
        .type('form')
        .send({ ...form, _csrf: token }),
  };
}

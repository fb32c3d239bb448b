import { OpenAPIObject } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Response } from 'supertest';
import { openApiDocument } from 'src/app';
import { User } from 'src/identity/user.entity';
import { startApi, TestApi } from 'test/support/app';
import { createUser, tokenFor } from 'test/support/factories';
import { resetState } from 'test/support/state';

/**
 * Throws malformed and hostile input at every endpoint the OpenAPI document lists, anonymously and
 * as an admin (so that guards let the input through to validation), and asserts that nothing
 * answers 500 and that every refusal is a coded JSON error. New endpoints are covered as they appear.
 */

const HUGE = 'x'.repeat(100_000);
const PARAM_VALUES = [
  'not-a-uuid',
  '00000000-0000-4000-8000-000000000000',
  "1'; DROP TABLE user_account; --",
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('😀中文'),
  '-1',
  'x'.repeat(2000),
];
const QUERIES = [
  'limit=abc&offset=-5',
  'limit=1e309&offset=99999999999999999999',
  `q=${'%25'.repeat(300)}&kind=spaceship&role=emperor`,
  'q[$ne]=1&limit[]=2&offset[a]=1',
  `q=${HUGE.slice(0, 5000)}`,
  'unknownParameter=1',
];
const RAW_BODIES: Array<[string, string]> = [
  ['application/json', '{"a":'],
  ['application/json', '{bad json}'],
  ['application/json', ''],
  ['application/json', 'null'],
  ['application/json', '[]'],
  ['application/json', '"a string"'],
  ['application/json', '42'],
  ['application/json', 'true'],
  ['application/json', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
  ['application/json', JSON.stringify({ unknownField: 1, another: { deep: [1, 2, 3] } })],
  ['application/json', `{"a":"${'y'.repeat(2 * 1024 * 1024)}"}`],
  ['application/json', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
  ['text/plain', 'hello'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
  [
    'multipart/form-data; boundary=xyz',
    '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--',
  ],
  ['application/xml', '<a>1</a>'],
];
const WRONG_VALUES: unknown[] = [
  null,
  123,
  -1.5,
  true,
  [],
  {},
  ['a'],
  HUGE,
  '',
  '   ',
  '\u0000',
  { $gt: '' },
];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
  bodySchema?: SchemaObject;
}

function operationsOf(doc: OpenAPIObject): Operation[] {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, SchemaObject>;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const)
      .filter((method) => item[method])
      .map((method) => {
        const content = (
          item[method]!.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> }
        )?.content;
        const ref = content?.['application/json']?.schema?.$ref;
        return { method, path, bodySchema: ref ? schemas[ref.split('/').pop()!] : undefined };
      }),
  );
}

/** Bodies that are valid JSON objects but wrong in one property at a time. */
function wrongBodies(schema: SchemaObject | undefined): unknown[] {
  const properties = Object.keys(schema?.properties ?? { name: {}, email: {} });
  return properties.flatMap((property) => WRONG_VALUES.map((value) => ({ [property]: value })));
}

function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

describe('bad input at every endpoint', () => {
  let api: TestApi;
  let operations: Operation[];
  let failures: string[];
  let admin: User;

  beforeAll(async () => {
    await resetState();
    api = await startApi({ LOGIN_MAX_ATTEMPTS: '10000' });
    operations = operationsOf(openApiDocument(api.app));
    admin = await createUser(api.dataSource, { roles: ['admin'] });
  });
  afterAll(() => api.close());

  function check(what: string, response: Response): void {
    if (response.status >= 500) {
      failures.push(`${what} → ${response.status} ${response.text.slice(0, 200)}`);
    } else if (
      response.status >= 400 &&
      typeof (response.body as { code?: unknown }).code !== 'string'
    ) {
      failures.push(`${what} → ${response.status} without a code: ${response.text.slice(0, 200)}`);
    }
  }

  async function send(
    operation: Operation,
    options: {
      path?: string;
      query?: string;
      contentType?: string;
      body?: string;
      asAdmin: boolean;
    },
  ): Promise<void> {
    const url = `${options.path ?? fillPath(operation.path, '00000000-0000-4000-8000-000000000000')}${options.query ? `?${options.query}` : ''}`;
    let request = api.http[operation.method](url);
    // A new session each time: an endpoint may have ended the last one (log-out).
    if (options.asAdmin)
      request = request.set('authorization', `Bearer ${await tokenFor(api.app, admin)}`);
    if (options.body !== undefined)
      request = request.set('content-type', options.contentType!).send(options.body);
    const what = `${operation.method.toUpperCase()} ${url.slice(0, 120)} [${options.asAdmin ? 'admin' : 'anonymous'}] ${(options.body ?? '').slice(0, 60)}`;
    check(what, await request);
  }

  it('finds the endpoints to attack', () => {
    expect(operations.length).toBeGreaterThanOrEqual(11);
  });

  it.each([false, true])(
    'never answers 500, and always with a code (admin: %s)',
    async (asAdmin) => {
      failures = [];
      for (const operation of operations) {
        if (operation.path.includes('{')) {
          for (const value of PARAM_VALUES)
            await send(operation, { path: fillPath(operation.path, value), asAdmin });
        }
        for (const query of QUERIES) await send(operation, { query, asAdmin });
        if (operation.method === 'get' || operation.method === 'delete') continue;
        for (const [contentType, body] of RAW_BODIES)
          await send(operation, { contentType, body, asAdmin });
        for (const body of wrongBodies(operation.bodySchema)) {
          await send(operation, {
            contentType: 'application/json',
            body: JSON.stringify(body),
            asAdmin,
          });
        }
      }
      expect(failures).toEqual([]);
    },
    // Thousands of requests, every operation with every kind of bad input: minutes, not seconds.
    300_000,
  );

  it('names each bad field with a message', async () => {
    const response = await api.http
      .post('/api/auth/sign-up')
      .set('accept-language', 'en')
      .send({
        name: HUGE,
        email: 'not-an-email',
        password: 12345678,
        mobile: '12',
        role: 'admin',
        locale: 'fr',
        organization: { name: '', kind: 'bank', industryFields: 'IT' },
        isAdmin: true,
      })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = (response.body.details.fields as { field: string; message: string }[]).map(
      (f) => f.field,
    );
    expect(new Set(fields)).toEqual(
      new Set([
        'isAdmin',
        'name',
        'email',
        'password',
        'mobile',
        'role',
        'locale',
        'organization.name',
        'organization.kind',
        'organization.industryFields',
        'acceptPrivacy',
      ]),
    );
    for (const field of response.body.details.fields as { message: string }[])
      expect(field.message).not.toBe('');
  });

  it('answers bodies that are too large with 413, and JSON that does not parse with 400', async () => {
    const login = (contentType: string, body: string) =>
      api.http.post('/api/auth/login').set('content-type', contentType).send(body);
    const large = await login(
      'application/json',
      `{"email":"${'a'.repeat(2 * 1024 * 1024)}"}`,
    ).expect(413);
    expect(large.body.code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await login('application/json', '{"email":').expect(400);
    expect(broken.body.code).toBe('MALFORMED_REQUEST');
    const wrongType = await login('application/xml', '<a/>').expect(415);
    expect(wrongType.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const deep = await login(
      'application/json',
      `{"email":${'['.repeat(1000)}${']'.repeat(1000)}}`,
    ).expect(400);
    expect(deep.body).toMatchObject({
      code: 'MALFORMED_REQUEST',
      details: { reason: 'nested deeper than 32 levels' },
    });
  });
});

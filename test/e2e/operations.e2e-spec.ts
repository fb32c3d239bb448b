import { startApi, TestApi } from 'test/support/app';
import { resetState } from 'test/support/state';

describe('operations: health, metrics, request ids, docs', () => {
  let api: TestApi;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
  });
  afterAll(() => api.close());

  it('reports the database and Redis as up', async () => {
    const response = await api.http.get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('reports 503 naming Redis when Redis is unreachable', async () => {
    const broken = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const response = await broken.http.get('/health').expect(503);
      expect(response.body).toMatchObject({
        status: 'error',
        details: { database: { status: 'up' }, redis: { status: 'down' } },
      });
    } finally {
      await broken.close();
    }
  });

  it('counts requests by route and shows queue depths and outbox figures', async () => {
    await api.http.get('/api/organizations').expect(200);
    const response = await api.http.get('/metrics').expect(200);
    expect(response.get('content-type')).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/organizations",status="200"\} 1/,
    );
    expect(response.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/organizations"/,
    );
    expect(response.text).toMatch(/queue_jobs\{queue="delivery",state="waiting"\} \d+/);
    expect(response.text).toContain('# TYPE outbox_messages gauge');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await api.http.get('/health').set('x-request-id', 'trace-123').expect(200);
    expect(given.get('x-request-id')).toBe('trace-123');
    const made = await api.http.get('/health').expect(200);
    expect(made.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await api.http.get('/health').set('x-request-id', 'a b\u00e9').expect(200);
    expect(unsafe.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with 404 in JSON, in the client’s language', async () => {
    const zh = await api.http.get('/api/no-such-thing').expect(404);
    expect(zh.body).toEqual({ code: 'NOT_FOUND', message: '找不到请求的资源', details: {} });
    const en = await api.http.post('/nowhere').set('accept-language', 'en-GB,en;q=0.9').expect(404);
    expect(en.body.message).toBe('Not found');
  });

  it('documents every endpoint in OpenAPI, with request schemas', async () => {
    const docs = await api.http.get('/api/docs.json').expect(200);
    const paths = Object.keys(docs.body.paths).sort();
    expect(paths).toEqual([
      '/api/agenda/{id}',
      '/api/audit',
      '/api/auth/email',
      '/api/auth/login',
      '/api/auth/login/code',
      '/api/auth/login/mobile',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/mobile',
      '/api/auth/password',
      '/api/auth/password-reset',
      '/api/auth/password-reset/email',
      '/api/auth/password-reset/mobile',
      '/api/auth/sessions',
      '/api/auth/sessions/{id}',
      '/api/auth/sign-up',
      '/api/auth/verify/email',
      '/api/auth/verify/mobile',
      '/api/auth/verify/resend',
      '/api/backfills/template.xlsx',
      '/api/backfills/{id}',
      '/api/backfills/{id}/undo',
      '/api/calendar/feed',
      '/api/calendar/feed.ics',
      '/api/calendar/feed/reset',
      '/api/challenge-bids/{id}',
      '/api/challenge-bids/{id}/status',
      '/api/challenges',
      '/api/challenges/{id}',
      '/api/challenges/{id}/bids',
      '/api/deals',
      '/api/deals/{id}',
      '/api/deals/{id}/check-ins',
      '/api/deals/{id}/contacts',
      '/api/deals/{id}/history',
      '/api/deals/{id}/registration',
      '/api/deals/{id}/stage',
      '/api/docking/meetings/{id}',
      '/api/docking/meetings/{id}/answer',
      '/api/docking/meetings/{id}/cancel',
      '/api/docking/meetings/{id}/counterpart',
      '/api/docking/meetings/{id}/outcome',
      '/api/docking/meetings/{id}/share-contacts',
      '/api/events',
      '/api/events/{id}',
      '/api/events/{id}/agenda',
      '/api/events/{id}/agenda.ics',
      '/api/events/{id}/agenda/publish',
      '/api/events/{id}/agenda/reorder',
      '/api/events/{id}/attendance',
      '/api/events/{id}/calendar.ics',
      '/api/events/{id}/capacity',
      '/api/events/{id}/check-ins',
      '/api/events/{id}/check-ins/roster',
      '/api/events/{id}/check-ins/search',
      '/api/events/{id}/co-hosts',
      '/api/events/{id}/co-hosts/{organizationId}',
      '/api/events/{id}/co-hosts/{organizationId}/registrants',
      '/api/events/{id}/copy',
      '/api/events/{id}/docking/invite-experts',
      '/api/events/{id}/docking/meetings',
      '/api/events/{id}/docking/needs',
      '/api/events/{id}/docking/schedule',
      '/api/events/{id}/docking/suggestions',
      '/api/events/{id}/docking/tables',
      '/api/events/{id}/external-views',
      '/api/events/{id}/invitations',
      '/api/events/{id}/invitations.csv',
      '/api/events/{id}/invitations/purge-unanswered',
      '/api/events/{id}/live-sessions',
      '/api/events/{id}/registration-link',
      '/api/events/{id}/registrations',
      '/api/events/{id}/registrations.csv',
      '/api/events/{id}/registrations.xlsx',
      '/api/events/{id}/retention',
      '/api/events/{id}/roadshow-call',
      '/api/events/{id}/roadshows',
      '/api/events/{id}/rooms',
      '/api/events/{id}/statistics',
      '/api/events/{id}/statistics/compile',
      '/api/events/{id}/status',
      '/api/experts',
      '/api/experts/me',
      '/api/experts/{id}',
      '/api/follow-up-tasks',
      '/api/follow-up-tasks/{id}',
      '/api/imports/templates/{kind}',
      '/api/imports/{id}',
      '/api/intents',
      '/api/intents/{id}/deal',
      '/api/intents/{id}/owner',
      '/api/intents/{id}/parties',
      '/api/intents/{id}/share-contacts',
      '/api/intents/{id}/stage',
      '/api/invitations/{id}',
      '/api/invitations/{id}/accept',
      '/api/invitations/{id}/decline',
      '/api/invitations/{id}/resend',
      '/api/invitations/{id}/revoke',
      '/api/live/sessions',
      '/api/live/sessions/{id}',
      '/api/live/sessions/{id}/hls/{file}',
      '/api/live/sessions/{id}/hls/{grant}/{file}',
      '/api/live/sessions/{id}/questions',
      '/api/live/sessions/{id}/relays/{kind}',
      '/api/live/sessions/{id}/stop',
      '/api/matches',
      '/api/me/co-hosting',
      '/api/me/data',
      '/api/me/delete',
      '/api/me/delete/code',
      '/api/me/intents',
      '/api/me/joinable-organizations',
      '/api/me/memberships',
      '/api/needs',
      '/api/needs/import',
      '/api/needs/{id}',
      '/api/needs/{id}/matches',
      '/api/needs/{id}/releases',
      '/api/organizations',
      '/api/organizations/{id}',
      '/api/organizations/{id}/backfills',
      '/api/organizations/{id}/backfills.xlsx',
      '/api/organizations/{id}/membership-requests',
      '/api/organizations/{id}/membership-requests/{requestId}/approve',
      '/api/organizations/{id}/membership-requests/{requestId}/reject',
      '/api/organizations/{id}/parent',
      '/api/organizations/{id}/report-schedules',
      '/api/organizations/{id}/team',
      '/api/organizations/{id}/team/invitations',
      '/api/organizations/{id}/team/invitations/{invitationId}',
      '/api/organizations/{id}/team/{userId}',
      '/api/registrations/{id}',
      '/api/registrations/{id}/approve',
      '/api/registrations/{id}/calendar.ics',
      '/api/registrations/{id}/cancel',
      '/api/registrations/{id}/co-host-sharing',
      '/api/registrations/{id}/confirm',
      '/api/registrations/{id}/qr.png',
      '/api/registrations/{id}/qr.svg',
      '/api/registrations/{id}/reject',
      '/api/report-schedules/{id}',
      '/api/results',
      '/api/results/import',
      '/api/results/{id}',
      '/api/results/{id}/matches',
      '/api/results/{id}/releases',
      '/api/roadshows/{id}',
      '/api/roadshows/{id}/decision',
      '/api/roadshows/{id}/review',
      '/api/roadshows/{id}/reviewers',
      '/api/roadshows/{id}/schedule',
      '/api/roadshows/{id}/withdraw',
      '/api/series',
      '/api/series/{id}',
      '/api/statistics',
      '/api/statistics/events.csv',
      '/api/statistics/events.xlsx',
      '/api/statistics/report.docx',
      '/api/statistics/report.pdf',
      '/api/team-invitations/{token}',
      '/api/team-invitations/{token}/accept',
      '/api/users',
      '/api/users/{id}/disable',
      '/api/users/{id}/enable',
      '/api/users/{id}/roles/{role}',
      '/health',
      '/metrics',
    ]);
    const signUp = docs.body.components.schemas.SignUpDto;
    expect(signUp.required).toEqual(expect.arrayContaining(['name', 'role']));
    expect(signUp.properties.password).toMatchObject({ minLength: 8, maxLength: 128 });
    expect(
      docs.body.paths['/api/auth/login'].post.responses.default.content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/Error',
    });
    expect(
      docs.body.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/MeDto',
    });
    await api.http.get('/api/docs').expect(200);
  });
});

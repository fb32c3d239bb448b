import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedIn, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { resetState } from 'test/support/state';

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('calendar', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
  });
  afterAll(() => api.close());

  const event = (title: string, visibility: string, startsAt: string) =>
    createEvent(api.http, organizer, {
      kind: 'roadshow',
      title,
      visibility,
      startsAt,
      endsAt: startsAt.replace('T14', 'T17'),
    });

  it('serves an event as an iCalendar file, and a closed-door one only to its organizers', async () => {
    const open = await event('新材料专场路演', 'public', '2027-04-01T14:00:00+08:00');
    const response = await api.http.get(`/api/events/${open}/calendar.ics`).expect(200);
    expect(response.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = unfold(response.text);
    expect(text).toContain(`UID:${open}@duijie`);
    expect(text).toContain('SUMMARY:新材料专场路演');
    expect(text).toContain('DTSTART:20270401T060000Z');
    expect(text).toContain('LOCATION:成都市高新区天府大道北段 1700 号');
    expect(text).toContain(`URL;VALUE=URI:http://duijie.test/activities/${open}`);
    // The link opens the event's page (it pointed at /events/:id, which is no page).
    const link = new URL(/URL;VALUE=URI:(\S+)/.exec(text)![1]);
    await api.http.get(link.pathname).expect(200);

    const closed = await event('闭门对接', 'closed_door', '2027-04-02T14:00:00+08:00');
    await api.http.get(`/api/events/${closed}/calendar.ics`).expect(404);
    await api.http
      .get(`/api/events/${closed}/calendar.ics`)
      .set(bearer(organizer.token))
      .expect(200);
  });

  it('gives each user a private feed of the events they are registered for', async () => {
    const first = await event('校企双进·第一场', 'public', '2027-05-01T14:00:00+08:00');
    const second = await event('校企双进·第二场', 'public', '2027-05-02T14:00:00+08:00');
    await event('没有报名的活动', 'public', '2027-05-03T14:00:00+08:00');
    const member = await signedIn(api.http, api.dataSource, ['enterprise']);
    for (const id of [first, second]) {
      await api.http
        .post(`/api/events/${id}/registrations`)
        .set(bearer(member.token))
        .send({ acceptPrivacy: true, sector: 'industry' })
        .expect(201);
    }
    const { body } = await api.http.get('/api/calendar/feed').set(bearer(member.token)).expect(200);
    const url = new URL(body.url as string);
    expect(url.pathname).toBe('/api/calendar/feed.ics');

    const feed = await api.http
      .get(url.pathname)
      .query(Object.fromEntries(url.searchParams))
      .expect(200);
    const summaries = unfold(feed.text).match(/^SUMMARY:.*$/gm);
    expect(summaries).toEqual(['SUMMARY:校企双进·第一场', 'SUMMARY:校企双进·第二场']);

    const token = url.searchParams.get('token')!;
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'x'.repeat(32)}`;
    await api.http.get('/api/calendar/feed.ics').query({ token: forged }).expect(404);
    await api.http.get('/api/calendar/feed').expect(401);

    // Its owner resets it: the old address stops working, the new one works.
    const reset = await api.http
      .post('/api/calendar/feed/reset')
      .set(bearer(member.token))
      .expect(200);
    const renewed = new URL(reset.body.url as string);
    expect(renewed.searchParams.get('token')).not.toBe(token);
    await api.http.get('/api/calendar/feed.ics').query({ token }).expect(404);
    await api.http
      .get('/api/calendar/feed.ics')
      .query(Object.fromEntries(renewed.searchParams))
      .expect(200);
    const again = await api.http.get('/api/calendar/feed').set(bearer(member.token)).expect(200);
    expect(again.body.url).toBe(reset.body.url);
  });
});

import { randomUUID } from 'node:crypto';
import { linkToken } from 'src/common/signed-token';
import { ANONYMISED_NAME, DELETED_NAME } from 'src/personal-data/anonymise';
import { PRIVACY_NOTICE_VERSION } from 'src/privacy/privacy-notice';
import { StatisticsService } from 'src/stats/statistics.service';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import {
  createEvent,
  createOrganization,
  createUser,
  PASSWORD,
  seatAt,
  signedInAs,
  signedInOrganizer,
  signIn,
} from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { resetState } from 'test/support/state';

type Row = Record<string, unknown>;

describe('personal data (PIPL): consent, retention, rights, audit', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  const sql = (text: string, params: unknown[] = []) => api.dataSource.query<Row[]>(text, params);
  const guest = (n: number) => ({
    name: `报名人${n}`,
    email: `guest${n}-${randomUUID().slice(0, 6)}@example.cn`,
    mobile: `1390000${String(n).padStart(4, '0')}`,
    sector: n % 2 ? 'industry' : 'academia',
    organizationName: '成都某科技有限公司',
  });
  const invite = async (eventId: string, invitees: Row[]) => {
    await api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({ invitees })
      .expect(201);
    return sql(`SELECT id, email FROM invitation WHERE event_id = $1 ORDER BY email`, [eventId]);
  };
  const accept = (id: string, body: Row) =>
    api.http
      .post(`/api/invitations/${id}/accept`)
      .query({
        token: linkToken(
          api.config.linkTokens,
          'invitation',
          id,
          new Date(Date.now() + 86_400_000),
        ),
      })
      .send(body);
  const consentsOf = (type: string, id: string) =>
    sql(
      `SELECT purpose, scope, notice_version, given_at, withdrawn_at FROM consent
        WHERE person_type = $1 AND person_id = $2`,
      [type, id],
    );

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
  });

  afterAll(async () => {
    await api.close();
  });

  it('keeps the accepted notice’s version and time at sign-up, guest registration and invitation acceptance, and refuses without it', async () => {
    const before = new Date();
    const signUp = {
      name: '李明',
      email: 'li.ming@example.cn',
      password: 'privacy-2026',
      role: 'expert',
    };
    const refused = await api.http.post('/api/auth/sign-up').send(signUp).expect(400);
    expect(fieldNames(refused.body)).toEqual(['acceptPrivacy']);
    await api.http
      .post('/api/auth/sign-up')
      .send({ ...signUp, acceptPrivacy: true })
      .expect(202);
    // Sign-up answers alike whether or not the address is taken: the account is found by it.
    const [signed] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM user_account WHERE email = $1',
      [signUp.email],
    );
    const eventId = await createEvent(api.http, organizer);
    const noConsent = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send(guest(1))
      .expect(400);
    expect(fieldNames(noConsent.body)).toEqual(['acceptPrivacy']);
    const registered = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ ...guest(1), acceptPrivacy: true })
      .expect(201);
    const [invitation] = await invite(eventId, [
      { name: '王总', email: 'wang@example.cn', sector: 'industry' },
    ]);
    await accept(invitation.id as string, {}).expect(400);
    await accept(invitation.id as string, { acceptPrivacy: true }).expect(201);
    const after = new Date();

    for (const [type, id] of [
      ['user', signed.id],
      ['registration', registered.body.id],
      ['invitation', invitation.id],
    ] as const) {
      const rows = await consentsOf(type, id as string);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ purpose: 'notice', notice_version: PRIVACY_NOTICE_VERSION });
      const at = rows[0].given_at as Date;
      expect(at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(at.getTime()).toBeLessThanOrEqual(after.getTime() + 1000);
    }
    // The notice itself is a page anyone may read, in both languages.
    const zh = await api.http.get('/privacy').expect(200);
    expect(zh.text).toContain('单独同意');
    const en = await api.http.get('/privacy').set('accept-language', 'en').expect(200);
    expect(en.text).toContain(`data-version="${PRIVACY_NOTICE_VERSION}"`);
  });

  it('books no seat whose consent could not be recorded: the registration and its consent stand or fall together', async () => {
    const eventId = await createEvent(api.http, organizer, { capacity: 2 });
    // The consent insert fails for this one test (a trigger), as a lost connection would.
    await sql(`CREATE FUNCTION refuse_consent() RETURNS trigger LANGUAGE plpgsql AS
                 $$ BEGIN RAISE EXCEPTION 'consent refused for the test'; END $$`);
    await sql(`CREATE TRIGGER refuse_consent BEFORE INSERT ON consent
                 FOR EACH ROW EXECUTE FUNCTION refuse_consent()`);
    const refusedPeople = [11, 12, 13].map(guest);
    try {
      for (const person of refusedPeople) {
        const failed = await api.http
          .post(`/api/events/${eventId}/registrations`)
          .send({ ...person, acceptPrivacy: true });
        expect(failed.status).toBe(500);
      }
    } finally {
      await sql('DROP TRIGGER refuse_consent ON consent');
      await sql('DROP FUNCTION refuse_consent()');
    }
    const [left] = await sql(
      `SELECT (SELECT count(*) FROM registration WHERE event_id = $1)::int AS registrations,
              (SELECT coalesce(sum(taken), 0) FROM event_seat_shard WHERE event_id = $1)::int AS taken,
              (SELECT count(*) FROM outbox_message WHERE recipient = ANY($2))::int AS messages`,
      [eventId, refusedPeople.flatMap((p) => [p.email, p.mobile])],
    );
    expect(left).toEqual({ registrations: 0, taken: 0, messages: 0 });
    // Both seats are still there for people whose consent is recorded.
    for (const n of [14, 15]) {
      const seated = await api.http
        .post(`/api/events/${eventId}/registrations`)
        .send({ ...guest(n), acceptPrivacy: true })
        .expect(201);
      expect(seated.body.status).toBe('confirmed');
    }
  });

  it('shows a docking counterpart name and organization only, contacts once they consent for this meeting', async () => {
    const at = (time: string) => `2027-06-10T${time}:00+08:00`;
    const eventId = await createEvent(
      api.http,
      organizer,
      {
        kind: 'precise_docking',
        visibility: 'closed_door',
        startsAt: at('09:00'),
        endsAt: at('17:00'),
      },
      ['published'],
    );
    const enterprise = await signedInAs(api.app, ['enterprise'], '天府锂能张总');
    const expert = await signedInAs(api.app, ['expert'], '陈教授');
    await createOrganization(api.dataSource, expert.user, { name: '四川大学', kind: 'university' });
    await sql(`UPDATE user_account SET mobile = '13811112222' WHERE id = $1`, [expert.user.id]);
    for (const p of [enterprise, expert]) await seatAt(api.dataSource, eventId, p);
    const requested = await api.http
      .post(`/api/events/${eventId}/docking/meetings`)
      .set(bearer(enterprise.token))
      .send({ counterpartId: expert.user.id, startsAt: at('10:00'), endsAt: at('10:30') })
      .expect(201);
    const meetingId = requested.body.id as string;
    const seen = () =>
      api.http
        .get(`/api/docking/meetings/${meetingId}/counterpart`)
        .set(bearer(enterprise.token))
        .expect(200)
        .then((r) => r.body as Row);

    expect(await seen()).toEqual({
      userId: expert.user.id,
      name: '陈教授',
      organization: '四川大学',
      contactsShared: false,
      email: null,
      mobile: null,
    });
    // Only the expert can consent to show the expert's contacts.
    await api.http
      .put(`/api/docking/meetings/${meetingId}/share-contacts`)
      .set(bearer(enterprise.token))
      .send({ shared: true })
      .expect(200);
    expect((await seen()).contactsShared).toBe(false);
    await api.http
      .put(`/api/docking/meetings/${meetingId}/share-contacts`)
      .set(bearer(expert.token))
      .send({ shared: true })
      .expect(200);
    expect(await seen()).toMatchObject({ email: expert.user.email, mobile: '13811112222' });
    const [consent] = await consentsOf('user', expert.user.id);
    expect(consent).toMatchObject({
      purpose: 'share_contacts',
      scope: `docking_meeting:${meetingId}`,
      notice_version: PRIVACY_NOTICE_VERSION,
      withdrawn_at: null,
    });
    await api.http
      .put(`/api/docking/meetings/${meetingId}/share-contacts`)
      .set(bearer(expert.token))
      .send({ shared: false })
      .expect(200);
    expect(await seen()).toMatchObject({ contactsShared: false, email: null, mobile: null });
    // Someone outside the meeting learns nothing of it.
    const outsider = await signedInAs(api.app, ['enterprise']);
    await api.http
      .get(`/api/docking/meetings/${meetingId}/counterpart`)
      .set(bearer(outsider.token))
      .expect(404);
  });

  it('anonymises a past event’s guests, invitees and registrants when its retention ends, every figure unchanged', async () => {
    const eventId = await createEvent(api.http, organizer, {
      questions: [{ id: 'need', label: '需求', kind: 'text', options: [], required: false }],
    });
    const recent = await createEvent(api.http, organizer, { title: '近期活动' });
    for (const n of [11, 12, 13])
      await api.http
        .post(`/api/events/${eventId}/registrations`)
        .send({ ...guest(n), answers: { need: '储能' }, acceptPrivacy: true })
        .expect(201);
    // A guest and an invitee known by their mobile only are anonymised like everyone else.
    await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ name: '孙董', mobile: '13900001015', sector: 'industry', acceptPrivacy: true })
      .expect(201);
    await api.http
      .post(`/api/events/${recent}/registrations`)
      .send({ ...guest(14), acceptPrivacy: true })
      .expect(201);
    const invitations = await invite(eventId, [
      { name: '赵总', email: 'zhao@example.cn', mobile: '13700000001', sector: 'industry' },
      { name: '钱处长', email: 'qian@example.cn', sector: 'government' },
      { name: '李董', mobile: '13700000002', sector: 'industry' },
    ]);
    await accept(invitations[1].id as string, { acceptPrivacy: true }).expect(201);
    await sql(
      `UPDATE registration SET checked_in_at = now() WHERE event_id = $1 AND name = '报名人11'`,
      [eventId],
    );
    for (const id of [eventId, recent])
      for (const status of ['registration_closed', 'live', 'concluded'])
        await api.http
          .post(`/api/events/${id}/status`)
          .set(bearer(organizer.token))
          .send({ status })
          .expect(200);
    // The event ended four years ago; the recent one yesterday (within the default 36 months).
    await sql(
      `UPDATE event SET starts_at = now() - interval '4 years 1 hour', ends_at = now() - interval '4 years' WHERE id = $1`,
      [eventId],
    );
    await sql(
      `UPDATE event SET starts_at = now() - interval '25 hours', ends_at = now() - interval '1 day' WHERE id = $1`,
      [recent],
    );
    const statistics = api.app.get(StatisticsService);
    const figures = async (id: string) => {
      await statistics.compile([id]);
      const [row] = await sql(`SELECT figures FROM event_statistics WHERE event_id = $1`, [id]);
      return row.figures as Record<string, unknown>;
    };
    const addresses = (
      await sql(
        `SELECT unnest(ARRAY[email, mobile]) AS address FROM registration WHERE event_id = $1
         UNION SELECT unnest(ARRAY[email, mobile]) FROM invitation WHERE event_id = $1`,
        [eventId],
      )
    )
      .map((r) => r.address as string | null)
      .filter((a) => a !== null);
    const before = await figures(eventId);
    expect(before).toMatchObject({ invited: 3, registered: { total: 5 }, checkedIn: { total: 1 } });

    // Setting the period (again) schedules the job at its end, here already past: the worker runs it.
    const retention = await api.http
      .put(`/api/events/${eventId}/retention`)
      .set(bearer(organizer.token))
      .send({ months: 36 })
      .expect(200);
    expect(new Date(retention.body.anonymiseAt).getTime()).toBeLessThan(Date.now());
    await api.http
      .put(`/api/events/${recent}/retention`)
      .set(bearer(organizer.token))
      .send({ months: null })
      .expect(200);
    const worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    try {
      await eventually(async () => {
        const [row] = await sql(`SELECT anonymised_at FROM event WHERE id = $1`, [eventId]);
        return row.anonymised_at ? true : undefined;
      }, 'the retention job');
    } finally {
      await worker.close();
    }

    const after = await figures(eventId);
    for (const key of Object.keys(before)) expect([key, after[key]]).toEqual([key, before[key]]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());

    const people = await sql(
      `SELECT name, email, mobile, answers::text AS answers, user_id FROM registration WHERE event_id = $1
       UNION ALL SELECT name, email, mobile, '{}', NULL FROM invitation WHERE event_id = $1`,
      [eventId],
    );
    expect(people).toHaveLength(8);
    for (const p of people) {
      expect(p.name).toBe(ANONYMISED_NAME);
      expect(p.email).toMatch(/^anonymised-[0-9a-f-]{36}@anonymised\.invalid$/);
      expect(p).toMatchObject({ mobile: null, answers: '{}', user_id: null });
    }
    // The messages once sent to them no longer name them.
    const sent = await sql(
      `SELECT recipient, template FROM outbox_message WHERE recipient = ANY($1)`,
      [addresses],
    );
    expect(sent).toEqual([]);
    // The recent event keeps its people.
    const [kept] = await sql(`SELECT name FROM registration WHERE event_id = $1`, [recent]);
    expect(kept.name).toBe('报名人14');
    const [entry] = await sql(
      `SELECT actor_id, organization_id, people FROM audit_entry WHERE subject_type = 'personal_data' AND action = 'anonymised' AND subject_id = $1`,
      [eventId],
    );
    // Five registrants and the two invitees who never registered.
    expect(entry).toEqual({
      actor_id: null,
      organization_id: organizer.organization.id,
      people: 7,
    });
  });

  it('gives a person everything held about them, and deletes their account leaving a placeholder and the figures', async () => {
    const person = await createUser(api.dataSource, { roles: ['enterprise'], name: '孙丽' });
    const token = await signIn(api.http, person.email);
    const eventId = await createEvent(api.http, organizer);
    const mine = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .set(bearer(token))
      .send({ sector: 'industry', acceptPrivacy: true })
      .expect(201);
    const copy = await api.http.get('/api/me/data').set(bearer(token)).expect(200);
    expect(copy.body.account).toMatchObject({ name: '孙丽', email: person.email });
    expect(copy.body.registrations).toEqual([
      expect.objectContaining({ id: mine.body.id, name: '孙丽', status: 'confirmed' }),
    ]);
    expect(copy.body.consents).toEqual([
      expect.objectContaining({ purpose: 'notice', noticeVersion: PRIVACY_NOTICE_VERSION }),
    ]);
    expect(copy.body.sessions.length).toBeGreaterThanOrEqual(1);
    const page = await api.http.get('/account/data').set('cookie', `duijie_token=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('孙丽');

    await api.http
      .post('/api/me/delete')
      .set(bearer(token))
      .send({ password: 'wrong-password' })
      .expect(400);
    const statistics = api.app.get(StatisticsService);
    await statistics.compile([eventId]);
    const [{ figures: before }] = await sql(
      `SELECT figures FROM event_statistics WHERE event_id = $1`,
      [eventId],
    );
    await api.http
      .post('/api/me/delete')
      .set(bearer(token))
      .send({ password: PASSWORD })
      .expect(204);

    await api.http.get('/api/auth/me').set(bearer(token)).expect(401);
    await api.http
      .post('/api/auth/login')
      .send({ email: person.email, password: PASSWORD })
      .expect(401);
    const [account] = await sql(
      `SELECT name, email, mobile, roles FROM user_account WHERE id = $1`,
      [person.id],
    );
    expect(account).toEqual({
      name: DELETED_NAME,
      email: `deleted-${person.id}@deleted.invalid`,
      mobile: null,
      roles: [],
    });
    const [registration] = await sql(
      `SELECT name, email, user_id, status FROM registration WHERE id = $1`,
      [mine.body.id],
    );
    expect(registration).toMatchObject({
      name: ANONYMISED_NAME,
      user_id: null,
      status: 'confirmed',
    });
    await statistics.compile([eventId]);
    const [{ figures: after }] = await sql(
      `SELECT figures FROM event_statistics WHERE event_id = $1`,
      [eventId],
    );
    expect(after).toEqual(before);
  });

  it('purges an invitation list of the people who never answered, for its organizers only', async () => {
    const eventId = await createEvent(api.http, organizer);
    const invitations = await invite(eventId, [
      { name: '甲', email: 'a@example.cn', sector: 'industry' },
      { name: '乙', email: 'b@example.cn', sector: 'industry' },
      { name: '丙', email: 'c@example.cn', sector: 'industry' },
    ]);
    await accept(invitations[0].id as string, { acceptPrivacy: true }).expect(201);
    const other = await signedInOrganizer(api.app);
    await api.http
      .post(`/api/events/${eventId}/invitations/purge-unanswered`)
      .set(bearer(other.token))
      .expect((r) => expect([403, 404]).toContain(r.status));
    const purged = await api.http
      .post(`/api/events/${eventId}/invitations/purge-unanswered`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(purged.body).toEqual({ purged: 2 });
    const names = await sql(`SELECT name FROM invitation WHERE event_id = $1 ORDER BY name`, [
      eventId,
    ]);
    expect(names.map((r) => r.name)).toEqual([ANONYMISED_NAME, ANONYMISED_NAME, '甲']);
  });

  it('shows what was done with personal data to admins and the managers of the organization, to nobody else', async () => {
    const eventId = await createEvent(api.http, organizer);
    await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({ ...guest(21), acceptPrivacy: true })
      .expect(201);
    await api.http
      .get(`/api/events/${eventId}/registrations`)
      .set(bearer(organizer.token))
      .expect(200);
    await api.http
      .get(`/api/events/${eventId}/registrations.csv`)
      .set(bearer(organizer.token))
      .expect(200);
    const other = await signedInOrganizer(api.app);
    const admin = await signedInAs(api.app, ['admin']);
    const plain = await signedInAs(api.app, ['enterprise']);
    const entries = (token: string, query: Row = {}) =>
      api.http.get('/api/audit').query(query).set(bearer(token));

    const own = await entries(organizer.token, { action: 'export' }).expect(200);
    expect(own.body[0]).toMatchObject({
      action: 'export',
      actorId: organizer.user.id,
      subjectId: eventId,
      organizationId: organizer.organization.id,
      people: 1,
      about: { export: 'registrants', format: 'csv' },
    });
    const theirs = await entries(other.token).expect(200);
    expect(
      (theirs.body as Row[]).filter((e) => e.organizationId === organizer.organization.id),
    ).toEqual([]);
    await entries(other.token, { organizationId: organizer.organization.id }).expect(403);
    await entries(plain.token).expect(403);
    const all = await entries(admin.token, { organizationId: organizer.organization.id }).expect(
      200,
    );
    const actions = new Set((all.body as Row[]).map((e) => e.action));
    for (const action of ['consent', 'export', 'anonymised', 'purged', 'bulk_view'])
      expect(actions).toContain(action);
    const deleted = await entries(admin.token, { action: 'deleted' }).expect(200);
    expect(deleted.body).toHaveLength(1);
  });
});

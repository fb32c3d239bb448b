import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Registration } from 'src/registrations/registration.entity';
import { User } from 'src/identity/user.entity';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer, tokenFor } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { renderEmail } from 'test/support/render';
import { resetState } from 'test/support/state';

interface Person {
  user: User & { email: string };
  token: string;
}

const at = (time: string) => `2027-06-10T${time}:00+08:00`;

describe('closed-door precise docking', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let eventId: string;
  let enterprise: Person;
  let expert: Person;
  let expert2: Person;
  let outsider: Person;

  /**
   * A user straight in the database with a verified e-mail (no password: these tests sign in by
   * session); participants are seated by that address, as invitees are.
   */
  async function person(roles: User['roles'], name: string): Promise<Person> {
    const users = api.app.get(DataSource).getRepository(User);
    const user = await users.save(
      users.create({
        name,
        email: `${randomUUID()}@example.cn`,
        mobile: null,
        emailVerifiedAt: new Date(),
        locale: 'zh-CN',
        roles,
        passwordHash: 'not-used',
      }),
    );
    return { user: user as Person['user'], token: await tokenFor(api.app, user) };
  }

  /** A confirmed registrant of the session (as the invitation and approval would leave them). */
  async function participant(roles: User['roles'], name: string): Promise<Person> {
    const p = await person(roles, name);
    await api.dataSource.getRepository(Registration).insert({
      eventId,
      userId: null,
      name,
      email: p.user.email,
      mobile: null,
      organizationName: null,
      sector: roles.includes('expert') ? 'academia' : 'industry',
      status: 'confirmed',
      answers: {},
      locale: 'zh-CN',
      confirmedAt: new Date(),
      cancelledAt: null,
      checkInCode: randomUUID().slice(0, 12),
      checkedInAt: null,
      checkedInBy: null,
    });
    return p;
  }

  const request = (from: Person, to: Person, start: string, end: string) =>
    api.http
      .post(`/api/events/${eventId}/docking/meetings`)
      .set(bearer(from.token))
      .send({
        counterpartId: to.user.id,
        startsAt: at(start),
        endsAt: at(end),
        note: '想了解量产方案',
      });
  const answer = (who: Person, meetingId: string, value: 'accepted' | 'declined') =>
    api.http
      .post(`/api/docking/meetings/${meetingId}/answer`)
      .set(bearer(who.token))
      .send({ answer: value });

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    eventId = await createEvent(
      api.http,
      organizer,
      {
        kind: 'precise_docking',
        visibility: 'closed_door',
        title: '新能源闭门精准对接会',
        startsAt: at('09:00'),
        endsAt: at('17:00'),
      },
      ['published'],
    );
    enterprise = await participant(['enterprise'], '天府锂能');
    expert = await participant(['expert'], '陈教授');
    expert2 = await participant(['expert'], '周研究员');
    outsider = await person(['enterprise'], '局外企业');
    await api.http
      .put(`/api/events/${eventId}/docking/tables`)
      .set(bearer(organizer.token))
      .send({ tables: ['1号桌', '2号桌'] })
      .expect(200);
  });

  afterAll(async () => {
    await api.close();
  });

  it('takes the enterprises’ needs, suggests expert teams and invites them', async () => {
    const need = await api.http
      .post('/api/needs')
      .set(bearer(enterprise.token))
      .send({
        title: '硅碳负极循环寿命提升',
        description: '我司锂电池硅碳负极循环寿命不足，希望与高校合作改进。',
        fields: ['新能源'],
        keywords: ['硅碳负极', '锂电池'],
        confidentiality: 'matched_only',
        enterpriseName: '天府锂能',
        published: true,
      })
      .expect(201);
    const submitted = await api.http
      .post(`/api/events/${eventId}/docking/needs`)
      .set(bearer(enterprise.token))
      .send({ needId: need.body.id })
      .expect(201);
    expect(submitted.body).toMatchObject([{ id: need.body.id, title: '硅碳负极循环寿命提升' }]);

    const profile = await api.http
      .put('/api/experts/me')
      .set(bearer(expert.token))
      .send({
        institutionName: '四川大学',
        title: '教授',
        fields: ['新能源'],
        keywords: ['硅碳负极', '锂电池'],
      })
      .expect(200);
    const suggestions = await api.http
      .get(`/api/events/${eventId}/docking/suggestions`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(suggestions.body).toMatchObject([
      { needId: need.body.id, experts: [{ id: profile.body.id, name: '陈教授' }] },
    ]);
    const invited = await api.http
      .post(`/api/events/${eventId}/docking/invite-experts`)
      .set(bearer(organizer.token))
      .send({ expertIds: [profile.body.id] })
      .expect(201);
    expect(invited.body).toMatchObject({ invited: 1 });
  });

  it('shows a participant only the needs they may see, and books only about a need brought here', async () => {
    const bring = async (title: string, fields: Record<string, unknown>) => {
      const need = await api.http
        .post('/api/needs')
        .set(bearer(enterprise.token))
        .send({
          title,
          description: '内部',
          fields: ['新能源'],
          enterpriseName: '天府锂能',
          ...fields,
        })
        .expect(201);
      await api.http
        .post(`/api/events/${eventId}/docking/needs`)
        .set(bearer(enterprise.token))
        .send({ needId: need.body.id })
        .expect(201);
      return need.body.id as string;
    };
    await bring('内部评估：电解液供应商替换', {
      confidentiality: 'organizers_only',
      published: true,
    });
    await bring('尚未发布的隔膜需求', { published: false });
    const titles = async (who: { token: string }) =>
      (
        (
          await api.http
            .get(`/api/events/${eventId}/docking/needs`)
            .set(bearer(who.token))
            .expect(200)
        ).body as { title: string }[]
      ).map((n) => n.title);
    const seenByExpert = await titles(expert);
    expect(seenByExpert).toContain('硅碳负极循环寿命提升');
    expect(seenByExpert).not.toContain('内部评估：电解液供应商替换');
    expect(seenByExpert).not.toContain('尚未发布的隔膜需求');
    expect(await titles(organizer)).toEqual(
      expect.arrayContaining(['内部评估：电解液供应商替换', '尚未发布的隔膜需求']),
    );

    const elsewhere = await api.http
      .post('/api/needs')
      .set(bearer(enterprise.token))
      .send({
        title: '别处的需求',
        description: '无',
        fields: ['新能源'],
        enterpriseName: '天府锂能',
        published: true,
      })
      .expect(201);
    const refused = await api.http
      .post(`/api/events/${eventId}/docking/meetings`)
      .set(bearer(enterprise.token))
      .send({
        counterpartId: expert.user.id,
        needId: elsewhere.body.id,
        startsAt: at('15:00'),
        endsAt: at('15:30'),
      })
      .expect(400);
    expect(refused.body.code).toBe('DOCKING_NEED_NOT_BROUGHT');
  });

  it('books meetings at free tables; nobody is in two meetings at once and no table twice', async () => {
    const first = await request(enterprise, expert, '10:00', '10:30').expect(201);
    expect(first.body).toMatchObject({ status: 'requested', tableName: null });
    const told = await api.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ idempotencyKey: `docking:${first.body.id}:requested` });
    expect(told).toMatchObject({ recipient: expert.user.email, template: 'docking-request' });
    expect(renderEmail(told).subject).toMatch(/^对接洽谈邀约：天府锂能（2027年6月10日.*10:00）$/);
    expect(renderEmail(told).text).toContain('想了解量产方案');

    await answer(enterprise, first.body.id, 'accepted').expect(403);
    const accepted = await answer(expert, first.body.id, 'accepted').expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', tableName: '1号桌' });
    const answerMail = await api.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ idempotencyKey: `docking:${first.body.id}:accepted` });
    expect(answerMail.recipient).toBe(enterprise.user.email);
    expect(renderEmail(answerMail).subject).toMatch(/^洽谈已确认：陈教授（.*，1号桌）$/);

    const clash = await request(enterprise, expert2, '10:15', '10:45').expect(201);
    const busy = await answer(expert2, clash.body.id, 'accepted').expect(409);
    expect(busy.body).toMatchObject({
      code: 'DOCKING_PARTY_BUSY',
      details: {
        conflict: { meetingId: first.body.id, partyId: enterprise.user.id, tableName: '1号桌' },
      },
    });
    await answer(expert2, clash.body.id, 'declined').expect(200);

    const second = await participant(['enterprise'], '蜀能材料');
    const third = await participant(['enterprise'], '川西储能');
    const other = await participant(['expert'], '吴博士');
    const m2 = await request(second, expert2, '10:00', '10:30').expect(201);
    expect((await answer(expert2, m2.body.id, 'accepted').expect(200)).body.tableName).toBe(
      '2号桌',
    );
    const m3 = await request(third, other, '10:10', '10:40').expect(201);
    const full = await answer(other, m3.body.id, 'accepted').expect(409);
    expect(full.body.code).toBe('DOCKING_NO_TABLE');

    // Calling one off frees its table and both parties.
    await api.http
      .post(`/api/docking/meetings/${m2.body.id}/cancel`)
      .set(bearer(second.token))
      .expect(200);
    const later = await request(third, other, '10:10', '10:40').expect(201);
    expect((await answer(other, later.body.id, 'accepted').expect(200)).body.tableName).toBe(
      '2号桌',
    );

    const mine = await api.http
      .get(`/api/events/${eventId}/docking/schedule`)
      .set(bearer(enterprise.token))
      .expect(200);
    expect((mine.body as { id: string; status: string }[]).map((m) => [m.id, m.status])).toEqual([
      [first.body.id, 'accepted'],
      [clash.body.id, 'declined'],
    ]);
    const all = await api.http
      .get(`/api/events/${eventId}/docking/schedule`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(all.body).toHaveLength(5);
  });

  it('is invisible to anyone not taking part: 404 for the session and its meetings', async () => {
    const meeting = (
      (await api.http.get(`/api/events/${eventId}/docking/schedule`).set(bearer(organizer.token)))
        .body as { id: string; requester: { userId: string }; counterpart: { userId: string } }[]
    ).find(
      (m) => m.requester.userId === enterprise.user.id && m.counterpart.userId === expert.user.id,
    )!;
    for (const [method, path] of [
      ['get', `/api/events/${eventId}/docking/schedule`],
      ['get', `/api/events/${eventId}/docking/needs`],
      ['get', `/api/docking/meetings/${meeting.id}`],
      ['post', `/api/docking/meetings/${meeting.id}/cancel`],
    ] as const) {
      const response = await api.http[method](path).set(bearer(outsider.token)).expect(404);
      expect(JSON.stringify(response.body)).not.toContain('新能源闭门精准对接会');
    }
    await request(outsider, expert, '15:00', '15:30').expect(404);
    // A participant who is not a party to a meeting does not see it either.
    await api.http
      .get(`/api/docking/meetings/${meeting.id}`)
      .set(bearer(expert2.token))
      .expect(404);
    // Nor can a participant meet someone outside the session.
    const stranger = await request(enterprise, outsider, '15:00', '15:30').expect(400);
    expect(stranger.body.code).toBe('DOCKING_NOT_PARTICIPANT');
  });

  it('records each side’s outcome once the meeting has started', async () => {
    const meeting = await request(enterprise, expert, '16:00', '16:30').expect(201);
    await answer(expert, meeting.body.id, 'accepted').expect(200);
    const early = await api.http
      .post(`/api/docking/meetings/${meeting.body.id}/outcome`)
      .set(bearer(expert.token))
      .send({ outcome: 'negotiation_started' })
      .expect(409);
    expect(early.body.code).toBe('DOCKING_NOT_STARTED');
    await api.dataSource.query(
      `UPDATE docking_meeting SET starts_at = now() - interval '1 hour', ends_at = now() - interval '30 minutes' WHERE id = $1`,
      [meeting.body.id],
    );
    await api.http
      .post(`/api/docking/meetings/${meeting.body.id}/outcome`)
      .set(bearer(expert.token))
      .send({ outcome: 'negotiation_started', note: '下月赴企业中试' })
      .expect(200);
    const done = await api.http
      .post(`/api/docking/meetings/${meeting.body.id}/outcome`)
      .set(bearer(enterprise.token))
      .send({ outcome: 'valuable_contact' })
      .expect(200);
    expect(done.body.outcomes).toEqual(
      expect.arrayContaining([
        { userId: expert.user.id, outcome: 'negotiation_started', note: '下月赴企业中试' },
        { userId: enterprise.user.id, outcome: 'valuable_contact', note: '' },
      ]),
    );
    await api.http
      .post(`/api/docking/meetings/${meeting.body.id}/outcome`)
      .set(bearer(organizer.token))
      .send({ outcome: 'agreement_reached' })
      .expect(403);
  });

  it('lets 100 simultaneous acceptances for one party at one time leave one meeting: the others get 409 naming it', async () => {
    const star = await participant(['expert'], '热门专家');
    const requests: string[] = [];
    const requesters: Person[] = [];
    for (let i = 0; i < 100; i++) {
      const p = await participant(['enterprise'], `企业${i}`);
      requesters.push(p);
      requests.push((await request(p, star, '13:00', '13:30').expect(201)).body.id as string);
    }
    await api.http
      .put(`/api/events/${eventId}/docking/tables`)
      .set(bearer(organizer.token))
      .send({ tables: Array.from({ length: 120 }, (_, i) => `${i + 1}号桌`) })
      .expect(200);
    const answers = await Promise.all(requests.map((id) => answer(star, id, 'accepted')));
    const won = answers.filter((r) => r.status === 200);
    const lost = answers.filter((r) => r.status === 409);
    expect([won.length, lost.length]).toEqual([1, 99]);
    for (const r of lost) {
      expect(r.body).toMatchObject({
        code: 'DOCKING_PARTY_BUSY',
        details: { conflict: { meetingId: won[0].body.id as string, partyId: star.user.id } },
      });
    }
    const [{ overlaps }] = await api.dataSource.query<{ overlaps: number }[]>(
      `SELECT count(*)::int AS overlaps FROM docking_booking a JOIN docking_booking b
          ON a.user_id = b.user_id AND a.meeting_id < b.meeting_id
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`,
    );
    expect(overlaps).toBe(0);
  });
});

import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInAs, signedInOrganizer } from 'test/support/factories';
import { bearer, fieldNames } from 'test/support/http';
import { renderEmail } from 'test/support/render';
import { resetState } from 'test/support/state';

type Person = Awaited<ReturnType<typeof signedInAs>>;

describe('intents, deals and follow-up', () => {
  let api: TestApi;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;
  let enterprise: Person;
  let expert: Person;
  let eventId: string;
  let resultId: string;

  const deal = (fields: Record<string, unknown> = {}) => ({
    enterpriseName: '成都芯联传感科技有限公司',
    institutionName: '西南理工大学',
    expertTeam: '刘洋教授团队',
    resultId,
    eventId,
    type: 'license',
    contractValueFen: 150_000_000,
    signedOn: '2026-11-20',
    atCeremony: true,
    ...fields,
  });
  const outbox = () => api.dataSource.getRepository(OutboxMessage);

  beforeAll(async () => {
    await resetState();
    api = await startApi();
    organizer = await signedInOrganizer(api.app);
    enterprise = await signedInAs(api.app, ['enterprise'], '周强');
    expert = await signedInAs(api.app, ['expert'], '刘洋');
    eventId = await createEvent(api.http, organizer, {
      kind: 'roadshow',
      title: '签约路演',
      startsAt: '2027-03-01T14:00:00+08:00',
      endsAt: '2027-03-01T17:00:00+08:00',
    });
    resultId = (
      await api.http
        .post('/api/results')
        .set(bearer(expert.token))
        .send({
          title: 'MEMS气体传感器',
          summary: '低功耗',
          readinessLevel: 6,
          institutionName: '西南理工大学',
          published: true,
        })
        .expect(201)
    ).body.id as string;
  });

  afterAll(async () => {
    await api.close();
  });

  it('follows an intent stage by stage, never skipping, to a signed deal', async () => {
    const intent = await api.http
      .post('/api/intents')
      .set(bearer(enterprise.token))
      .send({
        enterpriseName: '成都芯联传感科技有限公司',
        resultId,
        eventId,
        note: '路演现场表达意向',
      })
      .expect(201);
    expect(intent.body).toMatchObject({ stage: 'intent', userId: enterprise.user.id });
    const id = intent.body.id as string;
    const noTarget = await api.http
      .post('/api/intents')
      .set(bearer(enterprise.token))
      .send({ enterpriseName: '某企业' })
      .expect(400);
    expect(noTarget.body.code).toBe('INTENT_NEEDS_TARGET');

    const ofEvent = await api.http
      .get('/api/intents')
      .query({ eventId })
      .set(bearer(organizer.token))
      .expect(200);
    expect((ofEvent.body.items as { id: string }[]).map((i) => i.id)).toEqual([id]);
    const others = await api.http
      .get('/api/intents')
      .set(bearer((await signedInAs(api.app, ['enterprise'])).token));
    expect(others.body.total).toBe(0);

    const stage = (to: string, reason?: string) =>
      api.http
        .post(`/api/intents/${id}/stage`)
        .set(bearer(organizer.token))
        .send({ stage: to, reason });
    const skip = await stage('negotiating').expect(409);
    expect(skip.body).toMatchObject({
      code: 'FOLLOW_UP_INVALID_STAGE',
      details: { from: 'intent', to: 'negotiating' },
    });
    await stage('contacted').expect(200);
    await stage('negotiating').expect(200);
    await stage('intent').expect(409);

    await api.http
      .post(`/api/intents/${id}/owner`)
      .set(bearer(organizer.token))
      .send({ ownerId: organizer.user.id })
      .expect(200);
    const signed = await api.http
      .post(`/api/intents/${id}/deal`)
      .set(bearer(organizer.token))
      .send(deal())
      .expect(201);
    expect(signed.body).toMatchObject({
      intentId: id,
      stage: 'signed',
      contractValueFen: 150_000_000,
      atCeremony: true,
    });
    const after = await api.http
      .get('/api/intents')
      .query({ eventId })
      .set(bearer(organizer.token));
    expect(after.body.items[0].stage).toBe('signed');

    // Check-ins at 3, 6 and 12 months and a no-contact reminder are scheduled for the owner.
    const reminders = await outbox().find({
      where: { subject: `deal:${signed.body.id}` },
      order: { availableAt: 'ASC' },
    });
    expect(reminders.map((m) => [m.template, m.availableAt.toISOString()])).toEqual([
      ['follow-up-stale', expect.any(String)],
      ['deal-check-in', '2027-02-20T01:00:00.000Z'],
      ['deal-check-in', '2027-05-20T01:00:00.000Z'],
      ['deal-check-in', '2027-11-20T01:00:00.000Z'],
    ]);
    expect(renderEmail(reminders[1]).subject).toBe(
      '签约 3 个月回访：成都芯联传感科技有限公司 × 西南理工大学',
    );
  });

  it('refuses absurd amounts, ceremonies of cancelled events and signing tomorrow', async () => {
    const negative = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ contractValueFen: -1 }))
      .expect(400);
    expect(fieldNames(negative.body)).toContain('contractValueFen');
    const absurd = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ contractValueFen: 10_000_000_000_000_000 }))
      .expect(400);
    expect(fieldNames(absurd.body)).toContain('contractValueFen');
    const tomorrow = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10);
    const future = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ signedOn: tomorrow }))
      .expect(400);
    expect(future.body.code).toBe('DEAL_SIGNED_IN_FUTURE');
    const noEvent = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ eventId: undefined }))
      .expect(400);
    expect(noEvent.body.code).toBe('DEAL_CEREMONY_NEEDS_EVENT');

    const cancelled = await createEvent(api.http, organizer, { title: '取消的签约仪式' });
    await api.http
      .post(`/api/events/${cancelled}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'cancelled', reason: '场地原因' })
      .expect(200);
    const refused = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ eventId: cancelled }))
      .expect(409);
    expect(refused.body.code).toBe('DEAL_EVENT_CANCELLED');
    const unknown = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ resultId: '00000000-0000-4000-8000-000000000000' }))
      .expect(400);
    expect(unknown.body.code).toBe('DEAL_UNKNOWN_REFERENCE');
    await api.http.post('/api/deals').set(bearer(enterprise.token)).send(deal()).expect(403);
  });

  it('keeps every correction in the history; the amount changes only with a reason', async () => {
    const created = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal({ contractValueFen: 80_000_000 }))
      .expect(201);
    const id = created.body.id as string;
    const silent = await api.http
      .patch(`/api/deals/${id}`)
      .set(bearer(organizer.token))
      .send({ contractValueFen: 95_000_000 })
      .expect(400);
    expect(silent.body.code).toBe('FOLLOW_UP_REASON_REQUIRED');
    expect(fieldNames(silent.body)).toEqual(['reason']);
    await api.http
      .patch(`/api/deals/${id}`)
      .set(bearer(organizer.token))
      .send({ contractValueFen: 95_000_000, reason: '补充协议增加中试费用' })
      .expect(200);
    await api.http
      .patch(`/api/deals/${id}`)
      .set(bearer(organizer.token))
      .send({ type: 'joint_development' })
      .expect(200);
    const history = await api.http
      .get(`/api/deals/${id}/history`)
      .set(bearer(organizer.token))
      .expect(200);
    expect((history.body as { action: string }[]).map((e) => e.action)).toEqual([
      'created',
      'corrected',
      'corrected',
    ]);
    expect(history.body[1]).toMatchObject({
      actorId: organizer.user.id,
      before: { contractValueFen: 80_000_000 },
      after: { contractValueFen: 95_000_000 },
      reason: '补充协议增加中试费用',
    });
    expect(history.body[2]).toMatchObject({
      before: { type: 'license' },
      after: { type: 'joint_development' },
    });
    await api.http.get(`/api/deals/${id}`).set(bearer(enterprise.token)).expect(404);

    // Landed or dropped (with a reason), never back; check-ins and contacts are kept too.
    await api.http
      .post(`/api/deals/${id}/check-ins`)
      .set(bearer(organizer.token))
      .send({
        months: 3,
        landed: false,
        receivedFen: 20_000_000,
        outputValueFen: 0,
        note: '首付款到账',
      })
      .expect(200);
    const badCheckIn = await api.http
      .post(`/api/deals/${id}/check-ins`)
      .set(bearer(organizer.token))
      .send({ months: 4, landed: true, receivedFen: -5, outputValueFen: 0 })
      .expect(400);
    expect([...new Set(fieldNames(badCheckIn.body))].sort()).toEqual(['months', 'receivedFen']);
    const contacted = await api.http
      .post(`/api/deals/${id}/contacts`)
      .set(bearer(organizer.token))
      .send({ note: '电话回访' })
      .expect(200);
    expect(new Date(contacted.body.lastContactAt).getTime()).toBeGreaterThan(
      new Date(created.body.lastContactAt).getTime(),
    );
    const noReason = await api.http
      .post(`/api/deals/${id}/stage`)
      .set(bearer(organizer.token))
      .send({ stage: 'dropped' })
      .expect(400);
    expect(noReason.body.code).toBe('FOLLOW_UP_REASON_REQUIRED');
    await api.http
      .post(`/api/deals/${id}/stage`)
      .set(bearer(organizer.token))
      .send({ stage: 'landed' })
      .expect(200);
    await api.http
      .post(`/api/deals/${id}/stage`)
      .set(bearer(organizer.token))
      .send({ stage: 'signed' })
      .expect(409);
    const all = await api.http.get(`/api/deals/${id}/history`).set(bearer(organizer.token));
    expect((all.body as { action: string }[]).map((e) => e.action)).toEqual([
      'created',
      'corrected',
      'corrected',
      'check_in_3',
      'contacted',
      'stage',
    ]);
    const pending = await outbox().find({ where: { subject: `deal:${id}`, status: 'pending' } });
    expect(pending).toEqual([]);
  });

  it('gives tasks an owner and a due day, reminds on that day, and forgets done ones', async () => {
    const created = await api.http
      .post('/api/deals')
      .set(bearer(organizer.token))
      .send(deal())
      .expect(201);
    const task = await api.http
      .post('/api/follow-up-tasks')
      .set(bearer(organizer.token))
      .send({
        dealId: created.body.id,
        ownerId: expert.user.id,
        title: '提交中试方案',
        dueOn: '2027-01-15',
        notes: '含设备清单',
      })
      .expect(201);
    const reminder = () => outbox().findOneByOrFail({ idempotencyKey: `task:${task.body.id}:due` });
    expect((await reminder()).availableAt.toISOString()).toBe('2027-01-15T01:00:00.000Z');
    expect(renderEmail(await reminder()).subject).toBe('跟进任务到期：提交中试方案（2027-01-15）');

    const mine = await api.http.get('/api/follow-up-tasks').set(bearer(expert.token)).expect(200);
    expect((mine.body as { id: string }[]).map((t) => t.id)).toEqual([task.body.id]);
    await api.http
      .patch(`/api/follow-up-tasks/${task.body.id}`)
      .set(bearer(enterprise.token))
      .send({ done: true })
      .expect(404);
    await api.http
      .patch(`/api/follow-up-tasks/${task.body.id}`)
      .set(bearer(expert.token))
      .send({ dueOn: '2027-01-20' })
      .expect(200);
    expect((await reminder()).availableAt.toISOString()).toBe('2027-01-20T01:00:00.000Z');
    await api.http
      .patch(`/api/follow-up-tasks/${task.body.id}`)
      .set(bearer(expert.token))
      .send({ done: true })
      .expect(200);
    expect((await reminder()).status).toBe('dropped');
    expect((await api.http.get('/api/follow-up-tasks').set(bearer(expert.token))).body).toEqual([]);
  });

  it('opens the deal form of an intent older than the board’s latest 100', async () => {
    const oldest = await api.http
      .post('/api/intents')
      .set(bearer(enterprise.token))
      .send({ enterpriseName: '最早表达意向的企业', resultId, eventId })
      .expect(201);
    for (let i = 0; i < 100; i++) {
      await api.http
        .post('/api/intents')
        .set(bearer(enterprise.token))
        .send({ enterpriseName: `后来的企业 ${i}`, resultId, eventId })
        .expect(201);
    }
    // The page used to look the intent up among the latest 100 it listed: 404 for older ones.
    const page = await api.http
      .get(`/console/deals/new?intentId=${oldest.body.id as string}`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(page.text).toContain('最早表达意向的企业');
  });
});

import { imported, ImportReport } from 'test/support/imports';
import { Not } from 'typeorm';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { createEvent, createUser, signedInOrganizer, tokenFor } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';

interface InviteResult {
  invited: number;
  alreadyInvited: number;
  errors: { row: number; field: string; message: string }[];
}
interface InvitationRow {
  id: string;
  email: string;
  status: string;
  registrationId: string | null;
}

const invitee = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `嘉宾${n}`,
  email: `guest${n}@example.cn`,
  organizationName: '天府科创投资基金',
  sector: 'finance',
  role: '投资人',
  ...extra,
});

describe('invitations', () => {
  let api: TestApi;
  let smtp: TestSmtp;
  let organizer: Awaited<ReturnType<typeof signedInOrganizer>>;

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    api = await startApi({ SMTP_URL: smtp.url });
    organizer = await signedInOrganizer(api.app);
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  const invite = async (eventId: string, invitees: unknown[]) =>
    (
      await api.http
        .post(`/api/events/${eventId}/invitations`)
        .set(bearer(organizer.token))
        .send({ invitees })
        .expect(201)
    ).body as InviteResult;
  const list = async (eventId: string) =>
    (
      await api.http
        .get(`/api/events/${eventId}/invitations`)
        .set(bearer(organizer.token))
        .expect(200)
    ).body.items as InvitationRow[];
  /** The token of an invitation, as its e-mail carries it. */
  const tokenOf = async (invitationId: string) => {
    const message = await api.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ subject: `invitation:${invitationId}` });
    return new URL(message.data.acceptUrl as string).searchParams.get('token')!;
  };

  it('invites the good rows and reports the bad ones by row and field', async () => {
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    const result = await invite(eventId, [
      invitee(1),
      invitee(2, { email: 'not-an-email' }),
      invitee(3, { name: '' }),
      invitee(4, { sector: 'military' }),
      invitee(1, { name: '重复的人' }),
      invitee(5, { badge: 'VIP' }),
      invitee(6, { locale: 'en' }),
    ]);
    expect(result.invited).toBe(2);
    expect(result.alreadyInvited).toBe(0);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'email'],
      [3, 'name'],
      [4, 'sector'],
      [5, 'email'],
      [6, 'badge'],
    ]);
    expect(result.errors[3].message).toBe('邮箱：与第 1 行重复 / E-mail address: repeats row 1');

    const again = await invite(eventId, [invitee(1), invitee(7)]);
    expect(again).toMatchObject({ invited: 1, alreadyInvited: 1, errors: [] });
    expect((await list(eventId)).map((i) => [i.email, i.status])).toEqual([
      ['guest1@example.cn', 'created'],
      ['guest6@example.cn', 'created'],
      ['guest7@example.cn', 'created'],
    ]);
  });

  it('reads a JSON list as a spreadsheet is read: sectors as people write them, mainland mobiles', async () => {
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    const person = (n: number, sector: string, mobile?: string) => ({
      name: `来宾${n}`,
      ...(mobile ? { mobile } : { email: `json-guest${n}@example.cn` }),
      sector,
    });
    const result = await invite(eventId, [
      person(1, '企业'),
      person(2, '高校'),
      person(3, '科研院所'),
      person(4, '金融机构'),
      person(5, '金'),
      person(6, ' Industry '),
      person(7, '用', '+86 139-0013-8000'),
      person(8, '服', '1390013800'),
      person(9, '政', '12900138000'),
      person(10, '军工'),
    ]);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [8, 'mobile'],
      [9, 'mobile'],
      [10, 'sector'],
    ]);
    expect(result.errors[0].message).toContain('不是有效的手机号码');
    expect(result.invited).toBe(7);
    const rows = await api.dataSource.query<{ name: string; sector: string; mobile: string }[]>(
      'SELECT name, sector, mobile FROM invitation WHERE event_id = $1 ORDER BY created_at, name',
      [eventId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, [r.sector, r.mobile]]))).toEqual({
      来宾1: ['industry', null],
      来宾2: ['academia', null],
      来宾3: ['research', null],
      来宾4: ['finance', null],
      来宾5: ['finance', null],
      来宾6: ['industry', null],
      来宾7: ['users', '13900138000'],
    });
  });

  it('takes a CSV file and reports its faulty lines by line number', async () => {
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    const csv =
      '姓名,邮箱,手机,单位,界别,角色\n' +
      '周婷,zhou.ting@example.cn,13800138000,"天府科创投资基金, 成都",金,投资人\n' +
      '坏邮箱,not-an-email,,某单位,产,\n' +
      '\n' +
      '王磊,wang.lei@example.cn,12,四川蜀能新材料有限公司,产,嘉宾\n' +
      '李娜,li.na@example.cn,,成都锂源电池科技有限公司,industry,嘉宾\n';
    const worker = await startWorker({ OUTBOX_POLL_MS: '100' });
    let result: ImportReport;
    try {
      result = await imported(
        api.http,
        organizer.token,
        `/api/events/${eventId}/invitations.csv`,
        csv,
      );
    } finally {
      await worker.close();
    }
    expect(result).toMatchObject({ status: 'done', total: 4, imported: 2, skipped: 0 });
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'email'],
      [5, 'mobile'],
    ]);
    expect((await list(eventId)).map((i) => i.email)).toEqual([
      'li.na@example.cn',
      'zhou.ting@example.cn',
    ]);

    const broken = await api.http
      .post(`/api/events/${eventId}/invitations.csv`)
      .set(bearer(organizer.token))
      .set('content-type', 'text/csv')
      .send('name,email\n"unclosed,a@example.cn\n')
      .expect(400);
    expect(broken.body.code).toBe('IMPORT_UNREADABLE');
    await api.http
      .post(`/api/events/${eventId}/invitations.csv`)
      .set(bearer(organizer.token))
      .send({ invitees: [] })
      .expect(415);
  });

  it('sends each invitation once, in the invitee’s language, with working accept and decline links', async () => {
    const eventId = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      title: '投融资对接沙龙',
    });
    await invite(eventId, [invitee(11), invitee(12, { locale: 'en' })]);
    const worker = await startWorker({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    try {
      await eventually(async () => {
        const mails = smtp.delivered().filter((m) => m.subject.includes('投融资对接沙龙'));
        return mails.length === 2 ? mails : undefined;
      }, 'two invitations');
    } finally {
      await worker.close();
    }
    const zh = smtp.received.find((m) => m.to === 'guest11@example.cn')!;
    expect(zh.subject).toBe('邀请函：投融资对接沙龙');
    expect(zh.text).toContain('以「投资人」身份出席「投融资对接沙龙」');
    const en = smtp.received.find((m) => m.to === 'guest12@example.cn')!;
    expect(en.subject).toBe('Invitation: 投融资对接沙龙');

    const accept = new URL(/接受邀请：(\S+)/.exec(zh.text)![1]);
    const [, , id] = accept.pathname.split('/');
    expect((await list(eventId)).map((i) => i.status)).toEqual(['sent', 'sent']);
    const opened = await api.http
      .get(`/api/invitations/${id}`)
      .query({ token: accept.searchParams.get('token') })
      .expect(200);
    expect(opened.body).toMatchObject({
      status: 'opened',
      eventTitle: '投融资对接沙龙',
      name: '嘉宾11',
    });
  });

  it('accepting registers the invitee for an invitation-only event; declining and revoking are recorded', async () => {
    const eventId = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      capacity: 10,
    });
    await invite(eventId, [invitee(21), invitee(22), invitee(23)]);
    const [first, second, third] = await list(eventId);

    const accepted = await api.http
      .post(`/api/invitations/${first.id}/accept`)
      .query({ token: await tokenOf(first.id) })
      .send({ acceptPrivacy: true })
      .expect(201);
    expect(accepted.body).toMatchObject({
      status: 'confirmed',
      email: 'guest21@example.cn',
      sector: 'finance',
    });
    const twice = await api.http
      .post(`/api/invitations/${first.id}/accept`)
      .query({ token: await tokenOf(first.id) })
      .send({ acceptPrivacy: true })
      .expect(409);
    expect(twice.body).toMatchObject({
      code: 'INVITATION_INVALID_TRANSITION',
      details: { from: 'accepted' },
    });

    await api.http
      .post(`/api/invitations/${second.id}/decline`)
      .query({ token: await tokenOf(second.id) })
      .expect(200);
    // Changing one's mind is allowed while the invitation stands.
    await api.http
      .post(`/api/invitations/${second.id}/accept`)
      .query({ token: await tokenOf(second.id) })
      .send({ acceptPrivacy: true })
      .expect(201);

    await api.http
      .post(`/api/invitations/${third.id}/revoke`)
      .set(bearer(organizer.token))
      .expect(200);
    const revoked = await api.http
      .get(`/api/invitations/${third.id}`)
      .query({ token: await tokenOf(third.id) })
      .expect(404);
    expect(revoked.body.code).toBe('INVITATION_NOT_FOUND');

    expect((await list(eventId)).map((i) => i.status)).toEqual(['accepted', 'accepted', 'revoked']);
    const registrations = await api.http
      .get(`/api/events/${eventId}/registrations`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(registrations.body.total).toBe(2);
  });

  it('reminds those who have not answered, once, resends on request, and tells the unanswered of a cancellation', async () => {
    const eventId = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      title: '邀请提醒',
      startsAt: '2027-10-10T14:00:00+08:00',
      endsAt: '2027-10-10T17:00:00+08:00',
    });
    await invite(eventId, [invitee(51), invitee(52)]);
    await invite(eventId, [invitee(53)]);
    const [first, second] = await list(eventId);
    const outbox = api.dataSource.getRepository(OutboxMessage);
    const taskKey = `event:${eventId}:invitation-reminders`;
    // One reminder task for the event, however many invitations, at 3 days before the start.
    const tasks = () => outbox.find({ where: { channel: 'task', subject: `event:${eventId}` } });
    const start = new Date('2027-10-10T06:00:00Z').getTime();
    expect((await tasks()).map((t) => [t.idempotencyKey, t.availableAt.getTime()])).toEqual([
      [taskKey, start - 3 * 24 * 3600_000],
    ]);

    await api.http
      .patch(`/api/events/${eventId}`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-10-11T14:00:00+08:00', endsAt: '2027-10-11T17:00:00+08:00' })
      .expect(200);
    expect((await tasks()).map((t) => t.availableAt.getTime())).toEqual([
      start - 2 * 24 * 3600_000,
    ]);

    await api.http
      .post(`/api/invitations/${first.id}/decline`)
      .query({ token: await tokenOf(first.id) })
      .expect(200);
    await api.http
      .post(`/api/invitations/${second.id}/resend`)
      .set(bearer(organizer.token))
      .expect(200);
    const secondMessages = await outbox.find({
      where: { subject: `invitation:${second.id}`, template: 'invitation' },
      order: { id: 'ASC' },
    });
    expect(secondMessages.map((m) => m.idempotencyKey)).toEqual([
      `invitation:${second.id}:initial`,
      `invitation:${second.id}:resend:1`,
    ]);
    const refused = await api.http
      .post(`/api/invitations/${first.id}/resend`)
      .set(bearer(organizer.token))
      .expect(409);
    expect(refused.body.code).toBe('INVITATION_INVALID_TRANSITION');

    // The task falls due: those who have not answered are reminded; running it again adds nothing.
    await outbox.update({ idempotencyKey: taskKey }, { availableAt: new Date() });
    const reminded = () =>
      smtp.received
        .filter((m) => m.subject.startsWith('邀请提醒：邀请提醒'))
        .map((m) => m.to)
        .sort();
    const worker = await startWorker({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    try {
      await eventually(async () => (reminded().length >= 2 ? true : undefined), 'the reminders');
      expect(reminded()).toEqual(['guest52@example.cn', 'guest53@example.cn']);
      await outbox.update({ idempotencyKey: taskKey }, { status: 'pending' });
      await eventually(
        async () =>
          (await outbox.findOneByOrFail({ idempotencyKey: taskKey })).status === 'delivered'
            ? true
            : undefined,
        'the task run again',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(reminded()).toEqual(['guest52@example.cn', 'guest53@example.cn']);
    } finally {
      await worker.close();
    }

    await api.http
      .post(`/api/events/${eventId}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'cancelled', reason: '主讲嘉宾行程变动' })
      .expect(200);
    const told = (await outbox.find({ where: { template: 'event-cancelled' } }))
      .map((m) => m.recipient)
      .sort();
    expect(told).toEqual(['guest52@example.cn', 'guest53@example.cn']);
  });

  it('drops the reminder task of a cancelled event, and schedules none when the moment has passed', async () => {
    const outbox = api.dataSource.getRepository(OutboxMessage);
    const cancelled = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      startsAt: '2027-10-10T14:00:00+08:00',
      endsAt: '2027-10-10T17:00:00+08:00',
    });
    await invite(cancelled, [invitee(61)]);
    await api.http
      .post(`/api/events/${cancelled}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'cancelled', reason: '场地调整' })
      .expect(200);
    const task = await outbox.findOneByOrFail({
      idempotencyKey: `event:${cancelled}:invitation-reminders`,
    });
    expect(task.status).toBe('dropped');

    const soon = new Date(Date.now() + 24 * 3600_000);
    const tomorrow = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      startsAt: soon.toISOString(),
      endsAt: new Date(soon.getTime() + 3600_000).toISOString(),
    });
    await invite(tomorrow, [invitee(62)]);
    expect(await outbox.countBy({ subject: `event:${tomorrow}` })).toBe(0);
  });

  it('refuses forged tokens (404) and invitations to events that have started (410)', async () => {
    const eventId = await createEvent(api.http, organizer, { visibility: 'invite_only' });
    await invite(eventId, [invitee(31)]);
    const [invitation] = await list(eventId);
    await api.http
      .get(`/api/invitations/${invitation.id}`)
      .query({ token: 'x'.repeat(32) })
      .expect(404);
    await api.dataSource.query(
      "UPDATE event SET starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' WHERE id = $1",
      [eventId],
    );
    const late = await api.http
      .post(`/api/invitations/${invitation.id}/accept`)
      .query({ token: await tokenOf(invitation.id) })
      .send({ acceptPrivacy: true })
      .expect(410);
    expect(late.body.code).toBe('INVITATION_EXPIRED');
    expect((await list(eventId)).map((i) => i.status)).toEqual(['expired']);
  });

  it('behind a closed door: only invitees see the event, and their acceptance awaits approval', async () => {
    const eventId = await createEvent(api.http, organizer, {
      kind: 'precise_docking',
      visibility: 'closed_door',
      capacity: 5,
    });
    const guest = await createUser(api.dataSource, {
      email: 'guest41@example.cn',
      roles: ['enterprise'],
    });
    const stranger = await createUser(api.dataSource, { roles: ['enterprise'] });
    await api.http
      .get(`/api/events/${eventId}`)
      .set(bearer(await tokenFor(api.app, guest)))
      .expect(404);
    await invite(eventId, [invitee(41), invitee(42)]);
    await api.http
      .get(`/api/events/${eventId}`)
      .set(bearer(await tokenFor(api.app, guest)))
      .expect(200);
    await api.http
      .get(`/api/events/${eventId}`)
      .set(bearer(await tokenFor(api.app, stranger)))
      .expect(404);
    const listed = await api.http
      .get('/api/events')
      .query({ limit: 100 })
      .set(bearer(await tokenFor(api.app, guest)))
      .expect(200);
    expect((listed.body.items as { id: string }[]).map((e) => e.id)).toContain(eventId);

    const [first, second] = await list(eventId);
    const pending = await api.http
      .post(`/api/invitations/${first.id}/accept`)
      .query({ token: await tokenOf(first.id) })
      .send({ acceptPrivacy: true })
      .expect(201);
    expect(pending.body.status).toBe('pending');
    const approved = await api.http
      .post(`/api/registrations/${pending.body.id}/approve`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'confirmed' });
    expect(approved.body.checkInCode).toMatch(/^[A-Z0-9]{10}$/);
    await api.http
      .post(`/api/registrations/${pending.body.id}/approve`)
      .set(bearer(organizer.token))
      .expect(409);

    const other = await api.http
      .post(`/api/invitations/${second.id}/accept`)
      .query({ token: await tokenOf(second.id) })
      .send({ acceptPrivacy: true })
      .expect(201);
    const rejected = await api.http
      .post(`/api/registrations/${other.body.id}/reject`)
      .set(bearer(organizer.token))
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    const templates = await api.dataSource.getRepository(OutboxMessage).find({
      where: { recipient: 'guest42@example.cn', status: Not('dropped') },
      order: { id: 'ASC' },
    });
    expect(templates.map((m) => m.template)).toEqual([
      'invitation',
      'registration-pending',
      'registration-rejected',
    ]);
  });
});

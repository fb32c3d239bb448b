import { In } from 'typeorm';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';

const HOUR = 3600_000;

describe('reminders before the event', () => {
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

  const reminders = (registrationIds: string[]) =>
    api.dataSource.getRepository(OutboxMessage).find({
      where: {
        template: 'event-reminder',
        subject: In(registrationIds.map((id) => `registration:${id}`)),
      },
      order: { availableAt: 'ASC' },
    });

  async function register(eventId: string, n: number): Promise<{ id: string; status: string }> {
    const { body } = await api.http
      .post(`/api/events/${eventId}/registrations`)
      .send({
        acceptPrivacy: true,
        name: `参会者${n}`,
        email: `remind${n}@example.cn`,
        mobile: `1360000${1000 + n}`,
        sector: 'industry',
      })
      .expect(201);
    return body as { id: string; status: string };
  }

  it('schedules one reminder per offset still ahead, with the event as an iCalendar attachment', async () => {
    const start = new Date(Date.now() + 90 * 60_000); // 24 hours before has passed; 1 hour before has not
    const eventId = await createEvent(api.http, organizer, {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    });
    const person = await register(eventId, 1);
    const rows = await reminders([person.id]);
    expect(rows.map((r) => [r.status, r.availableAt.getTime()])).toEqual([
      ['pending', start.getTime() - HOUR],
    ]);
    expect(rows[0].idempotencyKey).toBe(`reminder:${person.id}:60`);
    // The calendar file is made when the reminder is sent, not stored in every reminder.
    expect(rows[0].attachments).toEqual([
      {
        filename: 'event.ics',
        contentType: 'text/calendar; charset=utf-8',
        source: { kind: 'event-calendar', key: eventId },
      },
    ]);
  });

  it('moves reminders with the event, follows changed offsets, and drops a cancelled registration’s', async () => {
    const eventId = await createEvent(api.http, organizer, {
      startsAt: '2027-06-10T14:00:00+08:00',
      endsAt: '2027-06-10T17:00:00+08:00',
    });
    const [first, second] = [await register(eventId, 2), await register(eventId, 3)];
    const start = new Date('2027-06-10T06:00:00Z').getTime();
    expect((await reminders([first.id])).map((r) => r.availableAt.getTime())).toEqual([
      start - 24 * HOUR,
      start - HOUR,
    ]);

    await api.http
      .patch(`/api/events/${eventId}`)
      .set(bearer(organizer.token))
      .send({ startsAt: '2027-06-11T14:00:00+08:00', endsAt: '2027-06-11T17:00:00+08:00' })
      .expect(200);
    const moved = await reminders([first.id]);
    expect(moved.map((r) => [r.status, r.availableAt.getTime()])).toEqual([
      ['pending', start],
      ['pending', start + 23 * HOUR],
    ]);
    expect(moved[0].data.startsAt).toBe('2027年6月11日周五 14:00');

    await api.http
      .patch(`/api/events/${eventId}`)
      .set(bearer(organizer.token))
      .send({ reminderOffsetsMinutes: [120] })
      .expect(200);
    const changed = await reminders([first.id]);
    expect(changed.map((r) => [r.idempotencyKey.split(':')[2], r.status])).toEqual([
      ['1440', 'dropped'],
      ['120', 'pending'],
      ['60', 'dropped'],
    ]);

    await api.http
      .post(`/api/registrations/${second.id}/cancel`)
      .set(bearer(organizer.token))
      .expect(200);
    expect((await reminders([second.id])).map((r) => r.status)).toEqual([
      'dropped',
      'dropped',
      'dropped',
    ]);
  });

  it('reminds the promoted, not the waiting', async () => {
    const eventId = await createEvent(api.http, organizer, {
      capacity: 1,
      startsAt: '2027-07-01T14:00:00+08:00',
      endsAt: '2027-07-01T17:00:00+08:00',
    });
    const [seated, waiting] = [await register(eventId, 4), await register(eventId, 5)];
    expect(waiting.status).toBe('waitlisted');
    expect(await reminders([waiting.id])).toEqual([]);
    await api.http
      .post(`/api/registrations/${seated.id}/cancel`)
      .set(bearer(organizer.token))
      .expect(200);
    expect((await reminders([waiting.id])).map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('drops every reminder of a cancelled event and tells everyone registered', async () => {
    const eventId = await createEvent(api.http, organizer, {
      capacity: 1,
      startsAt: '2027-08-01T14:00:00+08:00',
      endsAt: '2027-08-01T17:00:00+08:00',
    });
    const [seated, waiting] = [await register(eventId, 6), await register(eventId, 7)];
    await api.http
      .post(`/api/events/${eventId}/status`)
      .set(bearer(organizer.token))
      .send({ status: 'cancelled', reason: '场地临时检修' })
      .expect(200);
    expect((await reminders([seated.id])).map((r) => r.status)).toEqual(['dropped', 'dropped']);
    const notices = await api.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { template: 'event-cancelled' }, order: { recipient: 'ASC' } });
    expect(notices.map((n) => [n.recipient, n.data.reason])).toEqual([
      ['remind6@example.cn', '场地临时检修'],
      ['remind7@example.cn', '场地临时检修'],
    ]);
    expect(waiting.status).toBe('waitlisted');
  });

  it('delivers a due reminder once, with its calendar file', async () => {
    const eventId = await createEvent(api.http, organizer, {
      title: '提醒投递',
      startsAt: '2027-09-01T14:00:00+08:00',
      endsAt: '2027-09-01T17:00:00+08:00',
    });
    const person = await register(eventId, 8);
    // Make the 24-hour reminder due now.
    await api.dataSource.query(
      'UPDATE outbox_message SET available_at = now() WHERE idempotency_key = $1',
      [`reminder:${person.id}:1440`],
    );
    const worker = await startWorker({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    try {
      const mail = await eventually(
        async () => smtp.received.find((m) => m.subject.startsWith('活动提醒：提醒投递')),
        'the reminder',
      );
      expect(mail.to).toBe('remind8@example.cn');
      expect(mail.text).toContain('将于 24 小时后开始');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['event.ics']);
      expect(mail.attachments[0].content).toContain('SUMMARY:提醒投递');
      expect(mail.attachments[0].content).toContain(`UID:${eventId}@duijie`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.received.filter((m) => m.subject.startsWith('活动提醒：提醒投递'))).toHaveLength(
        1,
      );
    } finally {
      await worker.close();
    }
  });
});

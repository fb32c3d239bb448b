import { startApi, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { spawnEntry, waitForOutput } from 'test/support/processes';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { flushRedisPrefix, resetState } from 'test/support/state';

/**
 * 2,000 invitations; the worker process is killed in the middle of delivery and Redis is emptied;
 * a new worker finishes the job. Every invitee receives exactly one distinct message.
 */
const PEOPLE = 2000;
const FAST_RECOVERY = {
  OUTBOX_POLL_MS: '200',
  OUTBOX_LEASE_SECONDS: '3',
  OUTBOX_REQUEUE_SECONDS: '3',
  QUEUE_LOCK_SECONDS: '3',
  QUEUE_CONCURRENCY: '20',
};

describe('2,000 invitations, exactly once through a crash and an emptied Redis', () => {
  let api: TestApi;
  let smtp: TestSmtp;

  beforeAll(async () => {
    await resetState();
    smtp = await startSmtpServer();
    api = await startApi({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('delivers 2,000 distinct messages, one per invitee', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      title: '千人邀请',
    });
    const invitees = Array.from({ length: PEOPLE }, (_, i) => ({
      name: `嘉宾${i}`,
      email: `crowd${i}@example.cn`,
      sector: 'industry',
    }));
    const env = { ...FAST_RECOVERY, SMTP_URL: smtp.url };
    const first = spawnEntry('worker', env);
    await waitForOutput(first, /worker 已启动/);
    const { body } = await api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({ invitees })
      .expect(201);
    expect(body).toMatchObject({ invited: PEOPLE, errors: [] });

    await waitFor(() => smtp.received.length >= PEOPLE / 5, 60_000);
    await first.kill('SIGKILL');
    await flushRedisPrefix();
    const inFlight = smtp.received.length;

    const second = spawnEntry('worker', env);
    try {
      await waitForOutput(second, /worker 已启动/);
      await waitFor(() => new Set(smtp.received.map((m) => m.messageId)).size >= PEOPLE, 90_000);
      // Time for any duplicate to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      await second.kill('SIGTERM');
    }

    const ids = new Set(smtp.received.map((m) => m.messageId));
    expect(inFlight).toBeLessThan(PEOPLE);
    expect(ids.size).toBe(PEOPLE);
    const recipients = new Map<string, Set<string>>();
    for (const mail of smtp.received) {
      recipients.set(mail.to, (recipients.get(mail.to) ?? new Set()).add(mail.messageId));
    }
    expect(recipients.size).toBe(PEOPLE);
    expect([...recipients.values()].every((messageIds) => messageIds.size === 1)).toBe(true);
    const [{ delivered }] = await api.dataSource.query<{ delivered: number }[]>(
      "SELECT count(*)::int AS delivered FROM outbox_message WHERE template = 'invitation' AND status = 'delivered'",
    );
    expect(delivered).toBe(PEOPLE);
  }, 180_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

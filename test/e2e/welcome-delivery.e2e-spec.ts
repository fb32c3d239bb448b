import { DataSource } from 'typeorm';
import { outboxInsertion } from 'src/notifications/outbox';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { spawnEntry, waitForOutput } from 'test/support/processes';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { flushRedisPrefix, resetState } from 'test/support/state';

/** Short leases and locks, so that recovery from a dead worker takes seconds, not minutes. */
const FAST_RECOVERY = {
  OUTBOX_POLL_MS: '100',
  OUTBOX_LEASE_SECONDS: '2',
  OUTBOX_REQUEUE_SECONDS: '2',
  QUEUE_LOCK_SECONDS: '2',
};

function signUpBody(email: string, locale = 'zh-CN') {
  return {
    name: '王芳',
    email,
    password: 'welcome-2026',
    role: 'enterprise',
    locale,
    acceptPrivacy: true,
  };
}

/** The message a sign-up sends: the link that verifies the address. */
async function welcomeRow(dataSource: DataSource, email: string): Promise<OutboxMessage | null> {
  return dataSource
    .getRepository(OutboxMessage)
    .findOneBy({ recipient: email, template: 'verify-address' });
}

describe('sign-up and welcome messages through the outbox', () => {
  let api: TestApi;
  let smtp: TestSmtp;

  beforeEach(async () => {
    await resetState();
  });
  afterEach(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('arrives once the address is verified, rendered in the user’s language, with a working link', async () => {
    smtp = await startSmtpServer();
    const env = { ...FAST_RECOVERY, SMTP_URL: smtp.url };
    api = await startApi(env);
    const worker = await startWorker(env);
    const linkTo = async (to: string) => {
      const mail = await eventually(
        async () => smtp.delivered().find((m) => m.to === to && /token=/.test(m.text)),
        `the link to ${to}`,
      );
      return new URL(/http\S+token=[\w-]+/.exec(mail.text)![0]).searchParams.get('token')!;
    };
    try {
      await api.http.post('/api/auth/sign-up').send(signUpBody('wang.fang@example.cn')).expect(202);
      await api.http
        .post('/api/auth/sign-up')
        .send(signUpBody('mark@example.com', 'en'))
        .expect(202);
      for (const to of ['wang.fang@example.cn', 'mark@example.com']) {
        const token = await linkTo(to);
        await api.http.post('/api/auth/verify/email').send({ token }).expect(200);
      }
      // Signing up again with a verified address welcomes nobody again: its owner is told.
      await api.http.post('/api/auth/sign-up').send(signUpBody('wang.fang@example.cn')).expect(202);
      await eventually(
        async () => (smtp.delivered().length === 5 ? true : undefined),
        'two links, two welcome messages and a notice',
      );
      // Give a duplicate the chance to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));

      const welcomes = smtp.received.filter((m) => /欢迎|Welcome/.test(m.subject));
      expect(welcomes).toHaveLength(2);
      const zh = welcomes.find((m) => m.to === 'wang.fang@example.cn')!;
      expect(zh.subject).toBe('欢迎加入对接平台，王芳');
      expect(zh.text).toContain('登录地址：http://duijie.test/sign-in');
      expect(zh.html).toContain('<a href="http://duijie.test/sign-in"');
      const en = welcomes.find((m) => m.to === 'mark@example.com')!;
      expect(en.subject).toBe('Welcome to duijie, 王芳');

      const row = await api.dataSource
        .getRepository(OutboxMessage)
        .findOneBy({ recipient: 'wang.fang@example.cn', template: 'welcome' });
      expect(row).toMatchObject({
        status: 'delivered',
        attempts: 1,
        providerMessageId: zh.messageId,
      });
    } finally {
      await worker.close();
    }
  });

  it('arrives exactly once when the worker process is killed mid-delivery and another one starts', async () => {
    // The server holds its reply to the first message for 4 s: the worker is killed in that window,
    // after the message left it but before it knew the message was accepted.
    smtp = await startSmtpServer({ ackDelayMs: (n) => (n === 0 ? 4000 : 0) });
    const env = { ...FAST_RECOVERY, SMTP_URL: smtp.url };
    api = await startApi(env);
    const first = spawnEntry('worker', env);
    await waitForOutput(first, /worker 已启动/);

    await api.http.post('/api/auth/sign-up').send(signUpBody('zhao.lei@example.cn')).expect(202);
    await eventually(
      async () => (smtp.received.length === 1 ? true : undefined),
      'the message in flight',
    );
    await first.kill('SIGKILL');
    const orphan = await welcomeRow(api.dataSource, 'zhao.lei@example.cn');
    expect(orphan).toMatchObject({ status: 'sending', attempts: 1, deliveredAt: null });

    const second = spawnEntry('worker', env);
    try {
      await waitForOutput(second, /worker 已启动/);
      const delivered = await eventually(async () => {
        const row = await welcomeRow(api.dataSource, 'zhao.lei@example.cn');
        return row?.status === 'delivered' ? row : undefined;
      }, 'delivery by the second worker');
      await new Promise((resolve) => setTimeout(resolve, 1000));

      expect(smtp.delivered()).toHaveLength(1);
      // The message the dead worker left in flight carries the same Message-ID as the one
      // delivered, so a receiving server sees one message.
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(1);
      expect(delivered.attempts).toBe(2);
      expect(delivered.providerMessageId).toBe(smtp.received[0].messageId);
    } finally {
      await second.kill('SIGTERM');
    }
  });

  it('goes once through a mail server slower than the lease: a live sender keeps its lease', async () => {
    // The server holds its reply for three leases; the relay must not take the message from a
    // sender that is alive and waiting for it.
    smtp = await startSmtpServer({ ackDelayMs: (n) => (n === 0 ? 6000 : 0) });
    const env = { ...FAST_RECOVERY, SMTP_URL: smtp.url };
    api = await startApi(env);
    const worker = await startWorker(env);
    try {
      await api.http.post('/api/auth/sign-up').send(signUpBody('qian.yu@example.cn')).expect(202);
      const delivered = await eventually(async () => {
        const row = await welcomeRow(api.dataSource, 'qian.yu@example.cn');
        return row?.status === 'delivered' ? row : undefined;
      }, 'delivery through the slow server');
      // Longer than the relay takes to queue again what it believes lost (requeue + poll).
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(smtp.received.map((m) => m.to)).toEqual(['qian.yu@example.cn']);
      expect(delivered.attempts).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('arrives exactly once when Redis loses the queued job', async () => {
    smtp = await startSmtpServer();
    const env = { ...FAST_RECOVERY, SMTP_URL: smtp.url };
    api = await startApi(env);
    // As if a relay had queued the message and Redis had then been emptied before any worker ran it.
    await api.http.post('/api/auth/sign-up').send(signUpBody('sun.li@example.cn')).expect(202);
    await api.dataSource.query(
      `UPDATE outbox_message SET status = 'enqueued', enqueued_at = now() WHERE recipient = 'sun.li@example.cn'`,
    );
    await flushRedisPrefix();

    const worker = await startWorker(env);
    try {
      await eventually(async () => {
        const row = await welcomeRow(api.dataSource, 'sun.li@example.cn');
        return row?.status === 'delivered' ? row : undefined;
      }, 'delivery after the relay noticed the lost job');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.received.map((m) => m.to)).toEqual(['sun.li@example.cn']);
    } finally {
      await worker.close();
    }
  });

  it('delivers a rush of 200 messages exactly once each, claiming and recording them in batches', async () => {
    const RUSH = 200;
    smtp = await startSmtpServer();
    const env = { ...FAST_RECOVERY, SMTP_URL: smtp.url, QUEUE_CONCURRENCY: '50' };
    api = await startApi(env);
    const worker = await startWorker(env);
    // Every statement the worker's deliveries make, to count the claims and records among them.
    const statements: string[] = [];
    const workerDb = worker.get(DataSource);
    const query = workerDb.query.bind(workerDb);
    jest.spyOn(workerDb, 'query').mockImplementation((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return query(sql, ...(rest as [unknown[]]));
    });
    try {
      // All at once, as a rush of sign-ups leaves them: one relay pass queues the lot.
      const insert = outboxInsertion(
        Array.from({ length: RUSH }, (_, i) => ({
          idempotencyKey: `welcome:rush-${i}`,
          channel: 'email' as const,
          template: 'welcome',
          locale: 'zh-CN' as const,
          recipient: `rush${i}@example.cn`,
          data: {
            name: `访客${i}`,
            email: `rush${i}@example.cn`,
            loginUrl: 'http://duijie.test/sign-in',
          },
        })),
      );
      await api.dataSource.query(insert.sql, insert.params);
      await eventually(
        async () => {
          const [{ n }] = await api.dataSource.query<{ n: number }[]>(
            "SELECT count(*)::int AS n FROM outbox_message WHERE status = 'delivered'",
          );
          return n === RUSH ? true : undefined;
        },
        'every message delivered',
        60_000,
      );
      // Give a duplicate the chance to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 1000));

      const perRecipient = new Map<string, number>();
      for (const mail of smtp.received) {
        perRecipient.set(mail.to, (perRecipient.get(mail.to) ?? 0) + 1);
      }
      expect(perRecipient.size).toBe(RUSH);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
      expect(smtp.delivered()).toHaveLength(RUSH);
      const rows = await api.dataSource.query<{ status: string; attempts: number; n: number }[]>(
        'SELECT status, attempts, count(*)::int AS n FROM outbox_message GROUP BY status, attempts',
      );
      expect(rows).toEqual([{ status: 'delivered', attempts: 1, n: RUSH }]);

      // Grouped: fewer claim statements and fewer record statements than messages.
      const claims = statements.filter((sql) => /SET status = 'sending'/.test(sql));
      const records = statements.filter((sql) => /jsonb_to_recordset/.test(sql));
      expect(claims.length).toBeGreaterThan(0);
      expect(claims.length).toBeLessThan(RUSH);
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThan(RUSH);
    } finally {
      await worker.close();
    }
  }, 90_000);
});

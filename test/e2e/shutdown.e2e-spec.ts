import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { eventually, startApi, TestApi } from 'test/support/app';
import { freePort, spawnEntry, waitForOutput } from 'test/support/processes';
import { startSmtpServer, TestSmtp } from 'test/support/smtp';
import { resetState } from 'test/support/state';

describe('graceful shutdown', () => {
  let api: TestApi;
  let smtp: TestSmtp;

  beforeAll(async () => {
    await resetState();
    // The server takes 2 s to accept each message: SIGTERM arrives while one is being sent.
    smtp = await startSmtpServer({ ackDelayMs: () => 2000 });
    api = await startApi({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('lets the worker finish the message it is sending, then exits cleanly', async () => {
    const worker = spawnEntry('worker', { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    await waitForOutput(worker, /worker 已启动/);
    await api.http
      .post('/api/auth/sign-up')
      .send({
        name: '吴刚',
        email: 'wu.gang@example.cn',
        password: 'graceful-2026',
        role: 'expert',
        acceptPrivacy: true,
      })
      .expect(202);
    await eventually(
      async () => (smtp.received.length === 1 ? true : undefined),
      'the message in flight',
    );

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('已停止 / stopped');
    expect(smtp.delivered()).toHaveLength(1);
    const row = await api.dataSource
      .getRepository(OutboxMessage)
      .findOneByOrFail({ recipient: 'wu.gang@example.cn' });
    expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('stops the API on SIGTERM with exit code 0', async () => {
    const server = spawnEntry('main', { PORT: String(await freePort()), HOST: '127.0.0.1' });
    await waitForOutput(server, /API 已启动/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('已停止 / stopped');
  });
});

import { OutboxMessage } from 'src/notifications/outbox-message.entity';
import { eventually, startApi, startWorker, TestApi } from 'test/support/app';
import { createEvent, signedInOrganizer } from 'test/support/factories';
import { bearer } from 'test/support/http';
import { startSmsGateway, TestSmsGateway } from 'test/support/sms-gateway';
import { resetState } from 'test/support/state';

describe('text messages through the SMS gateway', () => {
  let api: TestApi;
  let gateway: TestSmsGateway;
  const sms = { SMS_KEY: 'test-key', SMS_SECRET: 'test-secret', SMS_SIGN: '【对接平台】' };

  beforeAll(async () => {
    await resetState();
    gateway = await startSmsGateway('test-key', 'test-secret', ['13900000000']);
    api = await startApi({ ...sms, SMS_URL: gateway.url });
  });
  afterAll(async () => {
    await api.close();
    await gateway.close();
  });

  it('sends invitees with a mobile number a signed text with their links, once; a refused number fails for good', async () => {
    const organizer = await signedInOrganizer(api.app);
    const eventId = await createEvent(api.http, organizer, {
      visibility: 'invite_only',
      title: '短信邀请测试',
    });
    await api.http
      .post(`/api/events/${eventId}/invitations`)
      .set(bearer(organizer.token))
      .send({
        invitees: [
          { name: '周婷', email: 'zhou@example.cn', mobile: '13800138000', sector: 'finance' },
          { name: '无手机', email: 'nomobile@example.cn', sector: 'industry' },
          { name: '空号', email: 'invalid@example.cn', mobile: '13900000000', sector: 'industry' },
        ],
      })
      .expect(201);
    const worker = await startWorker({ ...sms, SMS_URL: gateway.url, OUTBOX_POLL_MS: '100' });
    try {
      const failed = await eventually(async () => {
        const rows = await api.dataSource.getRepository(OutboxMessage).findBy({ channel: 'sms' });
        return rows.length === 2 && rows.every((r) => ['delivered', 'failed'].includes(r.status))
          ? rows
          : undefined;
      }, 'both text messages settled');
      expect(failed.map((r) => [r.recipient, r.status, r.attempts]).sort()).toEqual([
        ['13800138000', 'delivered', 1],
        ['13900000000', 'failed', 1],
      ]);
      expect(failed.find((r) => r.status === 'failed')!.lastError).toContain(
        'MOBILE_NUMBER_ILLEGAL',
      );
    } finally {
      await worker.close();
    }
    expect(gateway.refused).toBe(0);
    expect(gateway.received).toHaveLength(1);
    const [text] = gateway.received;
    expect(text).toMatchObject({ phone: '13800138000', sign: '【对接平台】' });
    expect(text.content).toMatch(
      /^周婷您好，.*诚邀您出席「短信邀请测试」.*接受：http:\/\/duijie\.test\/invitations\/[0-9a-f-]+\?token=/,
    );
    expect(text.requestId).toMatch(/^<outbox-\d+@duijie\.test>$/);
  });
});

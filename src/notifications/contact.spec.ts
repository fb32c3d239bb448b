import { reaching } from 'src/notifications/contact';

const message = {
  idempotencyKey: 'registration:1:confirmed',
  template: 'registration-confirmed',
  locale: 'zh-CN' as const,
  data: {},
  attachments: [{ filename: 'event.ics', contentType: 'text/calendar', content: 'x' }],
};
const sent = (messages: ReturnType<typeof reaching>) =>
  messages.map((m) => [m.channel, m.recipient, m.idempotencyKey, m.attachments?.length]);

describe('which channel reaches a person', () => {
  it('e-mails a person who has only an e-mail address', () => {
    expect(sent(reaching({ email: 'a@example.cn', mobile: null }, message))).toEqual([
      ['email', 'a@example.cn', 'registration:1:confirmed', 1],
    ]);
  });

  it('texts a person who has only a mobile, without the attachments', () => {
    expect(sent(reaching({ email: null, mobile: '13800138000' }, message, 'both'))).toEqual([
      ['sms', '13800138000', 'registration:1:confirmed:sms', 0],
    ]);
  });

  it('e-mails a person who has both, and texts them too only where the message asks', () => {
    const both = { email: 'a@example.cn', mobile: '13800138000' };
    expect(sent(reaching(both, message))).toEqual([
      ['email', 'a@example.cn', 'registration:1:confirmed', 1],
    ]);
    expect(sent(reaching(both, message, 'both'))).toEqual([
      ['email', 'a@example.cn', 'registration:1:confirmed', 1],
      ['sms', '13800138000', 'registration:1:confirmed:sms', 0],
    ]);
  });

  it('reaches nobody without an address (the database refuses such a person anyway)', () => {
    expect(reaching({ email: null, mobile: null }, message)).toEqual([]);
  });
});

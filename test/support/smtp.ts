import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Each file's text (as UTF-8) and its bytes as sent (a Word document is binary). */
  attachments: { filename: string; contentType: string; content: string; bytes: Buffer }[];
  /** The server answered 250 while the sender was still connected: the message was delivered. */
  acknowledged: boolean;
  /** When the server answered 250 (ms since the epoch), if it did. */
  acknowledgedAt?: number;
}

export interface TestSmtp {
  url: string;
  /** Every message whose data arrived, acknowledged or not. */
  received: ReceivedMail[];
  /** Messages the sender was told were accepted. */
  delivered(): ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port. `ackDelayMs(n)` holds the reply to the n-th message
 * (from 0), so a test can kill the sender while a message is in flight.
 */
export async function startSmtpServer(
  options: { ackDelayMs?: (n: number) => number } = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const closedSessions = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose: (session) => closedSessions.add(session.id),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then((parsed) => {
          const mail: ReceivedMail = {
            messageId: parsed.messageId ?? '',
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              content: a.content.toString('utf8'),
              bytes: a.content,
            })),
            acknowledged: false,
          };
          const delay = options.ackDelayMs?.(received.length) ?? 0;
          received.push(mail);
          setTimeout(() => {
            mail.acknowledged = !closedSessions.has(session.id);
            if (mail.acknowledged) mail.acknowledgedAt = Date.now();
            callback();
          }, delay);
        }, callback); // an unreadable message is refused to the sender
      });
    },
  });
  // A sender killed mid-conversation resets its connections: that is what the tests do on purpose.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    delivered: () => received.filter((m) => m.acknowledged),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

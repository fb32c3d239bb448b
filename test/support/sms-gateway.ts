import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedSms {
  phone: string;
  sign: string;
  content: string;
  requestId: string;
}

export interface TestSmsGateway {
  url: string;
  received: ReceivedSms[];
  /** Requests refused for a wrong key or signature. */
  refused: number;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local HTTP server speaking the SMS gateway protocol of `SmsChannel`: it checks the key and
 * the HMAC signature, and refuses numbers in `invalidNumbers` the way a gateway does.
 */
export async function startSmsGateway(
  key: string,
  secret: string,
  invalidNumbers: string[] = [],
): Promise<TestSmsGateway> {
  const gateway: Omit<TestSmsGateway, 'url' | 'close'> = { received: [], refused: 0 };
  const server = createServer((request, response) => {
    bodyOf(request).then(
      (body) => {
        const timestamp = String(request.headers['x-timestamp']);
        const expected = createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('hex');
        response.setHeader('content-type', 'application/json');
        if (request.headers['x-api-key'] !== key || request.headers['x-signature'] !== expected) {
          gateway.refused++;
          response.statusCode = 401;
          response.end(JSON.stringify({ code: 'SIGNATURE_INVALID', message: 'bad signature' }));
          return;
        }
        const sms = JSON.parse(body) as ReceivedSms;
        if (invalidNumbers.includes(sms.phone)) {
          response.end(
            JSON.stringify({ code: 'MOBILE_NUMBER_ILLEGAL', message: 'invalid number' }),
          );
          return;
        }
        gateway.received.push(sms);
        response.end(JSON.stringify({ code: 'OK', messageId: `gw-${gateway.received.length}` }));
      },
      (error: Error) => response.destroy(error),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}/sms/send`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

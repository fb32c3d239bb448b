import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Envelope, MessageChannel } from 'src/notifications/channels/message-channel';

/** The gateway refused the message; `status` is its HTTP status, or 400 for a refusal in the body. */
export class SmsGatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Text messages through a domestic SMS gateway's HTTP API (`SMS_URL`), or into the log when
 * `SMS_URL` is `log:` (development). The gateway receives
 *   POST SMS_URL  {"phone", "sign", "content", "requestId"}
 *   X-Api-Key: SMS_KEY, X-Timestamp: <ms>, X-Signature: hex HMAC-SHA256(SMS_SECRET, "<timestamp>\n<body>")
 * and answers {"code": "OK", "messageId"} or {"code": "<error>", "message"}. `requestId` is the
 * outbox message's, so a gateway that deduplicates sends a retried message once.
 */
@Injectable()
export class SmsChannel implements MessageChannel {
  readonly parts = ['sms'] as const;
  private readonly logger = new Logger(SmsChannel.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(envelope: Envelope, rendered: Record<string, string>): Promise<string> {
    const { url, key, secret, sign } = this.config.sms;
    const content = rendered.sms.trim();
    if (url === 'log:') {
      this.logger.log(`SMS to ${envelope.to}: ${sign}${content} (SMS_URL=log:, not sent)`);
      return `log:${envelope.messageId}`;
    }
    const body = JSON.stringify({
      phone: envelope.to,
      sign,
      content,
      requestId: envelope.messageId,
    });
    const timestamp = String(Date.now());
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': key,
        'x-timestamp': timestamp,
        'x-signature': createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('hex'),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new SmsGatewayError(response.status, `gateway answered ${response.status}: ${text}`);
    const answer = JSON.parse(text) as { code?: string; messageId?: string; message?: string };
    if (answer.code !== 'OK')
      throw new SmsGatewayError(400, `gateway refused: ${answer.code} ${answer.message ?? ''}`);
    return answer.messageId ?? envelope.messageId;
  }

  /** A refusal (4xx, or an error code in the answer) stays a refusal; 5xx and timeouts may pass. */
  isPermanent(error: unknown): boolean {
    return (
      error instanceof SmsGatewayError &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 429
    );
  }
}

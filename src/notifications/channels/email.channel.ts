import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { Envelope, MessageChannel } from 'src/notifications/channels/message-channel';
import { OutgoingAttachment } from 'src/notifications/outbox-message.entity';

/** Sends e-mail over SMTP (`SMTP_URL`), or writes it to the log when `SMTP_URL` is `log:`. */
@Injectable()
export class EmailChannel implements MessageChannel, OnApplicationShutdown {
  readonly parts = ['subject', 'text', 'html'] as const;
  private readonly logger = new Logger(EmailChannel.name);
  private readonly transport: Transporter;
  private readonly logOnly: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.logOnly = config.smtpUrl === 'log:';
    this.transport = this.logOnly
      ? createTransport({ jsonTransport: true })
      : createTransport({
          ...smtpServerOf(config.smtpUrl),
          pool: true,
          maxConnections: 5,
          // Well inside the outbox lease, so a slow server cannot make two workers send one message.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        });
  }

  /** Returns the Message-ID the server accepted. */
  async send(
    envelope: Envelope,
    message: Record<string, string>,
    attachments: OutgoingAttachment[],
  ): Promise<string> {
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to: envelope.to,
      messageId: envelope.messageId,
      subject: message.subject.trim(),
      text: message.text,
      html: message.html,
      attachments: attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    })) as { messageId: string };
    if (this.logOnly)
      this.logger.log(`e-mail to ${envelope.to}: ${message.subject} (SMTP_URL=log:, not sent)`);
    return info.messageId;
  }

  /** SMTP 5xx replies (unknown mailbox, refused sender) will not change on a retry. */
  isPermanent(error: unknown): boolean {
    const code = (error as { responseCode?: unknown }).responseCode;
    return typeof code === 'number' && code >= 500 && code < 600;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

function smtpServerOf(smtpUrl: string): {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
} {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
  };
}

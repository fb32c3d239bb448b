import { OutgoingAttachment } from 'src/notifications/outbox-message.entity';

export interface Envelope {
  /** An e-mail address or a mobile number. */
  to: string;
  /** Stable per outbox message: a receiver that sees it twice knows it is the same message. */
  messageId: string;
}

/** A way messages leave the platform: which template parts it sends, and how. */
export interface MessageChannel {
  /** The template files it renders: `templates/messages/<name>/<locale>/<part>.hbs`. */
  readonly parts: readonly string[];
  /** Sends; returns the id the receiving server or gateway gave the message. */
  send(
    envelope: Envelope,
    rendered: Record<string, string>,
    attachments: OutgoingAttachment[],
  ): Promise<string>;
  /** Whether a failure will stay a failure however often it is tried (a refused address). */
  isPermanent(error: unknown): boolean;
}

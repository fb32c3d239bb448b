import { NewMessage } from 'src/notifications/outbox';

/** How a person can be reached: an e-mail address, a mobile number, or both. */
export interface Contact {
  email: string | null;
  mobile: string | null;
}

/**
 * Whether a message goes by text message as well when the person has both an e-mail address and
 * a mobile: `first` sends the e-mail only (it carries the QR code, the calendar file and the
 * details), `both` sends the text message too (the invitation: people answer on their phones).
 */
export type SmsWhenBoth = 'first' | 'both';

/**
 * The messages by which one message reaches a person, chosen from what they have: e-mail when they
 * have only an e-mail address, a text message (`templates/messages/<name>/<locale>/sms.hbs`) when
 * they have only a mobile, and for both the e-mail, with a text message too where `whenBoth` says
 * so. The text message's idempotency key is the e-mail's with `:sms` appended.
 */
export function reaching(
  contact: Contact,
  message: Omit<NewMessage, 'channel' | 'recipient'>,
  whenBoth: SmsWhenBoth = 'first',
): NewMessage[] {
  const messages: NewMessage[] = [];
  if (contact.email !== null)
    messages.push({ ...message, channel: 'email', recipient: contact.email });
  if (contact.mobile !== null && (contact.email === null || whenBoth === 'both')) {
    messages.push({
      ...message,
      channel: 'sms',
      recipient: contact.mobile,
      idempotencyKey: `${message.idempotencyKey}:sms`,
      // A text message carries no files.
      attachments: [],
    });
  }
  return messages;
}

/** SQL naming the channel a person of table alias `alias` is first reached on (see `reaching`). */
export const firstChannelSql = (alias: string): string =>
  `(CASE WHEN ${alias}.email IS NULL THEN 'sms' ELSE 'email' END)`;

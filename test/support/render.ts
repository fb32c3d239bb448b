import { MessageRenderer } from 'src/notifications/message-renderer';
import { OutboxMessage } from 'src/notifications/outbox-message.entity';

const renderer = new MessageRenderer();

type Email = Record<'subject' | 'text' | 'html', string>;

/** An e-mail of the outbox as the worker renders and sends it (the e-mail channel trims the subject). */
export function renderEmail(message: OutboxMessage): Email {
  const parts = renderer.render(
    message.template,
    message.locale,
    ['subject', 'text', 'html'],
    message.data,
  ) as Email;
  return { ...parts, subject: parts.subject.trim() };
}

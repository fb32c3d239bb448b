import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Locale } from 'src/config/config';
import { sqlList } from 'src/database/sql';
import { OUTBOX_STATUSES, OutboxStatus } from 'src/notifications/outbox-status';

/** How a row leaves the outbox: sent as a message, or run as a task (see `OutboxTasks`). */
export const CHANNELS = ['email', 'sms', 'task'] as const;

/** A file stored with a message (as text, in its row). */
export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/** A file as it leaves with a message: stored text, or bytes made when it is sent (a Word document). */
export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: string | Buffer;
}

/**
 * A file stored as a reference, made when the message is sent by the source registered under
 * `kind` (`OutboxAttachments`): a file many messages share is not stored in each of them.
 */
export interface AttachmentReference {
  filename: string;
  contentType: string;
  source: { kind: string; key: string };
}

export type StoredAttachment = Attachment | AttachmentReference;
export type Channel = (typeof CHANNELS)[number];

/**
 * A message to send (or a task to run later, such as sending many reminders when they fall due),
 * written in the same transaction as the business change that causes it.
 * The relay moves it into BullMQ after commit; the delivery records the outcome here. The row,
 * not Redis, is the truth: a lost job is relayed again, a delivered message is never sent again.
 */
@Entity('outbox_message')
@Check('ck_outbox_message_status', `status IN (${sqlList(OUTBOX_STATUSES)})`)
@Check('ck_outbox_message_channel', `channel IN (${sqlList(CHANNELS)})`)
@Index('ix_outbox_message_due', ['availableAt'], {
  where: "status IN ('pending', 'enqueued', 'sending')",
})
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** Names the message's cause (`welcome:<userId>`): writing the same message twice is a no-op. */
  @Index('uq_outbox_message_idempotency_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 10 })
  channel!: Channel;

  /** Folder under `templates/messages/`; for a task, the task's name. */
  @Column({ type: 'varchar', length: 100 })
  template!: string;

  @Column({ type: 'varchar', length: 10 })
  locale!: Locale;

  /** An e-mail address or a mobile number, depending on the channel; a task's subject. */
  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  /** The template's data; a task's input. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  /** Files sent with the message, e.g. an iCalendar invitation, or references to them. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: StoredAttachment[];

  /** What the message is about (`registration:<id>`), so that it can be rescheduled or dropped. */
  @Index('ix_outbox_message_subject', { where: 'subject IS NOT NULL' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status!: OutboxStatus;

  /** Number of times a worker started sending it. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** Not to be sent before this moment (scheduled messages such as reminders). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  /** While `sending`: until when the sending worker holds it. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** The Message-ID (e-mail) or the gateway's id (SMS) of the delivered message. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

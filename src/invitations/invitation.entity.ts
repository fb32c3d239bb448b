import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Locale } from 'src/config/config';
import { sqlList } from 'src/database/sql';
import { Event } from 'src/events/event.entity';
import { SECTORS, Sector } from 'src/events/sectors';
import { INVITATION_STATUSES, InvitationStatus } from 'src/invitations/invitation-status';

/**
 * A personal invitation to one event. Its link carries a token derived from its id (an HMAC):
 * nothing secret is stored.
 */
@Entity('invitation')
@Check('ck_invitation_status', `status IN (${sqlList(INVITATION_STATUSES)})`)
@Check('ck_invitation_sector', `sector IN (${sqlList(SECTORS)})`)
@Check('ck_invitation_email_lower', 'email = lower(email)')
// A person is invited once per event: by e-mail when they have one, by mobile when they have one.
@Check('ck_invitation_contact', 'email IS NOT NULL OR mobile IS NOT NULL')
@Index('uq_invitation_email', ['eventId', 'email'], { unique: true, where: 'email IS NOT NULL' })
@Index('uq_invitation_mobile', ['eventId', 'mobile'], { unique: true, where: 'mobile IS NOT NULL' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Null for a person known by mobile only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** 11 digits (normalized on the way in); null for a person known by e-mail only. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organizationName!: string | null;

  @Column({ type: 'varchar', length: 12 })
  sector!: Sector;

  /** 嘉宾, 路演专家, 投资人 …: the invitee's part at the event. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  role!: string | null;

  @Column({ type: 'varchar', length: 10 })
  locale!: Locale;

  @Column({ type: 'varchar', length: 10, default: 'created' })
  status!: InvitationStatus;

  /**
   * While a seat is kept for the invitee (events that hold invitees' seats): when it is released
   * unless they answer. Null when none is kept: never taken (the event was full), taken by
   * accepting, or released (declined, revoked, the hold ended).
   */
  @Column({ type: 'timestamptz', nullable: true })
  seatHeldUntil!: Date | null;

  /** The registration made by accepting. */
  @Column({ type: 'uuid', nullable: true })
  registrationId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

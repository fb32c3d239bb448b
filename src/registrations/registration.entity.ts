import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
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
import { User } from 'src/identity/user.entity';
import { Answers } from 'src/registrations/registration-rules';
import { REGISTRATION_STATUSES, RegistrationStatus } from 'src/registrations/registration-status';

/** A person's place at an event. */
@Entity('registration')
@Check('ck_registration_status', `status IN (${sqlList(REGISTRATION_STATUSES)})`)
@Check('ck_registration_sector', `sector IN (${sqlList(SECTORS)})`)
@Check('ck_registration_email_lower', 'email = lower(email)')
@Check('ck_registration_contact', 'email IS NOT NULL OR mobile IS NOT NULL')
// One place per person and event while it is held, by e-mail and by mobile where given; a
// cancelled person may register again.
@Index('uq_registration_person', ['eventId', 'email'], {
  unique: true,
  where: "status IN ('pending', 'waitlisted', 'held', 'confirmed') AND email IS NOT NULL",
})
@Index('uq_registration_mobile', ['eventId', 'mobile'], {
  unique: true,
  where: "status IN ('pending', 'waitlisted', 'held', 'confirmed') AND mobile IS NOT NULL",
})
@Index('ix_registration_queue', ['eventId', 'status', 'queueNumber'])
// Only a registration awaiting approval keeps its invitation's seat aside; any decision settles it.
@Check('ck_registration_seat_kept', "NOT seat_kept OR status = 'pending'")
export class Registration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  /** The account, when the registrant was signed in; guests have none. */
  @Index('ix_registration_user')
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Null for a guest known by mobile only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organizationName!: string | null;

  @Column({ type: 'varchar', length: 12 })
  sector!: Sector;

  @Column({ type: 'varchar', length: 12 })
  status!: RegistrationStatus;

  /** Arrival order: the waiting list is served in this order. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  queueNumber!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers!: Answers;

  @Column({ type: 'varchar', length: 10 })
  locale!: Locale;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /**
   * While `pending`: the seat its invitation kept is still counted for this person (a closed door's
   * invitee awaiting approval). Approval seats them on it; a rejection or a cancellation hands it
   * to the next in line.
   */
  @Column({ type: 'boolean', default: false })
  seatKept!: boolean;

  /** While `held`: when the seat is released unless the guest has confirmed by their link. */
  @Column({ type: 'timestamptz', nullable: true })
  heldUntil!: Date | null;

  /** Shown as a QR code and scanned at the door; set when the registration is confirmed. */
  @Index('uq_registration_check_in_code', { unique: true, where: 'check_in_code IS NOT NULL' })
  @Column({ type: 'varchar', length: 12, nullable: true })
  checkInCode!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt!: Date | null;

  /** The organizer who checked the person in. */
  @Column({ type: 'uuid', nullable: true })
  checkedInBy!: string | null;

  /**
   * The key the door's device gave the scan that checked the person in: the same scan sent again
   * (a queue synced twice, an answer lost) is answered as done, not as a second check-in.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  checkInKey!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

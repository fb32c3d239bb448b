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
import { sqlList } from 'src/database/sql';
import {
  EVENT_FORMATS,
  EVENT_KINDS,
  EventFormat,
  EventKind,
  RegistrationQuestion,
  VISIBILITIES,
  Visibility,
} from 'src/events/event-kinds';
import { EventSeries } from 'src/events/event-series.entity';
import { EVENT_STATUSES, EventStatus } from 'src/events/event-status';
import { Sector } from 'src/events/sectors';
import { Organization } from 'src/identity/organization.entity';

@Entity('event')
@Check('ck_event_kind', `kind IN (${sqlList(EVENT_KINDS)})`)
@Check('ck_event_format', `format IN (${sqlList(EVENT_FORMATS)})`)
@Check('ck_event_visibility', `visibility IN (${sqlList(VISIBILITIES)})`)
@Check('ck_event_status', `status IN (${sqlList(EVENT_STATUSES)})`)
@Check('ck_event_times', 'ends_at > starts_at')
@Check('ck_event_capacity', 'capacity IS NULL OR capacity > 0')
@Check(
  'ck_event_registration_window',
  'registration_opens_at IS NULL OR registration_closes_at IS NULL OR registration_opens_at < registration_closes_at',
)
@Index('ix_event_starts_at', ['startsAt'])
export class Event {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_event_series')
  @Column({ type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => EventSeries)
  @JoinColumn({ name: 'series_id' })
  series?: EventSeries;

  /** The organizing organization: its organizers manage the event. */
  @Index('ix_event_organization')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 20 })
  kind!: EventKind;

  @Column({ type: 'varchar', length: 10 })
  format!: EventFormat;

  @Column({ type: 'varchar', length: 12 })
  visibility!: Visibility;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: EventStatus;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  summary!: string;

  /** 主办单位. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  hosts!: string[];

  /** 协办单位. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  coOrganizers!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industryFields!: string[];

  @Column({ type: 'varchar', length: 300, nullable: true })
  venueAddress!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  venueRoom!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  streamUrl!: string | null;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  /** The IANA zone the event's times are shown in. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  /** Seats; null is unlimited. */
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationOpensAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt!: Date | null;

  /** Most seats per participant sector, e.g. { finance: 10 }. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  sectorQuotas!: Partial<Record<Sector, number>>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  questions!: RegistrationQuestion[];

  /**
   * Guests (registering without an account) confirm by the link sent to them before their seat
   * is theirs: it is held for REGISTRATION_HOLD_MINUTES, then released.
   */
  @Column({ type: 'boolean', default: false })
  guestsConfirm!: boolean;

  /**
   * An invitee's seat is kept for them (counted against the capacity) from the invitation until
   * they answer or the hold ends (`INVITATION_SEAT_HOLD_DAYS`, at most until registration closes):
   * an invitee who accepts in time is seated, never waitlisted. On by default where an invitation
   * is needed (invite-only and closed-door events).
   */
  @Column({ type: 'boolean', default: false })
  invitationsHoldSeats!: boolean;

  /** Minutes before the start at which registrants are reminded. */
  @Column({ type: 'int', array: true, default: () => "'{1440,60}'" })
  reminderOffsetsMinutes!: number[];

  @Column({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** When the organizers published the agenda; until then it is theirs alone. */
  @Column({ type: 'timestamptz', nullable: true })
  agendaPublishedAt!: Date | null;

  /**
   * Months after its end for which the personal data of its guests, invitees and registrants is
   * kept; null for the platform's default (`PERSONAL_DATA_RETENTION_MONTHS`).
   */
  @Column({ type: 'int', nullable: true })
  retentionMonths!: number | null;

  /** When the retention job anonymised its people; null while their data is kept. */
  @Column({ type: 'timestamptz', nullable: true })
  anonymisedAt!: Date | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_event_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { TechnicalNeed } from 'src/catalog/technical-need.entity';
import { sqlList } from 'src/database/sql';
import { MEETING_STATUSES, MeetingStatus } from 'src/docking/docking-status';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';

/**
 * A 1:1 meeting at a closed-door precise-docking session, between an enterprise and an expert team
 * (each represented by a person), at a table, for a slot. An accepted meeting holds its table (the
 * exclusion constraint here) and both parties (their `docking_booking` rows).
 */
@Entity('docking_meeting')
@Check('ck_docking_meeting_status', `status IN (${sqlList(MEETING_STATUSES)})`)
@Check('ck_docking_meeting_times', 'ends_at > starts_at')
@Check('ck_docking_meeting_parties', 'requester_id <> counterpart_id')
@Exclusion(
  'ex_docking_meeting_table',
  `USING gist (event_id WITH =, table_name WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'accepted')`,
)
@Unique('uq_docking_meeting_times', ['id', 'startsAt', 'endsAt'])
export class DockingMeeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_docking_meeting_event')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid' })
  requesterId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requester_id' })
  requester?: User;

  @Column({ type: 'uuid' })
  counterpartId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counterpart_id' })
  counterpart?: User;

  /** The need to be discussed, if one was named. */
  @Column({ type: 'uuid', nullable: true })
  needId!: string | null;

  @ManyToOne(() => TechnicalNeed, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'need_id' })
  need?: TechnicalNeed;

  /** 1号桌 …: one of the event's tables; given when the meeting is accepted. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  tableName!: string | null;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 12, default: 'requested' })
  status!: MeetingStatus;

  @Column({ type: 'varchar', length: 500, default: '' })
  note!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

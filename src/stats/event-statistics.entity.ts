import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Event } from 'src/events/event.entity';
import { EventFigures } from 'src/stats/figures';

/** An event's compiled figures; compiling again replaces them with the same or newer ones. */
@Entity('event_statistics')
export class EventStatistics {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @OneToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'jsonb' })
  figures!: EventFigures;

  @Column({ type: 'timestamptz' })
  compiledAt!: Date;
}

/** Views counted by an outside channel (a video platform), entered by an organizer with its source. */
@Entity('external_views')
@Check('ck_external_views_views', 'views >= 0')
export class ExternalViews {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_external_views_event')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  /** 抖音, 视频号, B站 … */
  @Column({ type: 'varchar', length: 100 })
  source!: string;

  @Column({ type: 'int' })
  views!: number;

  @Column({ type: 'uuid' })
  enteredBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  enteredAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_external_views_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}

/**
 * Who took part in an event, compiled with its figures so that roll-ups count each participant
 * once across many events without reading every registration again: the institutions (高校院所),
 * enterprises and experts, each as a 64-bit hash of the organization's name or the person's key
 * (see PARTICIPANTS_OF in figures-sql.ts), once each.
 */
@Entity('event_participants')
export class EventParticipants {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @OneToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'bigint', array: true })
  institutions!: string[];

  @Column({ type: 'bigint', array: true })
  enterprises!: string[];

  @Column({ type: 'bigint', array: true })
  experts!: string[];
}

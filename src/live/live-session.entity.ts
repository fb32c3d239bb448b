import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { bigintAsNumber, sqlList } from 'src/database/sql';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';

export const LIVE_SESSION_STATUSES = ['live', 'ended'] as const;
export type LiveSessionStatus = (typeof LIVE_SESSION_STATUSES)[number];

/**
 * A live stream of an agenda item (or of a whole event, with no item), from its start to its end,
 * with its audience figures once it has ended.
 */
@Entity('live_session')
@Check('ck_live_session_status', `status IN (${sqlList(LIVE_SESSION_STATUSES)})`)
@Check('ck_live_session_ended', `(status = 'ended') = (ended_at IS NOT NULL)`)
// One live session at a time per agenda item, and per event for the event-wide stream.
@Index('uq_live_session_item_live', ['agendaItemId'], {
  unique: true,
  where: `status = 'live' AND agenda_item_id IS NOT NULL`,
})
@Index('uq_live_session_event_live', ['eventId'], {
  unique: true,
  where: `status = 'live' AND agenda_item_id IS NULL`,
})
export class LiveSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_live_session_event')
  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItem;

  @Column({ type: 'varchar', length: 10, default: 'live' })
  status!: LiveSessionStatus;

  @Column({ type: 'uuid' })
  startedById!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'started_by_id' })
  startedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  totalViews!: number;

  @Column({ type: 'int', default: 0 })
  uniqueViewers!: number;

  @Column({ type: 'int', default: 0 })
  peakConcurrent!: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  watchSeconds!: number;

  /** The HLS playlist's path under the public URL while the relay runs. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  hlsPath!: string | null;

  /** The recording being written, while recording. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  recordingFile!: string | null;

  /** Every recording file written for the session. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  recordings!: string[];
}

/** Who watched a session (user:<id> or guest:<viewer id>), kept so that events count unique viewers exactly. */
@Entity('live_viewer')
export class LiveViewer {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  viewerId!: string;

  @ManyToOne(() => LiveSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSession;
}

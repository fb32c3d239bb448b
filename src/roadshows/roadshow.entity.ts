import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgendaItem } from 'src/agenda/agenda-item.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { sqlList } from 'src/database/sql';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';
import { ROADSHOW_STATUSES, RoadshowStatus } from 'src/roadshows/roadshow-status';

/** An event's call for roadshows: when submissions are taken, and in which fields. */
@Entity('roadshow_call')
@Check('ck_roadshow_call_window', 'closes_at > opens_at')
export class RoadshowCall {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'timestamptz' })
  opensAt!: Date;

  @Column({ type: 'timestamptz' })
  closesAt!: Date;

  /** Results of these fields are called for; every field when empty. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  @Column({ type: 'text', default: '' })
  description!: string;
}

/** A result submitted for an event's roadshow, with its presenters, reviewed and decided. */
@Entity('roadshow')
@Check('ck_roadshow_status', `status IN (${sqlList(ROADSHOW_STATUSES)})`)
@Index('uq_roadshow_event_result', ['eventId', 'resultId'], {
  unique: true,
  where: "status <> 'withdrawn'",
})
export class Roadshow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid' })
  resultId!: string;

  @ManyToOne(() => ResearchResult, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  @Index('ix_roadshow_submitter')
  @Column({ type: 'uuid' })
  submittedBy!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: User;

  /** Users who will present; they are told of the decision and placed on the agenda. */
  @Column({ type: 'uuid', array: true })
  presenterIds!: string[];

  @Column({ type: 'text' })
  abstract!: string;

  @Column({ type: 'varchar', length: 12, default: 'submitted' })
  status!: RoadshowStatus;

  @Column({ type: 'text', default: '' })
  decisionNote!: string;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** Its slot on the agenda, once scheduled. */
  @Column({ type: 'uuid', nullable: true })
  agendaItemId!: string | null;

  @ManyToOne(() => AgendaItem, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: AgendaItem;

  @OneToMany(() => RoadshowReview, (r) => r.roadshow)
  reviews?: RoadshowReview[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_roadshow_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}

/** A reviewer's score (1–5) and comment; assigned first, scored later. */
@Entity('roadshow_review')
@Check('ck_roadshow_review_score', 'score IS NULL OR score BETWEEN 1 AND 5')
export class RoadshowReview {
  @PrimaryColumn({ type: 'uuid' })
  roadshowId!: string;

  @ManyToOne(() => Roadshow, (r) => r.reviews, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roadshow_id' })
  roadshow?: Roadshow;

  @Index('ix_roadshow_review_reviewer')
  @PrimaryColumn({ type: 'uuid' })
  reviewerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: User;

  @Column({ type: 'smallint', nullable: true })
  score!: number | null;

  @Column({ type: 'text', default: '' })
  comment!: string;

  @Column({ type: 'timestamptz', nullable: true })
  scoredAt!: Date | null;
}

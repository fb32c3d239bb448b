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
import { ExpertProfile } from 'src/catalog/expert-profile.entity';
import { ResearchResult } from 'src/catalog/research-result.entity';
import { sqlList } from 'src/database/sql';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { STAGES, Stage } from 'src/deals/follow-up-status';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';

/** An enterprise's intent to cooperate (合作意向) on a result or with an expert team. */
@Entity('intent')
@Check('ck_intent_stage', `stage IN (${sqlList(STAGES)})`)
@Check('ck_intent_target', 'num_nonnulls(result_id, expert_id) >= 1')
export class Intent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The enterprise's person who stated it. */
  @Index('ix_intent_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ type: 'uuid', nullable: true })
  resultId!: string | null;

  @ManyToOne(() => ResearchResult, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  @Column({ type: 'uuid', nullable: true })
  expertId!: string | null;

  @ManyToOne(() => ExpertProfile, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'expert_id' })
  expert?: ExpertProfile;

  /** Where it arose: an event (its roadshow, say) or a docking meeting; neither for "any time". */
  @Index('ix_intent_event')
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => Event, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid', nullable: true })
  dockingMeetingId!: string | null;

  @ManyToOne(() => DockingMeeting, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'docking_meeting_id' })
  dockingMeeting?: DockingMeeting;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'varchar', length: 12, default: 'intent' })
  stage!: Stage;

  @Column({ type: 'text', nullable: true })
  dropReason!: string | null;

  /** Who follows it up. */
  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastContactAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

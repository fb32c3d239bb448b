import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { sqlList } from 'src/database/sql';
import { User } from 'src/identity/user.entity';
import { LiveSession } from 'src/live/live-session.entity';
import { QUESTION_STATUSES, QuestionStatus } from 'src/live/question-status';

/** A viewer's question to the presenters, shown to everyone once an organizer approves it. */
@Entity('live_question')
@Check('ck_live_question_status', `status IN (${sqlList(QUESTION_STATUSES)})`)
export class LiveQuestion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_live_question_session')
  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => LiveSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSession;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 80 })
  viewerId!: string;

  @Column({ type: 'varchar', length: 100 })
  askerName!: string;

  @Column({ type: 'varchar', length: 500 })
  text!: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: QuestionStatus;

  /** What the presenter said, when they typed it. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  answer!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  askedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  moderatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}

/** A line of a session's chat. */
@Entity('live_chat_message')
@Index('ix_live_chat_message_session', ['sessionId', 'sentAt'])
export class LiveChatMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => LiveSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSession;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 80 })
  viewerId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500 })
  text!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt!: Date;
}

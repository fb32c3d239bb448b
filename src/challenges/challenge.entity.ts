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
import { BID_STATUSES, BidStatus } from 'src/challenges/bid-status';
import { fen } from 'src/common/money';
import { sqlList } from 'src/database/sql';
import { Event } from 'src/events/event.entity';
import { User } from 'src/identity/user.entity';

/** A problem an enterprise puts up for institutions to solve, with an award (揭榜挂帅). */
@Entity('challenge')
@Check('ck_challenge_award', 'award_fen >= 0')
export class Challenge {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The challenge event it belongs to, if any. */
  @Index('ix_challenge_event')
  @Column({ type: 'uuid', nullable: true })
  eventId!: string | null;

  @ManyToOne(() => Event, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  /** The enterprise's manager, or the organizer who posted it for them. */
  @Column({ type: 'uuid' })
  postedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'posted_by' })
  poster?: User;

  @Column({ type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  @Column({ type: 'bigint', transformer: fen })
  awardFen!: number;

  /** Who may bid (e.g. 高校及科研院所团队, 近三年相关项目经验). */
  @Column({ type: 'text', default: '' })
  eligibility!: string;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** An institution's bid for a challenge: confidential to the poster, organizers and the bidder. */
@Entity('challenge_bid')
@Check('ck_challenge_bid_status', `status IN (${sqlList(BID_STATUSES)})`)
@Index('uq_challenge_bid_bidder', ['challengeId', 'submittedBy'], {
  unique: true,
  where: "status <> 'withdrawn'",
})
export class ChallengeBid {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Index('ix_challenge_bid_bidder')
  @Column({ type: 'uuid' })
  submittedBy!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submitted_by' })
  bidder?: User;

  @Column({ type: 'varchar', length: 200 })
  institutionName!: string;

  @Column({ type: 'text' })
  proposal!: string;

  @Column({ type: 'text', default: '' })
  team!: string;

  @Column({ type: 'varchar', length: 12, default: 'submitted' })
  status!: BidStatus;

  @Column({ type: 'text', default: '' })
  note!: string;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

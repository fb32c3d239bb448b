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
import { Deal } from 'src/deals/deal.entity';
import { Intent } from 'src/deals/intent.entity';
import { User } from 'src/identity/user.entity';

/** Something to do about an intent or a deal, by someone, by a day. */
@Entity('follow_up_task')
@Check('ck_follow_up_task_subject', 'num_nonnulls(intent_id, deal_id) = 1')
export class FollowUpTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  intentId!: string | null;

  @ManyToOne(() => Intent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ type: 'uuid', nullable: true })
  dealId!: string | null;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  @Index('ix_follow_up_task_owner')
  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

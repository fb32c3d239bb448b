import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

/**
 * One back-fill of a past programme (历史活动补录): the events, results, needs, roadshows, deals,
 * check-ins and outside views an organization's managers entered after the fact. Every row it made
 * carries its id, so it is undone as a whole.
 */
@Entity('backfill')
export class Backfill {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_backfill_organization')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** What it entered, by kind (events, results, needs, roadshows, deals, checkIns, views). */
  @Column({ type: 'jsonb' })
  counts!: Record<string, number>;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When it was undone: its rows are gone, the record stays. */
  @Column({ type: 'timestamptz', nullable: true })
  undoneAt!: Date | null;
}

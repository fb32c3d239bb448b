import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { sqlList } from 'src/database/sql';
import { DockingMeeting } from 'src/docking/docking-meeting.entity';
import { OUTCOMES, Outcome } from 'src/docking/docking-status';

/** What one side says came of a meeting. */
@Entity('docking_outcome')
@Check('ck_docking_outcome_outcome', `outcome IN (${sqlList(OUTCOMES)})`)
export class DockingOutcome {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => DockingMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: DockingMeeting;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 30 })
  outcome!: Outcome;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { sqlList } from 'src/database/sql';
import { EventSeries } from 'src/events/event-series.entity';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';
import { REPORT_FREQUENCIES, ReportFormat, ReportFrequency } from 'src/stats/report-periods';

/**
 * A report e-mailed on a schedule (定期报告): an organization's figures (or one of its series'),
 * after each full month or quarter, to the addresses its managers set.
 */
@Entity('report_schedule')
@Check('ck_report_schedule_frequency', `frequency IN (${sqlList(REPORT_FREQUENCIES)})`)
@Check('ck_report_schedule_recipients', 'cardinality(recipients) BETWEEN 1 AND 20')
@Check('ck_report_schedule_formats', `cardinality(formats) >= 1`)
export class ReportSchedule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_report_schedule_organization')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** Only this series' events (null: every event of the organization and those below it). */
  @Column({ type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => EventSeries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: EventSeries;

  @Column({ type: 'varchar', length: 12 })
  frequency!: ReportFrequency;

  /** The e-mail addresses the report goes to. */
  @Column({ type: 'text', array: true })
  recipients!: string[];

  /** The documents attached: the Word one, the PDF, or both. */
  @Column({ type: 'text', array: true, default: () => `'{docx}'` })
  formats!: ReportFormat[];

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One period's report of a schedule, sent: the unique key (schedule, period) is what makes it go
 * out once however often the task runs, and what the attachments are made from when it is sent.
 */
@Entity('report_dispatch')
@Unique('uq_report_dispatch_period', ['scheduleId', 'period'])
export class ReportDispatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  scheduleId!: string;

  @ManyToOne(() => ReportSchedule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'schedule_id' })
  schedule?: ReportSchedule;

  /** `2026-11` or `2026Q4`. */
  @Column({ type: 'varchar', length: 10 })
  period!: string;

  @Column({ type: 'timestamptz' })
  periodFrom!: Date;

  @Column({ type: 'timestamptz' })
  periodTo!: Date;

  /** To whom it was sent (the schedule's addresses then). */
  @Column({ type: 'text', array: true })
  recipients!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt!: Date;
}

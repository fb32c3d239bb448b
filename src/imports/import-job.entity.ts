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
import { RowErrorDto } from 'src/common/rows';
import { sqlList } from 'src/database/sql';
import { User } from 'src/identity/user.entity';
import { IMPORT_STATUSES, ImportStatus } from 'src/imports/import-status';

/** Who started an import, as the policy saw them then: the rows are checked with these rights. */
export interface ImportActor {
  id: string;
  name: string;
  roles: string[];
  inTeam: boolean;
}

/**
 * One upload of rows (results, needs, invitees), run as a job: its counts and the first refused
 * rows' problems (`errors`, at most IMPORT_MAX_ERRORS of them; `errorTotal` counts them all).
 */
@Entity('import_job')
@Check('ck_import_job_status', `status IN (${sqlList(IMPORT_STATUSES)})`)
@Check('ck_import_job_batches', 'next_batch <= batches')
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** What is imported: a kind registered with `Imports` (`results`, `needs`, `invitations`). */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Index('ix_import_job_owner')
  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'jsonb' })
  actor!: ImportActor;

  /** Where the rows go, decided when they were uploaded (an event, a programme). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  target!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status!: ImportStatus;

  /** Rows the file holds (its header not counted), and the batches they were staged in. */
  @Column({ type: 'int' })
  total!: number;

  @Column({ type: 'int' })
  batches!: number;

  /** The first batch not yet written: each batch's rows and this move commit together. */
  @Column({ type: 'int', default: 0 })
  nextBatch!: number;

  @Column({ type: 'int', default: 0 })
  processed!: number;

  @Column({ type: 'int', default: 0 })
  imported!: number;

  /** Rows already there (a person invited before). */
  @Column({ type: 'int', default: 0 })
  skipped!: number;

  @Column({ type: 'int', default: 0 })
  errorTotal!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors!: RowErrorDto[];

  /** Runs started: a run that keeps failing ends the import failed. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/** A batch of an import's rows as read from the file, waiting to be checked and written. */
@Entity('import_batch')
export class ImportBatch {
  @PrimaryColumn({ type: 'uuid' })
  importId!: string;

  @ManyToOne(() => ImportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  job?: ImportJob;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'jsonb' })
  rows!: { line: number; data: Record<string, unknown> }[];
}

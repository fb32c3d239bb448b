import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditSubject } from 'src/audit/audit-actions';

/**
 * One change of a record (a deal, an intent, a follow-up task, a check-in …): who, when, what it
 * was and what it became. Rows are only ever added; a deal's corrections are read from here.
 */
@Entity('audit_entry')
@Index('ix_audit_entry_subject', ['subjectType', 'subjectId', 'at'])
@Index('ix_audit_entry_organization', ['organizationId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  subjectType!: AuditSubject;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** One of the subject's actions in AUDIT_ACTIONS; with a reason where one was given. */
  @Column({ type: 'varchar', length: 20 })
  action!: string;

  /** Who made the change; null for a guest acting through their link (a registration's own page). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** The changed fields as they were (null on creation) and as they became. */
  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb' })
  after!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The organization whose people's data was handled (personal-data entries); null for none. */
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  /** How many people's data the action touched (personal-data entries). */
  @Column({ type: 'int', nullable: true })
  people!: number | null;
}

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
import { CONFIDENTIALITIES, Confidentiality } from 'src/catalog/catalog-kinds';
import { fen } from 'src/common/money';
import { sqlList } from 'src/database/sql';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

/** A technical need (技术需求) an enterprise wants solved. */
@Entity('technical_need')
@Check('ck_technical_need_confidentiality', `confidentiality IN (${sqlList(CONFIDENTIALITIES)})`)
@Check('ck_technical_need_budget', 'budget_min_fen >= 0 AND budget_min_fen <= budget_max_fen')
export class TechnicalNeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who entered it (the enterprise's manager, or the organizer who imported it). */
  @Index('ix_technical_need_owner')
  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Organization;

  @Column({ type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Confidential unless `confidentiality` is public. */
  @Column({ type: 'text', default: '' })
  description!: string;

  @Index('ix_technical_need_fields', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  /** Confidential unless `confidentiality` is public. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords!: string[];

  /** Confidential unless `confidentiality` is public. */
  @Column({ type: 'bigint', nullable: true, transformer: fen })
  budgetMinFen!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: fen })
  budgetMaxFen!: number | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'public' })
  confidentiality!: Confidentiality;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Index('ix_technical_need_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, nullable: true })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_technical_need_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}

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
import {
  AttachmentMeta,
  COOPERATION_MODES,
  CooperationMode,
  Patent,
  TeamMember,
} from 'src/catalog/catalog-kinds';
import { fen } from 'src/common/money';
import { sqlList } from 'src/database/sql';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

/** A research result (科技成果) offered for transfer, licence or cooperation. */
@Entity('research_result')
@Check('ck_research_result_readiness', 'readiness_level BETWEEN 1 AND 9')
@Check(
  'ck_research_result_price',
  'asking_price_min_fen >= 0 AND asking_price_min_fen <= asking_price_max_fen',
)
@Check(
  'ck_research_result_cooperation_modes',
  `cooperation_modes <@ ARRAY[${sqlList(COOPERATION_MODES)}]::text[]`,
)
export class ResearchResult {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who entered it (the expert, or the organizer who imported it). */
  @Index('ix_research_result_owner')
  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Organization;

  /** As the owning university or institute calls itself, registered on the platform or not. */
  @Column({ type: 'varchar', length: 200 })
  institutionName!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** GIN-indexed (by hand in the migration) for overlap with a need's fields. */
  @Index('ix_research_result_fields', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords!: string[];

  /** Technology readiness level, 1 (principle) to 9 (proven in production). */
  @Column({ type: 'smallint' })
  readinessLevel!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  patents!: Patent[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cooperationModes!: CooperationMode[];

  @Column({ type: 'bigint', nullable: true, transformer: fen })
  askingPriceMinFen!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: fen })
  askingPriceMaxFen!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  team!: TeamMember[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: AttachmentMeta[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Column({ type: 'boolean', default: false })
  published!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Words of the title, summary, description and keywords, segmented (jieba) for full-text search. */
  @Index('ix_research_result_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, nullable: true })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The back-fill of a past programme that entered it (src/backfill); undoing it removes the row. */
  @Index('ix_research_result_backfill', { where: 'backfill_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  backfillId!: string | null;
}

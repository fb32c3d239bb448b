import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AVAILABILITIES, Availability } from 'src/catalog/catalog-kinds';
import { sqlList } from 'src/database/sql';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

/** What an expert offers: institution, title, fields, expertise; one per person. */
@Entity('expert_profile')
@Check('ck_expert_profile_availability', `availability IN (${sqlList(AVAILABILITIES)})`)
export class ExpertProfile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_expert_profile_user', { unique: true })
  @Column({ type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Shown name; the account's name when the profile was made. */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Organization;

  @Column({ type: 'varchar', length: 200 })
  institutionName!: string;

  /** 教授, 研究员, 高级工程师 … */
  @Column({ type: 'varchar', length: 100, nullable: true })
  title!: string | null;

  @Index('ix_expert_profile_fields', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords!: string[];

  @Column({ type: 'text', default: '' })
  biography!: string;

  @Column({ type: 'varchar', length: 12, default: 'available' })
  availability!: Availability;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Index('ix_expert_profile_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, nullable: true })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

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
import { sqlList } from 'src/database/sql';
import { ORGANIZATION_KINDS, OrganizationKind } from 'src/identity/roles';

@Entity('organization')
@Check('ck_organization_kind', `kind IN (${sqlList(ORGANIZATION_KINDS)})`)
@Check('ck_organization_parent', 'parent_id <> id')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OrganizationKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /**
   * The organization above it (province → city → district): a role held there sees this one's
   * events and figures, read-only.
   */
  @Index('ix_organization_parent')
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Organization;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  /** Industry fields (电子信息, 先进制造 …): data, not an enum. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industryFields!: string[];

  /** 统一社会信用代码. */
  @Index('uq_organization_credit_code', { unique: true, where: 'credit_code IS NOT NULL' })
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

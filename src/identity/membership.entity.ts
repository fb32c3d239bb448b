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
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';
import { MEMBERSHIP_ROLES, MembershipRole } from 'src/identity/roles';
import { sqlList } from 'src/database/sql';

/** A person in an organization, with their title there (教授, 技术总监 …) and their role. */
@Entity('membership')
@Check('ck_membership_role', `role IN (${sqlList(MEMBERSHIP_ROLES)})`)
@Index('uq_membership_user_organization', ['userId', 'organizationId'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('ix_membership_organization')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 100, nullable: true })
  title!: string | null;

  /** What the person may do for the organization's events (see MEMBERSHIP_ROLES). */
  @Column({ type: 'varchar', length: 20, default: 'member' })
  role!: MembershipRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

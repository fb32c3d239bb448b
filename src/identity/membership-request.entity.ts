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
import {
  MEMBERSHIP_REQUEST_STATUSES,
  MembershipRequestStatus,
} from 'src/identity/membership-request-status';
import { Organization } from 'src/identity/organization.entity';
import { User } from 'src/identity/user.entity';

/**
 * A person's request to be counted as a member of an institution or enterprise, approved or
 * rejected by one of its managers; one pending request per person and organization.
 */
@Entity('membership_request')
@Check('ck_membership_request_status', `status IN (${sqlList(MEMBERSHIP_REQUEST_STATUSES)})`)
@Index('uq_membership_request_pending', ['userId', 'organizationId'], {
  unique: true,
  where: "status = 'pending'",
})
export class MembershipRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_membership_request_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('ix_membership_request_organization')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** What the person says about themselves (职务, 课题组 …). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: MembershipRequestStatus;

  /** The manager's reason for a rejection. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by' })
  decider?: User;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

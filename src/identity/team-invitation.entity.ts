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
import { sqlList } from 'src/database/sql';
import { Organization } from 'src/identity/organization.entity';
import { MEMBERSHIP_ROLES, MembershipRole } from 'src/identity/roles';
import { User } from 'src/identity/user.entity';

/**
 * An invitation to an organization's team, sent by e-mail to a person who may not have an account
 * yet. Its link carries a random token of which only the SHA-256 hash is kept; the account that
 * accepts it gets the role. Open while neither accepted nor revoked (and not expired); one open
 * invitation per organization and e-mail.
 */
@Entity('team_invitation')
@Check('ck_team_invitation_role', `role IN (${sqlList(MEMBERSHIP_ROLES)})`)
@Check('ck_team_invitation_email_lower', 'email = lower(email)')
@Check(
  'ck_team_invitation_accepted',
  '(accepted_at IS NULL) = (accepted_by IS NULL) AND (accepted_at IS NULL OR revoked_at IS NULL)',
)
@Index('uq_team_invitation_open', ['organizationId', 'email'], {
  unique: true,
  where: 'accepted_at IS NULL AND revoked_at IS NULL',
})
export class TeamInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: MembershipRole;

  /** SHA-256 of the link's token, in hex: the token itself is never stored. */
  @Index('uq_team_invitation_token', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  invitedBy!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invited_by' })
  inviter?: User;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'accepted_by' })
  accepter?: User;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

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
import { VERIFICATION_PURPOSES, VerificationPurpose } from 'src/identity/verification-rules';
import { User } from 'src/identity/user.entity';

/**
 * A proof of an address on its way: an e-mail link's token or an SMS code, sent to `target` for
 * one purpose. Only a keyed hash of the secret is kept, never the secret itself.
 */
@Entity('verification')
@Check('ck_verification_purpose', `purpose IN (${sqlList(VERIFICATION_PURPOSES)})`)
@Index('ix_verification_target', ['target', 'purpose'])
export class Verification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_verification_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 20 })
  purpose!: VerificationPurpose;

  /** The e-mail address (lower case) or mobile number (11 digits) the secret was sent to. */
  @Column({ type: 'varchar', length: 254 })
  target!: string;

  /** HMAC-SHA256 of the token or code under the server's secret, hex. */
  @Index('uq_verification_secret', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Wrong codes entered so far; at the cap the code is refused even when right. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

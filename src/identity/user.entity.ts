import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { LOCALES, Locale } from 'src/config/config';
import { sqlList } from 'src/database/sql';
import { ROLES, Role } from 'src/identity/roles';

@Entity('user_account')
@Check('ck_user_account_roles', `roles <@ ARRAY[${sqlList(ROLES)}]::text[]`)
@Check('ck_user_account_locale', `locale IN (${sqlList(LOCALES)})`)
@Check('ck_user_account_email_lower', 'email = lower(email)')
@Check('ck_user_account_mobile', `mobile ~ '^1[3-9][0-9]{9}$'`)
@Check('ck_user_account_address', 'email IS NOT NULL OR mobile IS NOT NULL')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Stored in lower case, so the unique index compares e-mails the way people do. */
  @Index('uq_user_account_email', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** A mainland mobile number, 11 digits without +86 (see `normalizeMobile`); unique when present. */
  @Index('uq_user_account_mobile', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  /** When the person proved the e-mail address is theirs (by its link); null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** When the person proved the mobile number is theirs (by an SMS code); null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  mobileVerifiedAt!: Date | null;

  /** Null for a person who signs in by SMS code only. */
  @Column({ type: 'text', select: false, nullable: true })
  passwordHash!: string | null;

  /** Set by an admin: the account cannot sign in and every session of it has ended. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'zh-CN' })
  locale!: Locale;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

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
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Stored in lower case, so the unique index compares e-mails the way people do. */
  @Index('uq_user_account_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 10, default: 'zh-CN' })
  locale!: Locale;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

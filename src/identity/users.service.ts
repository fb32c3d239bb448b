import { Audit } from 'src/audit/audit';
import { LISTED_BEYOND_TEAM, mayRevoke } from 'src/access/policy';
import { Access } from 'src/access/access';
import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { escapeLike } from 'src/database/sql';
import { UserDto, UserPageDto, UserQueryDto } from 'src/identity/dto/user.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Role } from 'src/identity/roles';
import { User } from 'src/identity/user.entity';
import { Tx } from 'src/database/tx';
import { SessionsService } from 'src/identity/sessions.service';

function toUserDto(user: User): UserDto {
  const { id, name, email, mobile, locale, roles, createdAt } = user;
  const emailVerified = !!user.emailVerifiedAt;
  const mobileVerified = !!user.mobileVerifiedAt;
  const disabled = !!user.disabledAt;
  return {
    id,
    name,
    email,
    mobile,
    emailVerified,
    mobileVerified,
    disabled,
    locale,
    roles,
    createdAt,
  };
}

/** A person as others outside their team see them: who, never how to reach them. */
function withoutContacts({
  email: _email,
  mobile: _mobile,
  emailVerified: _emailVerified,
  mobileVerified: _mobileVerified,
  ...user
}: UserDto): UserDto {
  return user;
}

/** `column` names a person of one of the organizations `:managed`. */
function teamOf(column: string, managed: string[]): string {
  if (managed.length === 0) return 'false';
  return `${column} IN (SELECT user_id FROM membership WHERE organization_id IN (:...managed))`;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
    private readonly sessions: SessionsService,
    private readonly audit: Audit,
  ) {}

  /**
   * Admins list everyone. A manager lists the people of the organizations they manage (with their
   * contacts) and, to name presenters and reviewers, the experts (without contacts); anyone else,
   * nobody.
   */
  async list(actor: AuthUser, query: UserQueryDto): Promise<UserPageDto> {
    const qb = this.tx.repository(User).createQueryBuilder('u');
    const managed = await this.access.scope(actor, 'manage');
    const team = managed === 'all' ? 'true' : teamOf('u.id', managed);
    if (managed !== 'all') {
      const beyond = query.role && LISTED_BEYOND_TEAM.includes(query.role);
      qb.where(`(${team}${beyond ? ' OR :role = ANY(u.roles)' : ''})`, {
        managed,
        role: query.role,
      });
    }
    if (query.q)
      qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    const [rows, total] = await qb
      .orderBy('u.createdAt', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    const mates = managed === 'all' ? null : await this.teamIds(rows, managed);
    const items = rows.map((u) =>
      mates && !mates.has(u.id) ? withoutContacts(toUserDto(u)) : toUserDto(u),
    );
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** Which of the people are of the organizations in `managed`. */
  private async teamIds(people: User[], managed: string[]): Promise<Set<string>> {
    if (people.length === 0 || managed.length === 0) return new Set();
    const rows = await this.tx.query<{ user_id: string }[]>(
      'SELECT DISTINCT user_id FROM membership WHERE user_id = ANY($1) AND organization_id = ANY($2)',
      [people.map((p) => p.id), managed],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Granting a role the user holds already changes nothing. */
  async grantRole(userId: string, role: Role, actor?: AuthUser): Promise<UserDto> {
    const [granted] = await this.tx.query<[unknown[], number]>(
      `UPDATE user_account SET roles = array_append(roles, $2::text), updated_at = now()
        WHERE id = $1 AND NOT ($2 = ANY(roles)) RETURNING id`,
      [userId, role],
    );
    if (granted.length > 0)
      await this.audit.personalData({
        action: 'role_grant',
        actorId: actor?.id ?? null,
        subjectId: userId,
        organizationId: null,
        people: 1,
        about: { platformRole: role },
      });
    return this.get(userId);
  }

  async revokeRole(actor: AuthUser, userId: string, role: Role): Promise<UserDto> {
    if (!mayRevoke(actor, userId, role)) throw IdentityError.USER_CANNOT_REVOKE_OWN_ADMIN();
    await this.tx.query(
      `UPDATE user_account SET roles = array_remove(roles, $2::text), updated_at = now()
        WHERE id = $1 AND $2 = ANY(roles)`,
      [userId, role],
    );
    return this.get(userId);
  }

  /**
   * An admin disables an account (every session ends at once, and it cannot sign in) or enables
   * it again; both are audited. An admin cannot disable their own account.
   */
  async setDisabled(actor: AuthUser, userId: string, disabled: boolean): Promise<UserDto> {
    if (disabled && actor.id === userId) throw IdentityError.USER_CANNOT_DISABLE_SELF();
    await this.tx.run(async (manager) => {
      const user = await manager.findOne(User, {
        where: { id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw IdentityError.USER_NOT_FOUND({ id: userId });
      if (!!user.disabledAt === disabled) return;
      await manager.update(User, { id: userId }, { disabledAt: disabled ? new Date() : null });
      if (disabled) await this.sessions.endAll(userId);
      await this.audit.record({
        subject: 'user',
        subjectId: userId,
        action: disabled ? 'disabled' : 'enabled',
        actorId: actor.id,
        before: { disabled: !disabled },
        after: { disabled },
      });
    });
    return this.get(userId);
  }

  private async get(id: string): Promise<UserDto> {
    const user = await this.tx.repository(User).findOneBy({ id });
    if (!user) throw IdentityError.USER_NOT_FOUND({ id });
    return toUserDto(user);
  }
}

import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/common/auth/auth-user';
import { escapeLike } from 'src/database/sql';
import { UserDto, UserPageDto, UserQueryDto } from 'src/identity/dto/user.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Role } from 'src/identity/roles';
import { User } from 'src/identity/user.entity';
import { Tx } from 'src/database/tx';

function toUserDto(user: User): UserDto {
  const { id, name, email, mobile, locale, roles, createdAt } = user;
  return { id, name, email, mobile, locale, roles, createdAt };
}

@Injectable()
export class UsersService {
  constructor(private readonly tx: Tx) {}

  async list(query: UserQueryDto): Promise<UserPageDto> {
    const qb = this.tx.repository(User).createQueryBuilder('u');
    if (query.q)
      qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    const [rows, total] = await qb
      .orderBy('u.createdAt', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toUserDto), total, limit: query.limit, offset: query.offset };
  }

  /** Granting a role the user holds already changes nothing. */
  async grantRole(userId: string, role: Role): Promise<UserDto> {
    await this.tx.query(
      `UPDATE user_account SET roles = array_append(roles, $2::text), updated_at = now()
        WHERE id = $1 AND NOT ($2 = ANY(roles))`,
      [userId, role],
    );
    return this.get(userId);
  }

  async revokeRole(actor: AuthUser, userId: string, role: Role): Promise<UserDto> {
    if (actor.id === userId && role === 'admin') throw IdentityError.USER_CANNOT_REVOKE_OWN_ADMIN();
    await this.tx.query(
      `UPDATE user_account SET roles = array_remove(roles, $2::text), updated_at = now()
        WHERE id = $1 AND $2 = ANY(roles)`,
      [userId, role],
    );
    return this.get(userId);
  }

  private async get(id: string): Promise<UserDto> {
    const user = await this.tx.repository(User).findOneBy({ id });
    if (!user) throw IdentityError.USER_NOT_FOUND({ id });
    return toUserDto(user);
  }
}

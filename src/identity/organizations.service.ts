import { foundingRole } from 'src/access/policy';
import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { escapeLike } from 'src/database/sql';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationQueryDto,
} from 'src/identity/dto/organization.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { Tx } from 'src/database/tx';
import { AuthUser } from 'src/common/auth/auth-user';
import { MembershipRole } from 'src/identity/roles';

export function toOrganizationDto(org: Organization): OrganizationDto {
  const { id, kind, name, region, industryFields, creditCode, createdAt } = org;
  return { id, kind, name, region, industryFields, creditCode, createdAt };
}

@Injectable()
export class OrganizationsService {
  constructor(private readonly tx: Tx) {}

  /** Registers an organization with its creator as its first member, in the role `foundingRole` gives. */
  async create(user: AuthUser, input: CreateOrganizationDto): Promise<OrganizationDto> {
    const org = await this.tx.run(() => this.createWithMember(user.id, input, foundingRole(user)));
    return toOrganizationDto(org);
  }

  /** Registers an organization with `userId` as its first member, inside the caller's transaction. */
  async createWithMember(
    userId: string,
    input: CreateOrganizationDto,
    role: MembershipRole = 'member',
  ): Promise<Organization> {
    const { manager } = this.tx;
    try {
      const org = await manager.save(
        manager.create(Organization, {
          name: input.name,
          kind: input.kind,
          region: input.region ?? null,
          industryFields: input.industryFields ?? [],
          creditCode: input.creditCode ?? null,
        }),
      );
      await manager.insert(Membership, {
        userId,
        organizationId: org.id,
        title: input.title ?? null,
        role,
      });
      return org;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_organization_credit_code')) {
        throw IdentityError.ORGANIZATION_CREDIT_CODE_TAKEN().onField('creditCode');
      }
      throw error;
    }
  }

  async list(query: OrganizationQueryDto): Promise<OrganizationPageDto> {
    const qb = this.tx.repository(Organization).createQueryBuilder('o');
    if (query.q) qb.andWhere('o.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb
      .orderBy('o.name')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { items: rows.map(toOrganizationDto), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<OrganizationDto> {
    const org = await this.tx.repository(Organization).findOneBy({ id });
    if (!org) throw IdentityError.ORGANIZATION_NOT_FOUND({ id });
    return toOrganizationDto(org);
  }
}

import { Injectable } from '@nestjs/common';
import { Access } from 'src/access/access';
import { Audit } from 'src/audit/audit';
import { PersonalDataEntryDto } from 'src/audit/dto/audit-entry.dto';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { AuditQueryDto } from 'src/personal-data/dto/personal-data.dto';

/**
 * Who reads what was done with personal data: admins everything, an organization's managers
 * their organizations' entries (not those of the organizations below or beside); anyone else 403.
 */
@Injectable()
export class PersonalDataAudit {
  constructor(
    private readonly access: Access,
    private readonly audit: Audit,
  ) {}

  async entries(user: AuthUser, query: AuditQueryDto): Promise<PersonalDataEntryDto[]> {
    const scope = await this.access.scope(user, 'manage');
    if (scope !== 'all' && scope.length === 0) throw CommonError.FORBIDDEN();
    if (query.organizationId && scope !== 'all' && !scope.includes(query.organizationId))
      throw CommonError.FORBIDDEN();
    return this.audit.personalDataOf(scope, { ...query, limit: query.limit ?? 100 });
  }
}

import { Injectable } from '@nestjs/common';
import { Access } from 'src/access/access';
import { CatalogError } from 'src/catalog/catalog.errors';
import { AuthUser } from 'src/common/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { CheckedRows, rowErrors } from 'src/common/rows';
import { Tx } from 'src/database/tx';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { ImportRun } from 'src/imports/imports';

/**
 * An institution or enterprise named on a result, a need or a profile is one the person acts for:
 * entered by hand (`assertActsFor`) and imported (`keepActingFor`, each organization asked once
 * per run).
 */
@Injectable()
export class OrganizationRights {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
  ) {}

  /**
   * The checked rows whose organization (named by id in `orgField`) the uploader acts for; the
   * others become errors of their rows.
   */
  async keepActingFor<T extends object>(
    checked: CheckedRows<T>,
    run: ImportRun,
    orgField: keyof T & string,
  ): Promise<{ valid: T[]; errors: CheckedRows<T>['errors'] }> {
    const valid: T[] = [];
    const errors = [...checked.errors];
    for (const { line, value } of checked.valid) {
      const id = value[orgField] as string | undefined;
      const refusal = id === undefined ? undefined : await this.actsForRefusal(run, id, orgField);
      if (refusal) errors.push(...rowErrors(line, refusal.fields));
      else valid.push(value);
    }
    errors.sort((x, y) => x.row - y.row);
    return { valid, errors };
  }

  private async actsForRefusal(
    run: ImportRun,
    id: string,
    field: string,
  ): Promise<DomainError | undefined> {
    const key = `acts-for:${id}`;
    if (run.memory.get(key) === 1) return undefined;
    try {
      await this.assertActsFor(run.actor, id, field);
      run.memory.set(key, 1);
      return undefined;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
  }

  /**
   * An entry names an institution or enterprise only for someone who acts for it: one of its
   * members (admins may name any).
   */
  async assertActsFor(user: AuthUser, id: string | undefined, field: string): Promise<void> {
    if (!id) return;
    await this.assertOrganization(id, field);
    const member = await this.tx.manager.existsBy(Membership, {
      organizationId: id,
      userId: user.id,
    });
    const subject = { kind: 'organization' as const, organizationId: id, member };
    if ((await this.access.decide(user, 'act', subject)) !== 'allow')
      throw CatalogError.CATALOG_NOT_MEMBER({ id }).onField(field);
  }

  /** The organization an organizer's correction names exists. */
  async assertOrganization(id: string | undefined, field: string): Promise<void> {
    if (id && !(await this.tx.manager.existsBy(Organization, { id })))
      throw CatalogError.CATALOG_UNKNOWN_ORGANIZATION({ id }).onField(field);
  }
}

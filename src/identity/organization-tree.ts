import { Injectable } from '@nestjs/common';
import { Access } from 'src/access/access';
import { managesWith } from 'src/access/policy';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { IdentityError } from 'src/identity/identity.errors';
import { MEMBERSHIP_ROLES } from 'src/identity/roles';

/** An organization a person holds a team role in (`below`: false), or one below those (true). */
export interface OrganizationInSight {
  id: string;
  name: string;
  parentId: string | null;
  below: boolean;
}

/** An organization's place in the hierarchy: its parent, and its children with their managers. */
export interface OrganizationBranch {
  id: string;
  name: string;
  parent: { id: string; name: string } | null;
  children: { id: string; name: string; managers: string[] }[];
}

/**
 * The hierarchy of organizations as a person sees it (province → city → district): the ones they
 * hold a team role in and those below them, and an organization's children, read-only.
 */
@Injectable()
export class OrganizationTree {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
  ) {}

  /**
   * The organizations the person holds a team role in, and every one below those (read-only
   * sight), by name; one they hold a role in is never marked below.
   */
  async inSightOf(user: AuthUser): Promise<OrganizationInSight[]> {
    const { roles, below } = await this.access.factsOf(user);
    const rows = await this.tx.query<Omit<OrganizationInSight, 'below'>[]>(
      `SELECT id, name, parent_id AS "parentId" FROM organization
        WHERE id = ANY($1) ORDER BY name, id`,
      [[...roles.keys(), ...below]],
    );
    return rows.map((row) => ({ ...row, below: !roles.has(row.id) }));
  }

  /**
   * The organization with its parent and its children (with their managers' names), for whoever
   * holds a team role in it or above it (admins: every one); 404 for everyone else.
   */
  async branch(user: AuthUser, organizationId: string): Promise<OrganizationBranch> {
    const decision = await this.access.decide(user, 'figures', {
      kind: 'organization',
      organizationId,
    });
    const [organization] = await this.tx.query<
      { id: string; name: string; parentId: string | null; parentName: string | null }[]
    >(
      `SELECT o.id, o.name, o.parent_id AS "parentId", p.name AS "parentName"
         FROM organization o LEFT JOIN organization p ON p.id = o.parent_id WHERE o.id = $1`,
      [organizationId],
    );
    if (!organization || decision !== 'allow')
      throw IdentityError.ORGANIZATION_NOT_FOUND({ id: organizationId });
    const children = await this.tx.query<{ id: string; name: string; managers: string[] }[]>(
      `SELECT o.id, o.name,
              coalesce(array_agg(u.name ORDER BY u.name) FILTER (WHERE u.id IS NOT NULL), '{}') AS managers
         FROM organization o
         LEFT JOIN membership m ON m.organization_id = o.id AND m.role = ANY($2)
         LEFT JOIN user_account u ON u.id = m.user_id
        WHERE o.parent_id = $1
        GROUP BY o.id ORDER BY o.name, o.id`,
      [organizationId, MEMBERSHIP_ROLES.filter(managesWith)],
    );
    const { parentId, parentName } = organization;
    return {
      id: organization.id,
      name: organization.name,
      parent: parentId && parentName ? { id: parentId, name: parentName } : null,
      children,
    };
  }
}

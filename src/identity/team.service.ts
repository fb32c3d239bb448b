import { Audit } from 'src/audit/audit';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Access } from 'src/access/access';
import { managesWith } from 'src/access/policy';
import { AuthUser } from 'src/common/auth/auth-user';
import { CommonError } from 'src/common/errors/common.errors';
import { Tx } from 'src/database/tx';
import { AddTeamMemberDto, SetTeamRoleDto, TeamMemberDto } from 'src/identity/dto/team.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { MembershipRole } from 'src/identity/roles';
import { User } from 'src/identity/user.entity';

/**
 * An organization's team: its managers see it, give a person a role (or change it) and end it;
 * admins may do so for any organization and place it below another. An organization always keeps
 * a manager.
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly tx: Tx,
    private readonly access: Access,
    private readonly audit: Audit,
  ) {}

  async team(user: AuthUser, organizationId: string): Promise<TeamMemberDto[]> {
    await this.assertManages(user, organizationId);
    const rows = await this.tx
      .repository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.organizationId = :organizationId', { organizationId })
      .orderBy('u.name')
      .getMany();
    return rows.map(toTeamMemberDto);
  }

  async setRole(
    user: AuthUser,
    organizationId: string,
    userId: string,
    input: SetTeamRoleDto,
  ): Promise<TeamMemberDto> {
    return this.tx.run(async (manager) => {
      await this.assertManages(user, organizationId, true);
      const person = await manager.findOneBy(User, { id: userId });
      if (!person) throw IdentityError.USER_NOT_FOUND({ id: userId });
      const saved = await this.give(organizationId, userId, input.role, input.title);
      await this.audit.personalData({
        action: 'role_grant',
        actorId: user.id,
        subjectId: userId,
        organizationId,
        people: 1,
        about: { role: input.role },
      });
      return toTeamMemberDto({ ...saved, user: person });
    });
  }

  /**
   * Gives `userId` the role in the organization (keeping their title unless one is given), never
   * taking its last manager away. The caller has checked the right and locked the organization row.
   */
  async give(
    organizationId: string,
    userId: string,
    role: MembershipRole,
    title?: string | null,
  ): Promise<Membership> {
    const { manager } = this.tx;
    const existing = await manager.findOneBy(Membership, { organizationId, userId });
    if (existing && managesWith(existing.role) && !managesWith(role))
      await this.assertAnotherManager(organizationId, userId);
    await manager.upsert(
      Membership,
      { organizationId, userId, role, title: title ?? existing?.title ?? null },
      ['userId', 'organizationId'],
    );
    return manager.findOneByOrFail(Membership, { organizationId, userId });
  }

  /** Gives the person with the e-mail address `input.email` a role (404 on the field if none has it). */
  async addByEmail(
    user: AuthUser,
    organizationId: string,
    input: AddTeamMemberDto,
  ): Promise<TeamMemberDto> {
    await this.assertManages(user, organizationId);
    const email = input.email.trim().toLowerCase();
    const person = await this.tx.manager.findOneBy(User, { email });
    if (!person) throw IdentityError.USER_NOT_FOUND({ email }).onField('email');
    return this.setRole(user, organizationId, person.id, { role: input.role, title: input.title });
  }

  /**
   * The organizations whose team the user keeps, by name: those they manage (for an admin, who
   * manages all, those they are a member of).
   */
  async managed(user: AuthUser): Promise<{ id: string; name: string }[]> {
    const scope = await this.access.scope(user, 'manage');
    const ids =
      scope === 'all'
        ? (await this.tx.manager.findBy(Membership, { userId: user.id })).map(
            (m) => m.organizationId,
          )
        : scope;
    if (ids.length === 0) return [];
    const rows = await this.tx.manager.find(Organization, {
      where: { id: In(ids) },
      order: { name: 'ASC' },
    });
    return rows.map((o) => ({ id: o.id, name: o.name }));
  }

  async remove(user: AuthUser, organizationId: string, userId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.assertManages(user, organizationId, true);
      const existing = await manager.findOneBy(Membership, { organizationId, userId });
      if (!existing) throw IdentityError.USER_NOT_FOUND({ id: userId });
      if (managesWith(existing.role)) await this.assertAnotherManager(organizationId, userId);
      await manager.delete(Membership, { id: existing.id });
    });
  }

  /** Places the organization below `parentId` (admins); never below itself or its own children. */
  async setParent(organizationId: string, parentId: string | null): Promise<void> {
    await this.tx.run(async (manager) => {
      const organization = await manager.findOne(Organization, {
        where: { id: organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organization) throw IdentityError.ORGANIZATION_NOT_FOUND({ id: organizationId });
      if (parentId) {
        if (!(await manager.existsBy(Organization, { id: parentId })))
          throw IdentityError.ORGANIZATION_NOT_FOUND({ id: parentId }).onField('parentId');
        // The new parent's line upwards must not pass through the organization itself.
        const [cycle] = await this.tx.query<{ found: boolean }[]>(
          `WITH RECURSIVE above AS (
             SELECT id, parent_id FROM organization WHERE id = $1
             UNION SELECT o.id, o.parent_id FROM organization o JOIN above a ON o.id = a.parent_id
           )
           SELECT EXISTS (SELECT 1 FROM above WHERE id = $2) AS found`,
          [parentId, organizationId],
        );
        if (cycle.found)
          throw IdentityError.ORGANIZATION_PARENT_CYCLE({ parentId }).onField('parentId');
      }
      await manager.update(Organization, { id: organizationId }, { parentId });
    });
  }

  /** 404 for no such organization; 403 unless the user manages it (`lock`: its team rows). */
  async assertManages(user: AuthUser, organizationId: string, lock = false): Promise<Organization> {
    const organization = await this.tx.manager.findOne(Organization, {
      where: { id: organizationId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!organization) throw IdentityError.ORGANIZATION_NOT_FOUND({ id: organizationId });
    if (!(await this.access.holds(user, 'manage', organizationId))) throw CommonError.FORBIDDEN();
    return organization;
  }

  private async assertAnotherManager(organizationId: string, userId: string) {
    const others = await this.tx.manager
      .createQueryBuilder(Membership, 'm')
      .where('m.organizationId = :organizationId AND m.role = :manager AND m.userId <> :userId', {
        organizationId,
        manager: 'manager',
        userId,
      })
      .getCount();
    if (others === 0) throw IdentityError.TEAM_LAST_MANAGER({ organizationId });
  }
}

function toTeamMemberDto(m: Membership): TeamMemberDto {
  return {
    userId: m.userId,
    name: m.user!.name,
    email: m.user!.email,
    role: m.role,
    title: m.title,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import { managesWith, membershipsPathOf } from 'src/access/policy';
import { In } from 'typeorm';
import { AuthUser } from 'src/common/auth/auth-user';
import { RateLimiter } from 'src/common/rate-limiter';
import { AppConfig, Locale } from 'src/config/config';
import { APP_CONFIG } from 'src/config/config.module';
import { moveStatus } from 'src/database/move-status';
import { isUniqueViolation } from 'src/database/postgres-errors';
import { escapeLike } from 'src/database/sql';
import { Tx } from 'src/database/tx';
import {
  JoinableQueryDto,
  MembershipRequestDto,
  MyMembershipsDto,
  OrganizationRefDto,
  OwnMembershipRequestDto,
  RejectMembershipDto,
  RequestMembershipDto,
} from 'src/identity/dto/membership-request.dto';
import { IdentityError } from 'src/identity/identity.errors';
import { MembershipRequest } from 'src/identity/membership-request.entity';
import { MEMBERSHIP_REQUEST_LIFECYCLE } from 'src/identity/membership-request-status';
import { Membership } from 'src/identity/membership.entity';
import { Organization } from 'src/identity/organization.entity';
import { MEMBER_KINDS, MEMBERSHIP_ROLES } from 'src/identity/roles';
import { TeamService } from 'src/identity/team.service';
import { User } from 'src/identity/user.entity';
import { Outbox } from 'src/notifications/outbox';
import { reaching } from 'src/notifications/contact';

/** Requests a person may make in an hour: self-registered accounts make them, and each mails managers. */
export const MEMBERSHIP_REQUESTS_PER_HOUR = 10;

/**
 * Requests to be counted as a member of an institution or enterprise: an expert or an enterprise
 * asks, one of its managers approves (the membership `member` is made) or rejects; both sides are
 * told by message. One pending request per person and organization.
 */
@Injectable()
export class MembershipRequestsService {
  constructor(
    private readonly tx: Tx,
    private readonly teams: TeamService,
    private readonly outbox: Outbox,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(
    user: AuthUser,
    organizationId: string,
    input: RequestMembershipDto,
  ): Promise<OwnMembershipRequestDto> {
    await this.rateLimiter.consume(
      `membership-request:${user.id}`,
      MEMBERSHIP_REQUESTS_PER_HOUR,
      3600,
    );
    return this.tx.run(async (manager) => {
      const organization = await manager.findOneBy(Organization, { id: organizationId });
      if (!organization) throw IdentityError.ORGANIZATION_NOT_FOUND({ id: organizationId });
      if (!(MEMBER_KINDS as readonly string[]).includes(organization.kind))
        throw IdentityError.MEMBERSHIP_REQUEST_KIND({ kind: organization.kind });
      if (await manager.existsBy(Membership, { organizationId, userId: user.id }))
        throw IdentityError.MEMBERSHIP_ALREADY_MEMBER({ organizationId });
      let saved: MembershipRequest;
      try {
        saved = await manager.save(
          manager.create(MembershipRequest, {
            userId: user.id,
            organizationId,
            note: input.note || null,
            status: 'pending',
          }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_membership_request_pending'))
          throw IdentityError.MEMBERSHIP_REQUEST_PENDING({ organizationId });
        throw error;
      }
      await this.tellManagers(saved, organization, user);
      return toOwnDto({ ...saved, organization });
    });
  }

  /** The pending requests of an organization (its managers). */
  async pending(user: AuthUser, organizationId: string): Promise<MembershipRequestDto[]> {
    await this.teams.assertManages(user, organizationId);
    return this.pendingOf([organizationId]);
  }

  /** The pending requests of every organization whose team the user keeps. */
  async pendingManaged(user: AuthUser): Promise<MembershipRequestDto[]> {
    const managed = await this.teams.managed(user);
    return this.pendingOf(managed.map((o) => o.id));
  }

  async approve(
    user: AuthUser,
    organizationId: string,
    requestId: string,
  ): Promise<MembershipRequestDto> {
    return this.decide(user, organizationId, requestId, 'approved');
  }

  async reject(
    user: AuthUser,
    organizationId: string,
    requestId: string,
    input: RejectMembershipDto,
  ): Promise<MembershipRequestDto> {
    return this.decide(user, organizationId, requestId, 'rejected', input.reason || null);
  }

  /** Where the user belongs, and their requests still pending or rejected (newest first). */
  async mine(user: AuthUser): Promise<MyMembershipsDto> {
    const { manager } = this.tx;
    const memberships = await manager.find(Membership, {
      where: { userId: user.id },
      relations: { organization: true },
      order: { createdAt: 'ASC' },
    });
    const requests = await manager.find(MembershipRequest, {
      where: { userId: user.id, status: In(['pending', 'rejected']) },
      relations: { organization: true },
      order: { createdAt: 'DESC' },
    });
    return {
      memberships: memberships.map((m) => ({
        organization: refOf(m.organization!),
        role: m.role,
        title: m.title,
      })),
      requests: requests.map(toOwnDto),
    };
  }

  /** Institutions and enterprises whose name holds `q`, to ask to join. */
  async joinable(query: JoinableQueryDto): Promise<OrganizationRefDto[]> {
    const qb = this.tx.manager
      .createQueryBuilder(Organization, 'o')
      .where('o.kind IN (:...kinds)', { kinds: MEMBER_KINDS });
    if (query.q) qb.andWhere('o.name ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    const rows = await qb.orderBy('o.name').skip(query.offset).take(query.limit).getMany();
    return rows.map(refOf);
  }

  private async decide(
    user: AuthUser,
    organizationId: string,
    requestId: string,
    to: 'approved' | 'rejected',
    reason: string | null = null,
  ): Promise<MembershipRequestDto> {
    return this.tx.run(async (manager) => {
      const organization = await this.teams.assertManages(user, organizationId, true);
      const request = await manager.findOne(MembershipRequest, {
        where: { id: requestId, organizationId },
        relations: { user: true },
      });
      if (!request) throw IdentityError.MEMBERSHIP_REQUEST_NOT_FOUND({ id: requestId });
      if (request.userId === user.id) throw IdentityError.MEMBERSHIP_REQUEST_OWN({ id: requestId });
      const decidedAt = new Date();
      await moveStatus(manager, MembershipRequest, MEMBERSHIP_REQUEST_LIFECYCLE, {
        id: requestId,
        to,
        set: { decidedBy: user.id, decidedAt, reason },
      });
      if (to === 'approved')
        await manager
          .createQueryBuilder()
          .insert()
          .into(Membership)
          .values({ organizationId, userId: request.userId, role: 'member', title: null })
          .orIgnore()
          .execute();
      const decided = { ...request, status: to, decidedAt, reason, organization };
      await this.tellRequester(decided, request.user!);
      return toDto(decided);
    });
  }

  private async pendingOf(organizationIds: string[]): Promise<MembershipRequestDto[]> {
    if (organizationIds.length === 0) return [];
    const rows = await this.tx.manager.find(MembershipRequest, {
      where: { organizationId: In(organizationIds), status: 'pending' },
      relations: { user: true, organization: true },
      order: { createdAt: 'ASC' },
    });
    return rows.map(toDto);
  }

  private async tellManagers(
    request: MembershipRequest,
    organization: Organization,
    requester: AuthUser,
  ): Promise<void> {
    const managers = await this.tx.manager.find(Membership, {
      where: { organizationId: organization.id, role: In(MEMBERSHIP_ROLES.filter(managesWith)) },
      relations: { user: true },
    });
    await this.outbox.add(
      managers.flatMap(({ user }) =>
        reaching(user!, {
          idempotencyKey: `membership-request:${request.id}:${user!.id}`,
          template: 'membership-request',
          locale: user!.locale,
          subject: `membership-request:${request.id}`,
          data: {
            name: user!.name,
            requester: requester.name,
            requesterEmail: requester.email,
            organization: organization.name,
            note: request.note ?? '',
            reviewUrl: `${this.config.publicUrl}${membershipsPathOf(user!.roles)}`,
          },
        }),
      ),
    );
  }

  private async tellRequester(
    request: MembershipRequest & { organization: Organization },
    person: User,
  ): Promise<void> {
    const locale: Locale = person.locale;
    await this.outbox.add(
      reaching(person, {
        idempotencyKey: `membership-request:${request.id}:${request.status}`,
        template: 'membership-decision',
        locale,
        subject: `membership-request:${request.id}`,
        data: {
          name: person.name,
          organization: request.organization.name,
          approved: request.status === 'approved',
          reason: request.reason ?? '',
          url: `${this.config.publicUrl}${membershipsPathOf(person.roles)}`,
        },
      }),
    );
  }
}

function refOf(organization: Organization): OrganizationRefDto {
  return { id: organization.id, name: organization.name, kind: organization.kind };
}

function toOwnDto(row: MembershipRequest): OwnMembershipRequestDto {
  const { id, note, status, reason, createdAt, decidedAt } = row;
  return { id, organization: refOf(row.organization!), note, status, reason, createdAt, decidedAt };
}

function toDto(row: MembershipRequest): MembershipRequestDto {
  const { user } = row;
  return { ...toOwnDto(row), user: { id: user!.id, name: user!.name, email: user!.email } };
}

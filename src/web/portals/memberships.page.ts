import {
  MembershipRequestDto,
  MyMembershipsDto,
  OrganizationRefDto,
} from 'src/identity/dto/membership-request.dto';
import { MembershipRole } from 'src/identity/roles';

/**
 * What a portal's organizations page shows (pure): the reader's organizations with where each
 * stands (member, pending, rejected), the institutions and enterprises found by name with a
 * request form where one may still be sent, and, for the organizations the reader manages, the
 * requests waiting for a decision.
 */

export type MembershipStatus = 'member' | 'pending' | 'rejected';

export interface MembershipRow {
  organization: OrganizationRefDto;
  status: MembershipStatus;
  role?: MembershipRole;
  reason?: string | null;
  /** When it was asked (a request) . */
  since?: Date;
}

export interface FoundOrganization extends OrganizationRefDto {
  /** Where the reader stands with it already, if anywhere. */
  status?: MembershipStatus;
  /** A request may be sent (not a member, none pending). */
  requestable: boolean;
}

export interface ManagedRequests {
  organization: OrganizationRefDto;
  requests: MembershipRequestDto[];
}

export interface MembershipsPage {
  rows: MembershipRow[];
  q: string;
  found?: FoundOrganization[];
  managed: ManagedRequests[];
}

export function membershipsPage(
  mine: MyMembershipsDto,
  waiting: MembershipRequestDto[],
  q: string,
  found: OrganizationRefDto[] | undefined,
): MembershipsPage {
  const rows: MembershipRow[] = [
    ...mine.memberships.map((m) => ({
      organization: m.organization,
      status: 'member' as const,
      role: m.role,
    })),
    ...mine.requests.map((r) => ({
      organization: r.organization,
      status: r.status as MembershipStatus,
      reason: r.reason,
      since: r.createdAt,
    })),
  ];
  // A member or a pending request settles where one stands; a rejection leaves a new request open.
  const standing = new Map<string, MembershipStatus>();
  for (const row of rows)
    if (
      standing.get(row.organization.id) !== 'member' &&
      standing.get(row.organization.id) !== 'pending'
    )
      standing.set(row.organization.id, row.status);
  const managed = new Map<string, ManagedRequests>();
  for (const request of waiting) {
    const group = managed.get(request.organization.id) ?? {
      organization: request.organization,
      requests: [],
    };
    group.requests.push(request);
    managed.set(request.organization.id, group);
  }
  return {
    rows,
    q,
    found: found?.map((o) => {
      const status = standing.get(o.id);
      return { ...o, status, requestable: status === undefined || status === 'rejected' };
    }),
    managed: [...managed.values()],
  };
}

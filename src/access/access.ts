import { Injectable } from '@nestjs/common';
import {
  Action,
  can,
  Decision,
  Facts,
  holds,
  NO_FACTS,
  platformFacts,
  scopeOf,
  Subject,
  teamsOf,
} from 'src/access/policy';
import { Right } from 'src/access/rights';
import { AuthUser } from 'src/common/auth/auth-user';
import { Tx } from 'src/database/tx';
import { MEMBER_KINDS, TeamRole } from 'src/identity/roles';

/**
 * Answers "may this caller do this for that organization's events?" from the pure policy, with the
 * caller's facts loaded in one query through the caller's transaction (never a second connection
 * while the caller holds locks).
 */
@Injectable()
export class Access {
  constructor(private readonly tx: Tx) {}

  /** The caller's team roles and the organizations below them. */
  async factsOf(user: AuthUser | undefined): Promise<Facts> {
    if (!user) return NO_FACTS;
    const platform = platformFacts(user);
    if (platform.admin) return platform;
    const rows = await this.tx.query<{ id: string; role: TeamRole; below: boolean }[]>(
      `WITH RECURSIVE held AS (
         SELECT organization_id AS id, role, false AS below
           FROM membership WHERE user_id = $1 AND role <> 'member'
         UNION
         SELECT o.id, h.role, true FROM organization o JOIN held h ON o.parent_id = h.id
       )
       SELECT id, role, below FROM held`,
      [user.id],
    );
    const roles = new Map<string, TeamRole[]>();
    for (const row of rows.filter((r) => !r.below))
      roles.set(row.id, [...(roles.get(row.id) ?? []), row.role]);
    const below = new Set(rows.filter((r) => r.below).map((r) => r.id));
    return { ...platform, roles, below };
  }

  /**
   * Whether the person holds a team role in an organizing organization (they may open the
   * organizer's console). A manager of an institution or enterprise keeps its people, not events.
   */
  async inTeam(userId: string): Promise<boolean> {
    const [row] = await this.tx.query<{ found: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM membership m JOIN organization o ON o.id = m.organization_id
          WHERE m.user_id = $1 AND m.role <> 'member' AND o.kind <> ALL($2)
       ) AS found`,
      [userId, MEMBER_KINDS],
    );
    return row.found;
  }

  /** The policy's answer for the caller (see `can`). */
  async decide(user: AuthUser | undefined, action: Action, subject: Subject): Promise<Decision> {
    return can(await this.factsOf(user), action, subject);
  }

  async holds(user: AuthUser | undefined, right: Right, organizationId: string): Promise<boolean> {
    return holds(await this.factsOf(user), right, organizationId);
  }

  /** The organizations in which the caller holds a team role. */
  async teams(user: AuthUser | undefined): Promise<string[]> {
    return teamsOf(await this.factsOf(user));
  }

  /** The organizations over whose events the caller holds `right`: every one for an admin. */
  async scope(user: AuthUser | undefined, right: Right): Promise<'all' | string[]> {
    return scopeOf(await this.factsOf(user), right);
  }
}

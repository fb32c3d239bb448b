import { Right, ROLE_RIGHTS, SIGHT_RIGHTS } from 'src/access/rights';
import { TeamRole } from 'src/identity/roles';

/**
 * Who the caller is, as every access decision needs it: loaded once per question, in the caller's
 * transaction (AccessFacts).
 */
export interface Facts {
  /** A platform admin may do everything. */
  admin: boolean;
  /** The team roles the caller holds, by organization. */
  roles: ReadonlyMap<string, readonly TeamRole[]>;
  /** The organizations below those, with the role held above them (read-only sight). */
  below: ReadonlySet<string>;
}

export const NO_FACTS: Facts = { admin: false, roles: new Map(), below: new Set() };

/** Whether the caller holds `right` over the organization's events. */
export function holds(facts: Facts, right: Right, organizationId: string): boolean {
  if (facts.admin) return true;
  const roles = facts.roles.get(organizationId) ?? [];
  if (roles.some((role) => ROLE_RIGHTS[role].includes(right))) return true;
  return facts.below.has(organizationId) && SIGHT_RIGHTS.includes(right);
}

/** The organizations over whose events the caller holds `right`: every one for an admin. */
export function scopeOf(facts: Facts, right: Right): 'all' | string[] {
  if (facts.admin) return 'all';
  const own = [...facts.roles.entries()]
    .filter(([, roles]) => roles.some((role) => ROLE_RIGHTS[role].includes(right)))
    .map(([id]) => id);
  const seen = SIGHT_RIGHTS.includes(right) ? [...facts.below] : [];
  return [...new Set([...own, ...seen])];
}

import { Facts, holds, NO_FACTS, scopeOf } from 'src/access/policy';
import { Right, RIGHTS } from 'src/access/rights';
import { TEAM_ROLES, TeamRole } from 'src/identity/roles';

const CITY = 'city';
const DISTRICT = 'district';
const OTHER = 'other';

/** A person holding `role` in the city centre, which has one district below it. */
function cityTeam(role: TeamRole): Facts {
  return { admin: false, roles: new Map([[CITY, [role]]]), below: new Set([DISTRICT]) };
}

/** What each role may do in its own organization, below it, and elsewhere. */
const TABLE: Record<TeamRole, Record<'own' | 'below' | 'other', readonly Right[]>> = {
  manager: { own: ['manage', 'admit', 'review', 'figures'], below: ['figures'], other: [] },
  staff: { own: ['admit', 'figures'], below: ['figures'], other: [] },
  reviewer: { own: ['review', 'figures'], below: ['figures'], other: [] },
  viewer: { own: ['figures'], below: ['figures'], other: [] },
};

describe('the access policy', () => {
  const organizations = { own: CITY, below: DISTRICT, other: OTHER } as const;

  for (const role of TEAM_ROLES)
    for (const [where, organizationId] of Object.entries(organizations) as [
      keyof typeof organizations,
      string,
    ][])
      for (const right of RIGHTS) {
        const allowed = TABLE[role][where].includes(right);
        it(`${role} ${allowed ? 'holds' : 'does not hold'} ${right} over ${where} events`, () => {
          expect(holds(cityTeam(role), right, organizationId)).toBe(allowed);
        });
      }

  it('gives an admin every right everywhere, and an anonymous reader none', () => {
    const admin = { ...NO_FACTS, admin: true };
    for (const right of RIGHTS) {
      expect(holds(admin, right, OTHER)).toBe(true);
      expect(holds(NO_FACTS, right, CITY)).toBe(false);
      expect(scopeOf(admin, right)).toBe('all');
      expect(scopeOf(NO_FACTS, right)).toEqual([]);
    }
  });

  it('scopes lists the same way: managing stops at one’s own, figures reach below', () => {
    expect(scopeOf(cityTeam('manager'), 'manage')).toEqual([CITY]);
    expect(scopeOf(cityTeam('manager'), 'figures')).toEqual([CITY, DISTRICT]);
    expect(scopeOf(cityTeam('viewer'), 'manage')).toEqual([]);
    expect(scopeOf(cityTeam('staff'), 'admit')).toEqual([CITY]);
  });

  it('adds the rights of several roles held in one organization', () => {
    const both: Facts = {
      admin: false,
      roles: new Map([[CITY, ['viewer', 'staff']]]),
      below: new Set(),
    };
    expect(holds(both, 'admit', CITY)).toBe(true);
    expect(holds(both, 'manage', CITY)).toBe(false);
  });
});

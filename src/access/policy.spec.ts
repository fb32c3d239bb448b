import {
  Action,
  actsAs,
  can,
  Decision,
  foundingRole,
  Facts,
  holds,
  managesWith,
  NO_FACTS,
  scopeOf,
  Subject,
  teamsOf,
} from 'src/access/policy';
import { Right, RIGHTS } from 'src/access/rights';
import { Role, TEAM_ROLES, TeamRole } from 'src/identity/roles';

const CITY = 'city';
const DISTRICT = 'district';
const OTHER = 'other';
const ME = 'me';

/** A person holding `role` in the city centre, which has one district below it. */
function cityTeam(role: TeamRole): Facts {
  return {
    ...NO_FACTS,
    userId: ME,
    platform: ['organizer'],
    inTeam: true,
    roles: new Map([[CITY, [role]]]),
    below: new Set([DISTRICT]),
  };
}

const ADMIN: Facts = { ...NO_FACTS, userId: ME, admin: true, platform: ['admin'] };
const EXPERT: Facts = { ...NO_FACTS, userId: ME, platform: ['expert'] };

/** What each role may do in its own organization, below it, and elsewhere. */
const TABLE: Record<TeamRole, Record<'own' | 'below' | 'other', readonly Right[]>> = {
  manager: { own: ['manage', 'admit', 'review', 'figures'], below: ['figures'], other: [] },
  staff: { own: ['admit', 'figures'], below: ['figures'], other: [] },
  reviewer: { own: ['review', 'figures'], below: ['figures'], other: [] },
  viewer: { own: ['figures'], below: ['figures'], other: [] },
};
const organizations = { own: CITY, below: DISTRICT, other: OTHER } as const;
type Where = keyof typeof organizations;
const places = Object.entries(organizations) as [Where, string][];

describe('the access policy: rights by team role', () => {
  for (const role of TEAM_ROLES)
    for (const [where, organizationId] of places)
      for (const right of RIGHTS) {
        const allowed = TABLE[role][where].includes(right);
        it(`${role} ${allowed ? 'holds' : 'does not hold'} ${right} over ${where} events`, () => {
          expect(holds(cityTeam(role), right, organizationId)).toBe(allowed);
        });
      }

  it('gives an admin every right everywhere, and an anonymous reader none', () => {
    for (const right of RIGHTS) {
      expect(holds(ADMIN, right, OTHER)).toBe(true);
      expect(holds(NO_FACTS, right, CITY)).toBe(false);
      expect(scopeOf(ADMIN, right)).toBe('all');
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
    const both: Facts = { ...cityTeam('viewer'), roles: new Map([[CITY, ['viewer', 'staff']]]) };
    expect(holds(both, 'admit', CITY)).toBe(true);
    expect(holds(both, 'manage', CITY)).toBe(false);
  });

  it('names the organizations one is of the team of, not those below', () => {
    expect(teamsOf(cityTeam('viewer'))).toEqual([CITY]);
    expect(teamsOf(EXPERT)).toEqual([]);
  });

  it('keeps a team by its managers only', () => {
    expect(TEAM_ROLES.filter(managesWith)).toEqual(['manager']);
    expect(managesWith('member')).toBe(false);
  });
});

/** Every action on an event and what it stands for, by the event's visibility. */
const EVENT_ACTIONS: readonly Action[] = ['see', ...RIGHTS];
const VISIBILITIES = {
  public: { draft: false, closedDoor: false, invited: false },
  draft: { draft: true, closedDoor: false, invited: false },
  closedDoor: { draft: false, closedDoor: true, invited: false },
  closedDoorInvited: { draft: false, closedDoor: true, invited: true },
  draftInvited: { draft: true, closedDoor: true, invited: true },
} as const;

/** What a person without any right over the event is told, by its visibility. */
const OUTSIDER: Record<keyof typeof VISIBILITIES, Decision> = {
  public: 'forbidden',
  draft: 'not-found',
  closedDoor: 'not-found',
  closedDoorInvited: 'forbidden',
  draftInvited: 'not-found',
};

describe('the access policy: an event and everything of it', () => {
  for (const role of TEAM_ROLES)
    for (const [where, organizationId] of places)
      for (const [visibility, facts] of Object.entries(VISIBILITIES) as [
        keyof typeof VISIBILITIES,
        (typeof VISIBILITIES)[keyof typeof VISIBILITIES],
      ][])
        for (const action of EVENT_ACTIONS) {
          const subject: Subject = { kind: 'event', organizationId, ...facts };
          const rights = TABLE[role][where];
          const expected: Decision =
            rights.includes(action as Right) || (action === 'see' && rights.length > 0)
              ? 'allow'
              : rights.length > 0
                ? 'forbidden'
                : action === 'see' && OUTSIDER[visibility] === 'forbidden'
                  ? 'allow'
                  : OUTSIDER[visibility];
          it(`${role} of ${where}: ${action} a ${visibility} event → ${expected}`, () => {
            expect(can(cityTeam(role), action, subject)).toBe(expected);
          });
        }

  it('lets anyone see a public event and nobody anonymous see a closed door', () => {
    const event = (closedDoor: boolean, draft = false): Subject => ({
      kind: 'event',
      organizationId: OTHER,
      draft,
      closedDoor,
      invited: false,
    });
    expect(can(NO_FACTS, 'see', event(false))).toBe('allow');
    expect(can(NO_FACTS, 'manage', event(false))).toBe('forbidden');
    expect(can(NO_FACTS, 'see', event(true))).toBe('not-found');
    expect(can(ADMIN, 'manage', event(true, true))).toBe('allow');
  });
});

describe('the access policy: entries, organizations, people, the platform', () => {
  /** The registrants of an event of `eventOrganizationId` read as the co-host `organizationId`. */
  const coHost = (
    organizationId: string,
    named: boolean,
    eventOrganizationId = OTHER,
  ): Subject => ({
    kind: 'co_host',
    organizationId,
    named,
    eventOrganizationId,
  });
  const entry = (people: string[], organizationIds: string[]): Subject => ({
    kind: 'entry',
    people,
    organizationIds,
  });

  it.each<[string, Facts, Action, Subject, Decision]>([
    ['its owner reads it', EXPERT, 'see', entry([ME], []), 'allow'],
    ['its owner edits it', EXPERT, 'change', entry([ME], []), 'allow'],
    ['its owner does not curate it', EXPERT, 'manage', entry([ME], [CITY]), 'forbidden'],
    ['a stranger does not know it', EXPERT, 'see', entry(['other'], [CITY]), 'not-found'],
    [
      'its programme’s manager curates it',
      cityTeam('manager'),
      'manage',
      entry([], [CITY]),
      'allow',
    ],
    ['its programme’s viewer does not', cityTeam('viewer'), 'see', entry([], [CITY]), 'not-found'],
    ['nor its staff', cityTeam('staff'), 'manage', entry([], [CITY]), 'not-found'],
    [
      'brought to two programmes, one of them mine',
      cityTeam('manager'),
      'manage',
      entry([], [OTHER, CITY]),
      'allow',
    ],
    [
      'brought nowhere: no manager curates it',
      cityTeam('manager'),
      'manage',
      entry([], []),
      'not-found',
    ],
    ['nobody signed in', NO_FACTS, 'see', entry([], [CITY]), 'not-found'],
    [
      'the city does not curate a district’s',
      cityTeam('manager'),
      'change',
      entry([], [DISTRICT]),
      'not-found',
    ],
    [
      'another centre does not know it',
      cityTeam('manager'),
      'see',
      entry([], [OTHER]),
      'not-found',
    ],
    ['of no programme: its people and admins', ADMIN, 'manage', entry(['x'], []), 'allow'],
    [
      'a manager keeps the team',
      cityTeam('manager'),
      'change',
      { kind: 'organization', organizationId: CITY },
      'allow',
    ],
    [
      'a viewer does not',
      cityTeam('viewer'),
      'change',
      { kind: 'organization', organizationId: CITY },
      'not-found',
    ],
    [
      'nor a parent’s manager a child’s',
      cityTeam('manager'),
      'change',
      { kind: 'organization', organizationId: DISTRICT },
      'not-found',
    ],
    [
      'anyone sees an organization',
      EXPERT,
      'see',
      { kind: 'organization', organizationId: CITY },
      'allow',
    ],
    [
      'its member acts for it',
      EXPERT,
      'act',
      { kind: 'organization', organizationId: OTHER, member: true },
      'allow',
    ],
    [
      'a stranger does not',
      EXPERT,
      'act',
      { kind: 'organization', organizationId: OTHER, member: false },
      'forbidden',
    ],
    [
      'an admin acts for any',
      ADMIN,
      'act',
      { kind: 'organization', organizationId: OTHER },
      'allow',
    ],
    [
      'a co-host’s team reads as the co-host',
      cityTeam('viewer'),
      'see',
      coHost(CITY, true),
      'allow',
    ],
    ['its staff too', cityTeam('staff'), 'see', coHost(CITY, true), 'allow'],
    ['but changes nothing as it', cityTeam('manager'), 'change', coHost(CITY, true), 'forbidden'],
    [
      'no longer once the event stops naming it',
      cityTeam('manager'),
      'see',
      coHost(CITY, false),
      'not-found',
    ],
    [
      'another organization’s team does not know it',
      cityTeam('manager'),
      'see',
      coHost(OTHER, true),
      'not-found',
    ],
    [
      'nor the team above the co-host',
      cityTeam('manager'),
      'see',
      coHost(DISTRICT, true),
      'not-found',
    ],
    ['nor a plain expert', EXPERT, 'see', coHost(CITY, true), 'not-found'],
    [
      'the event’s managers read what its co-hosts read',
      cityTeam('manager'),
      'see',
      coHost(OTHER, true, CITY),
      'allow',
    ],
    ['but not its viewers', cityTeam('viewer'), 'see', coHost(OTHER, true, CITY), 'not-found'],
    [
      'nor as an organization the event does not name',
      cityTeam('manager'),
      'see',
      coHost(OTHER, false, CITY),
      'not-found',
    ],
    ['an admin reads as whichever co-host is named', ADMIN, 'see', coHost(OTHER, true), 'allow'],
    ['a manager lists people', cityTeam('manager'), 'see', { kind: 'users' }, 'allow'],
    ['a viewer does not', cityTeam('viewer'), 'see', { kind: 'users' }, 'forbidden'],
    ['an expert does not', EXPERT, 'see', { kind: 'users' }, 'forbidden'],
  ])('%s', (_, facts, action, subject, expected) => {
    expect(can(facts, action, subject)).toBe(expected);
  });

  it('makes an organization’s registrant its manager only when the platform made them an organizer', () => {
    expect(foundingRole({ id: ME, roles: ['organizer'] })).toBe('manager');
    expect(foundingRole({ id: ME, roles: ['admin'] })).toBe('manager');
    expect(foundingRole({ id: ME, roles: ['enterprise'], inTeam: true })).toBe('member');
    expect(foundingRole({ id: ME, roles: ['expert'] })).toBe('member');
  });

  it.each<[string, { id: string; roles: Role[]; inTeam?: boolean } | undefined, Role, boolean]>([
    ['an expert acts as an expert', { id: ME, roles: ['expert'] }, 'expert', true],
    ['an expert does not organize', { id: ME, roles: ['expert'] }, 'organizer', false],
    [
      'a team member opens the console',
      { id: ME, roles: ['expert'], inTeam: true },
      'organizer',
      true,
    ],
    [
      'a team member is no enterprise for it',
      { id: ME, roles: [], inTeam: true },
      'enterprise',
      false,
    ],
    ['an admin acts as anyone', { id: ME, roles: ['admin'] }, 'enterprise', true],
    ['nobody anonymous acts', undefined, 'expert', false],
  ])('%s', (_, user, role, allowed) => {
    expect(actsAs(user, role)).toBe(allowed);
  });
});

import { Facts, NO_FACTS } from 'src/access/policy';
import {
  canReadNeedDetails,
  canSeeNeed,
  curates,
  mayEdit,
  rangeProblems,
  seesUnavailableExperts,
} from 'src/catalog/catalog-rules';
import { Confidentiality } from 'src/catalog/catalog-kinds';

describe('catalog rules', () => {
  const A = 'district-a';
  const B = 'district-b';
  const team = (role: 'manager' | 'staff' | 'viewer', organizationId = A): Facts => ({
    admin: false,
    roles: new Map([[organizationId, [role]]]),
    below: new Set(),
  });

  it.each<[string, Facts, string[], boolean]>([
    ['an admin, of an item brought nowhere', { ...NO_FACTS, admin: true }, [], true],
    ['A’s manager, of an item brought to A', team('manager'), [A], true],
    ['A’s manager, of an item brought to A and B', team('manager'), [B, A], true],
    ['B’s manager, of an item brought to A', team('manager', B), [A], false],
    ['A’s manager, of an item brought nowhere', team('manager'), [], false],
    ['A’s staff, of an item brought to A', team('staff'), [A], false],
    ['A’s viewer, of an item brought to A', team('viewer'), [A], false],
    [
      'the city above A, of an item brought to A',
      { ...team('manager', 'city'), below: new Set([A]) },
      [A],
      false,
    ],
    ['nobody signed in', NO_FACTS, [A], false],
  ])('%s: curates %p', (_, facts, organizations, expected) => {
    expect(curates(facts, organizations)).toBe(expected);
  });

  it('lets the owner or a curator edit, nobody else', () => {
    const item = { ownerId: 'owner' };
    expect(mayEdit({ id: 'owner' }, item, false)).toBe(true);
    expect(mayEdit({ id: 'other' }, item, true)).toBe(true);
    expect(mayEdit({ id: 'other' }, item, false)).toBe(false);
    expect(mayEdit(undefined, item, false)).toBe(false);
  });

  it('lists unavailable experts to platform organizers and admins only', () => {
    expect(seesUnavailableExperts({ roles: ['organizer'] })).toBe(true);
    expect(seesUnavailableExperts({ roles: ['admin'] })).toBe(true);
    expect(seesUnavailableExperts({ roles: ['expert', 'enterprise'] })).toBe(false);
    expect(seesUnavailableExperts(undefined)).toBe(false);
  });

  it.each([
    [1, 2, []],
    [2, 2, []],
    [null, 5, []],
    [5, undefined, []],
    [3, 2, ['budgetMaxFen']],
  ])('range %p..%p gives problems on %p', (min, max, fields) => {
    expect(rangeProblems(min, max, 'budgetMaxFen').map((p) => p.field)).toEqual(fields);
  });

  const stranger = { entitled: false, matched: false };
  const matched = { entitled: false, matched: true };
  const owner = { entitled: true, matched: false };
  it.each<[Confidentiality, boolean, typeof stranger, boolean, boolean]>([
    // confidentiality, published, reader → sees it, reads details
    ['public', true, stranger, true, true],
    ['public', false, stranger, false, true],
    ['matched_only', true, stranger, true, false],
    ['matched_only', true, matched, true, true],
    ['organizers_only', true, matched, false, false],
    ['organizers_only', false, owner, true, true],
    ['matched_only', false, owner, true, true],
  ])(
    'a %s need (published %p) for %j: sees %p, details %p',
    (c, published, reader, sees, reads) => {
      const need = { confidentiality: c, published };
      expect(canSeeNeed(need, reader)).toBe(sees);
      expect(canSeeNeed(need, reader) && canReadNeedDetails(need, reader)).toBe(sees && reads);
    },
  );
});

import { canReadNeedDetails, canSeeNeed, mayEdit, rangeProblems } from 'src/catalog/catalog-rules';
import { Confidentiality } from 'src/catalog/catalog-kinds';

describe('catalog rules', () => {
  it('lets the owner or a curator edit, nobody else', () => {
    const item = { ownerId: 'owner' };
    expect(mayEdit({ id: 'owner' }, item, false)).toBe(true);
    expect(mayEdit({ id: 'other' }, item, true)).toBe(true);
    expect(mayEdit({ id: 'other' }, item, false)).toBe(false);
    expect(mayEdit(undefined, item, false)).toBe(false);
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

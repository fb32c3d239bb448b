import { coHostScope } from 'src/privacy/consent.entity';
import {
  coHostShares,
  consentsPart,
  registrantConsents,
  unnamedCoHosts,
} from 'src/registrations/registrant-consents';

const ORG = 'org-1';

describe('what a registrant consents to with their seat', () => {
  it('is the notice alone when no co-host is ticked', () => {
    expect(registrantConsents([])('reg-1')).toEqual([
      { person: { type: 'registration', id: 'reg-1' }, purpose: 'notice', scope: null },
    ]);
  });

  it('adds one separate consent per co-host ticked', () => {
    const grants = registrantConsents(['a', 'b'])('reg-1');
    expect(grants.map((g) => [g.purpose, g.scope])).toEqual([
      ['notice', null],
      ['share_contacts', coHostScope('a')],
      ['share_contacts', coHostScope('b')],
    ]);
    expect(coHostShares([])('reg-1')).toEqual([]);
  });

  it('writes them as one part numbered from its first parameter, only where the seat was taken', () => {
    const { ctes, params } = consentsPart(ORG, registrantConsents(['a'])('reg-1'))(5, 'seated');
    const named = [...new Set([...ctes.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))];
    expect(Math.min(...named)).toBe(5);
    expect(Math.max(...named)).toBe(5 + params.length - 1);
    expect(ctes.match(/WHERE seated/g)?.length).toBe(2); // the consents and their audit entries
    expect(params[0]).toContain(coHostScope('a'));
  });

  it('finds the ticked co-hosts the event does not name', () => {
    expect(unnamedCoHosts(['a', 'x'], ['a', 'b'])).toEqual(['x']);
    expect(unnamedCoHosts([], ['a'])).toEqual([]);
  });
});

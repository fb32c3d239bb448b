import { coHostScope } from 'src/privacy/consent.entity';
import {
  coHostShares,
  registrantConsents,
  unnamedCoHosts,
} from 'src/registrations/registrant-consents';

const ORG = 'org-1';

describe('what a registrant consents to with their seat', () => {
  it('writes the notice alone when no co-host is ticked', () => {
    const { ctes, params } = registrantConsents(ORG, [])('reg-1')(5, 'seated');
    expect(ctes.match(/_given AS/g)).toHaveLength(1);
    expect(ctes).not.toMatch(/,\s*$/);
    expect(params).toContain('notice');
    expect(params).not.toContain('share_contacts');
  });

  it('adds one separate consent per co-host, each part numbered on from the last', () => {
    const { ctes, params } = registrantConsents(ORG, ['a', 'b'])('reg-1')(5, 'seated');
    expect(ctes.match(/_given AS/g)).toHaveLength(3);
    expect(ctes).toContain('co_host_0_given');
    expect(ctes).toContain('co_host_1_given');
    // Every parameter the text names is one given, from $5 on, none twice.
    const named = [...new Set([...ctes.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))];
    expect(Math.min(...named)).toBe(5);
    expect(Math.max(...named)).toBe(5 + params.length - 1);
    expect(params).toContain(coHostScope('a'));
    expect(params).toContain(coHostScope('b'));
    // Nothing is written unless the seat was taken.
    expect(ctes.match(/WHERE seated/g)?.length).toBe(6);
  });

  it('has nothing to write for an invitee who ticked no co-host', () => {
    expect(coHostShares(ORG, [])('reg-1')(1, 'true')).toEqual({ ctes: '', params: [] });
  });

  it('finds the ticked co-hosts the event does not name', () => {
    expect(unnamedCoHosts(['a', 'x'], ['a', 'b'])).toEqual(['x']);
    expect(unnamedCoHosts([], ['a'])).toEqual([]);
  });
});

import { EventDto } from 'src/events/dto/event.dto';
import { OrganizationInSight } from 'src/identity/organization-tree';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { emptyFigures } from 'src/stats/figures';
import {
  branchPage,
  chosenOf,
  consoleScope,
  eventHref,
} from 'src/web/console/organizations/organizations.page';

/** Texts as their keys with the values filled in, so that the tests read what was asked for. */
const text = (key: string, values: Record<string, string | number> = {}) =>
  Object.keys(values).length ? `${key}(${JSON.stringify(values)})` : key;

const city: OrganizationInSight = { id: 'c', name: '市中心', parentId: null, below: false };
const a: OrganizationInSight = { id: 'a', name: 'A区', parentId: 'c', below: true };
const b: OrganizationInSight = { id: 'b', name: 'B区', parentId: 'c', below: true };

describe('the console’s organization switcher', () => {
  it('shows no switcher to a person with one organization', () => {
    expect(consoleScope([city], undefined, '/console', text)).toEqual({});
    expect(consoleScope([], undefined, '/console', text)).toEqual({});
  });

  it('offers all, then one’s own organizations, then those below marked so', () => {
    const { organizationId, switcher } = consoleScope([a, b, city], undefined, '/console', text);
    expect(organizationId).toBeUndefined();
    expect(switcher?.options).toEqual([
      { value: '', label: 'console.organizations.all', selected: true },
      { value: 'c', label: '市中心', selected: false },
      { value: 'a', label: 'console.organizations.below({"name":"A区"})', selected: false },
      { value: 'b', label: 'console.organizations.below({"name":"B区"})', selected: false },
    ]);
    expect(switcher?.next).toBe('/console');
    // The city has children: its view of them is linked.
    expect(switcher?.parents).toEqual([{ id: 'c', name: '市中心' }]);
  });

  it('keeps the chosen organization, and links only its own children’s view', () => {
    const toA = consoleScope([city, a, b], 'a', '/console/statistics', text);
    expect(toA.organizationId).toBe('a');
    expect(toA.switcher?.options.find((o) => o.selected)?.value).toBe('a');
    expect(toA.switcher?.parents).toEqual([]);
    expect(consoleScope([city, a, b], 'c', '/console', text).switcher?.parents).toEqual([
      { id: 'c', name: '市中心' },
    ]);
  });

  it('forgets a choice the person no longer sees (all of theirs again)', () => {
    expect(chosenOf('x', [city, a])).toBeUndefined();
    expect(chosenOf(undefined, [city, a])).toBeUndefined();
    expect(chosenOf('a', [city, a])).toBe('a');
    expect(consoleScope([city], 'a', '/console', text).organizationId).toBeUndefined();
  });
});

describe('an organization’s children', () => {
  const rollup = (held: number, registered: number, deals: number, valueFen: number) => {
    const totals = emptyFigures();
    totals.registered.total = registered;
    totals.dealsSince = { count: deals, valueFen };
    return { events: held, totals } as RollupDto;
  };
  const event = (id: string, status: EventDto['status'], organizationId = 'a') =>
    ({
      id,
      title: `活动${id}`,
      status,
      kind: 'salon',
      organizationId,
      startsAt: new Date('2026-10-20T06:00:00Z'),
    }) as EventDto;

  it('lists each child with its managers, its figures and its latest events', () => {
    const page = branchPage(
      {
        id: 'c',
        name: '市中心',
        parent: { id: 'p', name: '省中心' },
        children: [
          { id: 'a', name: 'A区', managers: ['王磊', '李娜'] },
          { id: 'b', name: 'B区', managers: [] },
        ],
      },
      [
        {
          events: { total: 3, latest: [event('e1', 'concluded'), event('e2', 'draft')] },
          rollup: rollup(2, 120, 1, 53_000_000_000),
        },
        { events: { total: 0, latest: [] }, rollup: rollup(0, 0, 0, 0) },
      ],
      { text, locale: 'zh-CN', managed: [] },
    );
    expect(page.title).toBe('console.organizations.title({"name":"市中心"})');
    expect(page.parent).toEqual({ id: 'p', name: '省中心' });
    expect(page.children.map((c) => [c.name, c.managers, c.events, c.held])).toEqual([
      ['A区', '王磊、李娜', 3, 2],
      ['B区', '', 0, 0],
    ]);
    const [ofA] = page.children;
    expect([ofA.registered, ofA.deals, ofA.value]).toEqual([120, 1, '5.3亿元']);
    expect(ofA.latest.map((e) => [e.id, e.href])).toEqual([
      ['e1', '/activities/e1'],
      ['e2', '/activities/e2'],
    ]);
  });

  it('leads a held event to its statistics only for a reader who manages it', () => {
    expect(eventHref(event('e1', 'concluded'), ['a'])).toBe('/console/events/e1/statistics');
    expect(eventHref(event('e1', 'archived'), 'all')).toBe('/console/events/e1/statistics');
    expect(eventHref(event('e1', 'concluded'), ['b'])).toBe('/activities/e1');
    expect(eventHref(event('e1', 'published'), ['a'])).toBe('/activities/e1');
  });
});

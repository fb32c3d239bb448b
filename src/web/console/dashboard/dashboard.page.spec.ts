import { EventDto } from 'src/events/dto/event.dto';
import { RegistrationDto } from 'src/registrations/dto/registration.dto';
import { RollupDto } from 'src/stats/dto/stats.dto';
import { emptyFigures } from 'src/stats/figures';
import { comingUp, yearFigures } from 'src/web/console/dashboard/dashboard.page';

const event = (id: string, fields: Partial<EventDto> = {}): EventDto =>
  ({
    id,
    title: `活动${id}`,
    kind: 'roadshow',
    startsAt: new Date('2027-04-16'),
    ...fields,
  }) as EventDto;

const registration = (name: string, at: string): RegistrationDto =>
  ({ id: name, name, status: 'confirmed', createdAt: new Date(at) }) as RegistrationDto;

/** Texts as their keys with the values filled in, so that the tests read what was asked for. */
const text = (key: string, values: Record<string, string | number> = {}) =>
  Object.keys(values).length ? `${key}(${JSON.stringify(values)})` : key;

describe('the organizer’s dashboard', () => {
  it('counts each coming event’s registrations and lists the latest of all, newest first', () => {
    const page = comingUp(
      [
        {
          event: event('a'),
          registrations: {
            items: [registration('周婷', '2027-03-01'), registration('王磊', '2027-03-05')],
            total: 7,
            limit: 10,
            offset: 0,
          },
        },
        {
          event: event('b'),
          registrations: {
            items: [registration('陈静', '2027-03-03')],
            total: 1,
            limit: 10,
            offset: 0,
          },
        },
      ],
      2,
    );
    expect(page.upcoming.map((e) => [e.id, e.registrations])).toEqual([
      ['a', 7],
      ['b', 1],
    ]);
    expect(page.recent.map((r) => [r.name, r.eventTitle])).toEqual([
      ['王磊', '活动a'],
      ['陈静', '活动b'],
    ]);
  });

  it('shows no registrations for an event of the reader’s organizations they do not manage', () => {
    const page = comingUp([{ event: event('a') }], 5);
    expect(page.upcoming.map((e) => [e.id, e.registrations])).toEqual([['a', null]]);
    expect(page.recent).toEqual([]);
  });

  it('sums up the year from its roll-up alone: kinds held, every quarter, money in 万元', () => {
    const q1 = emptyFigures();
    q1.registered.total = 40;
    q1.checkedIn = { ...q1.checkedIn, total: 30, industry: 20, academia: 10 };
    q1.dealsSince = { count: 2, valueFen: 5_300_000_000 };
    const rollup = {
      events: 3,
      totals: q1,
      summary: '本年度共举办活动3场。',
      kinds: [
        { key: 'roadshow', events: 2, figures: q1, deals: null },
        { key: 'precise_docking', events: 1, figures: emptyFigures(), deals: null },
      ],
      groups: [{ key: '2027Q1', events: 3, figures: q1, deals: null }],
    } as unknown as RollupDto;
    const figures = yearFigures(2027, rollup, { locale: 'zh-CN', text });
    expect(figures.totals).toEqual({
      events: 3,
      registered: 40,
      checkedIn: 30,
      deals: 2,
      value: '5300万元',
    });
    const [kinds, people, sectors, deals] = figures.charts;
    expect(kinds.title).toBe('console.dashboard.chartKinds({"year":2027})');
    // The kinds add up to the events held, as the figure beside them says.
    const byKind = Object.fromEntries(kinds.rows.map((r) => [r.label, Number(r.values[0])]));
    expect(byKind).toMatchObject({
      'kind.roadshow': 2,
      'kind.precise_docking': 1,
      'kind.salon': 0,
    });
    expect(Object.values(byKind).reduce((a, b) => a + b, 0)).toBe(3);
    // Every quarter, the empty ones too.
    expect(people.rows).toEqual([
      { label: 'console.dashboard.quarter({"q":"1"})', values: ['40', '30'] },
      { label: 'console.dashboard.quarter({"q":"2"})', values: ['0', '0'] },
      { label: 'console.dashboard.quarter({"q":"3"})', values: ['0', '0'] },
      { label: 'console.dashboard.quarter({"q":"4"})', values: ['0', '0'] },
    ]);
    expect(sectors.columns).toContain('sector.industry');
    expect(deals.rows.map((r) => r.values[0])).toEqual(['2', '0', '0', '0']);
  });
});

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

  it('sums up the year and charts its events by kind and its quarters', () => {
    const q1 = emptyFigures();
    q1.registered.total = 40;
    q1.checkedIn.total = 30;
    q1.dealsSince = { count: 2, valueFen: 5_300_000_000 };
    const rollup = {
      events: 3,
      totals: q1,
      summary: '本年度共举办活动3场。',
      groups: [
        { key: '2027-Q1', events: 3, figures: q1, deals: null },
        { key: '2027-Q2', events: 0, figures: null, deals: null },
      ],
    } as unknown as RollupDto;
    const figures = yearFigures(
      2027,
      rollup,
      [event('a'), event('b', { kind: 'precise_docking' }), event('c')],
      text,
    );
    expect(figures.totals).toEqual({
      events: 3,
      registered: 40,
      checkedIn: 30,
      deals: 2,
      value: 'console.dashboard.tenThousandYuan({"n":"5300.00"})',
    });
    const [kinds, registered, , deals] = figures.charts;
    expect(kinds.title).toBe('console.dashboard.chartKinds({"year":2027})');
    const byKind = Object.fromEntries(kinds.rows.map((r) => [r.label, r.value]));
    expect(byKind).toMatchObject({ 'kind.roadshow': 2, 'kind.precise_docking': 1 });
    expect(registered.rows.map((r) => [r.label, r.value])).toEqual([
      ['2027-Q1', 40],
      ['2027-Q2', 0],
    ]);
    expect(deals.rows.map((r) => r.value)).toEqual([2, 0]);
  });
});

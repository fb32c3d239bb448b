import { NeedDto } from 'src/catalog/dto/need.dto';
import { MeetingDto } from 'src/docking/dto/docking.dto';
import { dockingPage, tablesOf } from 'src/web/console/events/docking.page';

const at = (time: string) => new Date(`2027-04-20T${time}:00+08:00`);

const meeting = (fields: Partial<MeetingDto>): MeetingDto =>
  ({
    id: 'm1',
    requester: { userId: 'c1', name: '天府锂能' },
    counterpart: { userId: 'x1', name: '陈教授' },
    tableName: '1号桌',
    startsAt: at('10:00'),
    endsAt: at('10:30'),
    status: 'accepted',
    outcomes: [],
    ...fields,
  }) as MeetingDto;

const needs = [{ id: 'n1', title: '固态电池电解质' } as NeedDto];

describe('the docking schedule page', () => {
  it('lays the seated meetings out by table and time slot, the others apart', () => {
    const page = dockingPage(['1号桌', '2号桌'], needs, [
      meeting({ id: 'late', startsAt: at('11:00'), endsAt: at('11:30') }),
      meeting({}),
      meeting({ id: 'two', tableName: '2号桌' }),
      meeting({ id: 'loose', tableName: null }),
    ]);
    expect(page.grid.slots).toEqual([
      { startsAt: at('10:00'), endsAt: at('10:30') },
      { startsAt: at('11:00'), endsAt: at('11:30') },
    ]);
    expect(page.grid.rows.map((r) => [r.table, r.cells.map((c) => c.map((m) => m.id))])).toEqual([
      ['1号桌', [['m1'], ['late']]],
      ['2号桌', [['two'], []]],
    ]);
    expect(page.unseated.map((m) => m.id)).toEqual(['loose']);
    expect(page.tablesText).toBe('1号桌\n2号桌');
  });

  it('lets a meeting be called off while it can be, and names who recorded an outcome', () => {
    const page = dockingPage([], needs, [
      meeting({
        tableName: null,
        status: 'requested',
        outcomes: [{ userId: 'x1', outcome: 'valuable_contact', note: '' }],
      }),
      meeting({ id: 'over', tableName: null, status: 'cancelled' }),
    ]);
    expect(page.unseated.map((m) => [m.id, m.cancellable])).toEqual([
      ['m1', true],
      ['over', false],
    ]);
    expect(page.unseated[0].outcomes).toEqual([
      { userId: 'x1', outcome: 'valuable_contact', note: '', partyName: '陈教授' },
    ]);
  });

  it('shows the tables as typed when they were refused', () => {
    const refused = {
      tables: { form: { tables: 'T\nTT' }, problem: '', fields: {}, details: [], status: 400 },
    };
    expect(dockingPage(['1号桌'], [], [], refused).tablesText).toBe('T\nTT');
  });

  it('reads the tables one a line, leaving out blank lines', () => {
    expect(tablesOf(' 1号桌 \r\n\n2号桌\n')).toEqual(['1号桌', '2号桌']);
    expect(tablesOf(undefined)).toEqual([]);
  });
});

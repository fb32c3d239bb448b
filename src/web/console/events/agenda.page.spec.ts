import { AgendaDto, AgendaItemDto } from 'src/agenda/dto/agenda.dto';
import { agendaPage, movedStops, shownItem } from 'src/web/console/events/agenda.page';
import { RefusedForm } from 'src/web/forms';

const event = {
  id: 'e1',
  title: '校企双进·新材料专场',
  startsAt: new Date('2027-04-16T01:00:00Z'),
  endsAt: new Date('2027-04-16T09:00:00Z'),
  kind: 'roadshow',
};
const experts = [{ id: 'u1', name: '赵教授' }];

const item = (fields: Partial<AgendaItemDto>): AgendaItemDto =>
  ({
    id: 'i1',
    kind: 'roadshow',
    title: '硅碳负极',
    room: '主会场',
    startsAt: new Date('2027-04-16T02:00:00Z'),
    endsAt: new Date('2027-04-16T02:30:00Z'),
    presenters: [{ userId: 'u1', name: '赵教授' }],
    ...fields,
  }) as AgendaItemDto;

const agendaOf = (items: AgendaItemDto[]): AgendaDto => ({
  eventId: 'e1',
  publishedAt: null,
  changedSincePublished: false,
  items,
});

const refusal = (form: Record<string, unknown>): RefusedForm => ({
  form,
  problem: '该场地在此时间已有其他环节',
  fields: { room: '该场地在此时间已有其他环节' },
  details: [],
  status: 409,
  conflict: { title: '硅碳负极' },
});

describe('the agenda builder', () => {
  const timeZone = 'Asia/Shanghai';

  it('groups the items by room (in pinyin order, the ones without a room last), each in time order, the visit stops apart', () => {
    const page = agendaPage(
      event,
      {
        agenda: agendaOf([
          item({ id: 'late', startsAt: new Date('2027-04-16T05:00:00Z') }),
          item({ id: 'none', room: null }),
          item({ id: 'early' }),
          item({ id: 'side', room: '分会场' }),
          item({ id: 's1', kind: 'visit_stop', room: null }),
          item({ id: 's2', kind: 'visit_stop', room: null }),
        ]),
        experts,
        roomList: [],
      },
      { timeZone },
    );
    expect(page.rooms.map((r) => [r.room, r.items.map((i) => i.id)])).toEqual([
      ['分会场', ['side']],
      ['主会场', ['early', 'late']],
      [null, ['none']],
    ]);
    expect(page.rooms[1].items[0]).toMatchObject({
      startsAtInput: '2027-04-16T10:00',
      endsAtInput: '2027-04-16T10:30',
      presenterIdList: ['u1'],
    });
    expect(page.stops.map((s) => [s.id, s.first, s.last])).toEqual([
      ['s1', true, false],
      ['s2', false, true],
    ]);
  });

  it('offers a new item of 30 minutes from the event’s start or after the last item, or shows the refused one as typed with what was in the way', () => {
    const fresh = agendaPage(event, { agenda: agendaOf([]), experts, roomList: [] }, { timeZone });
    expect(fresh.itemForm).toEqual({
      action: '/console/events/e1/agenda',
      form: { startsAt: '2027-04-16T09:00', endsAt: '2027-04-16T09:30' },
    });
    const next = agendaPage(
      event,
      {
        agenda: agendaOf([item({}), item({ id: 'i2', endsAt: new Date('2027-04-16T03:15:00Z') })]),
        experts,
        roomList: [],
      },
      { timeZone },
    );
    expect(next.itemForm.form).toEqual({
      startsAt: '2027-04-16T11:15',
      endsAt: '2027-04-16T11:45',
    });
    const typed = { title: '圆桌', room: '主会场' };
    const refused = agendaPage(
      event,
      { agenda: agendaOf([]), experts, roomList: [] },
      {
        timeZone,
        refused: { add: refusal(typed) },
      },
    );
    expect(refused.itemForm).toMatchObject({
      action: '/console/events/e1/agenda',
      form: typed,
      fields: { room: '该场地在此时间已有其他环节' },
      conflict: { title: '硅碳负极' },
    });
  });

  it('edits an item from what it is, or as typed when refused', () => {
    const agenda = agendaOf([item({})]);
    const editing = agendaPage(
      event,
      { agenda: agenda, experts, roomList: [] },
      { timeZone, editing: 'i1' },
    );
    expect(editing.itemForm).toMatchObject({
      action: '/console/events/e1/agenda/i1',
      editing: { id: 'i1' },
      form: { title: '硅碳负极', startsAt: '2027-04-16T10:00', presenterIds: ['u1'] },
    });
    const typed = { title: '改过的标题' };
    const refused = agendaPage(
      event,
      { agenda: agenda, experts, roomList: [] },
      {
        timeZone,
        editing: 'i1',
        refused: { edit: refusal(typed) },
      },
    );
    expect(refused.itemForm.form).toEqual(typed);
  });

  it('moves a visit stop one place, but not past either end', () => {
    const items = ['a', 'b', 'c'].map((id) => item({ id, kind: 'visit_stop' }));
    expect(movedStops(items, 'b', 'up')).toEqual(['b', 'a', 'c']);
    expect(movedStops(items, 'b', 'down')).toEqual(['a', 'c', 'b']);
    expect(movedStops(items, 'a', 'up')).toBeUndefined();
    expect(movedStops(items, 'c', 'down')).toBeUndefined();
    expect(movedStops(items, 'x', 'up')).toBeUndefined();
  });

  it('shows the presenters ticked as a list, however the form sent them', () => {
    expect(shownItem({ title: 't', presenterIds: 'u1' })).toEqual({
      title: 't',
      presenterIds: ['u1'],
    });
    expect(shownItem({}).presenterIds).toEqual([]);
  });
});

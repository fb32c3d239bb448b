import {
  agendaChanges,
  agendaDiffers,
  agendaOrder,
  itemTimesProblem,
  newItemTimes,
  PublishedItem,
  roomKey,
  roomName,
} from 'src/agenda/agenda-rules';

const event = {
  startsAt: new Date('2027-05-20T01:00:00Z'),
  endsAt: new Date('2027-05-20T09:00:00Z'),
};
const at = (h: number) => new Date(Date.UTC(2027, 4, 20, h));

describe('agenda rules', () => {
  it.each([
    [1, 2, null],
    [8, 9, null],
    [0, 2, 'startsAt'],
    [8, 10, 'endsAt'],
    [3, 3, 'endsAt'],
    [4, 3, 'endsAt'],
  ])('an item from %p h to %p h: %p', (from, to, problem) => {
    expect(itemTimesProblem({ startsAt: at(from), endsAt: at(to) }, event)).toBe(problem);
  });

  it('puts a visit’s stops in their order, then the other items in time order', () => {
    const items = [
      { id: 'b', startsAt: at(3), position: null },
      { id: 'stop2', startsAt: at(1), position: 2 },
      { id: 'a', startsAt: at(2), position: null },
      { id: 'stop1', startsAt: at(5), position: 1 },
    ];
    expect([...items].sort(agendaOrder).map((i) => i.id)).toEqual(['stop1', 'stop2', 'a', 'b']);
  });
});

describe('rooms', () => {
  it.each([
    ['B座3楼路演厅', 'B座3楼路演厅', 'b座3楼路演厅'],
    ['B 座 3 楼路演厅', 'B 座 3 楼路演厅', 'b座3楼路演厅'],
    ['Ｂ座３楼路演厅', 'B座3楼路演厅', 'b座3楼路演厅'],
    ['  主会场\u3000 ', '主会场', '主会场'],
    ['Hall  A', 'Hall A', 'halla'],
  ])('"%s" is shown as "%s" and is the room "%s"', (typed, shown, key) => {
    expect([roomName(typed), roomKey(typed)]).toEqual([shown, key]);
  });
});

describe('a new item’s default times', () => {
  const during = {
    startsAt: new Date('2027-04-16T01:00:00Z'),
    endsAt: new Date('2027-04-16T09:00:00Z'),
  };
  const iso = ({ startsAt, endsAt }: { startsAt: Date; endsAt: Date }) => [
    startsAt.toISOString(),
    endsAt.toISOString(),
  ];
  it.each([
    [
      'the event’s start without items',
      [],
      ['2027-04-16T01:00:00.000Z', '2027-04-16T01:30:00.000Z'],
    ],
    [
      'after the item that ends last',
      ['2027-04-16T03:00:00Z', '2027-04-16T02:00:00Z'],
      ['2027-04-16T03:00:00.000Z', '2027-04-16T03:30:00.000Z'],
    ],
    [
      'the last half hour when the agenda is full',
      ['2027-04-16T09:00:00Z'],
      ['2027-04-16T08:30:00.000Z', '2027-04-16T09:00:00.000Z'],
    ],
  ])('at %s', (_, ends, expected) => {
    expect(
      iso(
        newItemTimes(
          ends.map((e) => ({ endsAt: new Date(e) })),
          during,
        ),
      ),
    ).toEqual(expected);
  });
});

describe('what registrants are told when the agenda is published again', () => {
  const published = (id: string, startsAt: string, roomId: string | null = 'r1') =>
    ({
      id,
      title: `环节${id}`,
      startsAt,
      endsAt: startsAt.replace('T10', 'T11').replace('T09', 'T10'),
      roomId,
      room: roomId && `场地${roomId}`,
      presenters: [] as PublishedItem['presenters'],
    }) as PublishedItem;
  it('names the items added, removed and moved in time or room, and nothing else', () => {
    const before = [
      published('a', '2027-05-20T09:00:00.000Z'),
      published('b', '2027-05-20T10:00:00.000Z'),
      published('c', '2027-05-20T10:00:00.000Z', 'r2'),
      published('d', '2027-05-20T09:00:00.000Z'),
    ];
    const after = [
      { ...before[0], title: '改了标题' },
      published('b', '2027-05-20T10:00:00.000Z', 'r3'),
      published('c', '2027-05-20T09:00:00.000Z', 'r2'),
      published('e', '2027-05-20T10:00:00.000Z'),
    ];
    expect(agendaChanges(before, after).map((c) => [c.change, c.item.title])).toEqual([
      ['moved', '环节c'],
      ['moved', '环节b'],
      ['added', '环节e'],
      ['removed', '环节d'],
    ]);
    expect(agendaChanges(before, before)).toEqual([]);
  });

  it('counts any change the public page would show as unpublished, a new title included', () => {
    const before = [
      published('a', '2027-05-20T09:00:00.000Z'),
      published('b', '2027-05-20T10:00:00.000Z'),
    ];
    expect(
      agendaDiffers(
        before,
        before.map((i) => ({ ...i })),
      ),
    ).toBe(false);
    // The same instant written otherwise is no change.
    expect(
      agendaDiffers(before, [{ ...before[0], startsAt: '2027-05-20T17:00:00+08:00' }, before[1]]),
    ).toBe(false);
    expect(agendaDiffers(before, [{ ...before[0], title: '改了标题' }, before[1]])).toBe(true);
    expect(agendaChanges(before, [{ ...before[0], title: '改了标题' }, before[1]])).toEqual([]);
    expect(
      agendaDiffers(before, [
        before[0],
        { ...before[1], presenters: [{ userId: 'u', name: '陈教授' }] },
      ]),
    ).toBe(true);
    expect(agendaDiffers(before, [before[0]])).toBe(true);
    expect(agendaDiffers(before, [before[0], published('c', '2027-05-20T10:00:00.000Z')])).toBe(
      true,
    );
  });
});

import { agendaOrder, itemTimesProblem } from 'src/agenda/agenda-rules';

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

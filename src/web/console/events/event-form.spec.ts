import { eventInput, formOf, questionRows } from 'src/web/console/events/event-form';
import { EventDto } from 'src/events/dto/event.dto';

describe('the event form', () => {
  const typed = {
    title: '校企双进·新材料专场',
    startsAt: '2027-04-16T09:00',
    endsAt: '2027-04-16T17:00',
    hosts: '成都市生产力促进中心\n四川大学',
    industryFields: '新材料、先进制造,电子信息',
    capacity: '120',
    venueRoom: '',
    'questions.0.id': 'topic',
    'questions.0.label': '关注方向',
    'questions.0.kind': 'single_choice',
    'questions.0.options': '储能, 光伏',
    'questions.0.required': 'on',
    'questions.1.id': '',
    'questions.1.label': '',
    'questions.1.kind': 'text',
    'questions.1.options': '',
    'questions.2.id': '',
    'questions.2.label': '希望对接的问题',
    'questions.2.kind': 'text',
    'questions.2.options': '',
  };

  it('reads Beijing wall-clock times, lists and question rows as the DTO expects', () => {
    expect(eventInput(typed, false, 'Asia/Shanghai')).toMatchObject({
      startsAt: '2027-04-16T01:00:00.000Z',
      endsAt: '2027-04-16T09:00:00.000Z',
      hosts: ['成都市生产力促进中心', '四川大学'],
      industryFields: ['新材料', '先进制造', '电子信息'],
      capacity: 120,
      questions: [
        {
          id: 'topic',
          label: '关注方向',
          kind: 'single_choice',
          options: ['储能', '光伏'],
          required: true,
        },
        { id: 'q1', label: '希望对接的问题', kind: 'text', required: false },
      ],
    });
  });

  it('clears emptied fields when editing, and leaves the seats to their own form', () => {
    const input = eventInput(typed, true, 'Asia/Shanghai');
    expect(input.venueRoom).toBeNull();
    expect(input.registrationOpensAt).toBeNull();
    expect(input).not.toHaveProperty('capacity');
  });

  it('shows an event again as typed, with blank question rows numbered after its own', () => {
    const form = formOf({
      hosts: ['四川大学'],
      coOrganizers: [],
      industryFields: ['新材料', '新能源'],
      capacity: null,
      startsAt: new Date('2027-04-16T01:00:00Z'),
      endsAt: new Date('2027-04-16T09:00:00Z'),
      registrationOpensAt: null,
      registrationClosesAt: null,
      timeZone: 'Asia/Shanghai',
      questions: [{ id: 'topic', label: '关注方向', kind: 'text', options: [], required: false }],
    } as unknown as EventDto);
    expect(form).toMatchObject({
      startsAt: '2027-04-16T09:00',
      registrationOpensAt: '',
      industryFields: '新材料、新能源',
      capacity: '',
    });
    expect(questionRows(form).map((row) => [row.n, row.label])).toEqual([
      [0, '关注方向'],
      [1, ''],
      [2, ''],
    ]);
  });

  it('reads and shows an event’s times in its own zone, not the platform’s', () => {
    const berlin = { startsAt: new Date('2027-04-16T08:00:00Z'), timeZone: 'Europe/Berlin' };
    const form = formOf({
      hosts: [],
      coOrganizers: [],
      industryFields: [],
      capacity: null,
      endsAt: new Date('2027-04-16T10:00:00Z'),
      registrationOpensAt: null,
      registrationClosesAt: null,
      questions: [],
      ...berlin,
    } as unknown as EventDto);
    expect(form.startsAt).toBe('2027-04-16T10:00');
    expect(eventInput({ startsAt: '2027-04-16T10:00' }, true, 'Europe/Berlin').startsAt).toBe(
      '2027-04-16T08:00:00.000Z',
    );
  });
});

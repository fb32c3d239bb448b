import { copyFormOf, copyInput, suggestedCopyDay } from 'src/web/console/events/event-copy';

const ZONE = 'Asia/Shanghai';
/** A Thursday 14:00 in Chengdu. */
const event = { startsAt: new Date('2026-12-17T06:00:00Z'), timeZone: ZONE };
const now = new Date('2026-12-07T02:00:00Z');

describe('copying an event to a new date', () => {
  it('offers the same weekday a week later, or a month on when that has passed', () => {
    expect(suggestedCopyDay(event.startsAt, ZONE, now)).toBe('2026-12-24');
    // Last year's Thursday: the first Thursday at least four weeks from today (a Monday).
    expect(suggestedCopyDay(new Date('2025-11-20T06:00:00Z'), ZONE, now)).toBe('2027-01-07');
    // The day is the event's own in its zone: 00:30 in Beijing is the day before in UTC.
    expect(suggestedCopyDay(new Date('2026-12-16T16:30:00Z'), ZONE, now)).toBe('2026-12-24');
    expect(copyFormOf(event, now)).toEqual({ copyDay: '2026-12-24', copyTime: '14:00' });
  });

  it('reads the day and time in the event’s zone as the copy’s new start', () => {
    expect(copyInput({ copyDay: '2027-01-07', copyTime: '09:30' }, event, now)).toEqual({
      input: { startsAt: '2027-01-07T01:30:00.000Z' },
      problems: [],
    });
    // A time left empty is the event's own.
    expect(copyInput({ copyDay: '2027-01-07', copyTime: '' }, event, now).input).toEqual({
      startsAt: '2027-01-07T06:00:00.000Z',
    });
    // Neither: the copy keeps the times.
    expect(copyInput({ copyDay: ' ', copyTime: '' }, event, now)).toEqual({
      input: {},
      problems: [],
    });
  });

  it('reports every problem at once, beside its field, in plain words', () => {
    const fields = (form: Record<string, string>) =>
      copyInput(form, event, now).problems.map((p) => [p.field, p.message['zh-CN']]);
    expect(fields({ copyDay: '2026-02-30', copyTime: '25:00' })).toEqual([
      ['copyDay', '请填写有效的日期，如 2027-05-18'],
      ['copyTime', '请填写有效的开始时间，如 14:00'],
    ]);
    // A past day with a mistyped time: both at once.
    expect(fields({ copyDay: '2026-03-02', copyTime: 'soon' })).toEqual([
      ['copyTime', '请填写有效的开始时间，如 14:00'],
      ['copyDay', '新活动的开始时间已经过去，请选择以后的日期'],
    ]);
    // Earlier today has passed too.
    expect(fields({ copyDay: '2026-12-07', copyTime: '09:00' })).toEqual([
      ['copyDay', '新活动的开始时间已经过去，请选择以后的日期'],
    ]);
    expect(fields({ copyDay: '', copyTime: '09:00' })).toEqual([
      ['copyDay', '请选择新活动的日期（不改时间请把日期和时间都清空）'],
    ]);
    expect(copyInput({ copyDay: 'next week' }, event, now).problems[0].message.en).toBe(
      'Please give the new date as a day, like 2027-05-18',
    );
  });
});
